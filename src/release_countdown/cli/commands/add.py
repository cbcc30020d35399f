"""`countdown add`: add a title to a registry."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_regions
from release_countdown.cli.options import (
    CheckedOption,
    DryRunOption,
    KindOption,
    SeasonOption,
    TagOption,
    TargetOption,
    TypeOption,
)
from release_countdown.cli.output import bad
from release_countdown.cli.parsers import DATE_TEXT, REGION, past_day

app = command_app()


@app.command("add")
def add_command(
    title: Annotated[str, typer.Argument(help="The title.", metavar="TITLE")],
    *,
    date_: Annotated[
        str,
        typer.Option(
            "--date",
            "-d",
            help="Release date: 2024-02-02, 2024-Q1, early 2024, TBA, Dec 18 2024… (in numbers "
            "year first: 2024/12/18; 03/04/2027 is refused as ambiguous)",
            metavar="DATE",
            parser=DATE_TEXT,
        ),
    ],
    kind: KindOption = None,
    release_id: Annotated[
        str | None,
        typer.Option("--id", help="Id (default: derived from the title).", metavar="ID"),
    ] = None,
    franchise: Annotated[str | None, typer.Option(help="Franchise.", metavar="NAME")] = None,
    season: SeasonOption = None,
    composer: Annotated[
        list[str] | None, typer.Option(help="Composer (repeatable).", metavar="NAME")
    ] = None,
    director: Annotated[
        list[str] | None, typer.Option(help="Director (repeatable).", metavar="NAME")
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(help="Anyone else: ROLE=NAME (repeatable).", metavar="ROLE=NAME"),
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Another name (repeatable).", metavar="NAME")
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            help="Also record the date as this region's…",
            metavar="CC",
            parser=REGION,
            autocompletion=complete_regions,
        ),
    ] = None,
    release_type: TypeOption = None,
    announced: Annotated[
        str | None,
        typer.Option(help="When it was announced.", metavar="DATE", parser=DATE_TEXT),
    ] = None,
    checked: CheckedOption = None,
    note: Annotated[str | None, typer.Option(help="A note.", metavar="TEXT")] = None,
    tag: TagOption = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Add a title to a registry (validated before anything is written).

    \b
    Examples:
      countdown add "Dune: Part Three" --date 2026-12-18 --kind film --director "Denis Villeneuve"
      countdown add "Blade" --date TBA --kind film --person cast="Mahershala Ali"
      countdown add "Argylle 2" --date "late 2027" --composer "Lorne Balfe" --dry-run
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish
    from release_countdown.core.dates import DateFormError, parse_date_text
    from release_countdown.writing.edits import NewRelease, add_release, parse_credit

    today = date.today()  # the one clock read: --checked today is this day
    verified = past_day(checked, today, "--checked", "a check")
    if announced is not None:
        try:
            first = parse_date_text(announced).earliest  # a window counts from its first day
        except DateFormError:
            first = None  # worded by add_release, as any --announced that is not a date
        if first is not None and first > today:
            bad(
                "--announced",
                f"{announced!r} is in the future; an announcement has happened already",
            )
    credits = [("composer", n) for n in composer or []] + [("director", n) for n in director or []]
    credits += [parse_credit(p) for p in person or []]
    new = NewRelease(
        title=title, date=date_, id=release_id, kind=kind, franchise=franchise,
        aliases=list(alias or []), credits=credits, region=region, type=release_type,
        announced=announced, checked=verified, note=note, tags=list(tag or []), season=season,
    )  # fmt: skip
    path = reading.writable_path(registry)
    also = [w for p in registry or [] for w in ("--registry", str(p))] + ["--dry-run"] * dry_run
    change = reading.change(
        path, lambda doc, rels: add_release(doc, rels, new, also), dry_run=dry_run
    )
    finish(change, dry_run)
