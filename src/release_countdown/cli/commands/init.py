"""`countdown init`: create your user registry."""

from pathlib import Path
from typing import Annotated, Final

import typer

from release_countdown.cli.app import command_app
from release_countdown.core.errors import UsageError

app = command_app()

# A new registry: empty, with a commented example of the format.
STARTER: Final = b"""\
# My release-countdown registry: one [[release]] table per title.
# Add titles with `countdown add TITLE --date DATE`, or by hand like this:
#
# [[release]]
# title = "Dune: Part Three"
# kind = "film"                # film, album, game, series, book or other
# date = 2026-12-18            # or "2026-12", "2026-Q4", "late 2026", "2026", "TBA"
#
# [release.people]
# director = ["Denis Villeneuve"]
# composer = ["Hans Zimmer"]
#
# The format is described in the README ("The registry format").
schema = 1
"""


def without_header(data: bytes) -> bytes:
    """The bundled registry without its opening comment (about the project, not the user's)."""
    lines = data.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith(b"#") or not lines[start].strip()):
        start += 1
    return b"# My release-countdown registry, started from the bundled examples.\n" + b"".join(
        lines[start:]
    )


@app.command("init")
def init_command(
    *,
    with_examples: Annotated[
        bool,
        typer.Option(
            "--with-examples", help="Start from the bundled titles instead of an empty registry."
        ),
    ] = False,
    empty: Annotated[
        bool, typer.Option("--empty", hidden=True, help="Start empty (the default now).")
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
    """Create your user registry: empty, with a commented example (or the bundled titles).

    Refuses to overwrite a registry that exists (exit 2).

    \b
    Examples:
      countdown init
      countdown init --with-examples
      countdown init --registry team/releases.toml
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.reading import settings
    from release_countdown.registry.locations import bundled_registry, user_registry
    from release_countdown.writing.change import create_registry

    path = registry or user_registry()
    if with_examples and empty:
        raise UsageError("--with-examples and --empty ask for different things: use one")
    data = without_header(bundled_registry().read_bytes()) if with_examples else STARTER
    try:
        create_registry(path, data, lock_timeout=settings().lock_timeout.value)
    except FileExistsError:
        raise UsageError(f"{path} already exists; it was left as it is") from None
    except OSError as exc:
        raise UsageError(f"cannot create {path}: {exc.strerror or exc}") from None
    say(f"countdown: created {path}" + (" with the bundled titles" if with_examples else ""))
