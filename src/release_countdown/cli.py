"""The command line: parse options, read the clock, call the domain, print.

The one error boundary is ``CountdownGroup.invoke``: project exceptions become a message on
stderr and an exit code (see ``ExitCode``); nothing else here catches them.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from release_countdown import __version__
from release_countdown.errors import CountdownError, ExitCode, RegistryError
from release_countdown.model import KINDS, STATUSES

REGISTRY_ENV = "COUNTDOWN_REGISTRY"


class CountdownGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CountdownError as exc:
            _report(exc)
            raise typer.Exit(exc.exit_code) from None


def _report(exc: CountdownError) -> None:
    if isinstance(exc, RegistryError):
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"countdown: {exc}", file=sys.stderr)
    else:
        print(f"countdown: {exc}", file=sys.stderr)


app = typer.Typer(
    cls=CountdownGroup,
    name="countdown",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class SortOrder(str, Enum):
    COUNTDOWN = "countdown"
    DATE = "date"
    TITLE = "title"


def _version(value: bool) -> None:
    if value:
        print(f"release-countdown {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Countdowns to the films, albums, games and series you follow, from a TOML registry.

    \b
    Examples:
      countdown list                          what is coming up
      countdown list --composer balfe --json  one composer's titles, for scripts
      countdown list --as-of 2023-07-08       the countdown as it stood on a day

    Exit codes: 0 ok, 2 bad usage or option value, 3 registry unreadable or invalid.
    """


# --- option parsing (bad values exit 2 naming the option and the value) ---------------------


def _bad(option: str, message: str) -> NoReturn:
    raise typer.BadParameter(message, param_hint=f"'{option}'")


def _as_of(value: str | None) -> date | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        _bad("--as-of", f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2023-07-08)")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        _bad("--as-of", f"{value!r} is not a valid date ({exc})")


def _within(value: str | None) -> tuple[int, str] | None:
    if value is None:
        return None
    from release_countdown.dates import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        _bad("--within", str(exc))


def _choices(option: str, values: list[str] | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """Values of a repeatable option, also accepted comma-separated (--kind film,album)."""
    found: list[str] = []
    for value in values or []:
        for part in value.split(","):
            item = part.strip().lower()
            if item not in allowed:
                _bad(option, f"{item!r} is not one of {', '.join(allowed)}")
            found.append(item)
    return tuple(found)


def _region(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        _bad(
            "--region",
            f"{value!r} is not a region code (expected ISO 3166-1 alpha-2 such as US or GB, or WW)",
        )
    return "GB" if code == "UK" else code


def registry_paths(given: list[Path] | None) -> list[Path]:
    """``--registry`` (repeatable), else $COUNTDOWN_REGISTRY (os.pathsep-separated), else the
    bundled registry."""
    if given:
        return given
    env = os.environ.get(REGISTRY_ENV, "")
    if env.strip():
        return [Path(p) for p in env.split(os.pathsep) if p.strip()]
    from release_countdown.registry import bundled_registry

    return [bundled_registry()]


def _print_warnings(warnings: Any) -> None:
    for problem in warnings:
        print(problem, file=sys.stderr)


RegistryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--registry",
        "-r",
        metavar="PATH",
        help=f"Registry file to read (repeatable; default: ${REGISTRY_ENV}, else the bundled one).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Show the countdown as it stood on this day (default: today's local date).",
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CC",
        help="Use each title's date in this region (ISO 3166-1 alpha-2, or WW).",
    ),
]


@app.command("list")
def list_command(
    *,
    composer: Annotated[
        list[str] | None,
        typer.Option(
            help="Titles with a composer whose name contains NAME (repeatable).", metavar="NAME"
        ),
    ] = None,
    director: Annotated[
        list[str] | None,
        typer.Option(
            help="Titles with a director whose name contains NAME (repeatable).", metavar="NAME"
        ),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(
            help="Titles with anyone (any role) whose name contains NAME (repeatable).",
            metavar="NAME",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(help=f"Only these kinds ({', '.join(KINDS)}; repeatable).", metavar="KIND"),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            help=f"Only these statuses ({', '.join(STATUSES)}; repeatable; "
            "replaces the default view).",
            metavar="STATUS",
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            help="Only titles dated from today to today+N: 30d, 6w, 3m, 1y (inclusive).",
            metavar="N",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(help="Only titles whose title or an alias contains TEXT.", metavar="TEXT"),
    ] = None,
    sort: Annotated[SortOrder, typer.Option(help="Order of the rows.")] = SortOrder.COUNTDOWN,
    reverse: Annotated[bool, typer.Option("--reverse", help="Reverse the order.")] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most N titles.", metavar="N")] = None,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="Include titles released more than 30 days ago."),
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    json_output: Annotated[
        bool, typer.Option("--json", help="Shorthand for --format json.")
    ] = False,
    registry: RegistryOption = None,
) -> None:
    """List titles with their countdowns.

    By default: titles still to come, due or to be announced, and those released in the last
    30 days. Names match case- and accent-insensitively, as a part of a name; several values
    of one option match any of them, different options must all match.

    \b
    Examples:
      countdown list
      countdown list --composer balfe --director mcquarrie
      countdown list --within 90d --kind film --json
      countdown list --all --as-of 2023-07-08 --format csv > titles.csv
    """
    from release_countdown.dates import add_duration
    from release_countdown.query import Query, rows
    from release_countdown.registry import load_registry

    today = _as_of(as_of) or date.today()
    duration = _within(within)
    kinds = _choices("--kind", kind, KINDS)
    statuses = _choices("--status", status, STATUSES)
    if limit is not None and limit < 1:
        _bad("--limit", f"{limit} is not a valid limit (expected a whole number, 1 or more)")
    query = Query(
        composers=tuple(composer or ()),
        directors=tuple(director or ()),
        persons=tuple(person or ()),
        kinds=kinds,
        statuses=statuses,
        within_until=add_duration(today, *duration) if duration else None,
        search=search,
        sort=sort.value,
        reverse=reverse,
        limit=limit,
        region=_region(region),
        show_all=show_all,
    )
    loaded = load_registry(registry_paths(registry))
    _print_warnings(loaded.warnings)
    found = rows(loaded.releases, query, today)
    if not found:
        _say_empty(len(loaded.releases), show_all or bool(statuses))
    fmt = OutputFormat.json if json_output else output_format
    if fmt is OutputFormat.json:
        from release_countdown.output import to_json

        sys.stdout.write(to_json(found))
    elif fmt is OutputFormat.csv:
        from release_countdown.output import to_csv

        # Bytes, so the RFC 4180 CRLF line ends reach the file untranslated on every platform.
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(found).encode("utf-8"))
    elif found:
        from release_countdown.render import print_list

        print_list(found, today=today, total=len(loaded.releases), file=sys.stdout)


def _say_empty(total: int, widened: bool) -> None:
    if total == 0:
        print("countdown: the registry holds no titles yet", file=sys.stderr)
        return
    hint = "try other filters or --as-of DATE" if widened else "try --all, or --as-of DATE"
    print(
        f"countdown: no titles in this view ({total} in the registry); {hint}",
        file=sys.stderr,
    )


def main() -> NoReturn:
    """Entry point of the installed ``countdown`` command."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`countdown list | head -1`): not an error for us.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
