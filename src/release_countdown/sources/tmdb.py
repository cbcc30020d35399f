"""TMDB (api.themoviedb.org, paths under /3/): films, their dates per country and type.

Headline date policy: the theatrical date (type 3) in the chosen region; else the earliest
limited or theatrical date anywhere; else the earliest of any type but premiere; else the
earliest premiere. A festival premiere never makes a title released while a later public
date is known. When every date TMDB gives is January 1 of one year, the year is meant (its
editors enter YYYY-01-01 when only the year is known).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Final, NamedTuple

from release_countdown.core.follow import CAST, Credit
from release_countdown.core.record import (
    LABELS,
    Candidate,
    FetchOptions,
    SourceDate,
    SourceRecord,
    headline_basis,
)
from release_countdown.registry.format import ID_FORMS
from release_countdown.sources import clean, tmdb_tv
from release_countdown.sources.http import Service

LABEL: Final = LABELS["tmdb"]
PAGE: Final = "https://www.themoviedb.org/movie/"
TYPES: Final = {1: "premiere", 2: "limited", 3: "theatrical", 4: "digital", 5: "physical", 6: "tv"}
ROLES: Final = {
    "Director": "director",
    "Original Music Composer": "composer",
    "Music": "composer",
    "Screenplay": "writer",
    "Writer": "writer",
}
ROLE_ORDER: Final = ("director", "composer", "writer", "cast")
MAX_CAST: Final = 8
ALIAS_REGIONS: Final = ("US", "GB")
MAX_ALIASES: Final = 5


class _Dated(NamedTuple):
    day: date
    region: str
    type: int
    note: str | None


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    if kind == "series":
        return tmdb_tv.lookup(service, query, year)
    params = {"query": query, "include_adult": "false", "language": "en-US", "page": "1"}
    if year is not None:
        params["primary_release_year"] = str(year)
    ref = f"search {query!r}"
    data = service.get("/3/search/movie", params, ref)
    try:
        found = []
        for item in data["results"]:
            number = item["id"]
            title = clean.text(item.get("title"))
            if type(number) is not int or number <= 0 or title is None:
                continue
            day = clean.day_or_none(item.get("release_date"))  # a search shows none
            original = clean.text(item.get("original_title"))
            found.append(
                Candidate(
                    f"tmdb:movie/{number}", title, day.isoformat() if day else None, "film",
                    note=original if original and original != title else None,
                )
            )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def find(service: Service, imdb_id: str) -> list[str]:
    """The TMDB refs of the IMDb title ``imdb_id`` (/find): films, then series (tmdb:tv/ID)."""
    ref = f"find {imdb_id}"
    data = service.get(f"/3/find/{imdb_id}", {"external_source": "imdb_id"}, ref)
    try:
        return [
            f"tmdb:{media}/{item['id']}"
            for key, media in (("movie_results", "movie"), ("tv_results", "tv"))
            for item in data.get(key) or []
            if type(item["id"]) is int and item["id"] > 0
        ]
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def import_date(service: Service, candidate: Candidate, options: FetchOptions) -> Candidate:
    """``candidate`` (from ``lookup``) with the date ``fetch`` would give it: the headline of
    its dates by country (``/3/movie/{id}/release_dates``), not the primary ``release_date``
    a search shows (often a festival premiere). A show's: its first air date, as found."""
    if candidate.ref.startswith("tmdb:tv/"):
        return candidate
    ident = candidate.ref.removeprefix("tmdb:")
    ref = f"{candidate.ref} release_dates"
    data = service.get(f"/3/{ident}/release_dates", {}, ref)
    try:
        found = _dates({"release_dates": data}, f"{LABEL}: {ref}")
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    primary = date.fromisoformat(candidate.date) if candidate.date else None
    text = _date_text(found, primary, options.region)
    return candidate._replace(date=None if text == "TBA" else text)


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """The film ``ident`` ("movie/575264") with its dates, credits, titles and other ids; a
    season of a show ("tv/1399/season/3"): sources/tmdb_tv.py."""
    if ident.startswith("tv/"):
        return tmdb_tv.fetch(service, ident, options)
    ref = f"tmdb:{ident}"
    extra = "release_dates,credits,alternative_titles,external_ids"
    data = service.get(f"/3/{ident}", {"append_to_response": extra, "language": "en-US"}, ref)
    try:
        return _record(data, ident, options, f"{LABEL}: {ref}")
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def seasons(service: Service, ident: str, options: FetchOptions) -> list[SourceRecord]:
    """A show's seasons to come, an entry each (sources/tmdb_tv.py)."""
    return tmdb_tv.seasons(service, ident, options)


def _record(data: dict[str, Any], ident: str, options: FetchOptions, where: str) -> SourceRecord:
    title = clean.text(data["title"])
    if title is None:
        raise ValueError("no title")
    dated = _dates(data, where)
    primary = clean.day(data.get("release_date"), f"{where}: release_date")
    form = _form(dated, primary)
    date_text = _date_text(dated, primary, options.region)
    return SourceRecord(
        source="tmdb",
        label=LABEL,
        ref=f"tmdb:{ident}",
        title=title,
        kind="film",
        date=date_text,
        aliases=_aliases(data, title),
        people=_people(data.get("credits") or {}),
        dates=_typed(dated, options, form),
        page=PAGE + ident.removeprefix("movie/"),
        ids=_ids(data, ident),
        headline=headline_basis(options.region, "film"),
        covers=options.covered(),
    )


def _dates(data: dict[str, Any], where: str) -> list[_Dated]:
    found: list[_Dated] = []
    block = data.get("release_dates") or {}
    for country in block.get("results") or []:
        region = clean.region(country.get("iso_3166_1"))
        if region is None:
            continue
        for entry in country.get("release_dates") or []:
            kind = entry.get("type")
            if kind not in TYPES:
                continue
            day = clean.day(entry.get("release_date"), f"{where}: release_dates {region}")
            if day is None:
                continue
            found.append(_Dated(day, region, kind, clean.text(entry.get("note"))))  # may be absent
    found.sort(key=lambda d: (d.day, d.region, d.type))
    return found


def _form(dated: list[_Dated], primary: date | None) -> Callable[[date], str]:
    """How a film's days are written: its year alone when every date is January 1 of it."""
    days = [d.day for d in dated] + ([primary] if primary else [])
    year_only = (
        bool(days)
        and len({d.year for d in days}) == 1
        and all((d.month, d.day) == (1, 1) for d in days)
    )

    def form(day: date) -> str:
        return str(day.year) if year_only else day.isoformat()

    return form


def _date_text(dated: list[_Dated], primary: date | None, region: str) -> str:
    """The film's date as import writes it (lookup shows the same): the headline, else the
    primary release_date, else TBA."""
    form = _form(dated, primary)
    headline = _headline(dated, region)
    if headline is not None:
        return form(headline.day)
    return form(primary) if primary is not None else "TBA"


def _headline(dated: list[_Dated], region: str) -> _Dated | None:
    steps: tuple[Callable[[_Dated], bool], ...] = (
        lambda d: d.type == 3 and d.region == region,
        lambda d: d.type in (2, 3),
        lambda d: d.type != 1,
        lambda d: d.type == 1,
    )
    for wanted in steps:
        found = [d for d in dated if wanted(d)]
        if found:
            return found[0]  # dated is sorted: the earliest
    return None


def _typed(
    dated: list[_Dated], options: FetchOptions, form: Callable[[date], str]
) -> tuple[SourceDate, ...]:
    premieres = [d for d in dated if d.type == 1]
    first_premiere = premieres[0] if premieres else None
    kept: list[SourceDate] = []
    seen: set[tuple[str, str, str]] = set()
    for d in dated:
        if not (options.keeps(d.region) or d is first_premiere):
            continue
        kind = TYPES[d.type]
        key = (d.region, kind, form(d.day))
        if key in seen:
            continue
        seen.add(key)
        if kind == "premiere":  # the festival or place: "Venice Film Festival"
            kept.append(SourceDate(d.region, kind, form(d.day), where=d.note))
        else:  # the platform or format: "Netflix", "Blu-Ray"
            kept.append(SourceDate(d.region, kind, form(d.day), note=d.note))
    return tuple(kept)


def _aliases(data: dict[str, Any], title: str) -> tuple[str, ...]:
    from release_countdown.core.matching import fold

    found: list[str] = []
    original = clean.text(data.get("original_title"))
    if original:
        found.append(original)
    block = data.get("alternative_titles") or {}
    for item in block.get("titles") or []:
        if item.get("iso_3166_1") in ALIAS_REGIONS and (name := clean.text(item.get("title"))):
            found.append(name)
    return clean.names([n for n in found if fold(n) != fold(title)], MAX_ALIASES)


def _people(credits: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    roles: dict[str, list[str]] = {role: [] for role in ROLE_ORDER}
    for item in credits.get("crew") or []:
        role = ROLES.get(item.get("job"))
        name = clean.text(item.get("name"))
        if role and name:
            roles[role].append(name)
    cast = [c for c in credits.get("cast") or [] if clean.text(c.get("name"))]
    cast.sort(key=lambda c: c.get("order") if isinstance(c.get("order"), int) else 10**6)
    roles["cast"] = [n for c in cast if (n := clean.text(c.get("name")))]
    return {
        role: clean.names(names, MAX_CAST if role == "cast" else None)
        for role, names in roles.items()
        if names
    }


def _ids(data: dict[str, Any], ident: str) -> dict[str, str]:
    ids = {"tmdb": ident}
    external = data.get("external_ids") or {}
    for key, value in (
        ("imdb", external.get("imdb_id") or data.get("imdb_id")),
        ("wikidata", external.get("wikidata_id")),
    ):
        if isinstance(value, str) and ID_FORMS[key][0].fullmatch(value.strip()):
            ids[key] = value.strip()
    if tvdb := clean.tvdb(external.get("tvdb_id")):
        ids["tvdb"] = tvdb
    return ids


# --- follows: what a person, a collection or a company is credited on ------------------------

# The main job of each department a person is known for (/person/{id} known_for_department):
# what a follow keeps by default ("Crew" has none: every job then).
DEPARTMENT_JOBS: Final = {
    "Sound": "Original Music Composer", "Directing": "Director", "Writing": "Screenplay",
    "Acting": CAST, "Production": "Producer", "Camera": "Director of Photography",
    "Editing": "Editor", "Art": "Production Design", "Costume & Make-Up": "Costume Design",
    "Lighting": "Gaffer", "Visual Effects": "Visual Effects Supervisor",
}  # fmt: skip
MAX_PAGES: Final = 500  # TMDB answers no page past 500


def people(service: Service, query: str) -> list[Candidate]:
    """People named ``query`` (/search/person), for ``follow add NAME``: the note is what each
    is known for ("Sound"), which tells two namesakes apart."""
    ref = f"search {query!r}"
    params = {"query": query, "include_adult": "false", "language": "en-US", "page": "1"}
    data = service.get("/3/search/person", params, ref)
    try:
        found = []
        for item in data["results"]:
            number, name = item["id"], clean.text(item.get("name"))
            if type(number) is int and number > 0 and name is not None:
                department = clean.text(item.get("known_for_department"))
                found.append(
                    Candidate(f"tmdb:person/{number}", name, None, "person", note=department)
                )
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def default_jobs(service: Service, ident: str) -> tuple[str, ...]:
    """The jobs a follow of ``ident`` ("person/947") keeps by default: the main job of the
    department the person is known for (a composer's "Original Music Composer"); () for
    anything else, or a department without one."""
    kind, _, number = ident.partition("/")
    if kind != "person":
        return ()
    ref = f"tmdb:{ident}"
    data = service.get(f"/3/{kind}/{number}", {"language": "en-US"}, ref)
    if not isinstance(data, dict):
        raise clean.unexpected(LABEL, ref, TypeError("not an object"))
    job = DEPARTMENT_JOBS.get(str(data.get("known_for_department")))
    return (job,) if job else ()


def credits(service: Service, ident: str, options: FetchOptions) -> list[Credit]:
    """What ``ident`` is credited on: a person's films and series ("person/947": cast as
    CAST, crew by their ``job``), a collection's parts ("collection/10"), a company's films
    from ``options.since`` on ("company/5", every page of /discover/movie). A title credited
    twice is one Credit with every job; a date the date gate refuses leaves its title out
    (the listing goes on); no date is TBA."""
    kind, _, number = ident.partition("/")
    ref = f"tmdb:{ident}"
    found: dict[str, Credit] = {}
    try:
        if kind == "person":
            for media in ("movie", "tv"):
                data = service.get(
                    f"/3/person/{number}/{media}_credits", {"language": "en-US"}, ref
                )
                for item in data.get("cast") or []:
                    _credit(found, item, media, CAST, ref)
                for item in data.get("crew") or []:
                    _credit(found, item, media, clean.text(item.get("job")), ref)
        elif kind == "collection":
            data = service.get(f"/3/collection/{number}", {"language": "en-US"}, ref)
            for item in data["parts"]:
                _credit(found, item, "movie", None, ref)
        elif kind == "company":
            for item in _discover(service, number, options, ref):
                _credit(found, item, "movie", None, ref)
        else:
            raise service.fail(ref, "only a person, a collection or a company can be followed")
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return list(found.values())


def _discover(service: Service, company: str, options: FetchOptions, ref: str) -> list[Any]:
    params = {"with_companies": company, "include_adult": "false", "language": "en-US",
              "sort_by": "primary_release_date.asc"}  # fmt: skip
    if options.since is not None:
        params["primary_release_date.gte"] = options.since.isoformat()
    results: list[Any] = []
    page, pages = 1, 1
    while page <= min(pages, MAX_PAGES):
        data = service.get("/3/discover/movie", {**params, "page": str(page)}, ref)
        results += data["results"]
        pages = data.get("total_pages") if type(data.get("total_pages")) is int else 1
        page += 1
    return results


def _credit(found: dict[str, Credit], item: Any, media: str, job: str | None, ref: str) -> None:
    """``item`` of a TMDB listing added to ``found`` (its job joined to the jobs already
    there when the title is listed twice)."""
    number = item.get("id")
    title = clean.text(item.get("title" if media == "movie" else "name"))
    if type(number) is not int or number <= 0 or title is None:
        return
    key = f"tmdb:{media}/{number}"
    if key not in found:
        field = "release_date" if media == "movie" else "first_air_date"
        try:
            day = clean.day(item.get(field), f"{LABEL}: {ref}: {key}: {field}")
        except clean.RefusedDate:
            return
        when = _form([], day)(day) if day is not None else "TBA"
        kind = "film" if media == "movie" else "series"
        found[key] = Credit(key, title, kind, when)
    if job and job not in found[key].jobs:
        found[key] = found[key]._replace(jobs=(*found[key].jobs, job))
