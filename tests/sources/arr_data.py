"""Answers shaped like Radarr's, Sonarr's and Lidarr's (their API resources: Radarr.Api.V3
MovieResource, Sonarr.Api.V3 SeriesResource, Lidarr.Api.V1 ArtistResource), trimmed to the
fields the readers use and a few they ignore."""

from __future__ import annotations

from typing import Any

MBID = "f59c5520-5f46-4d2c-b2c4-822eabf53419"  # Linkin Park


def movie(**fields: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": 1,
        "title": "The Matrix Resurrections",
        "originalTitle": "The Matrix Resurrections",
        "sortTitle": "matrix resurrections",
        "status": "released",
        "inCinemas": "2021-12-22T00:00:00Z",
        "physicalRelease": "2022-03-08T00:00:00Z",
        "digitalRelease": "2021-12-22T00:00:00Z",
        "images": [{"coverType": "poster", "remoteUrl": "https://image.tmdb.org/t/p/x.jpg"}],
        "year": 2021,
        "hasFile": False,
        "monitored": True,
        "minimumAvailability": "announced",
        "imdbId": "tt10838180",
        "tmdbId": 624860,
        "titleSlug": "624860",
        "genres": ["Science Fiction", "Action"],
        "added": "2024-01-01T10:00:00Z",
    }
    found.update(fields)
    return found


def movies() -> list[dict[str, Any]]:
    return [
        movie(),
        movie(
            id=2,
            title="Dune: Part Three",
            originalTitle="Dune: Part Three",
            status="announced",
            inCinemas="2026-12-18T00:00:00Z",
            year=2026,
            imdbId="tt31378509",
            tmdbId=1170608,
            digitalRelease=None,
            physicalRelease=None,
        ),
        # What Radarr lists before TMDB knows much: no dates, no IMDb id, year 0.
        movie(
            id=3,
            title="Untitled Nolan Event Film",
            year=0,
            imdbId=None,
            tmdbId=1242898,
            inCinemas=None,
            physicalRelease=None,
            digitalRelease=None,
            status="tba",
        ),
    ]


def series(**fields: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": 7,
        "title": "Severance",
        "sortTitle": "severance",
        "status": "continuing",
        "ended": False,
        "network": "Apple TV+",
        "seasons": [
            {"seasonNumber": 0, "monitored": False},
            {"seasonNumber": 1, "monitored": True},
            {"seasonNumber": 2, "monitored": True},
        ],
        "year": 2022,
        "firstAired": "2022-02-18T00:00:00Z",
        "tvdbId": 371980,
        "tvRageId": 0,
        "tvMazeId": 44933,
        "tmdbId": 95396,
        "imdbId": "tt11280740",
        "seriesType": "standard",
        "monitored": True,
    }
    found.update(fields)
    return found


def all_series() -> list[dict[str, Any]]:
    # Sonarr v3 before tmdbId: the key is absent; an upcoming series with one season.
    andor = series(id=8, title="Andor", year=2022, tvdbId=393189, imdbId="tt9253284",
                   status="upcoming", seasons=[{"seasonNumber": 1, "monitored": True}])  # fmt: skip
    del andor["tmdbId"]
    return [series(), andor]


def artist(**fields: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": 3,
        "status": "continuing",
        "ended": False,
        "artistName": "Linkin Park",
        "foreignArtistId": MBID,
        "tadbId": 0,
        "discogsId": 0,
        "artistType": "Group",
        "monitored": True,
        "genres": ["Rock"],
    }
    found.update(fields)
    return found
