"""`show` tells each progression of the issue as what happened: a date that became exact inside
the announced window is narrowed, not moved; TBA → a date is dated (golden History blocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke

REGISTRY = """schema = 1

[[release]]
title = "Year Film"
kind = "film"
date = 2028-05-26

[[release.history]]
announced = 2026-01-10
date = "2028"

[[release.history]]
announced = 2026-09-01
date = 2028-05-26

[[release]]
title = "Month Film"
kind = "film"
date = 2027-03-20

[[release.history]]
announced = 2025-06-01
date = "2027"

[[release.history]]
announced = 2026-02-01
date = "2027-03"

[[release.history]]
announced = 2026-06-01
date = 2027-03-20

[[release]]
title = "Day Album"
kind = "album"
date = "2026-12"
announced = 2026-03-01

[[release]]
title = "Later Film"
kind = "film"
date = "2027-11"

[[release.history]]
announced = 2025-01-01
date = "TBA"

[[release.history]]
announced = 2026-05-01
date = "2027-11"
"""

EXPECTED = {
    "year film": """\
│ History  narrowed once; within the first announced window (2028)                                 │
│   announced 2026-01-10  → 2028                                                                   │
│   announced 2026-09-01  → 2028-05-26  narrowed                                                   │
""",
    "month film": """\
│ History  narrowed twice; within the first announced window (2027)                                │
│   announced 2025-06-01  → 2027                                                                   │
│   announced 2026-02-01  → 2027-03     narrowed                                                   │
│   announced 2026-06-01  → 2027-03-20  narrowed                                                   │
""",
    "day album": """\
│ History  narrowed once; within the first announced window (2026-12)                              │
│   announced 2026-03-01  → 2026-12                                                                │
│   announced 2026-10-01  → 2026-12-11  narrowed                                                   │
""",
    "later film": """\
│ History  dated once; first announced without a date                                              │
│   announced 2025-01-01  → TBA                                                                    │
│   announced 2026-05-01  → 2027-11  dated                                                         │
""",
}


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    done = invoke(
        "postpone", "day album", "2026-12-11", "--announced", "2026-10-01", "-r", str(path)
    )
    assert done.exit_code == 0, done.stderr
    assert 'narrowed "Day Album" from 2026-12 to 2026-12-11 (announced 2026-10-01)' in done.stderr
    return str(path)


def history_block(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "History" in line)
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("╰"))
    return "".join(lines[start:end])


@pytest.mark.parametrize("title", list(EXPECTED))
def test_show_tells_each_progression(registry: str, title: str) -> None:
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    result = invoke("show", title, "-r", registry, "--as-of", "2026-11-25", env=env)
    assert result.exit_code == 0, result.stderr
    assert history_block(result.stdout) == EXPECTED[title]


def test_each_history_entry_says_its_change_in_json(registry: str) -> None:
    result = invoke("show", "month film", "-r", registry, "--as-of", "2026-11-25", "--json")
    row = json.loads(result.stdout)
    assert [h["change"] for h in row["history"]] == [None, "narrowed", "narrowed"]
    assert (row["slip"]["narrowed"], row["slip"]["since_first"]) == (2, "narrowed")
    assert row["slip"]["days_later"] == 0


def test_the_slip_chart_draws_a_fuzzy_date_as_a_band(registry: str) -> None:
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    result = invoke("show", "year film", "-r", registry, "--as-of", "2026-11-25", env=env)
    chart = result.stdout[result.stdout.index("Slip chart") :]
    band_rows = [line for line in chart.splitlines() if "░" in line and "fuzzy" not in line]
    assert len(band_rows) == 14  # "2028": the whole year, top to bottom
    assert any("May 2028" in line and "●─" in line for line in band_rows)  # the day: a point
    assert "░░ fuzzy window" in chart


def test_the_feed_and_notify_word_the_change_the_same_way(tmp_path: Path) -> None:
    from datetime import date

    from release_countdown.core.notices import NoticeState, Seen, plan_notices
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import release_row
    from release_countdown.registry.load import load_registry
    from release_countdown.serve.feeds import changes

    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    today = date(2026, 11, 25)
    found = select(load_registry([path]).releases, Query(show_all=True), today)
    rows = {r.id: r for r in (release_row(s, today) for s in found)}
    atom = {(c.release_id, c.text): c.what for c in changes(list(rows.values()))}
    assert atom[("year-film", "2028 → 2028-05-26")] == "narrowed"
    assert atom[("month-film", "2027 → 2027-03")] == "narrowed"
    assert atom[("later-film", "TBA → 2027-11")] == "dated"
    state = NoticeState(created=today, seen={"year-film": Seen("2028", "Year Film", today)})
    (notice,) = plan_notices([rows["year-film"]], (), state, today).notices
    assert notice.change == "narrowed"


def test_the_slip_chart_leaves_tba_as_a_gap(registry: str) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    result = invoke("show", "later film", "-r", registry, "--as-of", "2026-11-25", env=env)
    chart = result.stdout[result.stdout.index("Slip chart") :].splitlines()[1:15]
    assert sum("Nov 2027" in line for line in chart) == 1  # a one-month window, labelled once
    for line in chart:  # nothing drawn while the date was TBA: blank up to the announcement
        plot = line[10:]
        assert set(plot[: plot.index("●")]) == {" "}
        assert "░" in plot


def test_edit_says_the_kind_of_change(registry: str) -> None:
    done = invoke("edit", "year film", "--date", "2028", "-r", registry)
    assert "date set to 2028 (widened from 2028-05-26)" in done.stderr
    done = invoke("edit", "year film", "--date", "2028-06-01", "-r", registry)
    assert "date set to 2028-06-01 (narrowed from 2028)" in done.stderr
    done = invoke("edit", "year film", "--date", "2028-06-04", "-r", registry)
    assert "date set to 2028-06-04 (postponed from 2028-06-01, 3 days later)" in done.stderr
