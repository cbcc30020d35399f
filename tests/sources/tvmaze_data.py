"""Answers shaped like TVmaze's documented examples (https://www.tvmaze.com/api): a show with
its embedded next episode, its seasons, a season's episodes, a search."""

from __future__ import annotations

from typing import Any

from pytest_httpserver import HTTPServer

SHOW = 44458
APPLE = {"id": 310, "name": "Apple TV+", "country": None, "officialSite": "https://tv.apple.com/"}


def show(*, status: str = "Running", nextepisode: dict[str, Any] | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": SHOW, "url": f"https://www.tvmaze.com/shows/{SHOW}/severance", "name": "Severance",
        "type": "Scripted", "language": "English", "genres": ["Drama", "Science-Fiction"],
        "status": status, "runtime": None, "averageRuntime": 50, "premiered": "2022-02-18",
        "ended": "2030-03-21" if status == "Ended" else None,
        "officialSite": "https://tv.apple.com/show/severance", "schedule": {"time": "", "days": []},
        "rating": {"average": 8.4}, "weight": 98, "network": None, "webChannel": APPLE,
        "dvdCountry": None, "externals": {"tvrage": None, "thetvdb": 371980, "imdb": "tt11280740"},
        "image": None, "summary": "<p>Mark leads a team of office workers.</p>",
        "updated": 1765000000,
        "_links": {"self": {"href": f"https://api.tvmaze.com/shows/{SHOW}"}},
    }  # fmt: skip
    if nextepisode is not None:  # absent between seasons, as TVmaze leaves it out
        found["_embedded"] = {"nextepisode": nextepisode}
        found["_links"]["nextepisode"] = {
            "href": f"https://api.tvmaze.com/episodes/{nextepisode['id']}"
        }
    return found


def season(
    number: int, premiere: str | None, end: str | None = None, order: int | None = None
) -> dict[str, Any]:
    return {
        "id": 100_000 + number, "url": f"https://www.tvmaze.com/seasons/{100_000 + number}/x",
        "number": number, "name": "", "episodeOrder": order, "premiereDate": premiere,
        "endDate": end, "network": None, "webChannel": APPLE, "image": None, "summary": None,
        "_links": {"self": {"href": f"https://api.tvmaze.com/seasons/{100_000 + number}"}},
    }  # fmt: skip


def episode(season: int, number: int | None, airdate: str, airstamp: str = "") -> dict[str, Any]:
    return {
        "id": season * 1000 + (number or 999), "url": "https://www.tvmaze.com/episodes/1/x",
        "name": f"Episode {number}", "season": season, "number": number,
        "type": "regular" if number is not None else "significant_special",
        "airdate": airdate, "airtime": "21:00", "airstamp": airstamp or None, "runtime": 50,
        "rating": {"average": None}, "image": None, "summary": None,
    }  # fmt: skip


def seasons(*, third: str | None = None) -> list[dict[str, Any]]:
    """Season 1 aired, season 2 dated in 2030 with all ten episodes dated, season 3 announced
    without a date (its premiereDate null unless ``third`` is given)."""
    return [
        season(1, "2022-02-18", "2022-04-08", 9),
        season(2, "2030-01-17", "2030-03-21", 10),
        season(3, third, None, None),
    ]


def second_season_episodes() -> list[dict[str, Any]]:
    """Ten episodes, Fridays at 21:00 in New York: the last one's instant is on the next day
    in UTC (airstamp), its calendar day is 2030-03-21 (airdate)."""
    days = ["2030-01-17", "2030-01-24", "2030-01-31", "2030-02-07", "2030-02-14",
            "2030-02-21", "2030-02-28", "2030-03-07", "2030-03-14", "2030-03-21"]  # fmt: skip
    found = [episode(2, n, d, f"{d}T02:00:00+00:00") for n, d in enumerate(days, 1)]
    found[-1]["airstamp"] = "2030-03-22T02:00:00+00:00"
    found.append(episode(2, None, "2030-03-28"))  # a special after the finale: not the finale
    return found


def serve(
    server: HTTPServer, *, status: str = "Running", third: str | None = None,
    nextepisode: dict[str, Any] | None = None, listed: list[dict[str, Any]] | None = None,
) -> None:  # fmt: skip
    """The show, its seasons, and the episodes of seasons 2 and 3 (none listed yet)."""
    server.clear()
    server.expect_request(f"/shows/{SHOW}", query_string="embed=nextepisode").respond_with_json(
        show(status=status, nextepisode=nextepisode)
    )
    server.expect_request(f"/shows/{SHOW}/seasons").respond_with_json(
        seasons(third=third) if listed is None else listed
    )
    server.expect_request("/seasons/100002/episodes").respond_with_json(second_season_episodes())
    server.expect_request("/seasons/100003/episodes").respond_with_json([])
    server.expect_request("/seasons/100001/episodes").respond_with_json([])


def search() -> list[dict[str, Any]]:
    other = show() | {"id": 7, "name": "Severance", "premiered": "2006-05-12", "status": "Ended",
                      "webChannel": None,
                      "network": {"id": 1, "name": "BBC One",
                                  "country": {"name": "United Kingdom", "code": "GB",
                                              "timezone": "Europe/London"}}}  # fmt: skip
    return [{"score": 0.91, "show": show()}, {"score": 0.7, "show": other}]
