"""`countdown init`: create your user registry."""

from pathlib import Path
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.core.errors import UsageError

app = command_app()


@app.command("init", short_help="Create your user registry.")
def init_command(
    *,
    empty: Annotated[
        bool, typer.Option("--empty", help="Start empty instead of from the bundled titles.")
    ] = False,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            "-r",
            metavar="PATH",
            help="Create this file instead of the user registry.",
        ),
    ] = None,
) -> None:
    """Create your user registry, seeded from the bundled titles (or empty with --empty).

    Refuses to overwrite a registry that exists (exit 2).

    \b
    Examples:
      countdown init
      countdown init --empty
      countdown init --registry team/releases.toml --empty
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.reading import settings
    from release_countdown.registry.locations import bundled_registry, user_registry
    from release_countdown.writing.change import create_registry

    path = registry or user_registry()
    if empty:
        data = b"# My release-countdown registry (format: see the README).\nschema = 1\n"
    else:
        data = bundled_registry().read_bytes()
    try:
        create_registry(path, data, lock_timeout=settings().lock_timeout.value)
    except FileExistsError:
        raise UsageError(f"{path} already exists; it was left as it is") from None
    except OSError as exc:
        raise UsageError(f"cannot create {path}: {exc.strerror or exc}") from None
    say(f"countdown: created {path}" + ("" if empty else " with the bundled titles"))
