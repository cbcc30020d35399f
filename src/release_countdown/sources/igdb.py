"""IGDB (api.igdb.com, POST under /v4/ with an Apicalypse query; a Twitch token: twitch.py).

A game's ``release_dates`` become typed dates one to one, per platform and region: the
date format (``date_format.format``, else the older ``category``) says the precision, never
guessed from the timestamp: YYYYMMMMDD a day, YYYYMMMM a month, YYYY a year, YYYYQ1-Q4
"2027-Q3", TBD "TBA". IGDB tells no digital or physical: a platform's release is written as
type ``digital`` (a game's first main type). Regions: worldwide is WW; a country IGDB names
is its ISO code; North America is US (the registry's regions are countries, and IGDB's
North American date is the US one, Canada's the same day in practice); Europe and Asia
name no country: their dates count for the headline but are not kept as typed dates.

Headline: the earliest date of any region (``WW:digital``) on the ``[sources] platform``
preferred when the game has a date on it, else on any platform (core/platforms.preferring);
TBA when none is known. Companies credited as developer or publisher are those roles; the
main franchise (else the first, else the series, IGDB's "collection") is the entry's
franchise.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Final

from release_countdown.core.errors import SourceNotFound
from release_countdown.core.record import (
    LABELS,
    Candidate,
    FetchOptions,
    SourceDate,
    SourceRecord,
    headline_basis,
)
from release_countdown.sources import clean
from release_countdown.sources.http import Service

LABEL: Final = LABELS["igdb"]
PAGE: Final = "https://www.igdb.com/games/"
GAMES: Final = "/v4/games"
TYPE: Final = "digital"
# release_dates.date_format.format, and the older category enum (api-docs.igdb.com).
FORMATS: Final = ("YYYYMMMMDD", "YYYYMMMM", "YYYY", "YYYYQ1", "YYYYQ2", "YYYYQ3", "YYYYQ4", "TBD")
# release_region.region (release_date_regions), and the older region enum where every
# reference agrees (9 and 10 differ between them: read from release_region only).
REGIONS: Final = {
    "worldwide": "WW", "north_america": "US", "australia": "AU", "new_zealand": "NZ",
    "japan": "JP", "china": "CN", "korea": "KR", "brazil": "BR", "europe": None, "asia": None,
}  # fmt: skip
REGION_ENUM: Final = {
    1: "europe", 2: "north_america", 3: "australia", 4: "new_zealand", 5: "japan", 6: "china",
    7: "asia", 8: "worldwide",
}  # fmt: skip
FIELDS: Final = (
    "name", "slug", "url", "alternative_names.name", "franchise.name", "franchises.name",
    "collection.name", "collections.name", "involved_companies.company.name",
    "involved_companies.developer", "involved_companies.publisher", "release_dates.date",
    "release_dates.y", "release_dates.m", "release_dates.category",
    "release_dates.date_format.format", "release_dates.region",
    "release_dates.release_region.region", "release_dates.platform.abbreviation",
    "release_dates.platform.name",
)  # fmt: skip
SEARCH_LIMIT: Final = 15
MAX_ALIASES: Final = 5


def _quoted(text: str) -> str:
    """``text`` as an Apicalypse string: its quotes and backslashes become spaces (the
    grammar documents no escape)."""
    return '"' + " ".join(text.replace('"', " ").replace("\\", " ").split()) + '"'


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    """Games matching ``query`` (IGDB's search), each with the date import would write."""
    where = f" where release_dates.y = {year};" if year is not None else ""
    body = f"search {_quoted(query)}; fields {','.join(FIELDS)};{where} limit {SEARCH_LIMIT};"
    ref = f"search {query!r}"
    data = service.post(GAMES, body, ref)
    try:
        found = []
        for game in data:
            number, title = game["id"], clean.text(game.get("name"))
            if type(number) is not int or number <= 0 or title is None:
                continue
            try:
                dated, unread = _dates(game, f"{LABEL}: igdb:game/{number}"), None
            except clean.RefusedDate as exc:  # a search writes nothing: the others are shown
                dated, unread = [], str(exc)
            date = clean.earliest([form for _, form, _ in dated])
            platforms = clean.names([p for p, _, _ in dated if p])
            note = ", ".join(platforms) if platforms else None
            found.append(
                Candidate(f"igdb:game/{number}", title, None if date == "TBA" else date, "game",
                          people=_people(game), note=clean.text(note), date_note=unread)
            )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """The game ``ident`` ("game/1942") with its dates per platform and region."""
    ref = f"igdb:{ident}"
    number = ident.removeprefix("game/")
    data = service.post(GAMES, f"fields {','.join(FIELDS)}; where id = {number};", ref)
    if isinstance(data, list) and not data:
        raise SourceNotFound(f"{LABEL}: {ref}: not found (IGDB has no game {number})")
    try:
        return _record(data[0], ident, options, f"{LABEL}: {ref}")
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def _platform(dated: tuple[str | None, str, str]) -> str | None:
    return dated[0]


def _record(game: dict[str, Any], ident: str, options: FetchOptions, where: str) -> SourceRecord:
    from release_countdown.core.platforms import preferring

    title = clean.text(game["name"])
    if title is None:
        raise ValueError("no name")
    dated = _dates(game, where)
    kept: list[SourceDate] = []
    for platform, form, region in dated:
        code = REGIONS.get(region)
        if code is None or not (code == "WW" or options.keeps(code)):
            continue
        typed = SourceDate(code, TYPE, form, platform=platform)
        if typed not in kept:
            kept.append(typed)
    covers = options.covered()
    return SourceRecord(
        source="igdb",
        label=LABEL,
        ref=f"igdb:{ident}",
        title=title,
        kind="game",
        date=clean.earliest(
            [form for _, form, _ in preferring(dated, options.platform, _platform)]
        ),
        aliases=_aliases(game, title),
        people=_people(game),
        dates=tuple(kept),
        page=_page(game),
        ids={"igdb": ident},
        headline=headline_basis("WW", "game"),  # the first release anywhere
        covers=None if covers is None else covers | {"WW"},
        franchise=_franchise(game),
    )


def _dates(game: dict[str, Any], where: str) -> list[tuple[str | None, str, str]]:
    """(platform, date form, IGDB region name) of each release date, sorted by date."""
    found: list[tuple[str | None, str, str]] = []
    for item in game.get("release_dates") or []:
        form = _form(item, where)
        if form is None:
            continue
        platform = item.get("platform") if isinstance(item.get("platform"), dict) else {}
        name = clean.text(platform.get("abbreviation")) or clean.text(platform.get("name"))
        found.append((name, form, _region(item)))
    return sorted(found, key=lambda d: (clean.date_order(d[1]), d[0] or "", d[2]))


def _region(item: dict[str, Any]) -> str:
    named = item.get("release_region")
    if isinstance(named, dict) and isinstance(named.get("region"), str):
        return str(named["region"])
    number = item.get("region")
    return REGION_ENUM.get(number, "") if type(number) is int else ""


def _form(item: dict[str, Any], where: str) -> str | None:
    """A release date as the registry's form at IGDB's precision; None for an unknown format
    (left out), RefusedDate for a date the gate refuses."""
    named = item.get("date_format")
    shape = named.get("format") if isinstance(named, dict) else None
    category = item.get("category")
    if shape is None and type(category) is int and 0 <= category < len(FORMATS):
        shape = FORMATS[category]
    if shape not in FORMATS:
        return None
    if shape == "TBD":
        return "TBA"
    year, month = item.get("y"), item.get("m")
    stamp = item.get("date")
    try:
        day = datetime.fromtimestamp(stamp, timezone.utc).date() if type(stamp) is int else None
    except (OverflowError, OSError) as exc:  # a timestamp no calendar holds
        raise ValueError(f"date {stamp} is out of range") from exc
    if type(year) is not int:
        year = day.year if day is not None else None
    if type(month) is not int:
        month = day.month if day is not None else None
    if shape == "YYYYMMMMDD":
        text: Any = day.isoformat() if day is not None else None
    elif shape == "YYYYMMMM":
        text = f"{year:04d}-{month:02d}" if year is not None and month is not None else None
    elif year is None:
        text = None
    else:
        text = f"{year:04d}" + (f"-Q{shape[-1]}" if shape.startswith("YYYYQ") else "")
    return clean.date_form(text, f"{where}: release_dates", quarters=True) or None


def _people(game: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {"developer": [], "publisher": []}
    for item in game.get("involved_companies") or []:
        company = item.get("company")
        name = clean.text(company.get("name")) if isinstance(company, dict) else None
        for role, names in roles.items():
            if name and item.get(role) is True:
                names.append(name)
    return {role: clean.names(names) for role, names in roles.items() if names}


def _franchise(game: dict[str, Any]) -> str | None:
    for key in ("franchise", "franchises", "collection", "collections"):
        value = game.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and (name := clean.text(item.get("name"))):
                return name
    return None


def _aliases(game: dict[str, Any], title: str) -> tuple[str, ...]:
    from release_countdown.core.matching import fold

    names = [n for item in game.get("alternative_names") or []
             if isinstance(item, dict) and (n := clean.text(item.get("name")))]  # fmt: skip
    return clean.names([n for n in names if fold(n) != fold(title)], MAX_ALIASES)


def _page(game: dict[str, Any]) -> str | None:
    url = game.get("url")
    if isinstance(url, str) and url.startswith(PAGE) and clean.text(url) == url:
        return url
    slug = game.get("slug")
    if isinstance(slug, str) and slug and all(c.isalnum() or c == "-" for c in slug):
        return PAGE + slug
    return None
