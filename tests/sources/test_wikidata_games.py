"""Video games from a local server answering like Wikidata's API: P577 at its precision per
platform (P400) and place (P291), developers, publishers and the series."""

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
    server.expect_request("/w/api.php", query_string={"action": "wbgetentities", "ids": wd.GAME,
        "props": "labels|aliases|claims", "languages": "en", "format": "json"}).respond_with_json(entity)  # fmt: skip
    server.expect_request("/w/api.php").respond_with_json(wd.game_labels())


def entry(path: Path) -> dict[str, object]:
    found: dict[str, object] = tomli.loads(path.read_text())["release"][0]
    return found


def typed(path: Path) -> list[tuple[object, ...]]:
    dates: list[dict[str, object]] = entry(path)["dates"]  # type: ignore[assignment]
    return [(d["region"], d["type"], d.get("platform"), d["date"], d["origin"]) for d in dates]


def test_import_a_game_on_three_platforms(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.game())
    result = invoke("import", f"wikidata:{wd.GAME}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    found = entry(registry)
    assert (found["title"], found["kind"], found["franchise"]) == ("Judas", "game", "BioShock")
    # The US date (a month: precision 10, never made a day) is the region's headline.
    assert (found["date"], found["headline"]) == ("2027-03", "US:digital")
    assert found["people"] == {"developer": ["Ghost Story Games"], "publisher": ["2K"]}
    # Day, month and year precision kept as written; the Europe date (no country) and the
    # deprecated one are no typed dates.
    assert sorted(typed(registry), key=str) == sorted([
        ("WW", "digital", "PlayStation 5", date(2027, 3, 5), "wikidata"),
        ("US", "digital", "Microsoft Windows", "2027-03", "wikidata"),
        ("WW", "digital", "Xbox Series X and Series S", "2027", "wikidata"),
    ], key=str)  # fmt: skip
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    shown = invoke("show", "judas", "-r", str(registry), "--as-of", "2026-12-20")
    assert "WW digital · PlayStation 5" in shown.stdout, shown.stdout


@pytest.mark.parametrize(
    ("preference", "region", "expected"),
    [
        (None, "US", "2027-03"),  # the region's own date
        (None, "GB", "2027"),  # none of GB's: the earliest worldwide one (a year sorts first)
        ("ps5", "US", date(2027, 3, 5)),  # the platform's, worldwide, over the region's PC date
        ("PS-5", "GB", date(2027, 3, 5)),
        ("PC", "GB", "2027-03"),  # Windows is PC; none in GB or worldwide: any on it
        ("Dreamcast", "US", "2027-03"),  # not on the platform: as without a preference
    ],
)
def test_the_headline_by_platform(
    wikidata: HTTPServer, registry: Path, tmp_path: Path, preference: str | None,
    *, region: str, expected: object,
) -> None:  # fmt: skip
    serve(wikidata, wd.game())
    config = tmp_path / "config.toml"
    config.write_text(f'[sources]\nplatform = "{preference}"\n' if preference else "")
    env = {"COUNTDOWN_CONFIG": str(config)}
    result = invoke(
        "import", f"wikidata:{wd.GAME}", "--region", region, "-r", str(registry), env=env
    )
    assert result.exit_code == 0, result.stderr
    assert entry(registry)["date"] == expected
    assert entry(registry)["headline"] == f"{region}:digital"


def test_the_platform_preference_from_the_environment(wikidata: HTTPServer, registry: Path) -> None:
    serve(wikidata, wd.game())
    env = {"COUNTDOWN_PLATFORM": "PlayStation 5"}
    assert invoke("import", f"wikidata:{wd.GAME}", "-r", str(registry), env=env).exit_code == 0
    assert entry(registry)["date"] == date(2027, 3, 5)


def test_refresh_moves_only_the_platform_that_moved(wikidata: HTTPServer, registry: Path) -> None:
    two = [wd.played("+2027-03-05T00:00:00Z", 11, [wd.PS5]),
           wd.played("+2027-06-00T00:00:00Z", 10, [wd.XBOX])]  # fmt: skip
    serve(wikidata, wd.game(two))
    assert invoke("import", f"wikidata:{wd.GAME}", "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    # Both move, and their order swaps: each date stays with its platform.
    moved = [wd.played("+2027-08-01T00:00:00Z", 11, [wd.PS5]),
             wd.played("+2027-02-00T00:00:00Z", 10, [wd.XBOX])]  # fmt: skip
    serve(wikidata, wd.game(moved))
    result = invoke("refresh", "-r", str(registry), "--json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)[0]["changes"]
    assert {"field": "dates.WW.digital.Xbox Series X and Series S", "old": "2027-06",
            "new": "2027-02"} in changes  # fmt: skip
    assert {"field": "dates.WW.digital.PlayStation 5", "old": "2027-03-05",
            "new": "2027-08-01"} in changes  # fmt: skip
    assert typed(registry) == [
        ("WW", "digital", "PlayStation 5", date(2027, 8, 1), "wikidata"),
        ("WW", "digital", "Xbox Series X and Series S", "2027-02", "wikidata"),
    ]
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def search(server: HTTPServer) -> None:
    server.expect_request("/w/api.php", query_string={"action": "wbsearchentities", "search": "judas",
        "language": "en", "type": "item", "limit": "20", "format": "json"}).respond_with_json(
        {"search": [{"id": wd.GAME, "label": "Judas", "description": "2027 video game"},
                    {"id": wd.FILM, "label": "Judas", "description": "film"}]})  # fmt: skip
    entities = wd.game()
    entities["entities"][wd.FILM] = wd.film()["entities"][wd.FILM]
    server.expect_request("/w/api.php").respond_with_json(entities)


def test_lookup_finds_games(wikidata: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMDB_API_KEY", "key")  # a game is looked up at Wikidata all the same
    search(wikidata)
    result = invoke("lookup", "judas", "--kind", "game", "--json")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert json.loads(result.stdout) == [{
        "ref": f"wikidata:{wd.GAME}", "title": "Judas", "date": "2027", "kind": "game",
        "people": {}, "note": "2027 video game",
        # The search does not ask which country each place is: import (US) writes 2027-03.
        "date_note": "import prefers your region's date where Wikidata gives one",
    }]  # fmt: skip


def test_lookup_without_a_kind_shows_games_too(wikidata: HTTPServer) -> None:
    search(wikidata)
    result = invoke("lookup", "judas", "--source", "wikidata", "--json")
    assert result.exit_code == 0, result.stderr
    assert [c["kind"] for c in json.loads(result.stdout)] == ["game", "film"]


def test_a_kind_no_source_looks_up_is_refused() -> None:
    result = invoke("lookup", "judas", "--kind", "book")
    assert result.exit_code == 2
    assert "'book' is not one of film, album, game" in result.stderr


def test_a_source_without_games_finds_none(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sources import tmdb_data

    monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", "key")
    server.expect_request("/3/search/movie").respond_with_json(
        tmdb_data.search((1, "Judas", "2027-01-01"))
    )
    result = invoke("lookup", "judas", "--kind", "game", "--source", "tmdb", "--json")
    assert (result.exit_code, result.stdout) == (1, "[]\n")
    assert "no TMDB candidates for 'judas'" in result.stderr
