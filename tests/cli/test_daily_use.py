"""Everyday friction of a daily user (issue 16, items 12-21): people, remove, watch, export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]

RUSSO = """\
schema = 1

[[release]]
id = "avengers-doomsday"
title = "Avengers: Doomsday"
kind = "film"
date = "2026-12-18"
sources = ["https://example.org/doomsday", "https://example.org/second"]
[release.people]
director = ["Anthony Russo", "Joe Russo"]
composer = ["Alan Silvestri"]

[[release]]
id = "the-electric-state"
title = "The Electric State"
kind = "film"
date = "2025-03-14"
[release.people]
director = ["Anthony Russo", "Joe Russo"]
writer = ["Christopher Markus"]

[[release]]
id = "dune-part-three"
title = "Dune: Part Three"
kind = "film"
date = "2026-12-18"
[release.people]
composer = ["Hans Zimmer"]
"""


@pytest.fixture
def russo(tmp_path: Path) -> str:
    path = tmp_path / "reg.toml"
    path.write_text(RUSSO, encoding="utf-8")
    return str(path)


# --- item 21: people matching two people; declining remove ------------------------------------


def test_people_matching_two_people_shows_both(russo: str) -> None:
    result = invoke("people", "Russo", "-r", russo, "--as-of", "2025-01-01", "--json")
    assert result.exit_code == 0, result.stderr
    assert [row["id"] for row in json.loads(result.stdout)] == [
        "the-electric-state",
        "avengers-doomsday",
    ]
    assert "'Russo' matches 2 people: Anthony Russo, Joe Russo" in result.stderr


def test_people_one_match_and_no_match(russo: str) -> None:
    one = invoke("people", "zimmer", "-r", russo, "--as-of", "2025-01-01", "--json")
    assert [row["id"] for row in json.loads(one.stdout)] == ["dune-part-three"]
    assert one.stderr == ""
    none = invoke("people", "zimer", "-r", russo)
    assert none.exit_code == 1
    assert "nobody named 'zimer' in the registry; did you mean 'Hans Zimmer'?" in none.stderr


def run_on_a_terminal(args: list[str], answer: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with a terminal as stdin (a pseudo-terminal), answering ``answer``."""
    import pty

    primary, secondary = pty.openpty()
    try:
        os.write(primary, answer.encode())
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        return subprocess.run(
            [sys.executable, "-m", "release_countdown", *args],
            stdin=secondary,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(primary)
        os.close(secondary)


def test_declining_remove_says_nothing_removed_and_exits_0(russo: str) -> None:
    before = Path(russo).read_bytes()
    result = run_on_a_terminal(["remove", "dune", "--registry", russo], "n\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("nothing removed")
    assert Path(russo).read_bytes() == before


# --- item 13: watch --once after the release; no "Ctrl-C" in a one-shot frame -----------------


def test_watch_once_on_a_released_title_says_when() -> None:
    result = invoke("watch", "argylle", "--once", "--as-of", "2024-02-08")
    assert result.exit_code == 0, result.stderr
    assert "released 6 days ago" in result.stdout
    assert " now " not in result.stdout
    assert "Ctrl-C" not in result.stdout


def test_watch_once_on_the_day_and_before() -> None:
    assert " now " in invoke("watch", "argylle", "--once", "--as-of", "2024-02-02").stdout
    before = invoke("watch", "argylle", "--once", "--as-of", "2024-01-30").stdout
    assert "3d 00h 00m 00s" in before
    assert "Ctrl-C" not in before


def test_a_live_frame_says_how_to_stop() -> None:
    from datetime import datetime, timezone

    from release_countdown.views.watch import watch_table

    now = datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert "Ctrl-C to stop" in str(watch_table([], now=now).caption)
    assert "Ctrl-C" not in str(watch_table([], now=now, live=False).caption)


# --- item 12: export counts events, says what it skipped and why; URL ------------------------

SKIPS = """\
[[release]]
title = "Fuzzy one"
date = "2030-Q1"
[[release]]
title = "Fuzzy two"
date = "2030"
[[release]]
title = "Unknown"
date = "TBA"
[[release]]
title = "Exact"
date = 2030-05-05
sources = ["Variety, 2024-01-01", "https://example.org/exact", "https://example.org/later"]
[[release]]
title = "Also exact"
date = 2030-06-05
"""


def test_export_counts_events_titles_and_skips(tmp_path: Path) -> None:
    path = tmp_path / "reg.toml"
    path.write_text(SKIPS, encoding="utf-8")
    out = tmp_path / "all.ics"
    result = invoke("export", "-r", str(path), "--as-of", "2026-01-01", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote 2 events (5 titles; 3 skipped: 2 fuzzy, 1 TBA) to {out}" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "countdown: use --fuzzy as-span to export fuzzy windows as spans"
    )  # after what was written
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 2
    spans = invoke(
        "export", "-r", str(path), "--as-of", "2026-01-01", "--fuzzy", "as-span", "-o", str(out)
    )
    assert f"wrote 4 events (5 titles; 1 skipped: 1 TBA) to {out}" in spans.stderr
    assert "--fuzzy as-span" not in spans.stderr
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 4


def test_export_to_stdout_says_what_it_skipped(tmp_path: Path) -> None:
    path = tmp_path / "reg.toml"
    path.write_text(SKIPS, encoding="utf-8")
    result = invoke("export", "-r", str(path), "--as-of", "2026-01-01", "--fuzzy", "as-span")
    assert result.stderr == "countdown: 4 events (5 titles; 1 skipped: 1 TBA)\n"


def test_export_event_url_is_the_first_web_source(tmp_path: Path) -> None:
    import icalendar

    path = tmp_path / "reg.toml"
    path.write_text(SKIPS, encoding="utf-8")
    data = invoke("export", "-r", str(path), "--as-of", "2026-01-01").stdout_bytes
    found = {
        str(e["SUMMARY"]): e.get("URL") for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    assert found == {"Exact": "https://example.org/exact", "Also exact": None}


# --- item 17: stable CSV columns; --columns ---------------------------------------------------

STABLE = (
    "id,title,aliases,kind,franchise,date,precision,earliest,latest,days_remaining,"
    "days_remaining_max,status,countdown,region,release_type,announced,checked,change,sources,"
    "note,source,origin,mark,tags,season,people.composer,people.director,people.writer"
)


def csv_lines(*args: str) -> list[str]:
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode().split("\r\n")


@pytest.mark.parametrize("command", [["list", "--format", "csv"], ["export", "--format", "csv"]])
def test_csv_columns_are_every_role_of_the_registry_sorted(russo: str, command: list[str]) -> None:
    everyone = csv_lines(*command, "-r", russo, "--all")
    assert everyone[0] == STABLE
    only_zimmer = csv_lines(*command, "-r", russo, "--all", "--composer", "zimmer")
    assert only_zimmer[0] == STABLE  # the same columns, whatever the view holds
    nobody = csv_lines(*command, "-r", russo, "--all", "--search", "nothing at all")
    assert nobody[0] == STABLE


@pytest.mark.parametrize("command", [["list", "--format", "csv"], ["export", "--format", "csv"]])
def test_columns_choose_and_order(russo: str, command: list[str]) -> None:
    lines = csv_lines(
        *command, "-r", russo, "--all", "--sort", "title", "--columns",
        "people.director,title,people.cast",
    )  # fmt: skip
    assert lines[:2] == [
        "people.director,title,people.cast",
        "Anthony Russo; Joe Russo,Avengers: Doomsday,",
    ]


def test_columns_refused_when_unknown_or_not_csv(russo: str) -> None:
    unknown = invoke("list", "-r", russo, "--format", "csv", "--columns", "title,nope")
    assert unknown.exit_code == 2
    assert "'nope' is not a column" in unknown.stderr
    table = invoke("list", "-r", russo, "--columns", "title")
    assert table.exit_code == 2
    assert "goes with --format csv" in table.stderr


# --- item 16: people piped in the plain layout of list; --format; --sort ----------------------


def test_people_piped_is_plain_like_list(russo: str) -> None:
    result = invoke("people", "-r", russo, "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Name  ")  # not indented, not a line of blanks
    assert set(lines[1]) == {"─"}
    assert all(line == line.rstrip() for line in lines)  # no trailing blanks
    assert lines[2].startswith("Alan Silvestri")
    assert lines[-1].strip() == "as of 2025-01-01 · 5 people"
    listed = invoke("list", "-r", russo, "--as-of", "2025-01-01").stdout.splitlines()
    assert len(lines[1]) == len(listed[1])  # the same rule, the same width


def test_people_formats(russo: str) -> None:
    args = ("people", "-r", russo, "--as-of", "2025-01-01")
    as_json = json.loads(invoke(*args, "--format", "json").stdout)
    assert [p["name"] for p in as_json][:2] == ["Alan Silvestri", "Anthony Russo"]
    as_csv = invoke(*args, "--format", "csv").stdout_bytes.decode().split("\r\n")
    assert as_csv[0] == ("name,roles,titles,next_id,next_title,next_date,next_days,next_countdown")
    assert as_csv[2] == (
        "Anthony Russo,director,2,the-electric-state,The Electric State,2025-03-14,72,in 2 months"
    )
    template = invoke(*args, "--format", "{titles} {name}: {next_days:>4d} {next_title}")
    assert template.stdout.splitlines()[:2] == [
        "1 Alan Silvestri:  716 Avengers: Doomsday",
        "2 Anthony Russo:   72 The Electric State",
    ]
    bad = invoke(*args, "--format", "{nope}")
    assert bad.exit_code == 2
    assert "unknown field {nope}" in bad.stderr


def test_people_sort(russo: str) -> None:
    def names(order: str) -> list[str]:
        result = invoke(
            "people", "-r", russo, "--as-of", "2026-01-01", "--sort", order, "--format", "{name}"
        )
        assert result.exit_code == 0, result.stderr
        return result.stdout.splitlines()

    assert names("name") == [
        "Alan Silvestri", "Anthony Russo", "Christopher Markus", "Hans Zimmer", "Joe Russo",
    ]  # fmt: skip
    assert names("titles")[:2] == ["Anthony Russo", "Joe Russo"]
    # 2026-01-01: Doomsday and Dune Part Three both on 2026-12-18; Markus has nothing ahead.
    assert names("next")[-1] == "Christopher Markus"
    assert invoke("people", "--sort", "age").exit_code == 2
