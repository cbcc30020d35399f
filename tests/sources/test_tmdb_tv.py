"""Series from TMDB tv (the second source) against a local server answering like TMDB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_tv_data
from tests.sources.aging import recorded_earlier
from tests.sources.tmdb_tv_data import SHOW


def entries(path: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = tomli.loads(path.read_text()).get("release", [])
    return found


def test_import_tmdb_tv_between_seasons(tmdb: HTTPServer, registry: Path) -> None:
    tmdb_tv_data.serve(tmdb)  # next_episode_to_air: null
    result = invoke("import", f"tmdb:tv/{SHOW}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    second, third = entries(registry)  # season 1 aired, specials (season 0) are no entry
    assert (second["title"], second["season"], second["date"]) == (
        "The Long Winter — Season 2", 2, date(2030, 4, 14),
    )  # fmt: skip
    assert second["dates"] == [
        {"region": "US", "type": "finale", "date": date(2030, 6, 2), "origin": "tmdb",
         "note": "HBO"},
    ]  # fmt: skip
    assert second["ids"] == {"tmdb": f"tv/{SHOW}", "imdb": "tt1234567", "tvdb": "400"}  # no Q id
    assert second["sources"] == [f"https://www.themoviedb.org/tv/{SHOW}"]
    assert (third["season"], third["date"]) == (3, "TBA")
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_refresh_dates_a_tmdb_season(tmdb: HTTPServer, registry: Path) -> None:
    tmdb_tv_data.serve(tmdb)
    assert invoke("import", f"tmdb:tv/{SHOW}/season/3", "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    tmdb_tv_data.serve(tmdb, third="2031-09-01")
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "date: TBA → 2031-09-01, dated" in result.stderr
    assert entries(registry)[0]["date"] == date(2031, 9, 1)


def test_lookup_series_at_tmdb_searches_tv(tmdb: HTTPServer) -> None:
    tmdb.expect_request("/3/search/tv").respond_with_json({
        "page": 1, "total_pages": 1, "total_results": 1,
        "results": [{"id": SHOW, "name": "The Long Winter", "original_name": "Den lange vinter",
                     "first_air_date": "2022-05-01", "origin_country": ["DK"]}],
    })  # fmt: skip
    result = invoke("lookup", "long winter", "--kind", "series", "--source", "tmdb", "--json")
    assert result.exit_code == 0, result.stderr
    (found,) = json.loads(result.stdout)
    assert (found["ref"], found["date"], found["kind"], found["note"]) == (
        f"tmdb:tv/{SHOW}", "2022-05-01", "series", "Den lange vinter",
    )  # fmt: skip
    assert len(tmdb.log) == 1  # no release_dates asked for a show
