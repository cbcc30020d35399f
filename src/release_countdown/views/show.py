"""`countdown show`: one title in a panel (dates, history, people, sources) and its slip
chart, drawn with rich."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from rich import box
from rich.table import Table
from rich.text import Text

from release_countdown.core.changes import Kind
from release_countdown.core.rows import Row, slip_words
from release_countdown.views.console import emit, lines_text, make_console, save_snapshot
from release_countdown.views.console import safe as _safe
from release_countdown.views.listing import STATUS_STYLES, days_cell
from release_countdown.views.safe import terminal_safe


def date_cell(row: Row) -> Text:
    cell = _safe(row.date)
    if row.region:
        cell.append(f" {row.region} {row.release_type}", style="dim")
    return cell


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


NARROW_SHOW = 60  # below this width dates and history are blocks of lines, not tables


def _entries(rows: list[tuple[Text, Text, Text]], *, narrow: bool, style: list[str]) -> Any:
    """Dates or history entries: a table whose first two columns never wrap, or below
    NARROW_SHOW one line per entry with its detail under it (dates are never cut)."""
    if not narrow:
        table = _detail_table(wrap_last=True)
        for (first, second, detail), each in zip(rows, style, strict=True):
            table.add_row(first, second, detail, style=each)
        return table
    from rich.console import Group

    lines: list[Any] = []
    for (first, second, detail), each in zip(rows, style, strict=True):
        lines.append(Text(style=each).append_text(first).append("  ").append_text(second))
        if detail.plain:
            detail.stylize(each)
            lines.append(_indent(detail))
    return Group(*lines)


def show_panel(row: Row, *, today: date, width: int | None = None) -> Any:
    from rich.console import Group
    from rich.panel import Panel

    parts: list[Any] = []
    line = Text(row.kind, style="dim")
    if row.franchise:
        line.append(" · ").append_text(_safe(row.franchise))
    line.append(f" · id {terminal_safe(row.id)}", style="dim")
    if row.mark:
        line.append(f" · marked {row.mark}", style="bold")
    parts.append(line)
    if row.aliases:
        parts.append(
            Text("Also known as: ", style="dim").append_text(_safe("; ".join(row.aliases)))
        )
    if row.tags:
        parts.append(Text("Tags: ", style="dim").append_text(_safe(", ".join(row.tags))))
    when = Text("\n")
    when.append_text(date_cell(row))
    when.append("  ")
    when.append(row.countdown, style=STATUS_STYLES.get(row.status, "") or "bold")
    if row.days_remaining is not None:
        when.append(f"  ({days_cell(row)} days)", style="dim")
    parts.append(when)

    narrow = width is not None and width < NARROW_SHOW
    if row.dates:
        entries: list[tuple[Text, Text, Text]] = []
        styles: list[str] = []
        for typed in row.dates:
            past = typed.latest is not None and typed.latest < today
            style = "dim" if past else ""
            detail = Text(" · ").join(_safe(text) for text in (typed.where, typed.note) if text)
            if typed.unlisted is not None:  # the source stopped listing it: say so, first
                gone = Text(f"no longer listed since {typed.unlisted.isoformat()}", "italic")
                detail = gone.append(" · " if detail.plain else "").append_text(detail)
                style = "dim"
            if past:
                detail = (
                    Text("past", style="italic")
                    .append(" · " if detail.plain else "")
                    .append_text(detail)
                )
            what = Text(f"{typed.region} {typed.type}")
            if typed.platform:
                what.append(" · ").append_text(_safe(typed.platform))
            entries.append((_safe(typed.date), what, detail))
            styles.append(style)
        dates = _entries(entries, narrow=narrow, style=styles)
        parts += [Text(""), _heading("Dates"), _indent(dates)]

    if row.history:
        said = []
        for entry in row.history:
            detail = Text(" · ").join(_safe(text) for text in (entry.title, entry.note) if text)
            if entry.change and entry.change != Kind.UNCHANGED.value:
                detail = (
                    Text(entry.change, style="italic")
                    .append(" · " if detail.plain else "")
                    .append_text(detail)
                )
            said.append(
                (
                    Text(f"announced {entry.announced.iso() if entry.announced else '?'}", "dim"),
                    Text("→ ").append_text(_safe(entry.date)),
                    detail,
                )
            )
        history = _entries(said, narrow=narrow, style=[""] * len(said))
        heading = _heading("History")
        if row.slip:
            heading.append("  " + slip_words(row.slip), style="")
        parts += [Text(""), heading, _indent(history)]

    if row.people:
        people = _detail_table(wrap_last=True)
        for role, names in row.people.items():
            people.add_row(
                Text(terminal_safe(role).capitalize(), style="dim"), _safe(", ".join(names))
            )
        parts += [Text(""), _heading("People"), _indent(people)]

    tail = []  # sources are printed under the panel, whole (see print_show)
    if row.note:
        tail.append(Text("Note: ", style="dim").append_text(_safe(row.note)))
    if row.checked:
        tail.append(Text(f"Checked: {row.checked.isoformat()}", style="dim"))
    if tail:
        parts += [Text(""), *tail]
    title: Text | None = _safe(row.title)
    if title is not None and width is not None and title.cell_len + 6 > width:
        # Too long for the border, where Rich would cut it: the panel's first line instead.
        parts.insert(0, Text(title.plain, style="bold"))
        title = None
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=f"as of {today.isoformat()}",
        subtitle_align="right",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def source_lines(row: Row, *, link: bool = False) -> list[str]:
    """``Source: URL`` lines, printed outside the panel so that no URL is broken across lines
    (a terminal wraps a long one softly: it still copies and opens whole). With ``link``, the
    URL is also an OSC 8 hyperlink (terminal_safe keeps escape codes out of it)."""
    lines = []
    for source in row.sources:
        url = terminal_safe(source)
        shown = f"\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\" if link else url
        lines.append(f"Source: {shown}")
    return lines


def recorded_lines(recorded: date | None) -> list[str]:
    """Under a title seen as of a day before its record began (core/standing.stand)."""
    if recorded is None:
        return []
    return [f"recorded {recorded.isoformat()}; the date shown is the first recorded"]


def print_show(
    row: Row,
    *,
    today: date,
    file: IO[str],
    svg: Path | None = None,
    html: Path | None = None,
    recorded: date | None = None,
) -> None:
    console = make_console(file)
    width = console.width
    drawn = show_renderable(row, today=today, width=width)
    emit(drawn, file=file)
    link = console.is_terminal and console.color_system is not None
    notes = recorded_lines(recorded)
    file.write("".join(line + "\n" for line in (*notes, *source_lines(row, link=link))))
    if svg is not None or html is not None:
        from rich.console import Group

        sources = [Text(line, style="dim") for line in (*notes, *source_lines(row))]
        save_snapshot(Group(drawn, *sources), width=width, svg=svg, html=html, title=row.title)


def show_renderable(row: Row, *, today: date, width: int, ascii_only: bool = False) -> Any:
    """The `show` panel, with the slip chart when the title has an announcement history."""
    from rich.console import Group

    from release_countdown.views.timeline import slip_chart_lines

    panel = show_panel(row, today=today, width=width)
    chart = slip_chart_lines(row, today=today, width=width - 2, ascii_only=ascii_only)
    if not chart:
        return panel
    heading = Text("\nSlip chart", style="bold")
    heading.append(" — how the announced release date moved", style="dim")
    return Group(panel, heading, lines_text(chart))
