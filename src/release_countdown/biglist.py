"""The list table for long views: the same columns as render.list_table, laid out directly.

Rich's Table measures every cell of every row before it draws (about 0.3 ms a row); a view of
thousands of titles would take seconds. This lays the columns out once from the widest
cells and wraps text greedily by terminal cells, in linear time. render.print_list uses it
above LONG_VIEW rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Final

from release_countdown.query import Row

LONG_VIEW: Final = 1_000


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words longer than a line are cut."""
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

    ``cells`` holds, per row, the plain text of each column (as render.list_table fills them).
    """
    headers = ["Title", "Date", "Countdown", "Days", "Director", "Composer", "Cast"][
        : len(cells[0]) if cells else 4
    ]
    count = len(headers)
    fixed = {1, 3}
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(headers)]
    room = width - 2 * (count - 1) - sum(widths[i] for i in fixed)
    flexible = [i for i in range(count) if i not in fixed]
    ratios = {0: 5, 2: 2, 4: 2, 5: 2, 6: 3}
    share = sum(ratios[i] for i in flexible)
    for i in flexible:
        widths[i] = max(min(widths[i], room * ratios[i] // share), 12 if i == 2 else 8)
    spare = room - sum(widths[i] for i in flexible)
    widths[0] += max(spare, 0)
    yield "  ".join(_pad(h, widths[i], i == 3) for i, h in enumerate(headers)).rstrip(), "bold"
    yield "─" * min(sum(widths) + 2 * (count - 1), width), "dim"
    from release_countdown.render import STATUS_STYLES

    leading = count == 4 and width >= 72
    for number, (row, texts) in enumerate(zip(rows, cells, strict=True)):
        if leading and number:
            yield "", ""
        wrapped = [
            [segment for part in text.split("\n") for segment in wrap(part, widths[i])]
            for i, text in enumerate(texts)
        ]
        style = STATUS_STYLES.get(row["status"], "")
        for line in range(max(len(w) for w in wrapped)):
            parts = [
                _pad(w[line] if line < len(w) else "", widths[i], i == 3)
                for i, w in enumerate(wrapped)
            ]
            yield "  ".join(parts).rstrip(), style
    caption = f"as of {today.isoformat()} · {len(rows)} of {total} titles"
    yield "", ""
    yield caption.center(min(sum(widths) + 2 * (count - 1), width)).rstrip(), "dim"
