"""Wikidata (www.wikidata.org, /w/api.php): films, albums and video games as items, no key.

Dates are P577 (publication date) statements at their precision (9 year, 10 month, 11 day);
deprecated statements are skipped, preferred ones win over normal ones. A P291 (place of
publication) qualifier names a country item, whose P297 is its ISO code: for a film such a
date is that country's theatrical date, and the chosen region's is the headline. People are
items too (P57 director, P86 composer, P58 screenwriter, P161 cast, P175 performer): their
labels, and the countries' codes, come from a second request (50 items at a time).

A video game (P31 Q7889) gets a typed date for each platform (P400 qualifier: the platform
item's label) in each place (P291: a country's code, WW when the statement names no place;
a place that is no country, a continent, counts for the headline only), of the type
``digital`` (the kind's first main type: Wikidata does not tell digital from boxed). Its
developers (P178) and publishers (P123) are people, its series (P179) the franchise; the
headline is the earliest date on ``[sources] platform`` (when it has one), the region's,
else a worldwide one, else any (core/platforms.headline_pool).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final, NamedTuple

from release_countdown.core.follow import Credit
from release_countdown.core.record import (
    LABELS,
    Candidate,
    FetchOptions,
    SourceDate,
    SourceRecord,
    headline_basis,
)
from release_countdown.registry.format import ID_FORMS
from release_countdown.sources import clean
from release_countdown.sources.http import Service

LABEL: Final = LABELS["wikidata"]
PAGE: Final = "https://www.wikidata.org/wiki/"
API: Final = "/w/api.php"
KINDS: Final = {
    "Q11424": "film", "Q24869": "film", "Q202866": "film", "Q226730": "film",
    "Q482994": "album", "Q4176708": "album", "Q208569": "album", "Q169930": "album",
    "Q5398426": "series", "Q7889": "game",
}  # fmt: skip
ROLES: Final = (("P57", "director"), ("P86", "composer"), ("P58", "writer"), ("P161", "cast"),
                ("P175", "artist"))  # fmt: skip
GAME_ROLES: Final = (("P178", "developer"), ("P123", "publisher"))
# The kinds a lookup without --kind shows (a search also finds people, places, books...).
FOUND: Final = ("film", "album", "game")
MAX_CAST: Final = 8
BATCH: Final = 50
_TIME: Final = re.compile(r"\+([0-9]{4})-([0-9]{2})-([0-9]{2})T")


class _Dated(NamedTuple):
    form: str  # "2027", "2027-05", "2027-05-07"
    sort: str  # for ordering: "2027-00-00" sorts before "2027-05-07"
    place: str | None  # a country item (the first P291)
    preferred: bool
    places: tuple[str, ...] = ()  # every P291 item
    platforms: tuple[str, ...] = ()  # every P400 item


def time_form(value: Any, where: str) -> tuple[str, str] | None:
    """A Wikidata time value as a date form and a sort key; None at a precision coarser than
    a year (a decade, a century); RefusedDate for a time the registry refuses (year 0,
    month 13, a negative year: the date gate, sources/clean.py)."""
    if not isinstance(value, dict):
        return None
    precision = value.get("precision")
    if precision not in (9, 10, 11):
        return None
    time = value.get("time")
    found = _TIME.match(time) if isinstance(time, str) else None
    if not found:
        raise clean.RefusedDate(f"{where}: {clean.text(str(time))!r} is not a date")
    year, month, day = found[1], found[2], found[3]
    if precision == 9:
        form = year
    elif precision == 10 or day == "00":
        form = f"{year}-{month}" if month != "00" else year
    else:
        form = f"{year}-{month}-{day}"
    return clean.date_form(form, where) or year, f"{year}-{month}-{day}"


def _statements(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    found = (entity.get("claims") or {}).get(prop) or []
    return [s for s in found if isinstance(s, dict) and s.get("rank") != "deprecated"]


def _value(statement: dict[str, Any]) -> Any:
    snak = statement.get("mainsnak") or {}
    if snak.get("snaktype") != "value":  # "somevalue" or "novalue": no datavalue
        return None
    return (snak.get("datavalue") or {}).get("value")


def _item(value: Any) -> str | None:
    ident = value.get("id") if isinstance(value, dict) else None
    return ident if isinstance(ident, str) and ID_FORMS["wikidata"][0].fullmatch(ident) else None


def _items(entity: dict[str, Any], prop: str) -> list[str]:
    return [i for s in _statements(entity, prop) if (i := _item(_value(s)))]


def _qualifiers(statement: dict[str, Any], prop: str) -> tuple[str, ...]:
    """The items of a statement's ``prop`` qualifiers ("somevalue" ones have no datavalue)."""
    snaks = (statement.get("qualifiers") or {}).get(prop) or []
    found = (_item((q.get("datavalue") or {}).get("value")) for q in snaks if isinstance(q, dict))
    return tuple(dict.fromkeys(i for i in found if i))


def _dates(entity: dict[str, Any], where: str) -> list[_Dated]:
    found = []
    for statement in _statements(entity, "P577"):
        when = time_form(_value(statement), f"{where}: P577")
        if when is None:
            continue
        places = _qualifiers(statement, "P291")
        found.append(
            _Dated(form=when[0], sort=when[1], place=next(iter(places), None),
                   preferred=statement.get("rank") == "preferred", places=places,
                   platforms=_qualifiers(statement, "P400"))
        )  # fmt: skip
    return sorted(found, key=lambda d: d.sort)


def _kind(entity: dict[str, Any]) -> str:
    return next((KINDS[i] for i in _items(entity, "P31") if i in KINDS), "other")


def _label(entity: dict[str, Any]) -> str | None:
    return clean.text(((entity.get("labels") or {}).get("en") or {}).get("value"))


def _entities(service: Service, ids: Iterable[str], props: str, ref: str) -> dict[str, Any]:
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Any] = {}
    for start in range(0, len(wanted), BATCH):
        params = {"action": "wbgetentities", "ids": "|".join(wanted[start : start + BATCH]),
                  "props": props, "languages": "en", "format": "json"}  # fmt: skip
        data = service.get(API, params, ref)
        if not isinstance(data, dict):
            raise clean.unexpected(LABEL, ref, TypeError("not an object"))
        if "error" in data:
            info = data["error"]
            if isinstance(info, dict) and info.get("code") == "no-such-entity":
                from release_countdown.core.errors import SourceNotFound

                raise SourceNotFound(f"{LABEL}: {ref}: not found (no such entity)")
        entities = data.get("entities")
        if not isinstance(entities, dict):  # a list, say: not what the API documents
            raise clean.unexpected(LABEL, ref, TypeError("entities is not an object"))
        found.update(entities)
    return found


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    ref = f"search {query!r}"
    params = {"action": "wbsearchentities", "search": query, "language": "en", "type": "item",
              "limit": "20", "format": "json"}  # fmt: skip
    try:
        hits = [h for h in service.get(API, params, ref)["search"] if _item(h)]
        entities = _entities(service, (h["id"] for h in hits), "labels|claims", ref) if hits else {}
        found = []
        for hit in hits:
            entity = entities.get(hit["id"]) or {}
            what = _kind(entity)
            if (kind and what != kind) or (not kind and what not in FOUND):
                continue
            try:
                dates = _dates(entity, LABEL)
            except clean.RefusedDate:
                dates = []  # a search shows no date; an import refuses it
            when, differs = dates[0].form if dates else None, None
            if what == "game" and dates:  # import's rule, without the places' countries
                when = _game_dates(dates, {}, {}, FetchOptions(region=""))[0]
                if any(d.places for d in dates):
                    differs = "import prefers your region's date where Wikidata gives one"
            if year is not None and not (when or "").startswith(str(year)):
                continue
            title = _label(entity) or clean.text(hit.get("label"))
            if title:
                found.append(
                    Candidate(f"wikidata:{hit['id']}", title, when, what,
                              note=clean.text(hit.get("description")), date_note=differs)
                )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    ref = f"wikidata:{ident}"
    try:
        entity = _entities(service, [ident], "labels|aliases|claims", ref).get(ident)
        if not isinstance(entity, dict) or "missing" in entity:
            from release_countdown.core.errors import SourceNotFound

            raise SourceNotFound(f"{LABEL}: {ref}: not found (no such item)")
        title = _label(entity)
        if title is None:
            raise ValueError("no English label")
        dates = _dates(entity, f"{LABEL}: {ref}")
        game = _kind(entity) == "game"
        roles = ROLES + (GAME_ROLES if game else ())
        people_ids = {role: _items(entity, prop) for prop, role in roles}
        people_ids["cast"] = people_ids["cast"][:MAX_CAST]
        wanted = [*(i for ids in people_ids.values() for i in ids)]
        for d in dates:
            wanted += [*d.places, *d.platforms] if game else [d.place] if d.place else []
        wanted += _items(entity, "P179")[:1] if game else []
        others = _entities(service, wanted, "labels|claims", ref) if wanted else {}
        return _record(
            entity, ident, title, dates, people_ids=people_ids, others=others, options=options
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def _country(entity: dict[str, Any]) -> str | None:
    for statement in _statements(entity, "P297"):
        code = clean.region(_value(statement))
        if code:
            return code
    return None


def _record(
    entity: dict[str, Any], ident: str, title: str, dates: list[_Dated], *,
    people_ids: dict[str, list[str]], others: dict[str, Any], options: FetchOptions,
) -> SourceRecord:  # fmt: skip
    from release_countdown.core.matching import fold

    kind = _kind(entity)
    regions = {p: _country(others.get(p) or {}) for d in dates for p in d.places}
    chosen = [d for d in dates if d.preferred] or dates
    local = [d for d in chosen if d.place and regions.get(d.place) == options.region]
    headline = (local or chosen)[0].form if chosen else "TBA"
    typed: list[SourceDate] = []
    franchise = None
    if kind == "game":
        headline, typed = _game_dates(dates, regions, others, options)
        franchise = next(
            (n for i in _items(entity, "P179") if (n := _label(others.get(i) or {}))), None
        )
    elif kind == "film":
        for d in dates:
            region = regions.get(d.place) if d.place else None
            if not region or not options.keeps(region):
                continue
            if (region, d.form) not in {(t.region, t.date) for t in typed}:
                typed.append(SourceDate(region, "theatrical", d.form))
    people = {
        role: clean.names([n for i in ids if (n := _label(others.get(i) or {}))])
        for role, ids in people_ids.items()
    }
    aliases = [
        a for item in (entity.get("aliases") or {}).get("en") or []
        if (a := clean.text(item.get("value"))) and fold(a) != fold(title)
    ]  # fmt: skip
    ids = {"wikidata": ident}
    imdb = next((v for s in _statements(entity, "P345") if isinstance(v := _value(s), str)), None)
    if imdb and ID_FORMS["imdb"][0].fullmatch(imdb):
        ids["imdb"] = imdb
    return SourceRecord(
        source="wikidata", label=LABEL, ref=f"wikidata:{ident}", title=title, kind=kind,
        date=headline, aliases=clean.names(aliases, 5),
        people={r: n for r, n in people.items() if n}, dates=tuple(typed), page=PAGE + ident,
        ids=ids, headline=headline_basis(options.region, kind),
        covers=options.covered(), franchise=franchise,
    )  # fmt: skip


def _game_dates(
    dates: list[_Dated], regions: dict[str, str | None], others: dict[str, Any],
    options: FetchOptions,
) -> tuple[str, list[SourceDate]]:  # fmt: skip
    """A game's headline and typed dates: one for each platform in each place of each
    statement (module docstring); the headline the earliest of core/platforms.headline_pool."""
    from release_countdown.core.model import MAIN_TYPES, WORLDWIDE
    from release_countdown.core.platforms import headline_pool

    played = [
        (d, region, platform)
        for d in dates
        for region in [regions.get(p) for p in d.places] or [WORLDWIDE]
        for platform in [_label(others.get(i) or {}) for i in d.platforms] or [None]
    ]
    pool = headline_pool(
        [p for p in played if p[0].preferred] or played, platform=options.platform,
        region=options.region, platform_of=lambda p: p[2], region_of=lambda p: p[1],
    )  # fmt: skip
    headline = min(pool, key=lambda p: p[0].sort)[0].form if pool else "TBA"
    typed: list[SourceDate] = []
    for d, region, platform in played:
        if region is None or not (region == WORLDWIDE or options.keeps(region)):
            continue  # a continent, say: no region of the registry's
        found = SourceDate(region, MAIN_TYPES["game"][0], d.form, platform=platform)
        if found not in typed:
            typed.append(found)
    return headline, typed


# --- follows: the works of a person, through the query service (SPARQL) -----------------------

ENTITY: Final = "http://www.wikidata.org/entity/"
# The properties a followed person is credited by, as the jobs TMDB names (so one --job
# filters every source).
CREDIT_JOBS: Final = {"P57": "Director", "P86": "Original Music Composer"}
_WORKS: Final = """SELECT ?work ?workLabel ?prop ?date ?precision ?rank ?class WHERE {{
  VALUES ?prop {{ wdt:P57 wdt:P86 }}
  ?work ?prop wd:{person} .
  OPTIONAL {{ ?work p:P577 ?statement . ?statement wikibase:rank ?rank ;
             psv:P577 [ wikibase:timeValue ?date ; wikibase:timePrecision ?precision ] . }}
  OPTIONAL {{ ?work wdt:P31 ?class . }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en" . }}
}}"""
_PREFERRED: Final = "http://wikiba.se/ontology#PreferredRank"
_DEPRECATED: Final = "http://wikiba.se/ontology#DeprecatedRank"


def credits(service: Service, ident: str, options: FetchOptions) -> list[Credit]:
    """The works whose director (P57) or composer (P86) is the person ``ident`` ("Q123"),
    asked of the query service (``service``: the SPARQL endpoint's), each with its P577 date
    at its precision (9: "2027", 10: "2027-05"; preferred statements win, deprecated ones
    are skipped; none: TBA). A work with only dates the date gate refuses, or coarser than
    a year, or without an English label, is left out."""
    ref = f"wikidata:{ident}"
    if not ID_FORMS["wikidata"][0].fullmatch(ident):
        raise service.fail(ref, "only a person's item (Q…) can be followed")
    data = service.get("", {"query": _WORKS.format(person=ident), "format": "json"}, ref)
    works: dict[str, dict[str, Any]] = {}
    try:
        for row in data["results"]["bindings"]:
            work = _bound(row, "work").removeprefix(ENTITY)
            if not ID_FORMS["wikidata"][0].fullmatch(work):
                continue
            seen = works.setdefault(work, {"title": None, "jobs": {}, "dates": {}, "kinds": {}})
            seen["title"] = seen["title"] or clean.text(_bound(row, "workLabel"))
            prop = _bound(row, "prop").rpartition("/")[2]
            seen["jobs"].setdefault(CREDIT_JOBS.get(prop), None)
            seen["kinds"].setdefault(KINDS.get(_bound(row, "class").removeprefix(ENTITY)), None)
            if _bound(row, "date") and _bound(row, "rank") != _DEPRECATED:
                precision = _bound(row, "precision")
                time = "+" + _bound(row, "date").lstrip("+")
                at = (time, int(precision) if precision.isdigit() else None)
                seen["dates"][at] = _bound(row, "rank") == _PREFERRED
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    found = []
    for work, seen in works.items():
        title, key = seen["title"], f"wikidata:{work}"
        if title is None or title == work:  # the label service names an unlabelled item by its id
            continue
        when = _credit_date(seen["dates"], f"{LABEL}: {ref}: {key}: P577")
        if when is None:
            continue
        kind = next((k for k in seen["kinds"] if k), "other")
        jobs = tuple(j for j in seen["jobs"] if j)
        found.append(Credit(key, title, kind, when, jobs=jobs))
    return found


def _bound(row: dict[str, Any], name: str) -> str:
    """A binding's value ("" when the variable is unbound), as SPARQL's JSON results give it."""
    value = (row.get(name) or {}).get("value", "")
    if not isinstance(value, str):
        raise TypeError(f"{name} is not a string")
    return value


def _credit_date(dates: dict[tuple[str, int | None], bool], where: str) -> str | None:
    """The earliest of the preferred dates, else of all: "TBA" for none at all, None when
    none is a date (refused, or coarser than a year)."""
    if not dates:
        return "TBA"
    kept: list[tuple[str, str]] = []
    for preferred in (True, False):
        for (time, precision), rank in dates.items():
            if rank is not preferred:
                continue
            try:
                when = time_form({"time": time, "precision": precision}, where)
            except clean.RefusedDate:
                continue
            if when is not None:
                kept.append((when[1], when[0]))
        if kept:
            return min(kept)[1]
    return None
