"""Issue 21 items 8 and 9: an edit records one change once, and every write leaves a
canonical file canonical (`fmt --check` passes after init, add, edit, postpone, refresh)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke


def canonical(path: Path) -> bool:
    found = invoke("fmt", "--check", str(path))
    assert found.exit_code in (0, 1), found.stderr
    return found.exit_code == 0


def release(path: Path, index: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = tomli.loads(path.read_text(encoding="utf-8"))["release"][index]
    return found


# --- item 8 ---------------------------------------------------------------------------------


def test_date_for_repeats_and_each_date_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    assert invoke("init", "-r", str(path)).exit_code == 0
    assert invoke("add", "Blade", "-d", "2027-11-07", "-r", str(path)).exit_code == 0
    done = invoke(
        "edit", "blade", "--date-for", "US:theatrical", "2027-11-07",
        "--date-for", "GB:theatrical", "2027-11-09", "-r", str(path),
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    typed = [(d["region"], d["type"], d["date"]) for d in release(path)["dates"]]
    assert typed == [
        ("US", "theatrical", date(2027, 11, 7)),
        ("GB", "theatrical", date(2027, 11, 9)),
    ]


def test_the_same_region_and_type_twice_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    assert invoke("init", "-r", str(path)).exit_code == 0
    assert invoke("add", "Blade", "-d", "2027-11-07", "-r", str(path)).exit_code == 0
    before = path.read_bytes()
    twice = invoke(
        "edit", "blade", "--date-for", "US:theatrical", "2027-11-07",
        "--date-for", "us:theatrical", "2027-11-14", "-r", str(path),
    )  # fmt: skip
    assert twice.exit_code == 2
    assert "--date-for US:theatrical is given twice" in twice.stderr
    assert path.read_bytes() == before


def test_a_postpone_then_a_retitle_on_one_day_is_one_history_entry(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    assert invoke("init", "-r", str(path)).exit_code == 0
    added = invoke("add", "Mid", "-d", "2027", "--announced", "2026-01-05", "-r", str(path))
    assert added.exit_code == 0, added.stderr
    day = ("--announced", "2026-03-02")
    assert invoke("postpone", "mid", "2028-02-01", *day, "-r", str(path)).exit_code == 0
    assert invoke("edit", "mid", "--title", "Mid Two", *day, "-r", str(path)).exit_code == 0
    assert invoke("postpone", "mid", "2028-03-01", *day, "-r", str(path)).exit_code == 0
    assert release(path)["history"] == [
        {"announced": date(2026, 1, 5), "date": "2027", "title": "Mid"},
        {"announced": date(2026, 3, 2), "date": date(2028, 3, 1), "title": "Mid Two"},
    ]
    assert canonical(path)
    earlier = invoke("show", "mid", "--as-of", "2026-02-01", "-r", str(path))
    assert "─ Mid ─" in earlier.stdout  # the old title before the day of the change
    other_day = invoke("edit", "mid", "--title", "Mid Three", "--announced", "2026-04-01",
                       "-r", str(path))  # fmt: skip
    assert other_day.exit_code == 0, other_day.stderr
    assert len(release(path)["history"]) == 3  # another day, another entry


def test_a_postpone_then_a_retitle_with_a_new_date_on_one_day_is_one_history_entry(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.toml"
    assert invoke("init", "-r", str(path)).exit_code == 0
    added = invoke("add", "Mid", "-d", "2027", "--announced", "2026-01-05", "-r", str(path))
    assert added.exit_code == 0, added.stderr
    day = ("--announced", "2026-03-02")
    assert invoke("postpone", "mid", "2028-02-01", *day, "-r", str(path)).exit_code == 0
    both = invoke("edit", "mid", "--title", "Mid Two", "--date", "2028-02-03", *day,
                  "-r", str(path))  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert release(path)["history"] == [
        {"announced": date(2026, 1, 5), "date": "2027", "title": "Mid"},
        {"announced": date(2026, 3, 2), "date": date(2028, 2, 3), "title": "Mid Two"},
    ]
    assert canonical(path)


# --- item 9 ---------------------------------------------------------------------------------


def test_init_then_adds_stay_canonical_and_sorted_by_id(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    assert invoke("init", "-r", str(path)).exit_code == 0
    assert canonical(path)
    for title, when in (("Zeta", "2027-05-01"), ("Alpha", "2027-06-01"), ("Mid", "2027")):
        assert invoke("add", title, "-d", when, "-r", str(path)).exit_code == 0
        assert canonical(path), path.read_text(encoding="utf-8")
    ids = [r["id"] for r in tomli.loads(path.read_text(encoding="utf-8"))["release"]]
    assert ids == ["alpha", "mid", "zeta"]
    assert "schema = 1\n\n[[release]]\n" in path.read_text(encoding="utf-8")


CANONICAL = """schema = 1

[[release]]
id = "a-film"
title = "A Film"
kind = "film"
date = 2027-07-12
sources = ["https://example.org/news"]

[release.ids]
tmdb = "movie/575264"

[[release]]
id = "zeta"
title = "Zeta"
date = 2027-05-01
"""


def test_a_refresh_that_adds_history_title_and_typed_dates_stays_canonical(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    from tests.sources import tmdb_data
    from tests.workflows.test_refresh import run

    path = tmp_path / "r.toml"
    path.write_text(CANONICAL, encoding="utf-8")
    assert canonical(path)
    httpserver.expect_request("/3/movie/575264").respond_with_json(
        tmdb_data.movie(title="A Film, Renamed", us_theatrical="2027-09-03T00:00:00.000Z")
    )
    done = run(httpserver, path)
    assert done.titles[0].changes  # the date, the title, typed dates
    found = release(path)
    assert found["title"] == "A Film, Renamed"
    assert found["aliases"] == ["A Film"]
    assert len(found["history"]) == 2
    assert found["dates"]
    assert canonical(path), path.read_text(encoding="utf-8")
