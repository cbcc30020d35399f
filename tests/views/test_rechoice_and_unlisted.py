"""A re-chosen headline (`refresh --region`) is told as a re-choice, never as a move, by every
surface; a typed date its source no longer lists is said so by `show` (golden blocks)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import invoke

REGISTRY = """schema = 1

[[release]]
id = "rechosen-film"
title = "Rechosen Film"
kind = "film"
date = 2027-06-24
headline = "GB:theatrical"

[release.ids]
tmdb = "movie/575264"

[[release.dates]]
region = "US"
type = "digital"
date = 2027-09-01
origin = "tmdb"
unlisted = 2026-11-20
note = "Paramount+"

[[release.dates]]
region = "US"
type = "physical"
date = 2027-10-01
origin = "tmdb"

[[release.history]]
announced = 2026-01-10
date = 2027-06-25
headline = "US:theatrical"
note = "from TMDB"

[[release.history]]
announced = 2026-11-20
date = 2027-06-24
headline = "GB:theatrical"
note = "from TMDB, re-chosen: GB:theatrical"
"""

EXPECTED_HISTORY = """\
│ History  re-chosen once; on the date re-chosen                                                   │
│   announced 2026-01-10  → 2027-06-25  from TMDB                                                  │
│   announced 2026-11-20  → 2027-06-24  re-chosen · from TMDB, re-chosen: GB:theatrical            │
"""
EXPECTED_DATES = """\
│ Dates                                                                                            │
│   2027-09-01  US digital   no longer listed since 2026-11-20 · Paramount+                        │
│   2027-10-01  US physical                                                                        │
"""
TODAY = "2026-11-25"


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


def block(text: str, heading: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"│ {heading}"))
    ends = ("╰",)
    end = next(
        i for i in range(start + 1, len(lines))
        if lines[i].startswith(ends) or lines[i].strip("│ \n") == ""
    )  # fmt: skip
    return "".join(lines[start:end])


def shown(registry: str) -> str:
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    result = invoke("show", "rechosen film", "-r", registry, "--as-of", TODAY, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_show_tells_a_rechoice_as_such(registry: str) -> None:
    assert block(shown(registry), "History") == EXPECTED_HISTORY


def test_show_says_a_date_is_no_longer_listed(registry: str) -> None:
    assert block(shown(registry), "Dates") == EXPECTED_DATES


def test_json_rows_and_slips_count_no_move(registry: str) -> None:
    row = json.loads(invoke("show", "rechosen film", "-r", registry, "--json").stdout)
    assert [h["change"] for h in row["history"]] == [None, "re-chosen"]
    assert row["change"] == "re-chosen"
    slip = row["slip"]
    assert (slip["moved_up"], slip["postponed"], slip["rechosen"]) == (0, 0, 1)
    assert (slip["days_later"], slip["first_date"]) == (0, "2027-06-24")
    assert row["dates"][0]["unlisted"] == "2026-11-20"
    counted = json.loads(invoke("slips", "-r", registry, "--json", "--as-of", TODAY).stdout)
    assert (counted["moved"], counted["changes"]) == (0, 0)


def test_the_feed_and_notify_say_rechosen(registry: str) -> None:
    from release_countdown.core.notices import NoticeState, Seen, plan_notices
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import release_row
    from release_countdown.registry.load import load_registry
    from release_countdown.serve.feeds import changes

    today = date(2026, 11, 25)
    (standing,) = select(load_registry([Path(registry)]).releases, Query(show_all=True), today)
    row = release_row(standing, today)
    (change,) = changes([row])
    assert (change.what, change.text) == ("re-chosen", "2027-06-25 → 2027-06-24")
    from datetime import UTC, datetime

    from release_countdown.serve.feeds import atom
    from release_countdown.serve.links import Links

    xml = atom(
        [change], links=Links(root="http://x/"), updated=datetime(2026, 11, 25, tzinfo=UTC)
    ).decode()
    assert "<summary>re-chosen: 2027-06-25 → 2027-06-24</summary>" in xml  # said once
    seen = {"rechosen-film": Seen("2027-06-25", "Rechosen Film", today)}
    state = NoticeState(created=today, seen=seen)
    (notice,) = plan_notices([row], (), state, today).notices
    assert notice.change == "re-chosen"


def test_export_leaves_an_unlisted_date_out_unless_asked(registry: str) -> None:
    common = ("export", "-r", registry, "--all", "--all-dates", "--as-of", TODAY)
    left_out = invoke(*common).stdout
    assert "US physical" in left_out
    assert "US digital" not in left_out
    assert "US digital" in invoke(*common, "--unlisted").stdout


def test_check_lists_an_unlisted_date(registry: str) -> None:
    result = invoke("check", registry)
    assert result.exit_code == 0  # a warning: --strict makes it an error
    assert (
        'release "Rechosen Film": dates #1: US digital 2027-09-01 is no longer listed by TMDB '
        "(since 2026-11-20); export leaves it out: remove it, or remove `unlisted` to keep it"
    ) in result.stderr
    assert "releases.toml:18:12: warning: " in result.stderr  # at its `unlisted` key
    assert invoke("check", registry, "--strict").exit_code == 3
