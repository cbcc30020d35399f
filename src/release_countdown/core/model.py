"""The registry's domain model: frozen, validated values (no I/O, no rich, no typer)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

from release_countdown.core.dates import DateSpec

KINDS: Final = ("film", "album", "game", "series", "book", "other")
DATE_TYPES: Final = ("premiere", "limited", "theatrical", "streaming", "digital", "physical", "tv")
STATUSES: Final = ("upcoming", "today", "due", "released", "tba")
WORLDWIDE: Final = "WW"

# The release types that count as "the" release of each kind, best first (for --region).
MAIN_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    "film": ("theatrical",),
    "series": ("streaming", "tv"),
    "album": ("digital", "physical"),
    "game": ("digital", "physical"),
    "book": ("physical",),
    "other": (),
}


# The model is made of NamedTuples: immutable like frozen dataclasses, and several times
# cheaper to build, which matters when a registry holds 100,000 titles.

NO_PEOPLE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({})
NO_IDS: Final[Mapping[str, str]] = MappingProxyType({})


class TypedDate(NamedTuple):
    """A dated release of one type in one region (``WW`` for worldwide)."""

    region: str
    type: str
    date: DateSpec
    where: str | None = None
    announced: DateSpec | None = None
    note: str | None = None


class HistoryEntry(NamedTuple):
    """What was announced, and when: the release date (and title) in force from ``announced``."""

    date: DateSpec
    announced: DateSpec | None = None
    title: str | None = None
    note: str | None = None


class Release(NamedTuple):
    id: str
    title: str
    date: DateSpec
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    franchise: str | None = None
    announced: DateSpec | None = None
    checked: datetime.date | None = None
    sources: tuple[str, ...] = ()
    note: str | None = None
    people: Mapping[str, tuple[str, ...]] = NO_PEOPLE
    dates: tuple[TypedDate, ...] = ()
    # Ordered by announcement (unannounced first, then file order within a day).
    history: tuple[HistoryEntry, ...] = ()
    source: str = ""
    override: bool = False
    # Where the entry came from ([release.ids]: tmdb, wikidata, musicbrainz, imdb).
    ids: Mapping[str, str] = NO_IDS

    @property
    def announced_on(self) -> datetime.date | None:
        """The day the title counts as announced: ``announced``, else its earliest history entry."""
        if self.announced is not None:
            return self.announced.earliest
        days = [h.announced.earliest for h in self.history if h.announced and h.announced.earliest]
        return min(days) if days else None


def region_code(text: str) -> str:
    """An ISO 3166-1 alpha-2 code (or WW) in upper case; "UK" means GB. ValueError otherwise."""
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        raise ValueError(
            f"{text!r} is not a region code (expected ISO 3166-1 alpha-2 such as US or GB, or WW)"
        )
    return "GB" if code == "UK" else code
