"""`countdown check`: validate registries, for pre-commit hooks and CI."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import Duration, StaleAsOfOption
from release_countdown.cli.parsers import DURATION
from release_countdown.core.errors import ExitCode

if TYPE_CHECKING:
    from release_countdown.core.model import Release

app = command_app()


@app.command("check")
def check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Registry files (default: the ones `list` would read).", metavar="[PATH]..."
        ),
    ] = None,
    *,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    stale: Annotated[
        Duration | None,
        typer.Option(
            help="Warn about entries whose `checked` date is older than AGE (e.g. 180d) "
            "or missing.",
            metavar="AGE",
            parser=DURATION,
        ),
    ] = None,
    as_of: StaleAsOfOption = None,
) -> ExitCode:
    """Validate registries without listing them, for pre-commit hooks and CI.

    Prints every error and warning as path:line:col: message, then a summary line (all on
    stderr). Exit code 3 when there are errors (with --strict, warnings too), else 0.
    --strict also warns about every entry without an explicit `id` (a derived id, and the
    calendar UID made from it, changes when the title is fixed).
    An `announced` or `checked` day after today (the clock's, whatever --as-of says) is a
    warning: what it announces stays hidden from every view until that day; so is a typed
    date its source no longer lists (`unlisted`, marked by refresh).

    \b
    Examples:
      countdown check
      countdown check releases.toml team.toml --strict
      countdown check --stale 180d
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.reading import registry_paths
    from release_countdown.core.errors import Problem, RegistryError
    from release_countdown.registry.load import (
        future_warnings,
        implicit_id_warnings,
        load_registry,
        stale_warnings,
        unlisted_warnings,
    )

    # Days after the clock's today are mistakes whatever --as-of says: looking back, later
    # announcements are normal; looking ahead, they have still not happened.
    clock_today = date.today()
    today = as_of.on(clock_today) if as_of is not None else clock_today
    age = stale
    targets = registry_paths(paths)
    problems: list[Problem] = []
    titles = 0
    try:
        loaded = load_registry(targets)
    except RegistryError as exc:
        problems = list(exc.problems)
    else:
        problems = list(loaded.warnings)
        titles = len(loaded.releases)
        if age is not None:
            problems += stale_warnings(loaded, today, *age, how=check_command_of)
        problems += future_warnings(loaded, clock_today) + unlisted_warnings(loaded)
        if strict:
            problems += implicit_id_warnings(loaded)
    for problem in problems:
        say(problem)
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    files = f"{len(targets)} file{'s' if len(targets) != 1 else ''}"
    counted = f"{titles} title{'s' if titles != 1 else ''}, " if not errors else ""
    strictly = " (errors with --strict)" if strict and warnings else ""
    say(
        f"countdown check: {files}, {counted}{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}{strictly}"
    )
    return ExitCode.REGISTRY if errors > 0 or (strict and warnings > 0) else ExitCode.OK


def check_command_of(release: "Release") -> str | None:
    """The command that records a check of ``release`` in its file (--registry unless the
    file is the user registry, where writes go by default); None for the bundled registry."""
    from release_countdown.core.commandline import command_line
    from release_countdown.registry.locations import bundled_registry, user_registry

    file = Path(release.source).resolve()
    if file == bundled_registry().resolve():
        return None
    words = ["edit", release.id, "--checked", "today"]
    at = [] if file == user_registry().resolve() else ["--registry", release.source]
    return command_line(words + at)
