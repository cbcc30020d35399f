"""Issue 22 item 6: plain output that is plain. Every view piped: no line ends in a blank and
none is wider than $COLUMNS (a `Source:` URL and `next`'s sentence excepted: they are whole on
purpose); the timeline, which promises ASCII when piped, is ASCII, titles included; headers are
never cut; `watch --once` draws no bars and `slips` no rule it cannot fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke

BUNDLED = ("-r", "data/releases.toml", "--as-of", "2023-07-08")
VIEWS = {
    "list": ("list", "--all"),
    "list-region": ("list", "--all", "--region", "GB"),
    "next": ("next",),
    "timeline": ("timeline", "--all"),
    "timeline-region": ("timeline", "--all", "--region", "GB"),
    "watch": ("watch", "--once"),
    "people": ("people",),
    "show": ("show", "argylle"),
    "show-history": ("show", "part two"),
    "slips": ("slips",),
    "slips-person": ("slips", "--by", "person"),
}
WIDTHS = (40, 80, 120)
# A due window ("due <=24d"), a title with a dash, an accent and an ellipsis, and a TBA title.
DUE = """\
schema = 1

[[release]]
id = "album"
title = "Ludwig Göransson – Sinners… (Original Score)"
kind = "album"
date = "2026-12"

[[release]]
id = "dune"
title = "Dune: Part Three"
kind = "film"
date = 2026-12-18

[[release]]
id = "silksong"
title = "Hollow Knight: Silksong – Sea of Sorrow"
kind = "game"
date = "TBA"
"""


def piped(*args: str, width: int) -> str:
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_view_piped_has_no_trailing_blank_and_fits(view: str, width: int) -> None:
    lines = piped(*VIEWS[view], *BUNDLED, width=width).splitlines()
    assert lines
    assert [line for line in lines if line != line.rstrip()] == [], view
    if view != "next":
        wide = [ln for ln in lines if cell_len(ln) > width and not ln.startswith("Source: ")]
        assert wide == [], view


@pytest.mark.parametrize("width", [30, 40, 60, 80, 120])
def test_the_piped_timeline_is_ascii_and_its_header_whole(tmp_path: Path, width: int) -> None:
    path = tmp_path / "due.toml"
    path.write_text(DUE, encoding="utf-8")
    out = piped("timeline", "-r", str(path), "--as-of", "2026-12-07", width=width)
    assert out.isascii(), out
    lines = out.splitlines()
    assert lines[0].split() == ["today", "2026-12-07"]
    assert all(cell_len(line) <= width for line in lines), out
    assert "due <=24d" in out
    assert "Goransson - Sinners..." in out or "~" in out  # folded, then cut with "~" only
    if width >= 120:
        assert "Ludwig Goransson - Sinners... (Original Score)" in out
        assert "Hollow Knight: Silksong - Sea of Sorrow" in out


def test_the_bundled_timeline_piped_is_ascii() -> None:
    for width in WIDTHS:
        assert piped("timeline", "--all", *BUNDLED, width=width).isascii()


def test_watch_once_piped_draws_no_bar_and_keeps_its_headers(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    for width in WIDTHS:
        out = piped("watch", "--once", "-r", registry, "--as-of", AS_OF, width=width)
        assert not set(out) & set("━╸╺"), out
        header = out.splitlines()[0].split()
        assert header[:1] == ["Title"]
        assert header[-2:] in (["Time", "left"], ["Since", "announced"])
    out = piped("watch", "--once", "-r", "data/releases.toml", "--as-of", "2023-07-01", width=80)
    assert "Gran Turismo                     2023-08-11    41d 00h 00m 00s   91%\n" in out


def test_slips_at_40_columns_is_a_block_a_group_without_a_rule() -> None:
    out = piped("slips", *BUNDLED[:2], "--as-of", "2025-01-01", width=40)
    assert "─" not in out
    assert out.splitlines()[:4] == [
        "postponed",
        "  Titles 3 · Moved 3 · Changes 9",
        "  Median days 189 · Largest days 357",
        "  n 9",
    ]
    wide = piped("slips", *BUNDLED[:2], "--as-of", "2025-01-01", width=80).splitlines()
    assert wide[0].split()[:3] == ["Kind", "of", "change"]
    assert wide[1] == "─" * len(wide[0])


def test_people_below_50_columns_cut_no_name(tmp_path: Path) -> None:
    out = piped("people", *BUNDLED, width=40)
    assert "Andrew Kawczynski\n  composer · 1 title\n  next: Gran Turismo in 1 month\n" in out


def test_a_slips_header_wraps_at_its_spaces_rather_than_overflow() -> None:
    lines = piped("slips", *BUNDLED[:2], "--as-of", "2025-01-01", width=65).splitlines()
    assert lines[:3] == [
        "Kind of      Titles  Moved  Changes  Median days  Largest days  n",
        "change",
        "─" * 65,
    ]
    assert all(cell_len(line) <= 65 for line in lines)


def test_a_title_too_long_for_the_panel_border_is_its_first_line_not_cut() -> None:
    title = "Mission: Impossible – Dead Reckoning Part One (Music from the Motion Picture)"
    for width in WIDTHS:
        out = piped("show", "mi-dead-reckoning-part-one-soundtrack", *BUNDLED, width=width)
        assert " ".join(out.replace("│", " ").replace("╭─", " ").split()).count(title) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_the_slip_chart_legend_wraps_whole_items_rather_than_cut(width: int) -> None:
    out = piped("show", "part two", *BUNDLED, width=width)
    chart = out.split("Slip chart", 1)[1].split("Source:", 1)[0].splitlines()
    first = next(i for i, line in enumerate(chart) if "x: day of" in line)
    legend = " ".join(line.strip() for line in chart[first:])
    for item in ("x: day of announcement", "y: release date announced", "● announcement",
                 "date in force", "release = announcement", "today"):  # fmt: skip
        assert item in legend, (width, legend)
    assert "…" not in legend
