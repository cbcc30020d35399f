"""Issue 23: on a terminal, `list` prints its first rows before the whole table is drawn, and
the characters are the same as one print of the whole table."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
TODAY = date(2026, 12, 7)


class Terminal(io.StringIO):
    """A terminal that keeps each write apart."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def rows_of(tmp_path: Path, count: int) -> list[object]:
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import RowView
    from release_countdown.registry.load import load_registry

    path = tmp_path / "registry.toml"
    with path.open("w") as out:
        subprocess.run(
            [sys.executable, str(GENERATE), str(count), "--shape", "short"], stdout=out, check=True
        )
    registry = load_registry([path])
    return list(RowView(select(registry.releases, Query(show_all=True), TODAY), TODAY))


@pytest.mark.parametrize("width", [40, 100, 170])
def test_a_long_table_streams_on_a_terminal_and_draws_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    from release_countdown.views import console, listing

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    rows = rows_of(tmp_path, 300)
    terminal = Terminal()
    listing.print_list(rows, today=TODAY, total=len(rows), file=terminal)  # type: ignore[arg-type]
    drawn = terminal.getvalue()
    assert "\x1b[" in drawn  # in colour: the Rich path, not the plain one

    # The whole table as one print, as before streaming.
    whole = Terminal()
    cells = [listing.row_cells(row, width) for row in rows]  # type: ignore[arg-type]
    lines = listing.list_lines(rows, today=TODAY, total=len(rows), width=width, cells=cells)  # type: ignore[arg-type]
    console.make_console(whole).print(console.lines_text([[pair] for pair in lines]))
    assert drawn == whole.getvalue()

    # The first write holds the header and the first rows, not the last title.
    first_title = rows[0].title  # type: ignore[attr-defined]
    last_title = rows[-1].title  # type: ignore[attr-defined]
    assert len(terminal.writes) > 3
    assert first_title.split()[0] in terminal.writes[0]
    assert last_title not in terminal.writes[0]
    assert len(terminal.writes[0]) < len(drawn) // 5


@pytest.mark.parametrize(
    "text",
    ["Chloé Dubois", "Night Echo 12\nfilm · dir. Émile Park", "東京 story", "e\u0301t\u00e9",
     "👍🏽 fine", "👨‍👩‍👧 family", "✔️ done", "tab\there é", "ctrl\x7f é", "한국어 title",
     "ﬁne", "\u200b zero-width é", "plain ascii\nwith a line"],
)  # fmt: skip
def test_widths_are_rich_cell_widths(text: str) -> None:
    """_width measures as Rich's cell_len does (ASCII: its length), only faster."""
    from rich.cells import cell_len

    from release_countdown.views.listing import _width

    assert _width(text) == (len(text) if text.isascii() else cell_len(text))


class Counted(list[object]):
    """Rows that count how many have been handed out (as a RowView makes them)."""

    def __init__(self, rows: list[object]) -> None:
        super().__init__(rows)
        self.made = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for row in super().__iter__():
            self.made += 1
            yield row


def test_a_longer_table_shows_its_first_screen_before_every_row_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MEASURED rows, the layout is of MEASURED rows' cells: the first write comes
    before the other rows are made, and every row is still drawn."""
    from release_countdown.views import console, listing

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    count = listing.MEASURED + 300
    rows = Counted(rows_of(tmp_path, count))
    made_at_first_write: list[int] = []

    class Watched(Terminal):
        def write(self, text: str) -> int:
            if not self.writes:
                made_at_first_write.append(rows.made)
            return super().write(text)

    terminal = Watched()
    listing.print_list(rows, today=TODAY, total=count, file=terminal)  # type: ignore[arg-type]
    assert made_at_first_write
    assert made_at_first_write[0] <= listing.MEASURED
    assert rows.made == count
    plain = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue())
    assert f"{count} of {count} titles" in plain
    assert all(row.title in plain for row in rows)  # type: ignore[attr-defined]
    # The rows measured (the first, and some spread over the rest) give the generator's
    # (seeded) registry the layout of the whole table, far countdowns included.
    whole = Terminal()
    cells = [listing.row_cells(row, 100) for row in rows]  # type: ignore[arg-type]
    lines = listing.list_lines(rows, today=TODAY, total=count, width=100, cells=cells)  # type: ignore[arg-type]
    console.make_console(whole).print(console.lines_text([[pair] for pair in lines]))
    assert terminal.getvalue() == whole.getvalue()


def test_the_table_makes_no_history_rows_or_slips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table shows no history, slip or change kind: its rows are made without them (a
    third of a history-heavy row's making), and it draws what the full rows draw."""
    from release_countdown.core import rows as rows_module
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import RowView
    from release_countdown.registry.load import load_registry
    from release_countdown.views import listing

    path = tmp_path / "registry.toml"
    with path.open("w") as out:
        subprocess.run(
            [sys.executable, str(GENERATE), "60", "--shape", "history"], stdout=out, check=True
        )
    found = select(load_registry([path]).releases, Query(show_all=True), TODAY)
    full = io.StringIO()
    listing.print_list(list(RowView(found, TODAY)), today=TODAY, total=60, file=full)

    def refused(*args: object) -> object:
        raise AssertionError("the table made a history row or a slip")

    monkeypatch.setattr(rows_module, "_history_rows", refused)
    monkeypatch.setattr(rows_module, "slip_of", refused)
    table = io.StringIO()
    listing.print_list(RowView(found, TODAY), today=TODAY, total=60, file=table)
    assert table.getvalue() == full.getvalue()
