"""TMDB lookup shows the date import would write (issue 22 item 12), against a local server
answering like TMDB's documented search and release_dates."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import invoke
from tests.sources import tmdb_data
from tests.sources.conftest import KEY

FILM = 1170608


def serve_festival_film(server: HTTPServer) -> None:
    data = tmdb_data.festival_film(FILM)
    search = tmdb_data.search((FILM, data["title"], data["release_date"]))
    server.expect_request("/3/search/movie").respond_with_json(search)
    server.expect_request(f"/3/movie/{FILM}/release_dates", query_string={"api_key": KEY}
                          ).respond_with_json(tmdb_data.release_dates(data))  # fmt: skip
    server.expect_request(f"/3/movie/{FILM}").respond_with_json(data)


def imported_date(registry: Path, *args: str) -> object:
    result = invoke("import", f"tmdb:movie/{FILM}", "-r", str(registry), *args)
    assert result.exit_code == 0, result.stderr
    entry: dict[str, Any] = tomli.loads(registry.read_text())["release"][0]
    return entry["date"]


@pytest.mark.parametrize(
    ("region", "shown"),
    # FR: no theatrical date there, so the earliest theatrical date anywhere (GB)
    [(("--region", "GB"), "2026-12-18"), ((), "2026-12-25"), (("--region", "FR"), "2026-12-18")],
)
def test_lookup_shows_the_date_import_writes_not_the_festival_premiere(
    tmdb: HTTPServer, registry: Path, region: tuple[str, ...], shown: str
) -> None:
    serve_festival_film(tmdb)
    result = invoke("lookup", "the long walk home", *region)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"tmdb:movie/{FILM}     {shown} film  The Long Walk Home\n"
    assert imported_date(registry, *region) == date.fromisoformat(shown)


def test_the_region_setting_is_lookups_default_as_it_is_imports(
    tmdb: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_festival_film(tmdb)
    monkeypatch.setenv("COUNTDOWN_REGION", "GB")
    result = invoke("lookup", "the long walk home", "--json")
    assert result.exit_code == 0, result.stderr
    (candidate,) = json.loads(result.stdout)
    assert (candidate["date"], candidate["date_note"]) == ("2026-12-18", None)
    assert imported_date(registry) == date(2026, 12, 18)


def test_a_candidate_whose_dates_by_country_fail_keeps_release_date_marked(
    tmdb: HTTPServer,
) -> None:
    data = tmdb_data.festival_film(FILM)
    tmdb.expect_request("/3/search/movie").respond_with_json(
        tmdb_data.search((FILM, "The Long Walk Home", "2026-09-01"), (2, "The Long Walk", ""))
    )
    tmdb.expect_request(f"/3/movie/{FILM}/release_dates").respond_with_json(
        {"success": False, "status_code": 34, "status_message": "The resource you requested "
         "could not be found."}, status=404)  # fmt: skip
    tmdb.expect_request("/3/movie/2/release_dates").respond_with_json(tmdb_data.release_dates(data))
    result = invoke("lookup", "the long walk", "--region", "GB")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"tmdb:movie/{FILM}     2026-09-01 film  The Long Walk Home  (release_date: its dates "
        "by country could not be read)\n"
        "tmdb:movie/2           2026-12-18 film  The Long Walk\n"
    )
    assert result.stderr == (
        "countdown: the dates by country of 1 candidate could not be read (TMDB: "
        f"tmdb:movie/{FILM} release_dates: not found (404)); the date shown for it is TMDB's "
        "release_date, which import may not write\n"
    )
    rows = json.loads(invoke("lookup", "the long walk", "--region", "GB", "--json").stdout)
    assert [(r["date"], r["date_note"]) for r in rows] == [
        ("2026-09-01", "release_date: its dates by country could not be read"),
        ("2026-12-18", None),
    ]


@pytest.fixture
def threaded(monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
        monkeypatch.setenv("TMDB_API_KEY", KEY)
        yield server
        server.clear()


def test_the_first_ten_candidates_are_dated_at_once(threaded: HTTPServer) -> None:
    found = [(n, f"Walk {n}", "2026-09-01") for n in range(1, 13)]
    threaded.expect_request("/3/search/movie").respond_with_json(tmdb_data.search(*found))
    lock, flying, most = threading.Lock(), [0], [0]

    def release_dates(request: Request) -> Response:
        with lock:
            flying[0] += 1
            most[0] = max(most[0], flying[0])
        time.sleep(0.2)
        with lock:
            flying[0] -= 1
        number = int(request.path.split("/")[3])
        answer = tmdb_data.release_dates(tmdb_data.festival_film(number))
        return Response(json.dumps(answer), content_type="application/json")

    for number in range(1, 13):
        threaded.expect_request(f"/3/movie/{number}/release_dates").respond_with_handler(
            release_dates
        )
    result = invoke("lookup", "walk", "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["ref"] for r in rows] == [f"tmdb:movie/{n}" for n in range(1, 11)]
    assert {r["date"] for r in rows} == {"2026-12-25"}
    asked = [r.path for r, _ in threaded.log if r.path.endswith("/release_dates")]
    assert sorted(asked) == sorted(f"/3/movie/{n}/release_dates" for n in range(1, 11))
    assert most[0] > 1  # at once, not one after another
    assert result.stderr == (
        "countdown: showing the first 10 of 12 TMDB candidates; add words or --year for the "
        "others\n"
    )
