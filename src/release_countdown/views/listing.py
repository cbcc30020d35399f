"""The list table: the one layout of `list`, on a terminal, in a pipe and in snapshots.

Rich's Table measures every cell of every row before it draws (about 0.3 ms a row); a view of
thousands of titles would take seconds. This lays the columns out once from the widest
cells and wraps text greedily by terminal cells, in linear time, and imports rich only to
draw in colour on a terminal or to save a snapshot.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from itertools import chain, islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from release_countdown.core.rows import Row, RowView
from release_countdown.views.safe import terminal_safe

if TYPE_CHECKING:
    from rich.console import Console

CAST_SHOWN: Final = 3
# The people under a title, labelled, wherever the table has no columns for them: the first
# CAST_SHOWN of the cast at every width the director and composer show, as the README says.
PEOPLE_LINE: Final = (
    ("dir. ", "director", None),
    ("music ", "composer", None),
    ("cast ", "cast", CAST_SHOWN),
)
# Lines a print on a terminal: a screenful first, so that the first rows show at once, not
# after the whole table is drawn (Rich draws about 5,000 lines a second: a 10,000-title table
# is 30,000 lines), then larger chunks.
FIRST_CHUNK: Final = 40
CHUNK: Final = 400
# On a terminal, a longer table is laid out from the cells of MEASURED of its rows (see
# ``streamed_lines``); making and measuring 10,000 rows first took most of a second.
MEASURED: Final = 500
WIDE = 160  # from this width people get columns of their own; below, a line under the title
NARROW = 72  # below this width the line under the title holds only the kind
STACKED = 50  # below this width each title is a block of lines instead of a table row
STATUS_STYLES = {
    "upcoming": "",
    "today": "bold green",
    "due": "yellow",
    "tba": "italic",
    "released": "dim",
}


def days_cell(row: Row) -> str:
    low, high = row.days_remaining, row.days_remaining_max
    if low is None or high is None:
        return "—"
    if low == high:
        return str(low)
    if row.status == "due":
        return f"≤{high}"
    return f"{low}–{high}"


def plain_names(row: Row, role: str, limit: int | None = None) -> str:
    names: Sequence[str] = row.people.get(role, ())
    more = "…" if limit and len(names) > limit else ""
    return terminal_safe(", ".join(names[:limit] if limit else names)) + more


def detail_parts(row: Row, *, people: bool) -> list[str]:
    """The line under a title: the kind, the region and type of the date shown (a region's
    date, with --region) and, with ``people``, the people (the whole line spans the table
    from NARROW to WIDE columns; from WIDE they have columns of their own); the user's
    mark after the kind (`countdown mark`)."""
    parts = [row.kind]
    if row.region:
        parts.append(f"{row.region} {row.release_type}")
    if row.mark:
        parts.append(f"marked {row.mark}")
    if people:
        for label, role, limit in PEOPLE_LINE:
            if names := plain_names(row, role, limit):
                parts.append(label + names)
    return parts


def full_width_detail(width: int) -> bool:
    """Whether the line under a title spans the whole table (it names the people) rather
    than being the title cell's last line (the kind, and the region's date type)."""
    return NARROW <= width < WIDE


def row_cells(row: Row, width: int) -> list[str]:
    """The plain text of a row's cells at ``width``: the title (with the kind on a line of
    its own where the detail line does not span the table), the date as written, the
    countdown, the days and, from WIDE columns, the people."""
    title = terminal_safe(row.title)
    if not full_width_detail(width):
        # On a line of its own: "Avengers: Doomsday film" misleads.
        title += "\n" + " · ".join(detail_parts(row, people=False))
    cells = [title, terminal_safe(row.date), row.countdown, days_cell(row)]
    if width >= WIDE:
        cells += [
            plain_names(row, "director"),
            plain_names(row, "composer"),
            plain_names(row, "cast", CAST_SHOWN),
        ]
    return cells


# For _width: the characters beyond ASCII, and the ASCII controls (no cell each).
_NOT_ASCII: Final = re.compile("[^\x00-\x7f]")
_CONTROLS: Final = bytes([*range(32), 127])


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joined sequences: measured whole
        from rich.cells import cell_len

        return cell_len(text)
    # Rich's cell_len a character at a time, without a Python step per ASCII character: a
    # 10,000-title table measures 700,000 characters of its cells (half the time to lay it out).
    printable = text.encode("ascii", "ignore").translate(None, _CONTROLS)
    return len(printable) + sum(map(_char_width, _NOT_ASCII.findall(text)))


@cache
def _char_width(char: str) -> int:
    from rich.cells import cell_len

    return cell_len(char)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells, at spaces; only a word longer than a whole line is
    cut (the columns are made wide enough for the longest word when there is room)."""
    width = max(width, 1)
    if _width(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        rest = word
        while _width(rest) > width:
            cut = width
            while cut > 1 and _width(rest[:cut]) > width:
                cut -= 1  # a character wider than the line still takes one line of its own
            lines.append(rest[:cut])
            rest = rest[cut:]
        current = rest
    if current or not lines:
        lines.append(current)
    return lines


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - _width(text), 0)
    return gap + text if right else text + gap


def list_lines(
    rows: Sequence[Row], *, today: date, total: int, width: int, cells: Sequence[Sequence[str]]
) -> Iterator[tuple[str, str]]:
    """Lines of the table and the style of each (a row's status style, or header styles).

    ``cells`` holds, per row, the plain text of each column (see ``row_cells``).
    """
    if width < STACKED:
        yield from stacked_lines(rows, today=today, total=total, width=width)
        return
    yield from _table_lines(
        zip(rows, cells, strict=True), shown=len(rows), today=today, total=total, width=width,
        measured=cells,
    )  # fmt: skip


def _table_lines(
    rows: Iterable[tuple[Row, Sequence[str]]],
    *,
    shown: int,
    today: date,
    total: int,
    width: int,
    measured: Sequence[Sequence[str]],
) -> Iterator[tuple[str, str]]:
    """The table of ``rows`` (each with its cells), its columns laid out from the cells of
    ``measured`` (every row's, or the first rows' when streaming a long table)."""
    headers = ["Title", "Date", "Countdown", "Days", "Director", "Composer", "Cast"][
        : len(measured[0]) if measured else 4
    ]
    count = len(headers)
    widths = column_widths(headers, measured, width)
    table_width = min(sum(widths) + 2 * (count - 1), width)
    spanning = full_width_detail(width)
    yield "  ".join(_pad(h, widths[i], i == 3) for i, h in enumerate(headers)).rstrip(), "bold"
    yield "─" * table_width, "dim"
    for number, (row, texts) in enumerate(rows):
        if number:  # every row has a line under its title: a blank line tells rows apart
            yield "", ""
        wrapped = [
            [segment for part in text.split("\n") for segment in wrap(part, widths[i])]
            for i, text in enumerate(texts)
        ]
        style = STATUS_STYLES.get(row.status, "")
        for line in range(max(len(w) for w in wrapped)):
            parts = [
                _pad(w[line] if line < len(w) else "", widths[i], i == 3)
                for i, w in enumerate(wrapped)
            ]
            yield "  ".join(parts).rstrip(), style
        if spanning:  # the people have the whole width, not the title's column
            for detail in wrap_parts(detail_parts(row, people=True), table_width):
                yield detail, style
    caption = f"as of {today.isoformat()} · {shown} of {total} titles"
    yield "", ""
    yield caption.center(table_width).rstrip(), "dim"


def _longest_word(texts: Iterator[str]) -> int:
    return max((_width(word) for text in texts for word in text.split()), default=1)


def _cell_width(text: str) -> int:
    return max(_width(line) for line in text.split("\n"))


def column_widths(headers: Sequence[str], cells: Sequence[Sequence[str]], width: int) -> list[int]:
    """Widths of the columns that fit ``width``: dates and days never wrap, countdowns stay on
    one line when there is room, and no column is narrower than its longest word when the
    line has room for that. The other columns are sized to their content: when it does not
    all fit, each is capped at the same width (a short column keeps its own), so a long
    title and a long cast share the room instead of one of them taking it."""
    count = len(headers)
    gaps = 2 * (count - 1)
    widths = [max([_width(h)] + [_cell_width(c[i]) for c in cells]) for i, h in enumerate(headers)]
    words = [max(_longest_word(c[i] for c in cells), _width(h)) for i, h in enumerate(headers)]
    fixed = {1, 3}
    if widths[2] <= 22 and width - gaps - widths[1] - widths[2] - widths[3] >= words[0]:
        fixed.add(2)  # countdowns in words are short: keep them on one line
    room = width - gaps - sum(widths[i] for i in fixed)
    flexible = [i for i in range(count) if i not in fixed]
    floors = {i: min(widths[i], max(words[i], 8)) for i in flexible}
    wanted = {i: widths[i] for i in flexible}
    for i in flexible:
        widths[i] = floors[i]
    cap = 0
    while sum(widths[i] for i in flexible) < room and any(widths[i] < wanted[i] for i in flexible):
        cap += 1  # raise the common cap a cell at a time: at most the widest cell's steps
        for i in flexible:
            widths[i] = max(floors[i], min(wanted[i], cap))
        over = sum(widths[i] for i in flexible) - room
        for i in reversed(flexible):  # the last step overshot: the later columns give it back
            if over <= 0:
                break
            if widths[i] == cap and cap > floors[i]:
                widths[i] -= 1
                over -= 1
    spare = room - sum(widths[i] for i in flexible)
    widths[0] += spare  # negative when the minimums overflow: the title gives the room back
    for i in flexible[1:]:  # still too wide: the other flexible columns give theirs
        over = sum(widths) + gaps - width
        if over <= 0:
            break
        widths[i] -= min(over, widths[i] - words[i] if widths[i] > words[i] else widths[i] - 1)
    widths[0] = max(widths[0], 1)
    return widths


def wrap_parts(parts: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """``parts`` joined by ``sep``, broken between parts where it can (a part wraps at its own
    spaces only when it is longer than a line)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{sep}{part}" if current else part
        if _width(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)  # the line break stands for the separator
        *whole, current = wrap(part, width)
        lines += whole
    return [*lines, current] if current or not lines else lines


def stacked_lines(
    rows: Sequence[Row], *, today: date, total: int, width: int
) -> Iterator[tuple[str, str]]:
    """Each title as a block, for narrow terminals: the title, then indented the kind, the
    region's date type and the people, and the date, countdown and days (a date is never
    cut)."""
    for number, row in enumerate(rows):
        if number:
            yield "", ""
        style = STATUS_STYLES.get(row.status, "")
        for line in wrap(terminal_safe(row.title), width):
            yield line, style or "bold"
        about = detail_parts(row, people=True)
        when = [terminal_safe(row.date), row.countdown]
        if row.days_remaining is not None:
            when.append(f"{days_cell(row)} days")
        for parts in (about, when):
            for line in wrap_parts(parts, width - 2):
                yield "  " + line, style
    yield "", ""
    for line in wrap(f"as of {today.isoformat()} · {len(rows)} of {total} titles", width):
        yield line, "dim"


def plain_width() -> int:
    """The width Rich would give a console that is not a terminal: $COLUMNS, else 80."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 80


def print_list(
    rows: Sequence[Row],
    *,
    today: date,
    total: int,
    file: IO[str],
    svg: Path | None = None,
    html: Path | None = None,
) -> None:
    """The list table: plain text for pipes and files (without importing rich), in colour on a
    terminal, and also saved as a snapshot with ``svg``/``html``."""
    if isinstance(rows, RowView):
        rows = rows.without_moves()  # the table shows no history, slip or change kind
    piped = svg is None and html is None and not file.isatty()
    if piped:
        width = plain_width()
    else:
        from release_countdown.views.console import make_console

        console = make_console(file)
        width = console.width
        if svg is None and html is None and console.color_system is not None:
            stream(streamed_lines(rows, today=today, total=total, width=width), console)
            return
    rows = list(rows)  # a RowView makes each row afresh: make them once
    cells = [row_cells(row, width) for row in rows]
    lines = list_lines(rows, today=today, total=total, width=width, cells=cells)
    if piped or (console.color_system is None and svg is None and html is None):
        file.write("".join(line + "\n" for line, _ in lines))
        return
    from release_countdown.views.console import emit, lines_text

    emit(lines_text([[(line, style)] for line, style in lines]), file=file, svg=svg, html=html)


def streamed_lines(
    rows: Sequence[Row], *, today: date, total: int, width: int
) -> Iterator[tuple[str, str]]:
    """The lines of the table on a terminal, made as they are printed: a table of more than
    MEASURED rows is laid out from the cells of MEASURED of them (its first rows, and rows
    spread evenly over the rest, so that far countdowns and long names are measured too),
    and the other rows are made as they are drawn (a wider cell wraps in its column), so
    that the first screen shows without making and measuring every row first. Up to MEASURED
    rows, and in pipes, files and snapshots, the layout is of every row (``list_lines``)."""
    if width < STACKED:  # no columns to lay out: a block a title, made as it is drawn
        yield from stacked_lines(rows, today=today, total=total, width=width)
        return
    count = len(rows)
    head = count if count <= MEASURED else MEASURED // 2
    spread = (count - head) / (MEASURED - head) if count > head else 0
    sampled = {head + int(n * spread) for n in range(MEASURED - head)} if spread else set()
    made = iter(rows)  # a RowView makes each row afresh: the first ones once
    first = list(islice(made, head))
    cells = [row_cells(row, width) for row in first]
    # Rows made twice: the sampled ones, at most MEASURED // 2 (RowView's rows are made by
    # index), to be measured before the first line is drawn.
    measured = cells + [row_cells(rows[i], width) for i in sorted(sampled)]
    rest = ((row, row_cells(row, width)) for row in made)
    yield from _table_lines(
        chain(zip(first, cells, strict=True), rest), shown=count, today=today, total=total,
        width=width, measured=measured,
    )  # fmt: skip


def stream(lines: Iterator[tuple[str, str]], console: Console) -> None:
    """Print styled lines a chunk at a time: the same characters as one print of them all,
    and the first rows on the screen before the rest are drawn."""
    from release_countdown.views.console import lines_text

    size = FIRST_CHUNK
    while chunk := list(islice(lines, size)):
        console.print(lines_text([[(line, style)] for line, style in chunk]))
        size = CHUNK
