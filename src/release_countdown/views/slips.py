"""`countdown slips`: the breakdown as a table, in the plain layout of the list table
(views/listing.py): the same text in a pipe, in colour on a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from release_countdown.core.slips import SlipGroup, Slips
from release_countdown.views.listing import (
    _longest_word,
    _pad,
    _width,
    plain_width,
    wrap,
    wrap_parts,
)
from release_countdown.views.safe import terminal_safe

HEADERS = ("Titles", "Moved", "Changes", "Median days", "Largest days", "n")
BY_HEADERS = {
    "kind": "Kind of change",
    "precision": "First precision",
    "horizon": "Horizon",
    "person": "Person",
    "franchise": "Franchise",
}


def days_text(days: float | int | None) -> str:
    """``12``, ``12.5``, or ``—`` when nothing moved."""
    if days is None:
        return "—"
    return f"{days:,.1f}" if days != int(days) else f"{int(days):,}"


def group_cells(group: SlipGroup) -> list[str]:
    return [
        terminal_safe(group.group),
        str(group.titles),
        str(group.moved),
        str(group.changes),
        days_text(group.median_days),
        days_text(group.largest_days),
        str(group.n),
    ]


def count(n: int, word: str) -> str:
    """``1 title``, ``5 titles``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def nothing_moved(result: Slips) -> str:
    """What `slips` says when no title moved."""
    return f"No title moved ({count(result.titles, 'title')} as of {result.as_of.isoformat()})."


def summary(result: Slips) -> list[str]:
    """``as of 2026-12-07 · 5 titles, 3 moved, 10 changes`` and, when a title moved, the
    days moved since first announced: median, largest, and n."""
    lines = [
        f"as of {result.as_of.isoformat()} · {count(result.titles, 'title')}, "
        f"{result.moved:,} moved, {count(result.changes, 'change')}"
    ]
    if result.n:
        lines.append(
            f"days moved since first announced: median {days_text(result.median_days)}, "
            f"largest {days_text(result.largest_days)} (n={result.n})"
        )
    return lines


def slips_lines(result: Slips, *, width: int) -> Iterator[tuple[str, str]]:
    """Lines of the slips table and the style of each; no line ends in a blank, none is wider
    than ``width`` (a group's name wraps at its spaces; a table too wide for ``width``
    becomes a block of lines a group), and no header is cut."""
    headers = (BY_HEADERS[result.by], *HEADERS)
    cells = [group_cells(g) for g in result.groups]
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(headers)]
    gaps = 2 * (len(headers) - 1)
    spare = width - sum(widths[1:]) - gaps
    least = max(_longest_word(iter([headers[0], *(c[0] for c in cells)])), 8)
    if spare < min(least, widths[0]):
        yield from slips_blocks(result, cells, width=width)
        return
    widths[0] = min(widths[0], spare)
    total = sum(widths) + gaps
    for texts, style in ((headers, "bold"), *((texts, "") for texts in cells)):
        names = wrap(texts[0], widths[0])  # the first column wraps at its spaces, header too
        parts = [_pad(names[0], widths[0])]
        parts += [_pad(text, widths[i], True) for i, text in enumerate(texts) if i]
        yield "  ".join(parts).rstrip(), style
        for name in names[1:]:
            yield name, style
        if style == "bold":
            yield "─" * total, "dim"
    yield from summary_lines(result, width)


def slips_blocks(result: Slips, cells: list[list[str]], *, width: int) -> Iterator[tuple[str, str]]:
    """The slips table for a narrow terminal: each group's name, then its figures, each
    named by its column's header."""
    for number, texts in enumerate(cells):
        if number:
            yield "", ""
        for line in wrap(texts[0], width):
            yield line, "bold"
        figures = [f"{header} {text}" for header, text in zip(HEADERS, texts[1:], strict=True)]
        for line in wrap_parts(figures, width - 2):
            yield "  " + line, ""
    yield from summary_lines(result, width)


def summary_lines(result: Slips, width: int) -> Iterator[tuple[str, str]]:
    yield "", ""
    for line in summary(result):
        for part in wrap(line, width):
            yield part, "dim"


def print_slips(result: Slips, *, file: IO[str]) -> None:
    """Plain text in a pipe (without importing rich), in colour on a terminal."""
    if not file.isatty():
        file.write("".join(line + "\n" for line, _ in slips_lines(result, width=plain_width())))
        return
    from release_countdown.views.console import emit, lines_text, make_console

    console = make_console(file)
    lines = list(slips_lines(result, width=console.width))
    if console.color_system is None:
        file.write("".join(line + "\n" for line, _ in lines))
        return
    emit(lines_text([[(line, style)] for line, style in lines]), file=file)
