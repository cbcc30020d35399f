"""refresh against a local server answering like TMDB: history written for every slip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data
from tests.sources.aging import EARLIER, recorded_earlier


def release(path: Path) -> dict[str, object]:
    found: dict[str, object] = tomli.loads(path.read_text())["release"][0]
    return found


def imported(server: HTTPServer, registry: Path, **changes: str) -> None:
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie(**changes))
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    server.clear()


def serve(server: HTTPServer, **changes: str) -> None:
    server.clear()
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie(**changes))


def test_a_moved_date_is_one_history_entry_and_back_the_same_day_amends_it(
    tmdb: HTTPServer, registry: Path
) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    recorded_earlier(registry)
    serve(tmdb, us_theatrical="2027-09-03T00:00:00.000Z")
    result = invoke("refresh", "-r", str(registry), "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == [{
        "id": "mission-impossible-dead-reckoning-part-one", "changed": True,
        "changes": [
            {"field": "date", "old": "2027-07-12", "new": "2027-09-03"},
            {"field": "dates.US.theatrical", "old": "2027-07-12", "new": "2027-09-03"},
        ],
        "error": None,
    }]  # fmt: skip
    entry = release(registry)
    assert entry["date"] == date(2027, 9, 3)
    today = date.today()  # the day refresh wrote, read here rather than at import
    assert entry["history"] == [
        {
            "announced": EARLIER, "date": date(2027, 7, 12), "headline": "US:theatrical",
            "note": "from TMDB",
        },
        {"announced": today, "date": date(2027, 9, 3), "note": "from TMDB"},
    ]  # fmt: skip
    serve(tmdb, us_theatrical="2027-07-12T00:00:00.000Z")  # moved back up
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0
    # The message words the change as every surface does (core/changes.py).
    assert "date: 2027-09-03 → 2027-07-12, moved up 53 days" in result.stderr
    entry = release(registry)
    assert entry["date"] == date(2027, 7, 12)
    # One change a day (item 8): today's entry takes the new date, no third entry.
    assert [(h["announced"], h["date"]) for h in entry["history"]] == [  # type: ignore[attr-defined]
        (EARLIER, date(2027, 7, 12)), (today, date(2027, 7, 12)),
    ]  # fmt: skip
    assert invoke("check", str(registry)).exit_code == 0


def test_no_change_moves_only_checked(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry)
    today = date.today()  # the day import wrote, read here rather than at import
    text = registry.read_text().replace(f"checked = {today}", "checked = 2026-01-02")
    registry.write_text(text)
    serve(tmdb)
    result = invoke("refresh", "-r", str(registry), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["changed"] is False
    assert registry.read_text() == text.replace("checked = 2026-01-02", f"checked = {today}")


def test_a_new_title_is_history_and_the_old_an_alias(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry)
    serve(tmdb, title="Mission: Impossible - Dead Reckoning")
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert (
        "title: Mission: Impossible - Dead Reckoning Part One → Mission: Impossible - Dead Reckoning"
        in result.stderr
    )
    entry = release(registry)
    assert entry["title"] == "Mission: Impossible - Dead Reckoning"
    assert entry["id"] == "mission-impossible-dead-reckoning-part-one"
    assert "Mission: Impossible - Dead Reckoning Part One" in entry["aliases"]  # type: ignore[operator]
    last = entry["history"][-1]  # type: ignore[index]
    assert last["title"] == "Mission: Impossible - Dead Reckoning"
    assert invoke("show", "dead reckoning part one", "-r", str(registry)).exit_code == 0


def test_what_the_user_added_is_kept(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    assert invoke("edit", "mission", "--note", "mine", "--add-person", "editor=Eddie Hamilton",
                  "-r", str(registry)).exit_code == 0  # fmt: skip
    text = registry.read_text()
    text += '\n[[release.dates]]\nregion = "JP"\ntype = "theatrical"\ndate = 2027-08-01\n'
    registry.write_text(text)
    serve(tmdb, us_theatrical="2027-07-19T00:00:00.000Z")
    assert invoke("refresh", "-r", str(registry)).exit_code == 0
    entry = release(registry)
    assert entry["note"] == "mine"
    assert entry["people"]["editor"] == ["Eddie Hamilton"]  # type: ignore[index]
    assert ("JP", "theatrical") in {(d["region"], d["type"]) for d in entry["dates"]}  # type: ignore[attr-defined]


def test_dry_run_prints_the_diff(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    before = registry.read_text()
    serve(tmdb, us_theatrical="2027-09-03T00:00:00.000Z")
    result = invoke("refresh", "--dry-run", "-r", str(registry))
    assert result.exit_code == 0
    assert "-date = 2027-07-12\n+date = 2027-09-03\n" in result.stdout
    assert registry.read_text() == before


def test_some_fail_the_others_are_written(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    tmdb.expect_request("/3/movie/438631").respond_with_json(tmdb_data.movie(438631, title="Dune"))
    assert invoke("import", "tmdb:movie/438631", "-r", str(registry)).exit_code == 0
    tmdb.clear()
    tmdb.expect_request("/3/movie/575264").respond_with_json(
        tmdb_data.movie(us_theatrical="2027-09-03T00:00:00.000Z"))  # fmt: skip
    tmdb.expect_request("/3/movie/438631").respond_with_data("garbage{", status=200)
    result = invoke("refresh", "-r", str(registry), "--json")
    assert result.exit_code == 4
    report = {r["id"]: r for r in json.loads(result.stdout)}
    assert report["dune"]["error"] == "TMDB: tmdb:movie/438631: the answer is not JSON"
    assert report["mission-impossible-dead-reckoning-part-one"]["changed"] is True
    assert "1 of 2 titles failed; the others were written" in result.stderr
    entries = tomli.loads(registry.read_text())["release"]
    assert {e["id"]: e["date"] for e in entries}[
        "mission-impossible-dead-reckoning-part-one"
    ] == date(2027, 9, 3)


def test_named_titles_and_titles_without_ids(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry)
    registry.write_text(
        registry.read_text() + '\n[[release]]\ntitle = "Hand Made"\ndate = 2027-01-01\n'
    )
    result = invoke("refresh", "hand made", "-r", str(registry))
    assert result.exit_code == 2
    assert "has no [release.ids]" in result.stderr
    assert invoke("refresh", "no such", "-r", str(registry)).exit_code == 1


@pytest.mark.parametrize(
    ("when", "checked", "due"),
    [
        ("2027-01-10", "2027-01-01", True),  # within 30 days, checked 1+ days ago
        ("2027-01-10", "2027-01-05", False),  # checked today
        ("2027-04-01", "2026-12-28", True),  # within 180 days: 7
        ("2027-04-01", "2026-12-30", False),
        ("2028-04-01", "2026-12-10", False),  # beyond 180: 30
        ("2028-04-01", "2026-12-01", True),
        ("TBA", "2026-12-20", True),  # 14
        ("TBA", "2026-12-25", False),
        ("2026-11-01", "2026-11-02", False),  # out for more than 30 days: never
    ],
)
def test_due_policy(when: str, checked: str, due: bool) -> None:
    from release_countdown.core.dates import parse_date_text
    from release_countdown.core.model import Release
    from release_countdown.core.record import refresh_due

    item = Release(
        id="x", title="X", date=parse_date_text(when), checked=date.fromisoformat(checked)
    )
    assert refresh_due(item, date(2027, 1, 5)) is due


def test_due_skips_fresh_titles(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")  # checked today
    result = invoke("refresh", "--due", "-r", str(registry))
    assert result.exit_code == 0
    assert "nothing to refresh (no title is due)" in result.stderr
    assert len(tmdb.log) == 0


def test_refresh_keeps_the_file_canonical(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    serve(tmdb, us_theatrical="2027-09-03T00:00:00.000Z", title="Dead Reckoning")
    assert invoke("refresh", "-r", str(registry)).exit_code == 0
    assert "\n\n[[release.history]]\nannounced" in registry.read_text()
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_a_title_the_source_lost_is_listed_and_exits_1(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry)
    tmdb.expect_request("/3/movie/575264").respond_with_json({"status_code": 34}, status=404)
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 1
    assert "TMDB: tmdb:movie/575264: not found (404)" in result.stderr


def test_refresh_of_a_file_with_multiline_strings(tmdb: HTTPServer, registry: Path) -> None:
    imported(tmdb, registry, us_theatrical="2027-07-12T00:00:00.000Z")
    text = registry.read_text().replace('kind = "film"', 'kind = "film"\nnote = """two\nlines"""')
    registry.write_text(text)
    serve(tmdb, us_theatrical="2027-09-03T00:00:00.000Z")
    assert invoke("refresh", "-r", str(registry)).exit_code == 0, registry.read_text()
    found = release(registry)
    assert found["date"] == date(2027, 9, 3)
    assert found["note"] == "two\nlines"
