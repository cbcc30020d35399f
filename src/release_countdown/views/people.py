"""`countdown people`: everyone in the registry, in the plain layout of the list table
(views/listing.py): the same text in a pipe, in colour on a terminal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO

from release_countdown.core.rows import PersonRow
from release_countdown.views.listing import STACKED, _pad, _width, plain_width, wrap, wrap_parts
from release_countdown.views.safe import terminal_safe

HEADERS = ("Name", "Roles", "Titles", "Next release")


def person_cells(person: PersonRow) -> list[str]:
    upcoming = person.next
    following = "—" if upcoming is None else f"{upcoming.title} {upcoming.countdown}"
    return [
        terminal_safe(person.name),
        terminal_safe(", ".join(person.roles)),
        str(len(person.titles)),
        terminal_safe(following),
    ]


def people_lines(
    people: Sequence[PersonRow], *, today: date, width: int
) -> Iterator[tuple[str, str]]:
    """Lines of the people table and the style of each; no line ends in a blank. Below
    STACKED columns each person is a block of lines, as in the list table (no name is cut)."""
    count = f"{len(people)} {'person' if len(people) == 1 else 'people'}"
    if width < STACKED:
        yield from people_blocks(people, width=width)
        yield "", ""
        for caption in wrap(f"as of {today.isoformat()} · {count}", width):
            yield caption, "dim"
        return
    cells = [person_cells(p) for p in people]
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(HEADERS)]
    room = width - 2 * (len(HEADERS) - 1) - widths[2]
    if widths[0] + widths[1] + widths[3] > room:
        # Share what is left: name 3, roles 2, next release 5 (8 at least each).
        for i, share in ((0, 3), (1, 2), (3, 5)):
            widths[i] = max(min(widths[i], room * share // 10), 8)
    # As in the list table, the rule spans the width: the last column takes what is spare.
    widths[3] += max(room - widths[0] - widths[1] - widths[3], 0)
    total = min(sum(widths) + 2 * (len(HEADERS) - 1), width)
    yield "  ".join(_pad(h, widths[i], i == 2) for i, h in enumerate(HEADERS)).rstrip(), "bold"
    yield "─" * total, "dim"
    for person, texts in zip(people, cells, strict=True):
        wrapped = [wrap(text, widths[i]) for i, text in enumerate(texts)]
        style = "dim" if person.next is None else ""
        for line in range(max(len(w) for w in wrapped)):
            parts = [
                _pad(w[line] if line < len(w) else "", widths[i], i == 2)
                for i, w in enumerate(wrapped)
            ]
            yield "  ".join(parts).rstrip(), style
    yield "", ""
    yield f"as of {today.isoformat()} · {count}".center(total).rstrip(), "dim"


def people_blocks(people: Sequence[PersonRow], *, width: int) -> Iterator[tuple[str, str]]:
    """Each person as a block: the name, then indented the roles, the number of titles and
    the next release."""
    for number, person in enumerate(people):
        if number:
            yield "", ""
        name, roles, titles, following = person_cells(person)
        style = "dim" if person.next is None else ""
        for line in wrap(name, width):
            yield line, style or "bold"
        about = [roles, f"{titles} {'title' if titles == '1' else 'titles'}"]
        if person.next is not None:
            about.append(f"next: {following}")
        for line in wrap_parts(about, width - 2):
            yield "  " + line, style


def print_people(people: Sequence[PersonRow], *, today: date, file: IO[str]) -> None:
    """Plain text in a pipe (without importing rich), in colour on a terminal."""
    if not file.isatty():
        plain = people_lines(people, today=today, width=plain_width())
        file.write("".join(line + "\n" for line, _ in plain))
        return
    from release_countdown.views.console import emit, lines_text, make_console

    console = make_console(file)
    lines = list(people_lines(people, today=today, width=console.width))
    if console.color_system is None:
        file.write("".join(line + "\n" for line, _ in lines))
        return
    emit(lines_text([[(line, style)] for line, style in lines]), file=file)
