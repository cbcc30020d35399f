"""`countdown people`: everyone in the registry, as a rich table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from rich import box
from rich.table import Table
from rich.text import Text

from release_countdown.core.rows import PersonRow
from release_countdown.views.console import make_console
from release_countdown.views.console import safe as _safe


def people_table(people: Sequence[PersonRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("Name", ratio=2)
    table.add_column("Roles", ratio=2)
    table.add_column("Titles", justify="right", no_wrap=True)
    table.add_column("Next release", ratio=3)
    for person in people:
        upcoming = person.next
        next_cell = Text("—", style="dim")
        if upcoming is not None:
            next_cell = _safe(upcoming.title).append(f" {upcoming.countdown}", style="dim")
        table.add_row(
            _safe(person.name),
            _safe(", ".join(person.roles)),
            Text(str(len(person.titles))),
            next_cell,
        )
    return table


def print_people(people: Sequence[PersonRow], *, file: IO[str]) -> None:
    make_console(file).print(people_table(people))
