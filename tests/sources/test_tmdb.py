"""lookup and import against a local server answering like TMDB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data
from tests.sources.conftest import KEY


def serve_movie(server: HTTPServer, data: dict[str, object], number: int = 575264) -> None:
    server.expect_request(f"/3/movie/{number}").respond_with_json(data)


def entries(path: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = tomli.loads(path.read_text())["release"]
    return found


def test_import_writes_a_complete_canonical_entry(tmdb: HTTPServer, registry: Path) -> None:
    serve_movie(tmdb, tmdb_data.movie())
    result = invoke("import", "tmdb:movie/575264", "--registry", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "imported" in result.stderr
    (entry,) = entries(registry)
    assert entry["title"] == "Mission: Impossible - Dead Reckoning Part One"
    assert entry["date"] == date(2023, 7, 12)  # the US theatrical date, a calendar day
    assert entry["kind"] == "film"
    assert entry["aliases"] == ["Mission: Impossible 7"]  # English alternative titles only
    assert entry["sources"] == ["https://www.themoviedb.org/movie/575264"]
    assert entry["ids"] == {"tmdb": "movie/575264", "wikidata": "Q104123925", "imdb": "tt9603212"}
    assert entry["people"] == {
        "director": ["Christopher McQuarrie"],
        "composer": ["Lorne Balfe"],
        "writer": ["Christopher McQuarrie", "Erik Jendresen"],
        "cast": ["Tom Cruise", "Hayley Atwell", "Ving Rhames"],  # billing order
    }
    dates = [(d["region"], d["type"], d["date"]) for d in entry["dates"]]  # type: ignore[attr-defined]
    assert dates == [
        ("IT", "premiere", date(2023, 6, 19)),  # the first premiere, wherever it was
        ("US", "theatrical", date(2023, 7, 12)),
        ("US", "digital", date(2023, 10, 10)),
        ("US", "physical", date(2023, 10, 31)),
    ]
    assert entry["headline"] == "US:theatrical"  # how the date was chosen: refresh asks so
    assert {d.get("origin") for d in entry["dates"]} == {"tmdb"}  # type: ignore[attr-defined]
    assert entry["history"] == [
        {
            "announced": date(2023, 7, 12), "date": date(2023, 7, 12),
            "headline": "US:theatrical", "note": "from TMDB",
        }
    ]  # fmt: skip
    assert entry["checked"] == date.today()
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    assert invoke("check", str(registry)).exit_code == 0


def test_import_goes_where_fmt_would_put_it(tmdb: HTTPServer, registry: Path) -> None:
    registry.write_text(
        'schema = 1\n\n[[release]]\nid = "aaa"\ntitle = "Aaa"\ndate = 2027-01-01\n\n'
        '# the last one\n[[release]]\nid = "zzz"\ntitle = "Zzz"\ndate = 2027-01-01\n'
    )
    serve_movie(tmdb, tmdb_data.movie())
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    assert [e["id"] for e in entries(registry)] == [
        "aaa", "mission-impossible-dead-reckoning-part-one", "zzz",
    ]  # fmt: skip
    assert '# the last one\n[[release]]\nid = "zzz"' in registry.read_text()
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_region_all_dates_and_web_address(tmdb: HTTPServer, registry: Path) -> None:
    serve_movie(tmdb, tmdb_data.movie())
    url = "https://www.themoviedb.org/movie/575264-mission-impossible-dead-reckoning-part-one"
    result = invoke("import", url, "--region", "GB", "--all-dates", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(registry)
    assert entry["date"] == date(2023, 7, 10)  # GB theatrical
    regions = {d["region"] for d in entry["dates"]}  # type: ignore[attr-defined]
    assert regions == {"US", "GB", "IT", "SG"}
    singapore = [d for d in entry["dates"] if d["region"] == "SG"]  # type: ignore[attr-defined]
    assert [d.get("note") for d in singapore] == [None, "Re-release"]  # two of one type


def test_dry_run_prints_the_diff_and_writes_nothing(tmdb: HTTPServer, registry: Path) -> None:
    serve_movie(tmdb, tmdb_data.movie())
    result = invoke("import", "tmdb:movie/575264", "--dry-run", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"--- {registry}\n+++ {registry}\n")
    assert '+title = "Mission: Impossible - Dead Reckoning Part One"' in result.stdout
    assert registry.read_text() == "schema = 1\n"


def test_importing_again_changes_nothing(tmdb: HTTPServer, registry: Path) -> None:
    serve_movie(tmdb, tmdb_data.movie())
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    before = registry.read_text()
    again = invoke("import", "https://www.themoviedb.org/movie/575264", "-r", str(registry))
    assert again.exit_code == 0
    assert "already in the registry" in again.stderr
    assert "countdown refresh mission-impossible-dead-reckoning-part-one" in again.stderr
    assert registry.read_text() == before
    assert len(tmdb.log) == 1  # not fetched again


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["2027-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"], "2027"),  # the year only
        (["2027-01-01T00:00:00.000Z", "2027-03-05T00:00:00.000Z"], date(2027, 1, 1)),
    ],
)
def test_january_first_everywhere_means_the_year(
    tmdb: HTTPServer, registry: Path, days: list[str], expected: object
) -> None:
    data = tmdb_data.movie(us_theatrical=days[0])
    data["release_date"] = "2027-01-01"
    data["release_dates"] = {"results": [{"iso_3166_1": "US", "release_dates": [
        {"certification": "", "release_date": days[0], "type": 3},
        {"certification": "", "release_date": days[1], "type": 4},
    ]}]}  # fmt: skip
    serve_movie(tmdb, data)
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    assert entries(registry)[0]["date"] == expected


def test_headline_policy_falls_back_past_premieres(tmdb: HTTPServer, registry: Path) -> None:
    data = tmdb_data.movie()
    data["release_dates"] = {"results": [
        {"iso_3166_1": "IT", "release_dates": [
            {"note": "Venice Film Festival", "release_date": "2027-09-01T00:00:00.000Z", "type": 1}]},
        {"iso_3166_1": "FR", "release_dates": [
            {"note": "Netflix", "release_date": "2027-11-20T00:00:00.000Z", "type": 4}]},
        {"iso_3166_1": "DE", "release_dates": [
            {"release_date": "2027-10-30T00:00:00.000Z", "type": 2}]},
    ]}  # fmt: skip
    serve_movie(tmdb, data)
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    assert entries(registry)[0]["date"] == date(2027, 10, 30)  # limited beats the festival


def test_lookup_lists_candidates(tmdb: HTTPServer) -> None:
    tmdb.expect_request(
        "/3/search/movie", query_string={"query": "dune", "include_adult": "false",
        "language": "en-US", "page": "1", "api_key": KEY, "primary_release_year": "2021"},
    ).respond_with_json(tmdb_data.search((438631, "Dune", "2021-09-03")))  # fmt: skip
    dates = {"id": 438631, "results": [{"iso_3166_1": "US", "release_dates": [
        {"certification": "PG-13", "descriptors": [], "iso_639_1": "", "note": "",
         "release_date": "2021-10-22T00:00:00.000Z", "type": 3},
        {"certification": "", "descriptors": [], "iso_639_1": "", "note": "Venice Film Festival",
         "release_date": "2021-09-03T00:00:00.000Z", "type": 1},
    ]}]}  # fmt: skip
    tmdb.expect_request(
        "/3/movie/438631/release_dates", query_string={"api_key": KEY}
    ).respond_with_json(dates)
    result = invoke("lookup", "dune", "--year", "2021", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{
        "ref": "tmdb:movie/438631", "title": "Dune", "date": "2021-10-22", "kind": "film",
        "people": {}, "note": None, "date_note": None,
    }]  # fmt: skip
    table = invoke("lookup", "dune", "--year", "2021")
    assert table.stdout == "tmdb:movie/438631      2021-10-22 film  Dune\n"
    assert table.stderr == ""


def test_lookup_empty_dates_and_hostile_titles(tmdb: HTTPServer) -> None:
    tmdb.expect_request("/3/search/movie").respond_with_json(
        tmdb_data.search((1, "Untitled \x1b[31mFilm\u202e", ""))
    )
    tmdb.expect_request("/3/movie/1/release_dates").respond_with_json({"id": 1, "results": []})
    result = invoke("lookup", "untitled")
    assert result.exit_code == 0
    assert result.stdout == "tmdb:movie/1           TBA        film  Untitled [31mFilm\n"
    assert "\x1b" not in result.stdout


def test_lookup_finding_nothing_exits_1(tmdb: HTTPServer) -> None:
    tmdb.expect_request("/3/search/movie").respond_with_json(tmdb_data.search())
    result = invoke("lookup", "nothing at all")
    assert result.exit_code == 1
    assert result.stderr == "countdown: no TMDB candidates for 'nothing at all'\n"


def test_hostile_and_huge_text_still_makes_a_valid_entry(tmdb: HTTPServer, registry: Path) -> None:
    data = tmdb_data.movie(title="A\x1b]0;pwned\x07 Title\u202e" + "x" * 5000)
    data["credits"]["crew"].append({"job": "Director", "name": "\r\n"})  # type: ignore[index]
    serve_movie(tmdb, data)
    result = invoke("import", "tmdb:movie/575264", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(registry)
    title = str(entry["title"])
    assert len(title) <= 1000
    assert title.startswith("A ]0;pwned Title")
    assert "\x1b" not in registry.read_text()
    assert "\u202e" not in registry.read_text()
    assert invoke("check", str(registry)).exit_code == 0


@pytest.mark.parametrize(("given", "kept"), [(371980, "371980"), (0, None), ("371980", None)])
def test_a_tvdb_id_is_kept_for_sonarr(
    tmdb: HTTPServer, registry: Path, given: object, kept: str | None
) -> None:
    """TMDB's external_ids.tvdb_id (a series') is what `export --format sonarr-list` needs."""
    data = tmdb_data.movie()
    data["external_ids"]["tvdb_id"] = given  # type: ignore[index]
    serve_movie(tmdb, data)
    result = invoke("import", "tmdb:movie/575264", "--registry", str(registry))
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(registry)
    assert entry["ids"].get("tvdb") == kept  # type: ignore[attr-defined]
