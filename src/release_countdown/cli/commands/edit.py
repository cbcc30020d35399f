"""`countdown edit`: change a title."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import (
    DryRunOption,
    KindOption,
    TargetOption,
    checked_day,
)
from release_countdown.cli.output import bad

app = command_app()


@app.command("edit", short_help="Change a title: retitle, dates, people, sources.")
def edit_command(
    title: Annotated[
        str,
        typer.Argument(
            help="Id, title or alias of the title to change.",
            metavar="TITLE",
            autocompletion=complete_titles,
        ),
    ],
    *,
    new_title: Annotated[
        str | None,
        typer.Option("--title", help="Retitle (the old title is kept as an alias).", metavar="NEW"),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option(
            "--date", help="Set the date (use `postpone` to record a slip).", metavar="DATE"
        ),
    ] = None,
    kind: KindOption = None,
    add_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    remove_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Add an alias (repeatable).", metavar="NAME")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Set the note.", metavar="TEXT")] = None,
    checked: Annotated[
        str | None, typer.Option(help="Verified on DATE (or 'today').", metavar="DATE")
    ] = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Change a title: retitle, date, people, aliases, note, checked.

    \b
    Examples:
      countdown edit argylle --add-person composer="Lorne Balfe" --checked today
      countdown edit "part two" --title "Mission: Impossible – The Final Reckoning"
      countdown edit gran-turismo --remove-person cast="Orlando Bloom" --dry-run
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish
    from release_countdown.writing.edits import Edits, edit_release, parse_credit

    verified = checked_day(checked)
    if verified is not None and verified > date.today():  # read after --checked today
        bad("--checked", f"{checked!r} is in the future; a check has happened already")
    edits = Edits(
        title=new_title, date=date_, kind=kind,
        add_people=[parse_credit(p) for p in add_person or []],
        remove_people=[parse_credit(p) for p in remove_person or []],
        aliases=list(alias or []), note=note, checked=verified,
    )  # fmt: skip
    path = reading.writable_path(registry)
    change = reading.change(
        path, lambda doc, rels: edit_release(doc, rels, title, edits), dry_run=dry_run
    )
    finish(change, dry_run)
