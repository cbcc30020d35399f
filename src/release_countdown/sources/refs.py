"""Refs: where a title lives at a source, as users write them and as [release.ids] keeps them."""

from __future__ import annotations

from typing import Final, NamedTuple

from release_countdown.core.errors import UsageError
from release_countdown.core.record import LABELS
from release_countdown.core.refs import ref_parts

FORMS: Final = (
    "tmdb:movie/ID",
    "musicbrainz:release-group/MBID",
    "wikidata:QID",
    "https://www.themoviedb.org/movie/ID-slug",
    "https://musicbrainz.org/release-group/MBID",
    "https://www.wikidata.org/wiki/QID",
    "igdb:game/ID",
    "steam:app/ID",
    "https://store.steampowered.com/app/ID/slug/",
)
# The kind of title each source's refs name (core/refs.py holds the rule of the forms).
KINDS: Final = {
    "tmdb": ("movie",), "musicbrainz": ("release-group",), "wikidata": ("",), "igdb": ("game",),
    "steam": ("app",),
}  # fmt: skip
_BARE: Final = {"tmdb": "movie", "musicbrainz": "release-group", "igdb": "game", "steam": "app"}


class Ref(NamedTuple):
    source: str  # "tmdb", "musicbrainz", "wikidata", "igdb", "steam"
    ident: str  # as [release.ids] keeps it: "movie/575264", "release-group/…", "Q…"

    def __str__(self) -> str:
        return f"{self.source}:{self.ident}"


def parse_ref(text: str) -> Ref:
    """A ref from what a user typed or pasted; UsageError listing the forms otherwise."""
    given = text.strip()
    found = ref_parts(given, KINDS, _BARE)
    if found is not None:
        return Ref(*found)
    raise UsageError(f"{given!r} is not a ref; the forms are: " + ", ".join(FORMS))


def ref_of_id(key: str, value: str) -> Ref | None:
    """The ref of an ``[release.ids]`` entry refresh can fetch from (imdb: none)."""
    return Ref(key, value) if key in LABELS else None
