"""`countdown edit`: change a title."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli import edit_options as eo
from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import (
    CheckedOption,
    DryRunOption,
    KindOption,
    SeasonOption,
    TagOption,
    TargetOption,
)  # fmt: skip
from release_countdown.cli.output import bad
from release_countdown.cli.parsers import DATE_TEXT, past_day, typed_date

app = command_app()


@app.command("edit")
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
            "--date",
            help="Set the date (use `postpone` to record a slip).",
            metavar="DATE",
            parser=DATE_TEXT,
        ),
    ] = None,
    kind: KindOption = None,
    add_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    remove_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    alias: eo.AliasOption = None,
    remove_alias: eo.RemoveAliasOption = None,
    source: eo.SourceOption = None,
    franchise: eo.FranchiseOption = None,
    season: SeasonOption = None,
    date_for: eo.DateForOption = None,
    announced: eo.RetitledOnOption = None,
    note: Annotated[str | None, typer.Option(help="Set the note.", metavar="TEXT")] = None,
    checked: CheckedOption = None,
    lead: eo.OwnLeadOption = None,
    id_: eo.IdOption = None,
    remove_id: eo.RemoveIdOption = None,
    tag: TagOption = None,
    untag: eo.UntagOption = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Change a title: retitle, date, people, aliases, sources, franchise, tags, typed dates,
    note, source ids (--id, --remove-id; `countdown link` fetches the source too), notify's leads.

    --title records the retitle in the history (announced today, or on --announced) and keeps
    the old title as an alias; a change already recorded that day (a postpone) takes the new
    title in its entry: one change, one history entry.

    \b
    Examples:
      countdown edit argylle --add-person composer="Lorne Balfe" --checked today
      countdown edit "part two" --title "Mission: Impossible – The Final Reckoning"
      countdown edit gran-turismo --remove-person cast="Orlando Bloom" --dry-run
      countdown edit argylle --source https://example.org/news --date-for GB:digital 2024-03-01
      countdown edit argylle --id tmdb=movie/848538 --remove-id wikidata
      countdown edit argylle --lead 30d,1d       # --lead default: the usual leads again
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish
    from release_countdown.writing.edits import Edits, edit_release, parse_credit
    from release_countdown.writing.fields import parse_id

    today = date.today()  # the one clock read: --checked today is this day
    verified = past_day(checked, today, "--checked", "a check")
    if announced is not None and new_title is None:
        bad("--announced", "goes with --title (the day the new title was announced)")
    day = past_day(announced, today, "--announced", "an announcement")
    edits = Edits(
        title=new_title, date=date_, kind=kind, tags=list(tag or []), untags=list(untag or []),
        add_people=[parse_credit(p) for p in add_person or []],
        remove_people=[parse_credit(p) for p in remove_person or []],
        aliases=list(alias or []), note=note, checked=verified, announced=day,
        sources=list(source or []), franchise=franchise, remove_aliases=list(remove_alias or []),
        date_for=[typed_date(v) for v in date_for or []], today=today, lead=lead,
        ids=[parse_id(t) for t in id_ or []], remove_ids=list(remove_id or []), season=season,
    )  # fmt: skip
    path = reading.writable_path(registry)
    change = reading.change(
        path, lambda doc, rels: edit_release(doc, rels, title, edits), dry_run=dry_run
    )
    finish(change, dry_run)
