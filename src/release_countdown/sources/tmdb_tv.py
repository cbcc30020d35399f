"""TMDB tv (api.themoviedb.org, paths under /3/), the second source of series after TVmaze:
one entry per season (sources/shows.py), as sources/tvmaze.py makes them.

``/tv/{id}`` gives the show with ``seasons[]`` (each ``air_date``, null when a season is
announced without one, and ``episode_count``) and ``next_episode_to_air`` (null between
seasons); ``/tv/{id}/season/{n}`` a season's episodes, asked only for the seasons a fetch
answers for, for the finale. ``search/tv`` finds shows. sources/tmdb.py hands its ``tv/``
refs and ``--kind series`` lookups here.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from release_countdown.core.model import WORLDWIDE
from release_countdown.core.record import LABELS, Candidate, FetchOptions, SourceRecord
from release_countdown.core.seasons import split_season
from release_countdown.registry.format import ID_FORMS
from release_countdown.sources import clean, shows
from release_countdown.sources.http import Service

LABEL: Final = LABELS["tmdb"]
PAGE: Final = "https://www.themoviedb.org/tv/"
ENDED: Final = ("Ended", "Canceled")  # a show's status when no season will come


def lookup(service: Service, query: str, year: int | None) -> list[Candidate]:
    """Shows named like ``query`` (first aired in ``year``, if given), dated by their first
    air date; each ref imports one entry per season to come."""
    params = {"query": query, "include_adult": "false", "language": "en-US", "page": "1"}
    if year is not None:
        params["first_air_date_year"] = str(year)
    ref = f"search {query!r}"
    data = service.get("/3/search/tv", params, ref)
    found = []
    try:
        for item in data["results"]:
            number, title = item["id"], clean.text(item.get("name"))
            if type(number) is not int or number <= 0 or title is None:
                continue
            day = clean.day_or_none(item.get("first_air_date"))
            original = clean.text(item.get("original_name"))
            found.append(
                Candidate(
                    f"tmdb:tv/{number}", title, day.isoformat() if day else None, "series",
                    note=original if original and original != title else None,
                )
            )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """One season of a show: ``ident`` is "tv/1399/season/3"."""
    return shows.one_season(service, "tmdb", ident, options, seasons)


def seasons(service: Service, ident: str, options: FetchOptions) -> list[SourceRecord]:
    """The records of the seasons ``ident`` answers for (shows.wanted)."""
    show = show_of(service, ident)
    ref = f"tmdb:{ident}"
    chosen = shows.wanted(show, ident, options)
    if not chosen and split_season(ident)[1] is not None:
        raise shows.missing(service, show, ident)
    found = []
    for season in chosen:
        data = service.get(f"/3/{show.ident}/season/{season.key}", {"language": "en-US"}, ref)
        try:
            days = _episode_days(data, f"{LABEL}: {ref}: season {season.number}")
        except (KeyError, TypeError, AttributeError) as exc:
            raise clean.unexpected(LABEL, ref, exc) from None
        found.append(shows.record(show, season, shows.finale_of(days, season.episodes)))
    return found


def _episode_days(data: dict[str, Any], where: str) -> list[date | None]:
    episodes = [e for e in data.get("episodes") or [] if type(e.get("episode_number")) is int]
    episodes.sort(key=lambda e: e["episode_number"])
    return [
        clean.day(e.get("air_date"), f"{where}: episode {e['episode_number']}") for e in episodes
    ]


def show_of(service: Service, ident: str) -> shows.Show:
    """The show ``ident`` names (a season tail ignored), with its seasons."""
    base, _ = split_season(ident)
    ref = f"tmdb:{base}"
    params = {"append_to_response": "external_ids", "language": "en-US"}
    data = service.get(f"/3/{base}", params, ref)
    where = f"{LABEL}: {ref}"
    try:
        title = clean.text(data["name"])
        if title is None:
            raise ValueError("no name")
        upcoming = data.get("next_episode_to_air")  # null between seasons
        coming = None
        if isinstance(upcoming, dict):
            day = clean.day(upcoming.get("air_date"), f"{where}: next_episode_to_air")
            coming = (upcoming.get("season_number"), upcoming.get("episode_number"), day)
        found = []
        for item in data.get("seasons") or []:
            number = item["season_number"]
            if type(number) is not int or number < 1:
                continue
            day = clean.day(item.get("air_date"), f"{where}: season {number}: air_date")
            found.append(shows.season(number, day, str(number), item.get("episode_count"), coming))
        status = clean.text(data.get("status"))
        region, network = _network(data)
        return shows.Show(
            source="tmdb", ident=base, title=title,
            seasons=shows.in_order(found), ids=_ids(data, base),
            page=PAGE + base.removeprefix("tv/"), ended=status in ENDED, status=status,
            region=region, network=network,
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def _network(data: dict[str, Any]) -> tuple[str, str | None]:
    """(region, name) of the show's first network; worldwide when it names no country."""
    for network in data.get("networks") or []:
        if isinstance(network, dict):
            region = clean.region(network.get("origin_country"))
            return region or WORLDWIDE, clean.text(network.get("name"))
    return WORLDWIDE, None


def _ids(data: dict[str, Any], ident: str) -> dict[str, str]:
    """The show's TMDB, IMDb and TheTVDB ids (not its Wikidata id: refresh would ask Wikidata
    for a season with the show's item, which dates the show, not the season)."""
    ids = {"tmdb": ident}
    external = data.get("external_ids") or {}
    imdb = external.get("imdb_id")
    if isinstance(imdb, str) and ID_FORMS["imdb"][0].fullmatch(imdb.strip()):
        ids["imdb"] = imdb.strip()
    if tvdb := clean.tvdb(external.get("tvdb_id")):  # Sonarr's key (sonarr-list)
        ids["tvdb"] = tvdb
    return ids
