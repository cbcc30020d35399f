"""What a source says about one title, before it becomes a registry entry (no I/O).

sources/ builds these from an API's answers; writing/sourced.py turns them into ``[[release]]``
tables (import) or compares them with an entry (refresh). Texts are already cleaned and
within the format's limits; dates are date forms (``"2027-05-07"``, ``"2027-03"``, ``"2027"``
or ``"TBA"``), calendar days as the source wrote them.
"""

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from release_countdown.core.model import MAIN_TYPES, Release

EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})
# The sources' names as the services spell them, in every message and note ("from TMDB");
# the keys are the names commands take (--source, refs, [release.ids] keys).
LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "tmdb": "TMDB",
        "musicbrainz": "MusicBrainz",
        "wikidata": "Wikidata",
        "tvmaze": "TVmaze",
        "igdb": "IGDB",
        "steam": "Steam",
    }
)
# [release.ids] keys that name a service but no source ("its IMDb id").
_ID_LABELS: Final = {**LABELS, "imdb": "IMDb", "tvdb": "TheTVDB"}


def label(key: str) -> str:
    """How messages name the source or id key ``key``: "tmdb" -> "TMDB"."""
    return _ID_LABELS.get(key, key)


class SourceDate(NamedTuple):
    region: str  # ISO 3166-1 alpha-2, or WW
    type: str  # one of model.DATE_TYPES
    date: str
    where: str | None = None
    note: str | None = None
    platform: str | None = None  # a game's platform as the source names it ("PS5")
    # False: a date the user's own list gave (Radarr's), not the source: written with no
    # ``origin``, as a date typed by hand (refresh never finds it "no longer listed").
    listed: bool = True


class SourceRecord(NamedTuple):
    source: str  # "tmdb", "musicbrainz", "wikidata"
    label: str  # how notes name it: "TMDB" (LABELS)
    ref: str  # "tmdb:movie/575264"
    title: str
    kind: str
    date: str
    aliases: tuple[str, ...] = ()
    people: Mapping[str, tuple[str, ...]] = EMPTY  # role -> names, in the source's order
    dates: tuple[SourceDate, ...] = ()
    page: str | None = None  # the human page on the source's site
    ids: Mapping[str, str] = EMPTY  # [release.ids] keys -> values
    # How ``date`` was chosen, REGION:TYPE (``headline_basis``); import records it, refresh
    # asks with it again.
    headline: str | None = None
    # The regions whose typed dates ``dates`` lists in full (None: every region): a typed
    # date of another region missing from ``dates`` was not asked about.
    covers: frozenset[str] | None = frozenset()
    season: int | None = None  # a series entry's season (one record per season)
    franchise: str | None = None  # the series of games or films it belongs to


class Candidate(NamedTuple):
    """One answer of a lookup."""

    ref: str
    title: str
    date: str | None
    kind: str
    people: Mapping[str, tuple[str, ...]] = EMPTY
    note: str | None = None  # what tells two candidates apart (original title, type)
    # Set when ``date`` may not be the date import would write, and why.
    date_note: str | None = None


class FetchOptions(NamedTuple):
    region: str = "US"  # whose theatrical date is a film's headline
    all_dates: bool = False  # keep every country's typed dates, not only the region's and US
    # A follow's listing asks from this day on (TMDB discover); a show's import, the seasons
    # not yet premiered on this day (core/seasons.upcoming).
    since: date | None = None
    # Regions whose typed dates the entry already holds from this source (refresh): kept
    # and compared too, so a GB date imported once is refreshed whatever the basis.
    regions: frozenset[str] = frozenset()
    # The platform whose date is the headline when a source dates a game by platform
    # (``[sources] platform``; core/platforms.preferring); None: the earliest.
    platform: str | None = None

    def keeps(self, region: str) -> bool:
        """The one rule of which countries' typed dates a source record keeps."""
        return self.all_dates or region in (self.region, "US") or region in self.regions

    def covered(self) -> frozenset[str] | None:
        """The regions a record answers for (``SourceRecord.covers``; None: every one)."""
        return None if self.all_dates else frozenset((self.region, "US")) | self.regions


def headline_basis(region: str, kind: str) -> str:
    """REGION:TYPE for a headline chosen in ``region`` (WW: not by region): the kind's main
    release type (a film's theatrical date; an album's first release, digital)."""
    return f"{region}:{(MAIN_TYPES.get(kind) or ('theatrical',))[0]}"


def basis_region(basis: str | None) -> str | None:
    """The region of a REGION:TYPE basis (None for none)."""
    return basis.partition(":")[0] if basis else None


def refresh_interval(release: Release, today: date) -> int | None:
    """Days between refreshes of ``release`` for ``refresh --due``: 1 within 30 days of its
    date, 7 within 180, 30 beyond, 14 when TBA; None (never) when it came out more than 30
    days ago."""
    first, last = release.date.earliest, release.date.latest
    if first is None or last is None:
        return 14
    if (today - last).days > 30:
        return None
    away = (first - today).days
    if away <= 30:
        return 1
    return 7 if away <= 180 else 30


def refresh_due(release: Release, today: date, *, named: bool = False) -> bool:
    """Whether ``refresh --due`` fetches ``release`` today (never checked: always)."""
    interval = refresh_interval(release, today)
    if interval is None:
        interval = 1 if named else None
    if interval is None:
        return False
    return release.checked is None or (today - release.checked).days >= interval
