"""Follows: a person, franchise, studio or artist whose new titles arrive by themselves.

The registry's ``[[follow]]`` tables become ``Follow`` values (registry/checker.py); a source
lists what a followed ref is credited on as ``Credit`` values (sources/*.credits); the pure
rules here decide which credits a follow keeps (no I/O, no clock: ``today`` is passed in).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from typing import Final, Literal, NamedTuple, get_args

from release_countdown.core.model import ORIGIN_PREFIX

FollowMode = Literal["inbox", "add"]
FOLLOW_MODES: Final[tuple[FollowMode, ...]] = get_args(FollowMode)
# The refs a follow may name: source and the kind of thing followed ("tmdb:person/947").
FOLLOW_KINDS: Final = {
    "tmdb": ("person", "collection", "company"),
    "musicbrainz": ("artist",),
    "wikidata": ("",),  # wikidata:Q… (a person)
    "tvmaze": ("show",),  # a show: its seasons arrive (core/seasons.py)
}
CAST: Final = "cast"  # the job that keeps a person's cast credits
# The forms `follow add` takes, for messages (the web addresses people copy included).
REF_FORMS: Final = (
    "tmdb:person/ID", "tmdb:collection/ID", "tmdb:company/ID", "musicbrainz:artist/MBID",
    "wikidata:QID", "https://www.themoviedb.org/person/ID-name",
    "https://musicbrainz.org/artist/MBID", "tvmaze:show/ID",
    "https://www.tvmaze.com/shows/ID/slug",
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


class Credits(list[Credit]):
    """A source's listing of what a followed ref is credited on, with what the source says of
    the ref itself: ``ended`` when nothing more will come (a show TVmaze says has ended)."""

    ended: str | None = None


class InboxEntry(NamedTuple):
    """A title a follow proposes (mode inbox), or a row of a list `import --from` brought,
    waiting in the inbox to be accepted or dismissed (writing/inbox.py keeps them)."""

    ref: str  # the title's ref, as Credit.ref (a row not resolved: LIST:SLUG, see reason)
    title: str
    kind: str
    date: str  # a registry date form or "TBA"
    follow: str  # the follow's name ("" for a list's row)
    seen: datetime.date  # the day a check first proposed it
    # A list's row: the list it came from ("letterboxd watchlist.csv:12"); None for a follow.
    source: str | None = None
    # Why a list's row has no ref to import ('no TMDB match for "Blade" (1998)'); None when
    # it has one.
    reason: str | None = None


def proposed(follow: Follow, credits: Iterable[Credit], today: datetime.date) -> list[InboxEntry]:
    """The inbox entries of credits ``follow`` kept, first seen ``today``."""
    return [
        InboxEntry(
            ref=c.ref, title=c.title, kind=c.kind, date=c.date, follow=follow.name, seen=today
        )
        for c in credits
    ]


def kept(
    follow: Follow, credits: Iterable[Credit], today: datetime.date, known_refs: Collection[str]
) -> list[Credit]:
    """The credits ``follow`` takes, in the order given, each title once: a job, type and kind
    the follow names (when it names any); dated on or after ``since`` and not yet released,
    or undated when ``tba``; not among ``known_refs`` (already in the registry, by id or
    linked, or in the inbox) nor ``ignore``. The same title listed twice (Director and
    Writer) is one credit with both jobs and types."""
    from release_countdown.core.dates import parse_date_text
    from release_countdown.core.standing import status_of

    jobs = {job.casefold() for job in follow.jobs}
    types = {kind.casefold() for kind in follow.types}
    skip = set(known_refs) | set(follow.ignore)
    merged: dict[str, Credit] = {}
    for credit in credits:
        earlier = merged.get(credit.ref)
        merged[credit.ref] = credit if earlier is None else _merged(earlier, credit)
    found: list[Credit] = []
    for credit in merged.values():
        if credit.ref in skip:
            continue
        if jobs and not jobs & {job.casefold() for job in credit.jobs}:
            continue
        if types and not types & {kind.casefold() for kind in credit.types}:
            continue
        if follow.kinds and credit.kind not in follow.kinds:
            continue
        try:
            spec = parse_date_text(credit.date)
        except ValueError:
            continue  # sources/clean lets no such date through; never guess one
        if spec.tba:
            if not follow.tba:
                continue
        elif status_of(spec, today) == "released" or (
            follow.since is not None and spec.latest is not None and spec.latest < follow.since
        ):
            continue
        found.append(credit)
    return found


def _merged(first: Credit, second: Credit) -> Credit:
    """One title listed twice: the first listing, with the jobs and types of both."""
    return first._replace(
        jobs=tuple(dict.fromkeys(first.jobs + second.jobs)),
        types=tuple(dict.fromkeys(first.types + second.types)),
    )


def display_name(name: str) -> str:
    """How words about a follow name it: its slug as a name ("lorne-balfe" → "Lorne Balfe")."""
    return " ".join(word[:1].upper() + word[1:] for word in name.split("-") if word)
