"""The timeline, the slip chart and SVG/HTML snapshots."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from release_countdown.core.rows import Row
from release_countdown.views.timeline import (
    ASCII,
    UNICODE,
    column,
    slip_chart_lines,
    ticks,
    timeline_lines,
)
from tests.conftest import AS_OF, invoke


def row(title: str, earliest: str | None, latest: str | None, status: str = "upcoming") -> Row:
    days = None if earliest is None else 1
    first = date.fromisoformat(earliest) if earliest else None
    last = date.fromisoformat(latest) if latest else None
    return Row(
        id=title.lower(), title=title, aliases=(), kind="film", franchise=None,
        date=earliest or "TBA", precision="day" if earliest else "tba", earliest=first,
        latest=last, days_remaining=days, days_remaining_max=days, status=status, countdown="",
        region=None, release_type=None, announced=None, checked=None, people={}, dates=(),
        history=(), slip=None, change=None, sources=(), note=None, source="",
    )  # fmt: skip


def rows_of(*args: str) -> list[Row]:
    """The rows `list` makes for these options (its typed rows, not their JSON)."""
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import release_row
    from release_countdown.registry.load import load_registry
    from release_countdown.registry.locations import bundled_registry

    search, day = args
    releases = load_registry([bundled_registry()]).releases
    today = date.fromisoformat(day)
    found = select(releases, Query(search=(search,), show_all=True), today)
    return [release_row(s, today) for s in found]


def lanes(lines: list[list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(line[0][0], line[1][0], line[2][0]) for line in lines[3:]]


def test_column_maps_days_linearly() -> None:
    start, end = date(2024, 1, 1), date(2024, 1, 11)
    assert [column(date(2024, 1, d), start, end, 11) for d in (1, 2, 6, 11)] == [0, 1, 5, 10]
    assert column(date(2024, 7, 1), date(2024, 1, 1), date(2024, 12, 31), 100) == 49  # 182/365


def test_ticks_fit_the_width() -> None:
    start, end = date(2023, 7, 1), date(2024, 7, 1)
    months = ticks(start, end, 60)
    assert [label for _, label in months][:3] == ["Jul", "Aug", "Sep"]
    assert ("2024" in [label for _, label in months]) is True  # January shows the year
    years = ticks(date(2020, 1, 1), date(2030, 1, 1), 60)
    assert [label for _, label in years][:2] == ["2020", "2021"]
    weeks = ticks(date(2024, 1, 1), date(2024, 2, 15), 80)
    assert weeks[0] == (date(2024, 1, 1), "1 Jan")


def test_markers_and_bars_land_on_their_days() -> None:
    rows = [
        row("Exact", "2024-01-06", "2024-01-06"),
        row("Window", "2024-01-03", "2024-01-08"),
        row("Gone", "2023-12-01", "2023-12-01", "released"),
        row("Later", "2024-03-01", "2024-03-01"),
        row("Unknown", None, None, "tba"),
    ]
    lines = timeline_lines(
        rows, today=date(2024, 1, 2), start=date(2024, 1, 1), end=date(2024, 1, 11), width=28
    )
    found = {label.strip(): lane for label, lane, _ in lanes(lines)}
    axis = len(found["Exact"])
    assert axis == 11
    assert found["Exact"].index(UNICODE.mark) == 5
    assert found["Exact"][1] == UNICODE.today
    window = found["Window"]
    assert window[2:8] == UNICODE.bar * 6
    assert window[0] == " "
    assert window[8] == " "
    assert found["Gone"][0] == UNICODE.before  # before the span: an arrow at the edge
    assert found["Later"][-1] == UNICODE.after
    assert found["Unknown"].strip() == ""  # TBA: listed, no mark
    assert [label.strip() for label, _, _ in lanes(lines)][-1] == "Unknown"
    gone = next(line for line in lines if line[0][0].strip() == "Gone")
    assert gone[0][1] == "dim"


def test_ascii_glyphs() -> None:
    lines = timeline_lines(
        [row("Exact", "2024-01-06", "2024-01-06")],
        today=date(2024, 1, 2), start=date(2024, 1, 1), end=date(2024, 1, 11), width=28,
        ascii_only=True,
    )  # fmt: skip
    text = "".join(part for line in lines for part, _ in line)
    assert text.isascii()  # titles are ASCII here; glyphs and truncation marks always are
    assert ASCII.mark in lanes(lines)[0][1]


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_timeline_command_fits_and_never_wraps(width: int) -> None:
    result = invoke("timeline", "--as-of", AS_OF, "--all", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert len(lines) == 3 + 5  # header rows, then one lane per title
    assert not set("●━◀▶│┬─…") & set(result.stdout)  # piped: ASCII glyphs
    assert "\x1b" not in result.stdout
    assert "today 2023-07-08" in result.stdout
    assert "Argylle" in result.stdout
    assert "209d" in result.stdout


def test_timeline_span_options() -> None:
    result = invoke("timeline", "--as-of", AS_OF, "--within", "40d", env={"COLUMNS": "100"})
    assert "Argylle" not in result.stdout  # outside the span
    assert "Gran Turismo" in result.stdout
    result = invoke("timeline", "--as-of", AS_OF, "--from", "2024-01-01", "--to", "2024-12-31")
    assert "Argylle" in result.stdout
    assert "Gran Turismo" not in result.stdout
    assert invoke("timeline", "--from", "2024-05-01", "--to", "2024-01-01").exit_code == 2
    assert invoke("timeline", "--from", "soon").exit_code == 2


def test_slip_chart_of_the_final_reckoning() -> None:
    rows = rows_of("final", "2026-11-25")
    lines = slip_chart_lines(rows[0], today=date(2026, 11, 25), width=100)
    text = "\n".join("".join(part for part, _ in line) for line in lines)
    assert text.count(UNICODE.mark) >= 6 - 1  # six announcements (two may share a cell)
    for label in ("Aug 2022", "Nov 2022", "Jul 2023", "Jun 2024", "May 2025"):
        assert label in text
    assert UNICODE.diagonal in text
    assert UNICODE.today in text
    assert max(len(line) for line in text.splitlines()) <= 100
    as_it_stood = rows_of("part two", AS_OF)
    older = "\n".join(
        "".join(p for p, _ in line)
        for line in slip_chart_lines(as_it_stood[0], today=date(2023, 7, 8), width=80)
    )
    assert "May 2025" not in older
    assert "Jun 2024" in older


def test_no_slip_chart_without_history() -> None:
    rows = rows_of("soundtrack", "2026-11-25")
    assert slip_chart_lines(rows[0], today=date(2026, 11, 25), width=80) == []
    result = invoke("show", "soundtrack")
    assert "Slip chart" not in result.stdout


def test_show_draws_the_slip_chart() -> None:
    result = invoke("show", "final reckoning", env={"COLUMNS": "100"})
    assert "Slip chart" in result.stdout
    assert "release = announcement" in result.stdout


HOSTILE = '[[release]]\ntitle = "<script>alert(1)</script> & Co"\ndate = 2030-01-01\n'


@pytest.mark.parametrize("command", [["list"], ["timeline"], ["show", "script"]])
def test_snapshots_escape_registry_text(tmp_path: Path, command: list[str]) -> None:
    registry = tmp_path / "reg.toml"
    registry.write_text(HOSTILE)
    svg, html = tmp_path / "out.svg", tmp_path / "out.html"
    result = invoke(
        *command,
        "-r",
        str(registry),
        "--as-of",
        "2026-01-01",
        "--svg",
        str(svg),
        "--html",
        str(html),
    )
    assert result.exit_code == 0, result.stderr
    for path in (svg, html):
        data = path.read_text(encoding="utf-8")
        assert "<script>alert" not in data
        assert "\x1b" not in data
    # the title's "<" and "&" escaped where they stand (SVG: one <text> a character, spaces
    # left out; HTML writes a run of text)
    drawn = "".join(re.findall(r">([^<>]*)</text>", svg.read_text(encoding="utf-8")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;Co" in drawn
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html.read_text(encoding="utf-8")
    assert svg.read_text().startswith("<svg")
    assert "<html" in html.read_text().lower()


def test_snapshot_is_refused_for_machine_formats(tmp_path: Path) -> None:
    result = invoke("list", "--json", "--svg", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
