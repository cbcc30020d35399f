"""`countdown unmark`: forget your mark on a title."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import RegistryOption

app = command_app()


@app.command("unmark")
def unmark_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    *,
    registry: RegistryOption = None,
) -> None:
    """Forget your mark on a title (seen, owned, skip or wanted; see `countdown mark`).

    \b
    Examples:
      countdown unmark argylle
    """
    from release_countdown.cli.marking import apply_mark

    apply_mark(title, None, registry)
