"""TVmaze (api.tvmaze.com, no key): series, one entry per season (sources/shows.py).

``search/shows?q=`` finds shows; ``shows/{id}?embed=nextepisode`` gives the show (its name,
status, network, externals) and the next episode when one is scheduled (absent between
seasons); ``shows/{id}/seasons`` the seasons with their ``premiereDate`` (null when a season
is announced without one) and ``episodeOrder``; ``seasons/{id}/episodes`` a season's
episodes, asked only for the seasons a fetch answers for, for the finale. Days are the
episodes' ``airdate`` (a calendar day where it airs), never ``airstamp`` (an instant).
At most 20 calls every 10 s (sources/config.LIMITS); a 429 is retried after a pause
(sources/http.Service).
"""

from __future__ import annotations

from typing import Any, Final

from release_countdown.core.follow import Credit, Credits
from release_countdown.core.model import WORLDWIDE
from release_countdown.core.record import LABELS, Candidate, FetchOptions, SourceRecord
from release_countdown.core.seasons import split_season
from release_countdown.registry.format import ID_FORMS
from release_countdown.sources import clean, shows
from release_countdown.sources.http import Service

LABEL: Final = LABELS["tvmaze"]
PAGE: Final = "https://www.tvmaze.com/shows/"
ENDED: Final = "Ended"  # the show's status when no season will come


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    """Shows named like ``query`` (their first air year ``year``, if given): each a ref to
    import (``tvmaze:show/ID``), dated by its premiere; the note tells namesakes apart.
    TVmaze has series only: none for another ``kind``."""
    if kind not in (None, "series"):
        return []
    ref = f"search {query!r}"
    data = service.get("/search/shows", {"q": query}, ref)
    found = []
    try:
        for item in data:
            show = item["show"]
            number, title = show["id"], clean.text(show.get("name"))
            if type(number) is not int or number <= 0 or title is None:
                continue
            day = clean.day_or_none(show.get("premiered"))
            if year is not None and (day is None or day.year != year):
                continue
            found.append(
                Candidate(
                    f"tvmaze:show/{number}", title, day.isoformat() if day else None, "series",
                    note=_note(show),
                )
            )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def _note(show: dict[str, Any]) -> str | None:
    """What tells two shows of one name apart: the network and the status."""
    where = _network(show)[1]
    words = [w for w in (where, clean.text(show.get("status"))) if w]
    return ", ".join(words) or None


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """One season of a show: ``ident`` is "show/82/season/3" (a show's own ref imports
    every upcoming season: ``seasons``)."""
    return shows.one_season(service, "tvmaze", ident, options, seasons)


def seasons(service: Service, ident: str, options: FetchOptions) -> list[SourceRecord]:
    """The records of the seasons ``ident`` answers for (shows.wanted): its season's, or a
    show's seasons not yet premiered on ``options.since``; SourceNotFound for a season the
    show does not list."""
    show = show_of(service, ident)
    ref = f"tvmaze:{ident}"
    chosen = shows.wanted(show, ident, options)
    if not chosen and split_season(ident)[1] is not None:
        raise shows.missing(service, show, ident)
    found = []
    for season in chosen:
        episodes = service.get(f"/seasons/{season.key}/episodes", {}, ref)
        try:
            days = [
                clean.day(e.get("airdate"), f"{LABEL}: {ref}: episode {e.get('number')}")
                for e in episodes
                if type(e.get("number")) is int  # specials have no number
            ]
        except (TypeError, AttributeError) as exc:
            raise clean.unexpected(LABEL, ref, exc) from None
        found.append(shows.record(show, season, shows.finale_of(days, season.episodes)))
    return found


def show_of(service: Service, ident: str) -> shows.Show:
    """The show ``ident`` names (a season tail ignored), with its seasons."""
    base, _ = split_season(ident)
    number = base.removeprefix("show/")
    ref = f"tvmaze:{base}"
    data = service.get(f"/shows/{number}", {"embed": "nextepisode"}, ref)
    listed = service.get(f"/shows/{number}/seasons", {}, ref)
    where = f"{LABEL}: {ref}"
    try:
        title = clean.text(data["name"])
        if title is None:
            raise ValueError("no name")
        region, network = _network(data)
        upcoming = _next_episode(data, where)
        status = clean.text(data.get("status"))
        found = []
        for item in listed:
            season = item["number"]
            if type(season) is not int or season < 1:
                continue
            day = clean.day(item.get("premiereDate"), f"{where}: season {season}: premiereDate")
            key, ordered = str(item["id"]), item.get("episodeOrder")
            found.append(shows.season(season, day, key, ordered, upcoming))
        show = shows.Show(
            source="tvmaze", ident=base, title=title,
            seasons=shows.in_order(found),
            ids=_ids(data, base), page=PAGE + number, ended=status == ENDED, status=status,
            region=region, network=network,
        )  # fmt: skip
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return show


def _next_episode(data: dict[str, Any], where: str) -> tuple[int, int, Any] | None:
    """(season, number, day) of the next episode TVmaze embeds; None between seasons."""
    episode = (data.get("_embedded") or {}).get("nextepisode")
    if not isinstance(episode, dict):
        return None
    season, number = episode.get("season"), episode.get("number")
    day = clean.day(episode.get("airdate"), f"{where}: nextepisode")
    if type(season) is not int or type(number) is not int or day is None:
        return None
    return season, number, day


def _network(show: dict[str, Any]) -> tuple[str, str | None]:
    """(region, name) of where a show airs: its network's country, else worldwide (a
    streaming service's web channel)."""
    for key in ("network", "webChannel"):
        channel = show.get(key)
        if isinstance(channel, dict):
            country = channel.get("country") or {}
            region = clean.region(country.get("code")) if isinstance(country, dict) else None
            return region or WORLDWIDE, clean.text(channel.get("name"))
    return WORLDWIDE, None


def _ids(data: dict[str, Any], ident: str) -> dict[str, str]:
    ids = {"tvmaze": ident}
    externals = data.get("externals") or {}
    imdb = externals.get("imdb")
    if isinstance(imdb, str) and ID_FORMS["imdb"][0].fullmatch(imdb.strip()):
        ids["imdb"] = imdb.strip()
    if tvdb := clean.tvdb(externals.get("thetvdb")):  # Sonarr's key (sonarr-list)
        ids["tvdb"] = tvdb
    return ids


def credits(service: Service, ident: str, options: FetchOptions) -> list[Credit]:
    """A followed show's seasons (``follow add tvmaze:show/ID``), each a Credit whose ref
    imports that season; a show TVmaze says has ended is told (``Credits.ended``): the
    follow check then keeps none of them."""
    show = show_of(service, ident)
    found = Credits(shows.credits(show))
    if show.ended:
        found.ended = f"{LABEL} says {show.title!r} has ended (status {show.status})"
    return found
