"""Pictures of schedules, laid out as lines of styled text (pure: no rich, no clock).

``timeline_lines`` draws a time axis with one lane per title; ``slip_chart_lines`` draws the
announced release date against the date of announcement. Both return lines of
``(text, style)`` segments; the renderer turns them into Rich text, so the same layout serves
the terminal, pipes, and SVG/HTML snapshots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Final, NamedTuple

from release_countdown.core.rows import Row
from release_countdown.views.safe import ascii_text, terminal_safe

Segment = tuple[str, str]  # text, Rich style ("" for none)
Line = list[Segment]
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Glyphs(NamedTuple):
    mark: str
    bar: str
    before: str
    after: str
    today: str
    axis: str
    tick: str
    empty: str
    step: str
    rise: str
    diagonal: str
    more: str  # the end of a truncated label
    band: str  # the slip chart's window of a fuzzy date


UNICODE: Final = Glyphs("●", "━", "◀", "▶", "│", "─", "┬", " ", "─", "│", "·", "…", "░")
ASCII: Final = Glyphs("o", "=", "<", ">", "|", "-", "+", " ", "-", "|", ".", "~", ":")


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(min(max(year, 1), 9999), month + 1, 1)


def ticks(start: date, end: date, width: int) -> list[tuple[date, str]]:
    """Tick marks that fit ``width`` columns: weeks, months, quarters or years."""
    span = max((end - start).days, 1)
    candidates: list[list[tuple[date, str]]] = []
    if span <= 120:
        monday = start + timedelta(days=(7 - start.weekday()) % 7)
        weeks = []
        day = monday
        while day <= end:
            weeks.append((day, f"{day.day} {MONTHS[day.month - 1]}"))
            day += timedelta(days=7)
        candidates.append(weeks)
    labellers: list[tuple[int, Callable[[date], str]]] = [
        (1, lambda d: MONTHS[d.month - 1] if d.month != 1 else str(d.year)),
        (3, lambda d: f"{MONTHS[d.month - 1]} {d.year % 100:02d}"),
        (12, lambda d: str(d.year)),
        (60, lambda d: str(d.year)),
    ]
    for step, labeller in labellers:
        marks: list[tuple[date, str]] = []
        day = _month_start(start)
        if day < start:
            day = _add_months(day, 1)
        while step >= 12 and day.month != 1:
            day = _add_months(day, 1)
        while step == 3 and (day.month - 1) % 3:
            day = _add_months(day, 1)
        while day <= end and len(marks) < 400:
            marks.append((day, labeller(day)))
            nxt = _add_months(day, step)
            if nxt <= day:
                break
            day = nxt
        candidates.append(marks)
    for marks in candidates:
        room = sum(len(label) + 1 for _, label in marks)
        if marks and room <= width:
            return marks
    return candidates[-1][:1] if candidates and candidates[-1] else []


def column(day: date, start: date, end: date, width: int) -> int:
    """The column (0 .. width-1) of ``day`` on an axis from ``start`` to ``end``."""
    span = max((end - start).days, 1)
    return round((day - start).days / span * (width - 1))


def _clip(text: str, width: int, more: str = "…") -> str:
    from rich.cells import cell_len

    text = terminal_safe(text)
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    # Cut in the middle: titles of a franchise differ at their ends ("… Part One", "… Part Two").
    head_room = (width - 1) * 11 // 20
    head = tail = ""
    for char in text:
        if cell_len(head + char) > head_room:
            break
        head += char
    for char in reversed(text):
        if cell_len(head) + cell_len(char + tail) > width - 1:
            break
        tail = char + tail
    out = head.rstrip() + more + tail.lstrip()
    return out + " " * (width - cell_len(out))


def _short_countdown(row: Row) -> str:
    low, high = row.days_remaining, row.days_remaining_max
    if low is None or high is None:
        return "TBA"
    if row.status == "today":
        return "today"
    if low == high:
        return f"{low}d" if low >= 0 else f"{-low}d ago"
    if row.status == "due":
        return f"due ≤{high}d"
    if high < 0:
        return f"{-high}d ago"
    return f"{low}–{high}d"


def _short(row: Row, ascii_only: bool) -> str:
    text = _short_countdown(row)
    return ascii_text(text) if ascii_only else text


def within_span(rows: Sequence[Row], start: date | None, end: date | None) -> list[Row]:
    """The rows whose dates overlap the span from ``start`` to ``end`` (either may be open);
    TBA titles stay, to be listed at the end."""
    low, high = start or date.min, end or date.max
    return [
        r
        for r in rows
        if r.earliest is None or r.latest is None or (r.latest >= low and r.earliest <= high)
    ]


def default_span(rows: Sequence[Row], today: date) -> tuple[date, date]:
    """From today (or the earliest date shown) to the latest date shown, with a margin."""
    days = [day for r in rows for day in (r.earliest, r.latest) if day is not None]
    first, last = min([today, *days]), max([today, *days])
    margin = timedelta(days=max((last - first).days // 30, 3))
    try:
        return first - margin, last + margin
    except OverflowError:
        return first, last


def timeline_lines(
    rows: Sequence[Row],
    *,
    today: date,
    start: date,
    end: date,
    width: int,
    ascii_only: bool = False,
) -> list[Line]:
    """The timeline: an axis header, one lane per dated title, then the TBA titles."""
    from rich.cells import cell_len

    glyph = ASCII if ascii_only else UNICODE

    def label_of(row: Row) -> str:
        text = terminal_safe(row.title)
        return ascii_text(text) if ascii_only else text

    longest = max((cell_len(label_of(r)) for r in rows), default=12)
    count_width = min(max((len(_short(r, ascii_only)) for r in rows), default=4), 14)
    label_width = max(12, min(longest, width * 2 // 5))
    label_width = max(min(label_width, width - count_width - 12), 4)  # the axis keeps 10
    axis = max(width - label_width - count_width - 2, 10)
    lines: list[Line] = []

    labels = [" "] * axis
    rule = [glyph.axis] * axis
    for day, text in ticks(start, end, axis):
        x = column(day, start, end, axis)
        rule[x] = glyph.tick
        if x + len(text) <= axis and all(c == " " for c in labels[max(x - 1, 0) : x + len(text)]):
            labels[x : x + len(text)] = list(text)
    now = column(today, start, end, axis) if start <= today <= end else None
    # "today DAY" starts at today's column, or ends at the line's end when that is too near:
    # the header has the titles' column too, so it is never cut.
    header = [" "] * (label_width + 1 + axis)
    if now is not None:
        rule[now] = glyph.today
        text = f"today {today.isoformat()}"
        at = max(min(label_width + 1 + now, len(header) - len(text)), 0)
        header[at : at + len(text)] = list(text)
    pad = " " * (label_width + 1)
    lines.append([("".join(header).rstrip(), "bold")])
    lines.append([(pad + "".join(labels).rstrip(), "dim")])
    lines.append([(pad + "".join(rule), "dim")])

    dated = [r for r in rows if r.earliest is not None and r.latest is not None]
    undated = [r for r in rows if r.earliest is None or r.latest is None]
    for row in dated:
        lane = [glyph.empty] * axis
        if now is not None:
            lane[now] = glyph.today
        first, last = row.earliest or start, row.latest or end  # dated rows have both
        style = "dim" if row.status == "released" else ""
        mark_style = {"today": "bold green", "due": "yellow"}.get(row.status, "bold cyan")
        if last < start:
            lane[0] = glyph.before
        elif first > end:
            lane[-1] = glyph.after
        elif first == last:
            lane[column(first, start, end, axis)] = glyph.mark
        else:
            a = column(max(first, start), start, end, axis)
            b = column(min(last, end), start, end, axis)
            for x in range(a, b + 1):
                lane[x] = glyph.bar
            if first < start:
                lane[0] = glyph.before
            if last > end:
                lane[-1] = glyph.after
        title = _clip(label_of(row), label_width, glyph.more)
        lines.append(
            [
                (title + " ", style),
                ("".join(lane), "dim" if style else mark_style),
                (" " + _clip(_short(row, ascii_only), count_width, glyph.more), style),
            ]
        )
    for row in undated:
        lines.append(
            [
                (_clip(label_of(row), label_width, glyph.more) + " ", "italic"),
                (" " * axis, ""),
                (" TBA", "italic"),
            ]
        )
    return [[(text, style) for text, style in line] for line in lines]


# --- the slip chart ---------------------------------------------------------------------------


def _fmt_month(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def slip_chart_lines(
    row: Row, *, today: date, width: int, height: int = 14, ascii_only: bool = False
) -> list[Line]:
    """The classic slip chart of a title's announcement history, or [] when there is none.

    x is the day of each announcement, y the release date it announced: a step line from one
    announcement to the next, the diagonal "release = announcement" for reference (a date
    that reached the diagonal would have released that day), and today marked.
    """
    glyph = ASCII if ascii_only else UNICODE
    # (day announced, earliest, latest): a fuzzy date is a band over its window, an exact one
    # a point, TBA a gap (nothing drawn until the next announcement).
    steps: list[tuple[date, date | None, date | None]] = []
    for entry in row.history:
        if entry.announced is not None and entry.announced.earliest is not None:
            steps.append((entry.announced.earliest, entry.earliest, entry.latest))
    dated = [(a, first, last) for a, first, last in steps if first is not None and last]
    if len(steps) < 2 or not dated:
        return []
    x_first = min(a for a, _, _ in steps)
    x_last = max([today, *(a for a, _, _ in steps)])
    y_first = min(first for _, first, _ in dated if first is not None)
    y_last = max(last for _, _, last in dated if last is not None)
    if y_last == y_first:
        y_first, y_last = y_first - timedelta(days=30), y_last + timedelta(days=30)
    y_label_width = 9
    plot = max(width - y_label_width - 2, 20)

    def x_of(day: date) -> int:
        return column(min(max(day, x_first), x_last), x_first, x_last, plot)

    def y_of(day: date) -> int:  # row 0 is the top
        span = max((y_last - y_first).days, 1)
        ratio = (min(max(day, y_first), y_last) - y_first).days / span
        return height - 1 - round(ratio * (height - 1))

    grid = [[" "] * plot for _ in range(height)]
    styles = [[""] * plot for _ in range(height)]

    def put(x: int, y: int, char: str, style: str) -> None:
        if 0 <= x < plot and 0 <= y < height:
            grid[y][x], styles[y][x] = char, style

    for x in range(plot):  # the diagonal: release on the day of announcement
        span = max((x_last - x_first).days, 1)
        day = x_first + timedelta(days=round(x / max(plot - 1, 1) * span))
        if y_first <= day <= y_last:
            put(x, y_of(day), glyph.diagonal, "dim")
    now = x_of(today)
    for y in range(height):
        put(now, y, glyph.today, "dim")
    steps.sort()
    rows_of = [
        None if first is None or last is None else (y_of(last), y_of(first))
        for _, first, last in steps
    ]
    for index, (announced, _, _) in enumerate(steps):
        rows = rows_of[index]
        if rows is None:
            continue  # TBA: a gap
        x0 = x_of(announced)
        x1 = x_of(steps[index + 1][0]) if index + 1 < len(steps) else x_of(x_last)
        top, bottom = rows
        for x in range(x0, x1 + 1):
            for y in range(top, bottom + 1):
                put(x, y, glyph.step if top == bottom else glyph.band, "bold yellow")
        after = rows_of[index + 1] if index + 1 < len(rows_of) else None
        if after is not None and (after[1] < top or after[0] > bottom):
            low, high = (after[1], top) if after[1] < top else (bottom, after[0])
            for y in range(low, high + 1):
                put(x1, y, glyph.rise, "bold yellow")
    for (announced, _, _), rows in zip(steps, rows_of, strict=True):
        if rows is not None:
            for y in range(rows[0], rows[1] + 1):
                put(x_of(announced), y, glyph.mark, "bold cyan")

    lines: list[Line] = []
    labelled = {}
    for (_, first, last), rows in zip(steps, rows_of, strict=True):
        if rows is not None and first is not None and last is not None:
            if _fmt_month(first) == _fmt_month(last):
                labelled[(rows[0] + rows[1]) // 2] = _fmt_month(first)
            else:
                labelled[rows[1]], labelled[rows[0]] = _fmt_month(first), _fmt_month(last)
    for y in range(height):
        label = labelled.get(y, "")
        line: Line = [(f"{label:>{y_label_width}} ", "dim")]
        for x in range(plot):
            line.append((grid[y][x], styles[y][x]))
        lines.append(line)
    axis_labels = [" "] * plot
    for day in (x_first, x_last):
        text = _fmt_month(day)
        x = min(x_of(day), plot - len(text))
        axis_labels[x : x + len(text)] = list(text)
    today_text = "today"
    x = min(now, plot - len(today_text))
    if all(c == " " for c in axis_labels[max(x - 1, 0) : x + len(today_text) + 1]):
        axis_labels[x : x + len(today_text)] = list(today_text)
    lines.append([(" " * (y_label_width + 1) + glyph.axis * plot, "dim")])
    lines.append([(" " * (y_label_width + 1) + "".join(axis_labels).rstrip(), "dim")])
    indent = " " * (y_label_width + 1)
    caption = ["x: day of announcement", "y: release date announced"]
    lines += [[(indent + text, "dim")] for text in _filled(caption, plot, "   ")]
    fuzzy = any(rows is not None and rows[0] != rows[1] for rows in rows_of)
    items = [
        f"{glyph.mark} announcement",
        f"{glyph.step}{glyph.step} date in force",
        *([f"{glyph.band}{glyph.band} fuzzy window"] if fuzzy else []),
        f"{glyph.diagonal}{glyph.diagonal} release = announcement",
        f"{glyph.today} today",
    ]
    lines += [[(indent + text, "dim")] for text in _filled(items, plot, "  ")]
    return lines


def _filled(items: list[str], width: int, gap: str) -> list[str]:
    """``items`` on as many lines of ``width`` as they need, each item whole."""
    found = [""]
    for item in items:
        if found[-1] and len(found[-1]) + len(gap) + len(item) > width:
            found.append(item)
        else:
            found[-1] = f"{found[-1]}{gap}{item}" if found[-1] else item
    return found
