"""What commands print: rows in the asked format on stdout, messages on stderr.

Every run imports this module (the error boundary words errors with it): the rows, the formats
and the terminal's text rules are imported by the functions that use them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from release_countdown.core.errors import CountdownError, RegistryError

if TYPE_CHECKING:
    from release_countdown.core.rows import PersonRow, Row
    from release_countdown.formats.choice import OutputFormat
    from release_countdown.formats.template import Template


def bad(option: str, message: str) -> NoReturn:
    """A bad option value: click prints the usage and the message, and the exit code is 2."""
    import typer

    raise typer.BadParameter(message, param_hint=f"'{option}'")


def say(message: object) -> None:
    """A line on stderr. Registry text in it cannot drive the terminal (see terminal_safe)."""
    from release_countdown.views.safe import terminal_safe

    print(terminal_safe(str(message)).replace("\u240a", "\n"), file=sys.stderr)


def nothing_written(failed: Sequence[CountdownError], also: str = "") -> NoReturn:
    """Several fetches failed, so the write was not made: each failure said, the last raised
    (its exit code, worded by ``report``) with "(nothing was written)" and ``also``."""
    for error in failed[:-1]:
        say(f"countdown: {error}")
    last = failed[-1]
    raise type(last)(f"{last} (nothing was written{'; ' + also if also else ''})")


def report(exc: CountdownError) -> None:
    """The one place an error becomes words: every problem found, then what failed."""
    if isinstance(exc, RegistryError):
        for problem in exc.problems:
            say(problem)
    say(f"countdown: {exc}")


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests): nothing to flush there
        pass


def write_rows(
    rows: Sequence[Row],
    output: OutputFormat,
    *,
    today: date,
    total: int,
    svg: Path | None = None,
    html: Path | None = None,
    raw: bool = False,
    roles: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    json_per_line: bool = False,
) -> None:
    """Print title rows as ``output`` asks: a table, JSON, CSV or a template (a line a row).

    CSV is for people unless ``raw``: cells a spreadsheet would run as formulas get a leading '.
    Its columns: ``columns``, else the fields and a ``people.ROLE`` column for each of ``roles``.
    JSON is an array with a row a line, or with ``json_per_line`` one object a line (`next`).
    """
    from release_countdown.formats.choice import Named

    if not isinstance(output, Named):
        write_lines(output, rows)
    elif output is Named.JSON and json_per_line:
        import json

        from release_countdown.formats.jsonrows import row_json

        sys.stdout.writelines(json.dumps(row_json(r), ensure_ascii=False) + "\n" for r in rows)
    elif output is Named.JSON:
        from release_countdown.formats.jsonrows import json_lines

        sys.stdout.writelines(json_lines(rows))
    elif output is Named.CSV:
        write_bytes(_csv(rows, raw=raw, roles=roles, columns=columns))
    elif rows:
        from release_countdown.views.listing import print_list

        print_list(rows, today=today, total=total, file=sys.stdout, svg=svg, html=html)


def write_people(people: Sequence[PersonRow], output: OutputFormat, *, today: date) -> None:
    """Print `people` rows as ``output`` asks (JSON: one indented array)."""
    from release_countdown.formats.choice import Named

    if not isinstance(output, Named):
        write_lines(output, people)
    elif output is Named.JSON:
        from release_countdown.formats.jsonrows import person_json

        write_json([person_json(p) for p in people])
    elif output is Named.CSV:
        from release_countdown.formats.peoplerows import people_csv

        write_bytes(people_csv(people).encode("utf-8"))
    elif people:
        from release_countdown.views.people import print_people

        print_people(people, today=today, file=sys.stdout)
    else:
        say("countdown: nobody matches")


def write_lines(template: Template, rows: Iterable[Any]) -> None:
    """A template's line for each row. One line per row, whatever the registry holds: control
    characters (newlines included) become visible stand-ins."""
    from release_countdown.formats.template import TemplateError
    from release_countdown.views.safe import terminal_safe

    try:
        lines = [terminal_safe(template.render(row)) for row in rows]
    except TemplateError as exc:
        bad("--format", str(exc))
    sys.stdout.write("".join(line + "\n" for line in lines))


def _csv(
    rows: Sequence[Row],
    *,
    raw: bool,
    roles: Sequence[str] | None,
    columns: Sequence[str] | None,
) -> bytes:
    from release_countdown.formats.csvrows import to_csv

    return to_csv(rows, raw=raw, roles=roles, columns=columns).encode("utf-8")


def file_data(
    rows: Sequence[Row],
    output: OutputFormat,
    *,
    raw: bool = False,
    roles: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> bytes:
    """Title rows as a CSV or JSON file's bytes (`export`), as `list` writes them."""
    from release_countdown.formats.choice import Named

    if output is Named.CSV:
        return _csv(rows, raw=raw, roles=roles, columns=columns)
    if output is Named.JSON:
        from release_countdown.formats.jsonrows import to_json

        return to_json(rows).encode("utf-8")
    raise ValueError(f"{output!r} is not a file format of rows")


def write_bytes(data: bytes) -> None:
    """Bytes on stdout, so that CRLF line ends (CSV, ICS) reach a file untranslated."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def write_json(value: Any) -> None:
    from release_countdown.formats.jsonrows import pretty

    sys.stdout.write(pretty(value))


def finish(change: Any, dry_run: bool, *, diff: bool = True) -> None:
    """After a write: the diff (dry run) or what was done, and where."""
    if dry_run:
        if diff:
            sys.stdout.write(change.diff())
        say(f"countdown: {change.message} (dry run: nothing written)")
    else:
        say(f"countdown: {change.message} in {change.path}")
    for warning in getattr(change, "warnings", ()):
        say(f"countdown: warning: {warning}")
