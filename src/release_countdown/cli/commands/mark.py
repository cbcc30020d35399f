"""`countdown mark`: mark a title seen, owned, skip or wanted (yours alone, not the registry's)."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_mark, complete_titles
from release_countdown.cli.options import RegistryOption
from release_countdown.cli.parsers import one_of
from release_countdown.core.marks import MARKS

app = command_app()


@app.command("mark")
def mark_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    mark: Annotated[
        str,
        typer.Argument(
            help=f"{', '.join(MARKS)}.",
            metavar="MARK",
            parser=one_of(MARKS),
            autocompletion=complete_mark,
        ),
    ],
    *,
    registry: RegistryOption = None,
) -> None:
    """Mark a title seen, owned, skip or wanted.

    Marks are yours: kept in the state folder (`countdown where`), keyed by the title's id,
    never written to the registry. `list` leaves out released titles marked seen or skip
    (--all shows them), --mark keeps titles with a mark, and `notify` says nothing of a
    title marked skip.

    \b
    Examples:
      countdown mark "dune part three" wanted
      countdown mark argylle seen
      countdown list --mark wanted
    """
    from release_countdown.cli.marking import apply_mark

    apply_mark(title, mark, registry)
