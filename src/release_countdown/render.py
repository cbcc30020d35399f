"""The human view: a Rich table made from rows. Imported only when a table is asked for."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from release_countdown.query import Row
from release_countdown.text import terminal_safe

STATUS_STYLES = {
    "upcoming": "",
    "today": "bold green",
    "due": "yellow",
    "tba": "italic",
    "released": "dim",
}
CAST_SHOWN = 3


def make_console(file: IO[str]) -> Console:
    """A console for stdout: $COLUMNS or the terminal's width (80 when piped), no escape
    codes when piped or when NO_COLOR is set."""
    no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
    return Console(
        file=file,
        highlight=False,
        emoji=False,
        markup=False,
        color_system=None if no_color else "auto",
    )


def _safe(text: str) -> Text:
    return Text(terminal_safe(text))


def _names(row: Row, role: str, limit: int | None = None) -> Text:
    names: list[str] = row["people"].get(role, [])
    shown = names[:limit] if limit else names
    more = "…" if limit and len(names) > limit else ""
    return _safe(", ".join(shown) + more)


def days_cell(row: Row) -> str:
    low, high = row["days_remaining"], row["days_remaining_max"]
    if low is None or high is None:
        return "—"
    if low == high:
        return str(low)
    if row["status"] == "due":
        return f"≤{high}"
    return f"{low}–{high}"


def date_cell(row: Row) -> Text:
    cell = _safe(row["date"])
    if row["region"]:
        cell.append(f" {row['region']} {row['release_type']}", style="dim")
    return cell


WIDE = 160  # from this width people get columns of their own; below, a line under the title
NARROW = 72  # below this width the line under the title is left out


def _people_line(row: Row, with_cast: bool) -> Text:
    line = Text(row["kind"], style="dim")
    roles: list[tuple[str, str, int | None]] = [
        ("dir.", "director", None),
        ("music", "composer", None),
    ]
    if with_cast:
        roles.append(("", "cast", CAST_SHOWN))
    for label, role, limit in roles:
        names = _names(row, role, limit)
        if names.plain:
            line.append(" · " + (label + " " if label else ""), style="dim")
            line.append_text(names)
    return line


def list_table(rows: Sequence[Row], *, today: date, total: int, width: int) -> Table:
    wide, narrow = width >= WIDE, width < NARROW
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        caption=f"as of {today.isoformat()} · {len(rows)} of {total} titles",
        caption_style="dim",
        pad_edge=False,
        leading=0 if wide or narrow else 1,
    )
    table.add_column("Title", ratio=5, min_width=12)
    table.add_column("Date", min_width=10)
    table.add_column("Countdown", ratio=1, min_width=9)
    table.add_column("Days", justify="right", no_wrap=True)
    if wide:
        table.add_column("Director", ratio=2)
        table.add_column("Composer", ratio=2)
        table.add_column("Cast", ratio=3)
    for row in rows:
        title = _safe(row["title"])
        if wide or narrow:
            title.append(f" {row['kind']}", style="dim")
            people = [
                _names(row, "director"),
                _names(row, "composer"),
                _names(row, "cast", CAST_SHOWN),
            ]
        if not wide:
            people = []
        if not wide and not narrow:
            title.append("\n").append_text(_people_line(row, with_cast=width >= 100))
        table.add_row(
            title,
            date_cell(row),
            Text(row["countdown"]),
            Text(days_cell(row)),
            *people,
            style=STATUS_STYLES.get(row["status"], ""),
        )
    return table


def print_list(rows: Sequence[Row], *, today: date, total: int, file: IO[str]) -> None:
    console = make_console(file)
    console.print(list_table(rows, today=today, total=total, width=console.width))
