"""Answers about followed refs, shaped like the services' documented JSON: TMDB's
/person/{id}/movie_credits and /tv_credits (cast[], crew[] with job and department,
``release_date: ""`` when unknown), /collection/{id} (parts[]), /discover/movie (page,
total_pages, results[]), /search/person and /person/{id} (known_for_department);
MusicBrainz's release-group browse (release-group-count, release-group-offset,
release-groups[]) and artist search; Wikidata's query service (SPARQL 1.1 JSON results:
head.vars, results.bindings[] of {type, value, datatype})."""

from __future__ import annotations

import copy
from typing import Any

from tests.sources.musicbrainz_data import mbid

BALFE = "947"  # tmdb:person/947
ARTIST = "e6de1f3b-6484-491c-88dd-6d619f142abd"  # musicbrainz:artist/…
PERSON = "Q123"  # wikidata:Q123


def _film(number: int, title: str, date: str) -> dict[str, Any]:
    return {
        "adult": False, "backdrop_path": None, "genre_ids": [28], "id": number,
        "original_language": "en", "original_title": title, "overview": "", "popularity": 12.5,
        "poster_path": None, "release_date": date, "title": title, "video": False,
        "vote_average": 0.0, "vote_count": 0,
    }  # fmt: skip


def crew(number: int, title: str, date: str, job: str, department: str) -> dict[str, Any]:
    return {**_film(number, title, date), "credit_id": f"c{number}{job[:3]}", "job": job,
            "department": department}  # fmt: skip


def cast(number: int, title: str, date: str, character: str = "Himself") -> dict[str, Any]:
    return {**_film(number, title, date), "credit_id": f"a{number}", "character": character,
            "order": 3}  # fmt: skip


def movie_credits(*, cast_: list[Any], crew_: list[Any]) -> dict[str, Any]:
    return copy.deepcopy({"cast": cast_, "crew": crew_, "id": int(BALFE)})


def person_movies() -> dict[str, Any]:
    """One film both directed and written, a score with a Boom Operator credit beside it, an
    undated announcement, an old film, and a cameo."""
    return movie_credits(
        cast_=[cast(501, "Cameo Film", "2027-03-05")],
        crew_=[
            crew(401, "Directed And Written", "2027-05-07", "Director", "Directing"),
            crew(401, "Directed And Written", "2027-05-07", "Writer", "Writing"),
            crew(402, "Scored Film", "2027-09-17", "Original Music Composer", "Sound"),
            crew(403, "Loud Film", "2027-10-01", "Boom Operator", "Sound"),
            crew(404, "Announced Film", "", "Original Music Composer", "Sound"),
            crew(405, "Old Film", "2019-02-01", "Original Music Composer", "Sound"),
        ],
    )


def tv_credits() -> dict[str, Any]:
    show = {
        "adult": False, "id": 601, "name": "A Series", "original_name": "A Series",
        "first_air_date": "2027-02-14", "origin_country": ["US"], "episode_count": 8,
        "credit_id": "t601", "department": "Sound", "job": "Original Music Composer",
    }  # fmt: skip
    return copy.deepcopy({"cast": [], "crew": [show], "id": int(BALFE)})


def collection() -> dict[str, Any]:
    parts = [
        {**_film(438631, "Dune", "2021-09-15"), "media_type": "movie"},
        {**_film(693134, "Dune: Part Two", "2024-02-27"), "media_type": "movie"},
        {**_film(1170608, "Dune: Part Three", ""), "media_type": "movie"},
    ]
    return copy.deepcopy({"id": 726871, "name": "Dune Collection", "overview": "",
                          "poster_path": None, "backdrop_path": None, "parts": parts})  # fmt: skip


def discover(page: int, total_pages: int) -> dict[str, Any]:
    results = [_film(9000 + 10 * page + i, f"Studio Film {page}.{i}", f"2027-0{page}-1{i}")
               for i in range(2)]  # fmt: skip
    return copy.deepcopy({"page": page, "results": results, "total_pages": total_pages,
                          "total_results": 2 * total_pages})  # fmt: skip


def search_person() -> dict[str, Any]:
    people = [
        {"adult": False, "gender": 2, "id": 947, "known_for_department": "Sound",
         "name": "Lorne Balfe", "original_name": "Lorne Balfe", "popularity": 3.1,
         "profile_path": None, "known_for": []},
        {"adult": False, "gender": 2, "id": 99947, "known_for_department": "Acting",
         "name": "Lorne Balfe", "original_name": "Lorne Balfe", "popularity": 0.6,
         "profile_path": None, "known_for": []},
        {"adult": False, "gender": 0, "id": -1, "known_for_department": "Sound",
         "name": "Not A Person", "known_for": []},
    ]  # fmt: skip
    return copy.deepcopy({"page": 1, "results": people, "total_pages": 1, "total_results": 3})


def person(department: str) -> dict[str, Any]:
    return {"adult": False, "also_known_as": [], "biography": "", "birthday": "1976-02-23",
            "deathday": None, "gender": 2, "homepage": None, "id": 947, "imdb_id": "nm1154632",
            "known_for_department": department, "name": "Lorne Balfe",
            "place_of_birth": "Inverness, Scotland, UK", "popularity": 3.1, "profile_path": None}  # fmt: skip


# --- MusicBrainz ---------------------------------------------------------------------------


def release_group(n: int, *, first: str = "2027", primary: str = "Album",
                  secondary: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    return {
        "id": mbid(n), "title": f"Release Group {n}", "first-release-date": first,
        "primary-type": primary, "primary-type-id": "f529b476-6e62-324f-b0aa-1f3e33d313fc",
        "secondary-types": list(secondary), "secondary-type-ids": [], "disambiguation": "",
    }  # fmt: skip


def browse(count: int, offset: int, page: list[dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy({"release-group-count": count, "release-group-offset": offset,
                          "release-groups": page})  # fmt: skip


def artist_search() -> dict[str, Any]:
    artists = [
        {"id": ARTIST, "type": "Person", "score": 100, "name": "Lorne Balfe",
         "sort-name": "Balfe, Lorne", "country": "GB", "disambiguation": "Scottish composer"},
        {"id": mbid(77), "type": "Group", "score": 60, "name": "Balfe", "sort-name": "Balfe"},
        {"id": "not-an-mbid", "type": "Person", "score": 50, "name": "Broken"},
    ]  # fmt: skip
    return copy.deepcopy({"created": "2026-12-07T08:00:00.000Z", "count": 3, "offset": 0,
                          "artists": artists})  # fmt: skip


# --- Wikidata query service ----------------------------------------------------------------

ENTITY = "http://www.wikidata.org/entity/"
PROP = "http://www.wikidata.org/prop/direct/"
RANK = "http://wikiba.se/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
VARS = ["work", "workLabel", "prop", "date", "precision", "rank", "class"]


def binding(work: str, label: str, prop: str = "P86", *, date: str | None = None,
            precision: int = 11, rank: str = "NormalRank", kind: str | None = "Q11424",
            ) -> dict[str, Any]:  # fmt: skip
    row: dict[str, Any] = {
        "work": {"type": "uri", "value": ENTITY + work},
        "workLabel": {"xml:lang": "en", "type": "literal", "value": label},
        "prop": {"type": "uri", "value": PROP + prop},
    }
    if date is not None:
        row["date"] = {"datatype": XSD + "dateTime", "type": "literal", "value": date}
        row["precision"] = {"datatype": XSD + "integer", "type": "literal", "value": str(precision)}
        row["rank"] = {"type": "uri", "value": RANK + rank}
    if kind is not None:
        row["class"] = {"type": "uri", "value": ENTITY + kind}
    return row


def sparql(*rows: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy({"head": {"vars": VARS}, "results": {"bindings": list(rows)}})
