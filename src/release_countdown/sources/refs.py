"""Refs: where a title lives at a source, as users write them and as [release.ids] keeps them."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from release_countdown.core.errors import UsageError
from release_countdown.core.record import LABELS

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
FORMS: Final = (
    "tmdb:movie/ID",
    "musicbrainz:release-group/MBID",
    "wikidata:QID",
    "https://www.themoviedb.org/movie/ID-slug",
    "https://musicbrainz.org/release-group/MBID",
    "https://www.wikidata.org/wiki/QID",
)
_PATTERNS: Final = (
    ("tmdb", re.compile(r"tmdb:(?:movie/)?([1-9][0-9]{0,11})")),
    ("tmdb", re.compile(r"https?://(?:www\.)?themoviedb\.org/movie/([1-9][0-9]{0,11})(?:-[^/?#]*)?/?(?:[?#].*)?")),
    ("musicbrainz", re.compile(rf"musicbrainz:(?:release-group/)?({_UUID})")),
    ("musicbrainz", re.compile(rf"https?://(?:www\.)?musicbrainz\.org/release-group/({_UUID})/?(?:[?#].*)?")),
    ("wikidata", re.compile(r"wikidata:(Q[1-9][0-9]{0,11})", re.IGNORECASE)),
    ("wikidata", re.compile(r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]{0,11})/?(?:[?#].*)?")),
)  # fmt: skip


class Ref(NamedTuple):
    source: str  # "tmdb", "musicbrainz", "wikidata"
    ident: str  # as [release.ids] keeps it: "movie/575264", "release-group/…", "Q…"

    def __str__(self) -> str:
        return f"{self.source}:{self.ident}"


def parse_ref(text: str) -> Ref:
    """A ref from what a user typed or pasted; UsageError listing the forms otherwise."""
    given = text.strip()
    for source, pattern in _PATTERNS:
        found = pattern.fullmatch(given)
        if found:
            ident = found[1]
            if source == "tmdb":
                return Ref(source, f"movie/{ident}")
            if source == "musicbrainz":
                return Ref(source, f"release-group/{ident.lower()}")
            return Ref(source, ident.upper())
    raise UsageError(f"{given!r} is not a ref; the forms are: " + ", ".join(FORMS))


def ref_of_id(key: str, value: str) -> Ref | None:
    """The ref of an ``[release.ids]`` entry refresh can fetch from (imdb: none)."""
    return Ref(key, value) if key in LABELS else None
