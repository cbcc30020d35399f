"""How Radarr and Sonarr read a custom list, modelled in Python for the tests (their sources,
NzbDrone.Core/ImportLists): Newtonsoft.Json deserializes the body into a list of typed
objects, matching property names case-insensitively and ignoring unknown ones; a value of
the wrong type (a string for an int, a null for a non-nullable int) fails the whole list.

- Radarr "Custom List" (RadarrList/RadarrListParser.cs): ``List<MovieResultResource>``, each
  item's ``Id`` (int) becomes the movie's TmdbId.
- Radarr "StevenLu Custom" (StevenLu/StevenLuParser.cs): ``title`` and ``imdb_id`` (strings).
- Sonarr "Custom List" (ImportLists/Custom: CustomAPIResource.cs, CustomImport.cs):
  ``CustomSeries`` (Title string, TvdbId int, TmdbId int, ImdbId string); series are added by
  their TvdbId.
"""

from __future__ import annotations

import json
from typing import Any

# The typed properties each reader declares that a list might carry (lower case).
RADARR_MOVIE = {"id": int, "title": str, "original_title": str, "release_date": str}
STEVENLU = {"title": str, "imdb_id": str, "poster_url": str}
SONARR_SERIES = {"title": str, "tvdbid": int, "tmdbid": int, "imdbid": str}


class ListRefused(Exception):
    """What Newtonsoft would throw: the service logs it and reads nothing of the list."""


def _items(data: bytes, typed: dict[str, type]) -> list[dict[str, Any]]:
    body = json.loads(data.decode("utf-8"))
    if not isinstance(body, list):
        raise ListRefused("not a JSON array")
    found = []
    for item in body:
        if not isinstance(item, dict):
            raise ListRefused(f"{item!r} is not an object")
        kept: dict[str, Any] = {}
        for key, value in item.items():
            wanted = typed.get(key.lower())
            if wanted is None:
                continue  # unknown properties are ignored
            if value is None and wanted is int:
                raise ListRefused(f"{key}: null for an int")
            if value is not None and (type(value) is not wanted):
                raise ListRefused(f"{key}: {value!r} is not {wanted.__name__}")
            kept[key.lower()] = value
        found.append(kept)
    return found


def radarr_tmdb_ids(data: bytes) -> list[int]:
    """The TmdbIds Radarr's Custom List imports (an Id of 0, the default, is no movie)."""
    return [item.get("id", 0) for item in _items(data, RADARR_MOVIE)]


def stevenlu_movies(data: bytes) -> list[tuple[str | None, str | None]]:
    """(title, imdb_id) of each item, as Radarr's StevenLu Custom list reads them."""
    return [(i.get("title"), i.get("imdb_id")) for i in _items(data, STEVENLU)]


def sonarr_series(data: bytes) -> list[dict[str, Any]]:
    """Each CustomSeries Sonarr's Custom List reads (ints default to 0)."""
    return [
        {"title": i.get("title"), "tvdbId": i.get("tvdbid", 0), "tmdbId": i.get("tmdbid", 0),
         "imdbId": i.get("imdbid")}
        for i in _items(data, SONARR_SERIES)
    ]  # fmt: skip
