"""TMDB answers shaped like the API's documented examples (movie details with
append_to_response, release_dates, credits, alternative_titles, external_ids, search).

Quirks kept on purpose: entries without ``note``, certifications with trailing spaces,
several dates of one type in a country, a festival premiere before everything else.
"""

from __future__ import annotations

import copy
from typing import Any


def movie(
    number: int = 575264,
    *,
    title: str = "Mission: Impossible - Dead Reckoning Part One",
    us_theatrical: str = "2023-07-12T00:00:00.000Z",
) -> dict[str, Any]:
    return copy.deepcopy({
        "adult": False,
        "id": number,
        "imdb_id": "tt9603212" if number == 575264 else f"tt{number:07d}",
        "original_language": "en",
        "original_title": title,
        "title": title,
        "release_date": "2023-07-08",
        "status": "Released",
        "release_dates": {
            "results": [
                {"iso_3166_1": "US", "release_dates": [
                    {"certification": "PG-13", "descriptors": [], "iso_639_1": "", "note": "",
                     "release_date": us_theatrical, "type": 3},
                    {"certification": "PG-13", "descriptors": [], "iso_639_1": "",
                     "note": "Paramount+", "release_date": "2023-10-10T00:00:00.000Z", "type": 4},
                    {"certification": "", "descriptors": [], "iso_639_1": "", "note": "Blu-Ray",
                     "release_date": "2023-10-31T00:00:00.000Z", "type": 5},
                ]},
                {"iso_3166_1": "GB", "release_dates": [
                    {"certification": "12A", "iso_639_1": "",
                     "release_date": "2023-07-10T00:00:00.000Z", "type": 3},
                ]},
                {"iso_3166_1": "IT", "release_dates": [
                    {"certification": "", "iso_639_1": "", "note": "Rome (Premiere)",
                     "release_date": "2023-06-19T00:00:00.000Z", "type": 1},
                ]},
                {"iso_3166_1": "SG", "release_dates": [
                    {"certification": "PG13 ", "descriptors": [], "iso_639_1": "", "note": "",
                     "release_date": "2023-07-12T00:00:00.000Z", "type": 3},
                    {"certification": "PG13 ", "descriptors": [], "iso_639_1": "",
                     "note": "Re-release", "release_date": "2023-09-01T00:00:00.000Z", "type": 3},
                ]},
            ]
        },
        "credits": {
            "cast": [
                {"name": "Hayley Atwell", "order": 1, "character": "Grace"},
                {"name": "Tom Cruise", "order": 0, "character": "Ethan Hunt"},
                {"name": "Ving Rhames", "order": 2},
            ],
            "crew": [
                {"department": "Directing", "job": "Director", "name": "Christopher McQuarrie"},
                {"department": "Writing", "job": "Screenplay", "name": "Christopher McQuarrie"},
                {"department": "Writing", "job": "Screenplay", "name": "Erik Jendresen"},
                {"department": "Sound", "job": "Original Music Composer", "name": "Lorne Balfe"},
                {"department": "Camera", "job": "Director of Photography", "name": "Fraser Taggart"},
            ],
        },
        "alternative_titles": {"titles": [
            {"iso_3166_1": "US", "title": "Mission: Impossible 7", "type": ""},
            {"iso_3166_1": "FR", "title": "Mission : Impossible - Dead Reckoning", "type": ""},
        ]},
        "external_ids": {
            "imdb_id": "tt9603212" if number == 575264 else f"tt{number:07d}",
            "wikidata_id": "Q104123925" if number == 575264 else f"Q{number}",
        },
    })  # fmt: skip


def search(*items: tuple[int, str, str]) -> dict[str, Any]:
    return {
        "page": 1,
        "results": [
            {"id": n, "title": t, "original_title": t, "release_date": d, "popularity": 10.0}
            for n, t, d in items
        ],
        "total_pages": 1,
        "total_results": len(items),
    }


def release_dates(data: dict[str, Any]) -> dict[str, Any]:
    """``/3/movie/{id}/release_dates`` for the film ``data`` (the block ``movie`` appends)."""
    return {"id": data["id"], **copy.deepcopy(data["release_dates"])}


def festival_film(number: int = 1170608, title: str = "The Long Walk Home") -> dict[str, Any]:
    """A film whose primary release_date is its festival premiere (Venice, in September),
    months before its theatrical dates (GB on 2026-12-18, US on 2026-12-25)."""
    data = movie(number, title=title, us_theatrical="2026-12-25T00:00:00.000Z")
    data["release_date"] = "2026-09-01"
    data["status"] = "Post Production"
    data["release_dates"] = {"results": [
        {"iso_3166_1": "IT", "release_dates": [
            {"certification": "", "descriptors": [], "iso_639_1": "", "note": "Venice Film Festival",
             "release_date": "2026-09-01T00:00:00.000Z", "type": 1},
        ]},
        {"iso_3166_1": "GB", "release_dates": [
            {"certification": "", "descriptors": [], "iso_639_1": "", "note": "",
             "release_date": "2026-12-18T00:00:00.000Z", "type": 3},
        ]},
        {"iso_3166_1": "US", "release_dates": [
            {"certification": "", "descriptors": [], "iso_639_1": "", "note": "",
             "release_date": "2026-12-25T00:00:00.000Z", "type": 3},
        ]},
    ]}  # fmt: skip
    return data
