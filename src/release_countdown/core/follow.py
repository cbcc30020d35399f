"""Follows: a person, franchise, studio or artist whose new titles arrive by themselves.

The registry's ``[[follow]]`` tables become ``Follow`` values (registry/checker.py); a source
lists what a followed ref is credited on as ``Credit`` values (sources/*.credits); the pure
rules here decide which credits a follow keeps (no I/O, no clock: ``today`` is passed in).
"""

from __future__ import annotations

import datetime
from typing import Final, Literal, NamedTuple, get_args

FollowMode = Literal["inbox", "add"]
FOLLOW_MODES: Final[tuple[FollowMode, ...]] = get_args(FollowMode)
# The refs a follow may name: source and the kind of thing followed ("tmdb:person/947").
FOLLOW_KINDS: Final = {
    "tmdb": ("person", "collection", "company"),
    "musicbrainz": ("artist",),
    "wikidata": ("",),  # wikidata:Q… (a person)
}
# What a release added by a follow records as its ``origin``: "follow:" + the follow's name.
ORIGIN_PREFIX: Final = "follow:"
CAST: Final = "cast"  # the job that keeps a person's cast credits
# The forms `follow add` takes, for messages (the web addresses people copy included).
REF_FORMS: Final = (
    "tmdb:person/ID", "tmdb:collection/ID", "tmdb:company/ID", "musicbrainz:artist/MBID",
    "wikidata:QID", "https://www.themoviedb.org/person/ID-name",
    "https://musicbrainz.org/artist/MBID",
)  # fmt: skip


def follow_ref(text: str) -> str | None:
    """The ref a follow keeps ("tmdb:person/947") for any form of REF_FORMS (a web address
    of one included), or None: the one rule of the registry's checker and `follow add`."""
    from release_countdown.core.refs import ref_parts

    found = ref_parts(text, FOLLOW_KINDS)
    return None if found is None else f"{found[0]}:{found[1]}"


class Follow(NamedTuple):
    """One ``[[follow]]`` table of a registry (built by keyword)."""

    name: str  # a slug, unique in the registry: "lorne-balfe"
    ref: str  # "tmdb:person/947", "musicbrainz:artist/MBID", "wikidata:Q123"
    jobs: tuple[str, ...] = ()  # TMDB crew jobs ("Original Music Composer") or "cast"
    types: tuple[str, ...] = ()  # MusicBrainz primary/secondary types ("album", "soundtrack")
    kinds: tuple[str, ...] = ()  # model.KINDS kept (none: every kind)
    since: datetime.date | None = None  # titles dated before are ignored
    tba: bool = True  # keep announced-but-undated titles
    mode: FollowMode = "inbox"
    ignore: tuple[str, ...] = ()  # refs dismissed, never proposed again
    line: int = 0  # where the table starts in its file (messages)

    @property
    def origin(self) -> str:
        return ORIGIN_PREFIX + self.name


class Credit(NamedTuple):
    """One title a followed ref is credited on, as a source lists it (texts already cleaned
    by sources/clean.py; ``date`` a registry date form or "TBA")."""

    ref: str  # the title's own ref: "tmdb:movie/123", "musicbrainz:release-group/MBID"
    title: str
    kind: str  # one of model.KINDS
    date: str
    jobs: tuple[str, ...] = ()  # every job of the followed ref on it ("Director", "cast")
    types: tuple[str, ...] = ()  # MusicBrainz primary and secondary types, lower case
