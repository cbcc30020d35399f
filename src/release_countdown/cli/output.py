"""What commands print: rows in the asked format on stdout, messages on stderr."""

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from release_countdown.core.errors import CountdownError, RegistryError
from release_countdown.core.rows import Row
from release_countdown.views.safe import terminal_safe


def bad(option: str, message: str) -> NoReturn:
    """A bad option value: click prints the usage and the message, and the exit code is 2."""
    import typer

    raise typer.BadParameter(message, param_hint=f"'{option}'")


def say(message: object) -> None:
    """A line on stderr. Registry text in it cannot drive the terminal (see terminal_safe)."""
    print(terminal_safe(str(message)).replace("\u240a", "\n"), file=sys.stderr)


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
    fmt: str,
    *,
    today: date,
    total: int,
    svg: Path | None = None,
    html: Path | None = None,
    raw: bool = False,
    roles: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Print rows in a named format or a ``{field}`` template (one line per row).

    CSV is for people unless ``raw``: cells a spreadsheet would run as formulas get a leading '.
    Its columns: ``columns``, else the fields and a ``people.ROLE`` column for each of ``roles``.
    """
    if "{" in fmt:
        from release_countdown.formats.template import TemplateError, render_template

        try:
            # One line per title, whatever the registry holds: control characters (newlines
            # included) become visible stand-ins.
            lines = [terminal_safe(render_template(fmt, row)) for row in rows]
        except TemplateError as exc:
            bad("--format", str(exc))
        sys.stdout.write("".join(line + "\n" for line in lines))
    elif fmt == "json":
        from release_countdown.formats.jsonrows import json_lines

        sys.stdout.writelines(json_lines(rows))
    elif fmt == "csv":
        write_bytes(_csv(rows, raw=raw, roles=roles, columns=columns))
    elif rows:
        from release_countdown.views.listing import print_list

        print_list(rows, today=today, total=total, file=sys.stdout, svg=svg, html=html)


def _csv(
    rows: Sequence[Row],
    *,
    raw: bool,
    roles: Sequence[str] | None,
    columns: Sequence[str] | None,
) -> bytes:
    from release_countdown.formats.csvrows import to_csv

    return to_csv(rows, raw=raw, roles=roles, columns=columns).encode("utf-8")


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
