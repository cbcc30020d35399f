"""`countdown refresh`: fetch titles again from their sources and record what moved."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, JsonOption, RegionOption, TargetOption

app = command_app()


@app.command("refresh")
def refresh_command(
    titles: Annotated[
        list[str] | None,
        typer.Argument(
            help="Ids, titles or aliases (default: every title with ids).", metavar="TITLE..."
        ),
    ] = None,
    *,
    due: Annotated[
        bool,
        typer.Option(
            "--due",
            help="Only titles due a check: checked 1 day ago or more when within 30 days of their "
            "date, 7 days within 180, 30 beyond, 14 when TBA; never once out for 30 days "
            "(unless named); never checked: always.",
        ),
    ] = False,
    region: RegionOption = None,
    dry_run: DryRunOption = False,
    json_: JsonOption = False,
    registry: TargetOption = None,
) -> None:
    """Fetch titles again from their sources ([release.ids]) and write what changed, in
    one locked write at the end.

    A new headline date appends a history entry (announced today, note "from TMDB"), so
    `show` and the slip chart tell how the date moved; a new title is recorded in the
    history and the old one kept as an alias. Only what the source provides is updated;
    what you added is kept. Titles that fail are listed and the others written (exit 4).
    A typed date the source listed and lists no longer is told and marked `unlisted`.
    Each title's headline is chosen as when it was imported (its `headline`, such as
    US:theatrical), whatever your region; --region CC chooses anew on purpose (recorded
    as a re-choice, never as a move).

    --json prints a list with one object per title: id, changed, changes (field, old,
    new) and error.

    \b
    Examples:
      countdown refresh
      countdown refresh "dead reckoning" --dry-run
      countdown refresh --due --json
      countdown refresh dune --region GB
    \b
    In cron, every morning at 7:
      0 7 * * *  countdown refresh --due
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import bad, finish, say
    from release_countdown.core.errors import SourceError
    from release_countdown.workflows.fetching import worst
    from release_countdown.workflows.refresh import NoIds, refresh

    path = reading.writable_path(registry)
    found_settings, where = reading.settings(), sourcing.source_settings()
    try:
        found = refresh(
            path, titles or (), where=where, region=found_settings.region.value, due=due,
            rechoose=region, today=date.today(), dry_run=dry_run,
            lock_timeout=found_settings.lock_timeout.value,
        )  # fmt: skip
    except NoIds as exc:
        bad("TITLE", str(exc))
    finally:
        where.close()
    for title in () if json_ else found.titles:
        for line in title.told():
            say(f"countdown: {title.id}: {line}")
    if json_:
        from release_countdown.cli.output import write_json

        write_json([
            {"id": t.id, "changed": bool(t.changes),
             "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in t.changes],
             "error": str(t.error) if t.error is not None else t.problem}
            for t in found.titles
        ])  # fmt: skip
    if found.change is not None:
        finish(found.change, dry_run, diff=not json_)
    elif not found.titles:
        say("countdown: nothing to refresh" + (" (no title is due)" if due else ""))
    if errors := found.errors:
        written = (
            "nothing was written" if dry_run or found.change is None else "the others were written"
        )
        failure = SourceError(f"{len(errors)} of {len(found.titles)} titles failed; {written}")
        failure.exit_code = worst(errors)
        raise failure
