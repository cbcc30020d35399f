"""The registry's domain model: frozen, validated values (no I/O, no rich, no typer)."""

import datetime
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Final, Literal, NamedTuple, get_args

from release_countdown.core.dates import DateSpec
from release_countdown.core.regions import COUNTRIES

# The closed sets of words, as types (mypy checks every literal) and as tuples (for messages,
# help and lookups). The format's predicates (registry/format.py) test membership here.
Kind = Literal["film", "album", "game", "series", "book", "other"]
DateType = Literal[
    "premiere", "limited", "theatrical", "streaming", "digital", "physical", "tv", "finale"
]
Status = Literal["upcoming", "today", "due", "released", "tba"]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
DATE_TYPES: Final[tuple[DateType, ...]] = get_args(DateType)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
WORLDWIDE: Final = "WW"

# Typed dates that never stand for a title's release in a region: a festival premiere, and
# the last episode of a season (its entry's date is the season's premiere).
NOT_RELEASES: Final = ("premiere", "finale")
# The release types that count as "the" release of each kind, best first (for --region).
MAIN_TYPES: Final[Mapping[str, tuple[str, ...]]] = {
    "film": ("theatrical",),
    "series": ("streaming", "tv"),
    "album": ("digital", "physical"),
    "game": ("digital", "physical"),
    "book": ("physical",),
    "other": (),
}


# Each code as one string object: a registry repeats its regions thousands of times.
_REGIONS: Final = {code: code for code in (*COUNTRIES, WORLDWIDE)}


def region_of(text: str) -> str | None:
    """The one region rule: the code ``text`` names as the model keeps it (an ISO 3166-1
    alpha-2 code, or WW for worldwide, in upper case), or None. Two ASCII letters, any case;
    "UK" is not ISO 3166-1 (GB is). The checker, the fast path, the cache decoder and
    ``region_code`` all ask here."""
    return _REGIONS.get(text.upper()) if len(text) == 2 and text.isascii() else None


def headline_of(text: str) -> str | None:
    """The one REGION:TYPE rule ("US:theatrical"): the text as the model keeps it (the
    region as region_of leaves it, a release type), or None. The checker, the fast path,
    the cache decoder and `--date-for` (cli/parsers.typed_date) ask here."""
    region, colon, kind = text.partition(":")
    code = region_of(region) if colon else None
    if code is None or kind not in DATE_TYPES:
        return None
    return f"{code}:{kind}"


# What a release added by a follow records as its ``origin``: "follow:" + the follow's name.
ORIGIN_PREFIX: Final = "follow:"

# The one name rule: a release's id, a follow's name (letters, digits, ".", "-", "_"; not
# starting with "_" or punctuation).
ID_PATTERN: Final = re.compile(r"[^\W_][\w.-]*")


# The one tag rule: lower-case ASCII words (letters, digits) joined by single hyphens.
TAG_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_TAG: Final = 50


def tag_of(text: str) -> str | None:
    """The one tag rule ("imax", "must-see"): the text as the model keeps it, or None. The
    checker, the fast path, the cache decoder and `--tag` (core/params.tag_value) ask here."""
    return text if len(text) <= MAX_TAG and TAG_PATTERN.fullmatch(text) else None


def origin_of(text: str) -> str | None:
    """The one origin rule ("follow:" + a follow's name, as ID_PATTERN allows): the text as
    the model keeps it, or None. The checker, the fast path and the cache decoder ask here."""
    name = text[len(ORIGIN_PREFIX) :]
    return text if text.startswith(ORIGIN_PREFIX) and ID_PATTERN.fullmatch(name) else None


# The model is made of NamedTuples: immutable like frozen dataclasses, and several times
# cheaper to build, which matters when a registry holds 100,000 titles.

NO_PEOPLE: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType({})
NO_IDS: Final[Mapping[str, str]] = MappingProxyType({})


class TypedDate(NamedTuple):
    """A dated release of one type in one region (``WW`` for worldwide)."""

    # As region_of leaves it (an ISO 3166-1 alpha-2 code or WW, upper case); the cache
    # decoder checks a stored region with it too.
    region: Annotated[str, region_of]
    type: DateType
    date: DateSpec
    where: str | None = None
    announced: DateSpec | None = None
    note: str | None = None
    # The source that listed this date ("tmdb"; import and refresh write it). Only such a
    # date can be found no longer listed: a date typed by hand has none.
    origin: str | None = None
    # The day refresh first found ``origin`` no longer listing this date (cleared when it
    # lists it again).
    unlisted: datetime.date | None = None
    # The platform this date is for (a game's "PS5", "PC"), as the source or the user wrote it.
    platform: str | None = None


class HistoryEntry(NamedTuple):
    """What was announced, and when: the release date (and title) in force from ``announced``."""

    date: DateSpec
    announced: DateSpec | None = None
    title: str | None = None
    note: str | None = None
    # How this entry's date was chosen ("US:theatrical"), written when it was chosen anew:
    # an entry whose basis differs from the one in force before it is a re-choice, not a
    # move (core/changes.py). Absent: the basis of the entry before it.
    headline: Annotated[str, headline_of] | None = None


class Release(NamedTuple):
    """One ``[[release]]`` of a registry, checked. Built by keyword: the cache codec
    (accel/cache.py) is derived from these fields and their types, so an optional field with
    a default needs no edit there."""

    id: str
    title: str
    date: DateSpec
    kind: Kind = "other"
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
    # How an imported entry's headline date was chosen, REGION:TYPE ("US:theatrical"):
    # refresh asks its source for the same choice, whatever region is in force.
    headline: Annotated[str, headline_of] | None = None
    # The follow that added the entry, "follow:" + its name ("follow:lorne-balfe"): `list
    # --follow NAME` finds what a follow brought.
    origin: Annotated[str, origin_of] | None = None
    # The title's own lead times in days, largest first (``lead = ["30d", "1d"]``): notify
    # reminds by these instead of the default. (): the default.
    lead: tuple[int, ...] = ()
    # Free labels ("imax", "must-see"), as tag_of keeps them, in the file's order.
    tags: tuple[Annotated[str, tag_of], ...] = ()
    # A series entry's season number (one entry per season: "Show — Season 2").
    season: int | None = None
    # What the parser learned of the entry's form, kept so that nothing reads the file again
    # (`check --strict`, `check`'s future days): the id was derived from the title (no
    # ``id`` key), and each history entry's index in the file (empty: file order already).
    derived_id: bool = False
    history_positions: tuple[int, ...] = ()


def region_code(text: str) -> str:
    """A region typed by a person (an option, a setting, a source's field): region_of after
    trimming, with "UK" taken as GB. ValueError otherwise, naming the code meant when it can
    tell (a country's name, or its first letters)."""
    code = text.strip()
    found = "GB" if code.upper() == "UK" else region_of(code)
    if found is not None:
        return found
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
