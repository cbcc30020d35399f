"""`countdown follow check`: what each follow is credited on that is new and to come,
imported (mode add) or proposed in the inbox (mode inbox). The `follow` group
(cli/commands/follow.py) registers ``check_command``."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.options import DryRunOption, JsonOption, TargetOption


def check_command(
    names: Annotated[
        list[str] | None,
        typer.Argument(help="The follows to check (default: every one).", metavar="[NAME...]"),
    ] = None,
    *,
    dry_run: DryRunOption = False,
    json_output: JsonOption = False,
    registry: TargetOption = None,
) -> None:
    """Check each follow (or those named): the titles its person, franchise, studio or
    artist is credited on that are dated on or after its `since` or not dated yet (when
    `tba`), not released, not in the registry (by id, or a title typed by hand) and not
    dismissed. A follow with mode = "add" imports them, each with origin = "follow:NAME",
    in one write; mode = "inbox" proposes them in the inbox (see `countdown inbox`). If any
    source fails, nothing is written (exit 4). Run it from cron beside `refresh --due`.

    On stdout, one line per new title (FOLLOW, MODE, REF, DATE, TITLE, tab-separated), or
    with --json an array of objects with the same keys.

    \b
    Examples:
      countdown follow check
      countdown follow check lorne-balfe --dry-run
      countdown follow check --json | jq -r '.[].title'
    \b
    crontab -e (every morning at 8):
      0 8 * * * countdown follow check && countdown refresh --due
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import finish, nothing_written, say, write_json
    from release_countdown.workflows.follow import check

    path = reading.writable_path(registry)
    where = sourcing.source_settings()
    try:
        done = check(
            path, names or [], where=where, today=date.today(), dry_run=dry_run,
            lock_timeout=reading.settings().lock_timeout.value,
        )  # fmt: skip
    finally:
        where.close()
    if done.failed:
        nothing_written(done.failed)
    found = [
        {"follow": f.follow.name, "mode": f.follow.mode, "ref": c.ref, "date": c.date,
         "title": c.title, "kind": c.kind}
        for f in done.followed for c in f.kept
    ]  # fmt: skip
    aside = [c for f in done.followed for c in f.unsupported]
    if aside:  # TMDB series credits: a series cannot be imported by this version yet
        kinds = sorted({c.kind for c in aside})
        say(f"countdown: {len(aside)} {' and '.join(kinds)} credit{'s' if len(aside) != 1 else ''} "
            f"set aside (not importable yet): {', '.join(c.ref for c in aside[:3])}"
            + (" …" if len(aside) > 3 else ""))  # fmt: skip
    for f in done.followed:
        if f.ended:  # the follow stops (workflows/follow._stop); undo brings it back
            said = (
                "would be removed (dry run)"
                if dry_run
                else "removed (`countdown undo` brings it back)"
            )
            say(f"countdown: {f.follow.name}: {f.ended}; nothing more will come: follow {said}")
    if json_output:
        write_json(found)
    else:
        for item in found:
            print("\t".join(item[key] for key in ("follow", "mode", "ref", "date", "title")))
    if done.imported is not None and done.imported.change is not None:
        finish(done.imported.change, dry_run, diff=False)
    checked = f"{len(done.followed)} follow{'s' if len(done.followed) != 1 else ''}"
    if dry_run:
        say(f"countdown: {len(found)} new for {checked} (dry run: nothing written)")
    elif done.proposed:
        say(f"countdown: {len(done.proposed)} new in the inbox (see `countdown inbox`)")
    elif not done.followed:
        say(f"countdown: no follows in {path} yet (countdown follow add REF)")
    elif not found:
        say(f"countdown: nothing new for {checked}")
