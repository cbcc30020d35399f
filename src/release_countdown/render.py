"""The human view: a Rich table made from rows. Imported only when a table is asked for."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from typing import IO, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from release_countdown.biglist import (
    CAST_SHOWN,
    LONG_VIEW,
    NARROW,
    STATUS_STYLES,
    WIDE,
    days_cell,
    row_cells,
)
from release_countdown.query import Row
from release_countdown.text import terminal_safe


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


def date_cell(row: Row) -> Text:
    cell = _safe(row["date"])
    if row["region"]:
        cell.append(f" {row['region']} {row['release_type']}", style="dim")
    return cell


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


def print_list(
    rows: Sequence[Row],
    *,
    today: date,
    total: int,
    file: IO[str],
    svg: Any = None,
    html: Any = None,
) -> None:
    console = make_console(file)
    width = console.width
    if len(rows) > LONG_VIEW and svg is None and html is None:
        _print_long_list(rows, today=today, total=total, console=console)
        return
    emit(list_table(rows, today=today, total=total, width=width), file=file, svg=svg, html=html)


def _print_long_list(rows: Sequence[Row], *, today: date, total: int, console: Console) -> None:
    from release_countdown.biglist import list_lines

    width = console.width
    rows = list(rows)  # a RowView makes each row afresh: make them once
    cells = [row_cells(row, width) for row in rows]
    lines = list_lines(rows, today=today, total=total, width=width, cells=cells)
    if not console.is_terminal or console.no_color or console.color_system is None:
        console.file.write("".join(line + "\n" for line, _ in lines))
        return
    for line, style in lines:
        console.print(Text(line, style=style or ""), no_wrap=True, crop=True)


# --- show -------------------------------------------------------------------------------------


def slip_words(slip: Row | None) -> str:
    if slip is None:
        return ""
    parts = []
    if slip["postponed"]:
        n = slip["postponed"]
        parts.append(f"postponed {'once' if n == 1 else f'{n} times'}")
    if slip["moved_up"]:
        n = slip["moved_up"]
        parts.append(f"moved up {'once' if n == 1 else f'{n} times'}")
    days = slip["days_later"]
    if days > 0:
        shift = f"{days:,} day{'s' if days != 1 else ''} later than first announced"
    elif days < 0:
        shift = f"{-days:,} day{'s' if days != -1 else ''} earlier than first announced"
    else:
        shift = "on the date first announced"
    return ", ".join(parts) + ("; " if parts else "") + shift


def _detail_table(*, wrap_last: bool) -> Table:
    """A borderless table whose columns but the last never wrap."""

    class _Detail(Table):
        def add_row(self, *cells: Any, **kwargs: Any) -> None:
            while len(self.columns) < len(cells):
                last = len(self.columns) == len(cells) - 1
                self.add_column(no_wrap=not (last and wrap_last), ratio=1 if last else None)
            super().add_row(*cells, **kwargs)

    return _Detail(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0), expand=True)


def _indent(renderable: Any) -> Any:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2))


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def show_panel(row: Row, *, today: date) -> Any:
    from rich.console import Group
    from rich.panel import Panel

    parts: list[Any] = []
    line = Text(row["kind"], style="dim")
    if row["franchise"]:
        line.append(" · ").append_text(_safe(row["franchise"]))
    line.append(f" · id {terminal_safe(row['id'])}", style="dim")
    parts.append(line)
    if row["aliases"]:
        parts.append(
            Text("Also known as: ", style="dim").append_text(_safe("; ".join(row["aliases"])))
        )
    when = Text("\n")
    when.append_text(date_cell(row))
    when.append("  ")
    when.append(row["countdown"], style=STATUS_STYLES.get(row["status"], "") or "bold")
    if row["days_remaining"] is not None:
        when.append(f"  ({days_cell(row)} days)", style="dim")
    parts.append(when)

    if row["dates"]:
        dates = _detail_table(wrap_last=True)
        for typed in row["dates"]:
            past = typed["latest"] is not None and typed["latest"] < today.isoformat()
            style = "dim" if past else ""
            detail = Text(" · ").join(
                _safe(text) for text in (typed["where"], typed["note"]) if text
            )
            if past:
                detail = (
                    Text("past", style="italic")
                    .append(" · " if detail.plain else "")
                    .append_text(detail)
                )
            dates.add_row(
                _safe(typed["date"]),
                Text(f"{typed['region']} {typed['type']}"),
                detail,
                style=style,
            )
        parts += [Text(""), _heading("Dates"), _indent(dates)]

    if row["history"]:
        history = _detail_table(wrap_last=True)
        for entry in row["history"]:
            detail = Text(" · ").join(
                _safe(text) for text in (entry["title"], entry["note"]) if text
            )
            history.add_row(
                Text(f"announced {entry['announced'] or '?'}", style="dim"),
                Text("→ ").append_text(_safe(entry["date"])),
                detail,
            )
        heading = _heading("History")
        if row["slip"]:
            heading.append("  " + slip_words(row["slip"]), style="")
        parts += [Text(""), heading, _indent(history)]

    if row["people"]:
        people = _detail_table(wrap_last=True)
        for role, names in row["people"].items():
            people.add_row(
                Text(terminal_safe(role).capitalize(), style="dim"), _safe(", ".join(names))
            )
        parts += [Text(""), _heading("People"), _indent(people)]

    tail = []
    for source in row["sources"]:
        tail.append(Text("Source: ", style="dim").append_text(_safe(source)))
    if row["note"]:
        tail.append(Text("Note: ", style="dim").append_text(_safe(row["note"])))
    if row["checked"]:
        tail.append(Text(f"Checked: {row['checked']}", style="dim"))
    if tail:
        parts += [Text(""), *tail]
    return Panel(
        Group(*parts),
        title=_safe(row["title"]),
        title_align="left",
        subtitle=f"as of {today.isoformat()}",
        subtitle_align="right",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def print_show(row: Row, *, today: date, file: IO[str], svg: Any = None, html: Any = None) -> None:
    width = make_console(file).width
    emit(
        show_renderable(row, today=today, width=width),
        file=file, svg=svg, html=html, title=row["title"],
    )  # fmt: skip


# --- people -----------------------------------------------------------------------------------


def people_table(people: Sequence[Row]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("Name", ratio=2)
    table.add_column("Roles", ratio=2)
    table.add_column("Titles", justify="right", no_wrap=True)
    table.add_column("Next release", ratio=3)
    for person in people:
        upcoming = person["next"]
        next_cell = Text("—", style="dim")
        if upcoming is not None:
            next_cell = _safe(upcoming["title"]).append(f" {upcoming['countdown']}", style="dim")
        table.add_row(
            _safe(person["name"]),
            _safe(", ".join(person["roles"])),
            Text(str(len(person["titles"]))),
            next_cell,
        )
    return table


def print_people(people: Sequence[Row], *, file: IO[str]) -> None:
    make_console(file).print(people_table(people))


# --- watch ------------------------------------------------------------------------------------


def watch_table(items: Sequence[tuple[Row, Any, float | None]], *, now: Any) -> Table:
    """One frame of `countdown watch`: each title's time left and its wait so far."""
    from rich.progress_bar import ProgressBar

    from release_countdown.watch import clock

    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        caption=f"{now:%Y-%m-%d %H:%M:%S} · Ctrl-C to stop",
        caption_style="dim",
    )
    table.add_column("Title", ratio=3)
    table.add_column("Release", no_wrap=True)
    table.add_column("Time left", justify="right", no_wrap=True)
    table.add_column("Since announced", ratio=1, min_width=10)
    for row, target, done in items:
        days, hours, minutes, seconds = clock(target - now)
        left = "now" if target <= now else f"{days}d {hours:02d}h {minutes:02d}m {seconds:02d}s"
        bar: Any = (
            Text("—", style="dim") if done is None else ProgressBar(total=1.0, completed=done)
        )
        table.add_row(_safe(row["title"]), Text(row["date"]), Text(left, style="bold"), bar)
    return table


# --- pictures and snapshots -------------------------------------------------------------------


def lines_text(lines: Sequence[Sequence[tuple[str, str]]]) -> Text:
    """Styled lines (from timeline.py) as one Rich Text; registry text in them is made safe
    by the layout."""
    import re

    text = Text(no_wrap=True, overflow="ellipsis")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for part, style in line:
            # Runs of spaces as spans of their own: SVG collapses spaces inside a text span,
            # which would shift everything after them in a snapshot.
            for run in re.findall(r" +|[^ ]+", part):
                text.append(run, style=style or None)
    return text


def show_renderable(row: Row, *, today: date, width: int, ascii_only: bool = False) -> Any:
    """The `show` panel, with the slip chart when the title has an announcement history."""
    from rich.console import Group

    from release_countdown.timeline import slip_chart_lines

    panel = show_panel(row, today=today)
    chart = slip_chart_lines(row, today=today, width=width - 2, ascii_only=ascii_only)
    if not chart:
        return panel
    heading = Text("\nSlip chart", style="bold")
    heading.append(" — how the announced release date moved", style="dim")
    return Group(panel, heading, lines_text(chart))


def emit(
    renderable: Any,
    *,
    file: IO[str],
    svg: Any = None,
    html: Any = None,
    title: str = "release-countdown",
) -> None:
    """Print ``renderable``; with ``svg``/``html`` paths, also save exactly what was drawn
    (in colour, as on a terminal) as an SVG or HTML file. Rich escapes text for both."""
    console = make_console(file)
    console.print(renderable)
    if svg is None and html is None:
        return
    import io

    from release_countdown.files import write_file_atomically

    recorder = Console(
        file=io.StringIO(),
        record=True,
        width=console.width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        markup=False,
    )
    recorder.print(renderable)
    if svg is not None:
        write_file_atomically(svg, recorder.export_svg(title=title, clear=False).encode("utf-8"))
    if html is not None:
        write_file_atomically(html, recorder.export_html(clear=False).encode("utf-8"))
