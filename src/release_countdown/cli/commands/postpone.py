"""`countdown postpone`: move a title to a new date, recording the announcement."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import DryRunOption, TargetOption
from release_countdown.cli.parsers import DATE_TEXT, DAY, past_day
from release_countdown.core.params import DayArg

app = command_app()


@app.command("postpone")
def postpone_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    new_date: Annotated[
        str,
        typer.Argument(
            help="The new date (any date form; in numbers year first: 2024/12/18).",
            metavar="NEW_DATE",
            parser=DATE_TEXT,
        ),
    ],
    *,
    announced: Annotated[
        DayArg | None,
        typer.Option(
            help="When the move was announced (default: today).", metavar="DATE", parser=DAY
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="Why, or where it was announced.", metavar="TEXT")
    ] = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Move a title to a new date and record the announcement in its history.

    When the history is empty, an entry for the previous date is written first, so slip
    statistics stay true. Moving a date earlier works the same way.

    \b
    Examples:
      countdown postpone argylle 2024-02-02 --announced 2023-06-15
      countdown postpone "part two" 2025-05-23 --note "moved for the strikes"
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish
    from release_countdown.writing.postpone import postpone_release

    today = date.today()
    when = past_day(announced, today, "--announced", "an announcement") or today
    path = reading.writable_path(registry)
    change = reading.change(
        path,
        lambda doc, rels: postpone_release(doc, rels, title, new_date, announced=when, note=note),
        dry_run=dry_run,
    )
    finish(change, dry_run)
