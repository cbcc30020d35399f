"""Answers shaped like TMDB's documented /3/tv/{id} and /3/tv/{id}/season/{n} (the API
reference's examples), for a show between seasons: next_episode_to_air null."""

from __future__ import annotations

from typing import Any

from pytest_httpserver import HTTPServer

SHOW = 1399


def season(number: int, air_date: str | None, count: int) -> dict[str, Any]:
    return {
        "air_date": air_date, "episode_count": count, "id": 3600 + number,
        "name": "Specials" if number == 0 else f"Season {number}", "overview": "",
        "poster_path": None, "season_number": number, "vote_average": 0,
    }  # fmt: skip


def show(*, third: str | None = None) -> dict[str, Any]:
    return {
        "adult": False, "backdrop_path": None, "created_by": [], "episode_run_time": [],
        "first_air_date": "2022-05-01", "genres": [{"id": 18, "name": "Drama"}], "homepage": "",
        "id": SHOW, "in_production": True, "languages": ["en"], "last_air_date": "2024-06-02",
        "last_episode_to_air": {"id": 1, "air_date": "2024-06-02", "episode_number": 8,
                                "season_number": 1},
        "name": "The Long Winter", "next_episode_to_air": None,
        "networks": [{"id": 49, "logo_path": None, "name": "HBO", "origin_country": "US"}],
        "number_of_episodes": 16, "number_of_seasons": 3, "origin_country": ["US"],
        "original_language": "en", "original_name": "The Long Winter", "overview": "",
        "popularity": 10.5, "poster_path": None, "production_companies": [],
        "production_countries": [], "spoken_languages": [], "status": "Returning Series",
        "tagline": "", "type": "Scripted", "vote_average": 8.1, "vote_count": 100,
        "seasons": [
            season(0, "2023-01-01", 1), season(1, "2022-05-01", 8), season(2, "2030-04-14", 8),
            season(3, third, 0),
        ],
        "external_ids": {"imdb_id": "tt1234567", "freebase_mid": None, "tvdb_id": 400,
                         "wikidata_id": "Q5", "facebook_id": None},
    }  # fmt: skip


def season_two() -> dict[str, Any]:
    days = ["2030-04-14", "2030-04-21", "2030-04-28", "2030-05-05", "2030-05-12",
            "2030-05-19", "2030-05-26", "2030-06-02"]  # fmt: skip
    return {
        "_id": "abc", "air_date": "2030-04-14", "name": "Season 2", "id": 3602,
        "season_number": 2, "overview": "", "poster_path": None,
        "episodes": [
            {"air_date": day, "episode_number": n, "episode_type": "finale" if n == 8 else "standard",
             "id": 9000 + n, "name": f"Chapter {n}", "season_number": 2, "show_id": SHOW}
            for n, day in enumerate(days, 1)
        ],
    }  # fmt: skip


def serve(server: HTTPServer, *, third: str | None = None) -> None:
    server.clear()
    server.expect_request(f"/3/tv/{SHOW}").respond_with_json(show(third=third))
    server.expect_request(f"/3/tv/{SHOW}/season/2").respond_with_json(season_two())
    server.expect_request(f"/3/tv/{SHOW}/season/3").respond_with_json(
        {"_id": "def", "air_date": third, "episodes": [], "name": "Season 3", "id": 3603,
         "season_number": 3}
    )  # fmt: skip
