"""`countdown inbox`: what follows proposed; `accept` imports, `dismiss` ignores for good."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, JsonOption, TargetOption

app = command_app()
RefsArgument = Annotated[
    list[str] | None,
    typer.Argument(help="Refs as `countdown inbox` lists them.", metavar="[REF...]"),
]
AllOption = Annotated[bool, typer.Option("--all", help="Every title in the inbox.")]


@app.callback(invoke_without_command=True)
def inbox_command(ctx: typer.Context, *, json_output: JsonOption = False) -> None:
    """What follows (mode = "inbox") proposed, filled by `countdown follow check`, and the
    rows `countdown import --from` left there: REF, DATE, TITLE, FOLLOW (or the list), and
    the reason a row has no ref, a line, tab-separated (--json: ref, title, kind, date,
    follow, seen; source and reason when set).

    \b
    Examples:
      countdown inbox
      countdown inbox accept tmdb:movie/1011985
      countdown inbox dismiss --all
    """
    if ctx.invoked_subcommand is not None:
        return
    from release_countdown.cli.output import say, write_json
    from release_countdown.registry.locations import inbox_file
    from release_countdown.writing.inbox import entry_object, read_inbox

    entries = read_inbox(inbox_file())
    if json_output:
        write_json([entry_object(e) for e in entries])
    elif not entries:
        say("countdown: the inbox is empty (`countdown follow check` fills it)")
    for entry in [] if json_output else entries:
        why = f"\t{entry.reason}" if entry.reason else ""
        print(f"{entry.ref}\t{entry.date}\t{entry.title}\t{entry.follow or entry.source}{why}")


def _refs(refs: list[str] | None, every: bool) -> list[str] | None:
    from release_countdown.cli.output import bad

    if every == bool(refs):
        bad("REF...", "give the refs to take, or --all (not both)")
    return None if every else refs


@app.command("accept", short_help="Import titles from the inbox.")
def accept_command(
    refs: RefsArgument = None,
    *,
    every: AllOption = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Import the titles named (or --all) as `countdown import` does (a title typed by hand
    is linked), with origin = "follow:NAME", and take them out of the inbox (kept if a fetch
    fails: then nothing is written).

    \b
    Examples:
      countdown inbox accept tmdb:movie/1011985
      countdown inbox accept --all --dry-run
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import finish, nothing_written
    from release_countdown.registry.locations import inbox_file
    from release_countdown.workflows.inbox import accept

    wanted, found, where = _refs(refs, every), reading.settings(), sourcing.source_settings()
    try:
        done = accept(
            reading.writable_path(registry), wanted, inbox=inbox_file(), where=where,
            today=date.today(), dry_run=dry_run, lock_timeout=found.lock_timeout.value,
            region=found.region.value,
        )  # fmt: skip
    finally:
        where.close()
    if done.imported.failed:
        nothing_written(done.imported.failed, "the inbox is kept")
    if done.imported.change is not None:
        finish(done.imported.change, dry_run)


@app.command("dismiss", short_help="Drop titles from the inbox for good.")
def dismiss_command(
    refs: RefsArgument = None,
    *,
    every: AllOption = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Take the titles named (or --all) out of the inbox and add them to their follow's
    `ignore`, so that no later `countdown follow check` proposes them again.

    \b
    Examples:
      countdown inbox dismiss tmdb:movie/1011985
      countdown inbox dismiss --all
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish, say
    from release_countdown.registry.locations import inbox_file
    from release_countdown.workflows.inbox import dismiss

    done = dismiss(
        reading.writable_path(registry), _refs(refs, every), inbox=inbox_file(),
        dry_run=dry_run, lock_timeout=reading.settings().lock_timeout.value,
    )  # fmt: skip
    if done.change is not None:
        finish(done.change, dry_run)
    say(f"countdown: {len(done.entries)} dismissed{' (dry run)' if dry_run else ''}")
