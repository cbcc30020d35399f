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
    """An ISO 3166-1 alpha-2 code (or WW) in upper case; "UK" means GB. ValueError otherwise,
    naming the code meant when it can tell (a country's name, or its first letters)."""
    from release_countdown.core.regions import COUNTRIES

    code = text.strip().upper()
    if code == "UK":
        return "GB"
    if code == WORLDWIDE or code in COUNTRIES:
        return code
    message = f"{text!r} is not an ISO 3166-1 alpha-2 country code (or WW for worldwide)"
    meant = _meant_region(text.strip(), COUNTRIES)
    raise ValueError(f"{message}; did you mean {meant}?" if meant else message)


def _meant_region(text: str, countries: Mapping[str, str]) -> str | None:
    import difflib

    from release_countdown.core.matching import fold

    asked = fold(text)
    if asked in ("eu", "int", "world", "worldwide", "all", "global"):
        return WORLDWIDE
    by_name = {fold(name): code for code, name in countries.items()}
    if len(asked) > 2:
        close = difflib.get_close_matches(asked, list(by_name), n=1, cutoff=0.75)
        code = by_name[close[0]] if close else None
    else:
        starting = [code for name, code in by_name.items() if name.startswith(asked)]
        code = starting[0] if len(starting) == 1 else None
    return f"{code} ({countries[code]})" if code else None
