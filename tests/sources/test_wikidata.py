"""Films from a local server answering like Wikidata's API: no key needed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import wikidata_data as wd
from tests.sources.aging import recorded_earlier


@pytest.fixture
def wikidata(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("COUNTDOWN_WIKIDATA_URL", server.url_for("/").rstrip("/"))
    return server


def serve(server: HTTPServer, entity: dict[str, object]) -> None:
    server.clear()
    server.expect_request("/w/api.php", query_string={"action": "wbgetentities", "ids": wd.FILM,
        "props": "labels|aliases|claims", "languages": "en", "format": "json"}).respond_with_json(entity)  # fmt: skip
    server.expect_request("/w/api.php").respond_with_json(wd.labels())


def entry(path: Path) -> dict[str, object]:
    found: dict[str, object] = tomli.loads(path.read_text())["release"][0]
    return found


def test_import_a_film(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.film())
    result = invoke("import", f"https://www.wikidata.org/wiki/{wd.FILM}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    found = entry(registry)
    assert found["title"] == "Mission: Impossible – Dead Reckoning Part One"
    assert found["date"] == date(2023, 7, 12)  # the region's (US: P291 Q30), not the deprecated one
    assert found["kind"] == "film"
    assert found["aliases"] == ["Mission: Impossible 7", "MI7"]
    assert found["people"] == {  # labels from the second request; a somevalue snak skipped
        "director": ["Christopher McQuarrie"], "composer": ["Lorne Balfe"], "cast": ["Tom Cruise"],
    }  # fmt: skip
    assert found["ids"] == {"wikidata": wd.FILM, "imdb": "tt9603212"}
    assert [(d["region"], d["date"]) for d in found["dates"]] == [("US", date(2023, 7, 12))]  # type: ignore[attr-defined]
    assert len(wikidata.log) == 2
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_the_regional_date_is_the_headline(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.film())
    assert (
        invoke("import", f"wikidata:{wd.FILM}", "--region", "GB", "-r", str(registry)).exit_code
        == 0
    )
    assert entry(registry)["date"] == date(2023, 7, 10)


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([wd.time("+2027-00-00T00:00:00Z", 9)], "2027"),
        ([wd.time("+2027-05-00T00:00:00Z", 10)], "2027-05"),
        ([wd.time("+2027-05-07T00:00:00Z", 11)], date(2027, 5, 7)),
        (
            [
                wd.time("+2027-05-07T00:00:00Z", 11),
                wd.time("+2027-09-01T00:00:00Z", 11, rank="preferred"),
            ],
            date(2027, 9, 1),
        ),
        ([wd.time("+2026-01-01T00:00:00Z", 11, rank="deprecated")], "TBA"),
        ([wd.time("+2000-00-00T00:00:00Z", 8)], "TBA"),  # a decade: not a date form
    ],
)
def test_precision_and_rank(
    wikidata: HTTPServer, registry: Path, statements: list[dict[str, object]], expected: object
) -> None:
    serve(wikidata, wd.film(statements))
    assert invoke("import", f"wikidata:{wd.FILM}", "-r", str(registry)).exit_code == 0
    assert entry(registry)["date"] == expected


def test_refresh_from_wikidata(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.film([wd.time("+2027-05-00T00:00:00Z", 10)]))
    assert invoke("import", f"wikidata:{wd.FILM}", "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    serve(wikidata, wd.film([wd.time("+2027-06-18T00:00:00Z", 11)]))
    result = invoke("refresh", "-r", str(registry), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["changes"][0] == {
        "field": "date",
        "old": "2027-05",
        "new": "2027-06-18",
    }
    assert [h["note"] for h in entry(registry)["history"]] == ["from Wikidata", "from Wikidata"]  # type: ignore[attr-defined]


def test_missing_item_exits_1(wikidata: HTTPServer, registry: Path) -> None:
    wikidata.expect_request("/w/api.php").respond_with_json(
        {
            "error": {
                "code": "no-such-entity",
                "info": 'Could not find an entity with the ID "Q999999999".',
            }
        }
    )
    result = invoke("import", "wikidata:Q999999999", "-r", str(registry))
    assert result.exit_code == 1
    assert "Wikidata: wikidata:Q999999999: not found" in result.stderr


def test_lookup_without_a_key_uses_wikidata(wikidata: HTTPServer) -> None:
    wikidata.expect_request("/w/api.php", query_string={"action": "wbsearchentities", "search": "dead reckoning",
        "language": "en", "type": "item", "limit": "20", "format": "json"}).respond_with_json(
        {"search": [{"id": wd.FILM, "label": "Mission: Impossible – Dead Reckoning Part One",
                     "description": "2023 film by Christopher McQuarrie"},
                    {"id": "Q5", "label": "Dead reckoning", "description": "navigation"}]})  # fmt: skip
    entities = wd.film()
    entities["entities"]["Q5"] = {
        "id": "Q5",
        "labels": {},
        "claims": {"P31": [wd.item("P31", "Q11862829")]},
    }
    wikidata.expect_request("/w/api.php").respond_with_json(entities)
    result = invoke("lookup", "dead reckoning", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{
        "ref": f"wikidata:{wd.FILM}", "title": "Mission: Impossible – Dead Reckoning Part One",
        "date": "2023", "kind": "film", "people": {}, "note": "2023 film by Christopher McQuarrie",
        "date_note": None,
    }]  # fmt: skip
    assert result.stderr == (
        "countdown: searched Wikidata: no TMDB key is set (set TMDB_API_KEY for TMDB's dates "
        "by country, or give --source wikidata)\n"
    )
    named = invoke("lookup", "dead reckoning", "--source", "wikidata", "--json")
    assert (named.exit_code, named.stdout, named.stderr) == (0, result.stdout, "")


def test_the_same_film_from_another_source_is_not_imported_twice(
    wikidata: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sources import tmdb_data

    monkeypatch.setenv("COUNTDOWN_TMDB_URL", wikidata.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", "key")
    wikidata.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    before = registry.read_text()
    result = invoke(
        "import", f"wikidata:{wd.FILM}", "-r", str(registry)
    )  # its wikidata id is known
    assert result.exit_code == 0
    assert "already in the registry" in result.stderr
    assert registry.read_text() == before


def test_a_film_known_by_another_id_is_not_imported_again(
    wikidata: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sources import tmdb_data

    serve(wikidata, wd.film())
    assert invoke("import", f"wikidata:{wd.FILM}", "-r", str(registry)).exit_code == 0
    before = registry.read_text()
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", wikidata.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", "key")
    wikidata.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    result = invoke("import", "tmdb:movie/575264", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert (
        "already in the registry as 'Mission: Impossible – Dead Reckoning Part One'"
        in result.stderr
    )
    assert "same IMDb id" in result.stderr  # the first key both have
    assert registry.read_text() == before


def test_without_a_tmdb_key_refresh_uses_wikidata(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.film([wd.time("+2027-05-00T00:00:00Z", 10)]))
    assert invoke("import", f"wikidata:{wd.FILM}", "-r", str(registry)).exit_code == 0
    registry.write_text(
        registry.read_text().replace("[release.ids]\n", '[release.ids]\ntmdb = "movie/575264"\n')
    )
    serve(wikidata, wd.film([wd.time("+2027-06-18T00:00:00Z", 11)]))
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert entry(registry)["date"] == date(2027, 6, 18)
