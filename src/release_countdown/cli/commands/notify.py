"""`countdown notify`: tell the user, once, what is due: reminders, release days, date changes."""

from pathlib import Path
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.cli.parsers import LEADS
from release_countdown.core.params import Leads

app = command_app()


@app.command("notify", short_help="Deliver the reminders and date-change notices due, once.")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "reverse",
    "limit", "region", "show_all",
)  # fmt: skip
def notify_command(
    *,
    filters: Filters,
    lead: Annotated[
        Leads | None,
        typer.Option(
            "--lead",
            metavar="LEADS",
            help="Lead times before each release, comma-separated days or weeks (default: the "
            "config file's [notify] lead, else 30d,7d,1d,0d; 0d is the release day).",
            parser=LEADS,
        ),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="URL",
            help="Send to this Apprise URL (ntfy://topic, mailto://…, json://host/path; needs "
            "release-countdown[notify]), 'desktop' (notify-send) or 'stdout' (repeatable; "
            "default: the config file's [notify] to, else stdout).",
        ),
    ] = None,
    command: Annotated[
        str | None,
        typer.Option(
            "--exec",
            metavar="CMD",
            help="Run CMD once per notice, without a shell, with COUNTDOWN_EVENT, _ID, _TITLE, "
            "_DATE, _DAYS, _COUNTDOWN in its environment and the notice as JSON on stdin.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "-n", help="Print what is due; send and record nothing."),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="On stdout, one JSON object per notice.")
    ] = False,
    state: Annotated[
        Path | None,
        typer.Option(
            "--state",
            metavar="PATH",
            help="The file of what was delivered (default: see `countdown where`).",
        ),
    ] = None,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Deliver each notice that is due, once: a reminder when a title's lead time is
    crossed (30, 7 and 1 days before by default; after missed runs only the smallest lead
    crossed), "released" on the day, and "changed" when a date or title moved since the
    last run (the leads then count again for the new date). What was delivered is kept in
    a state file, written under a lock, so overlapping runs never send twice. A first run
    sends only what became due today or yesterday.

    A notice that cannot be delivered (--exec exits non-zero, a push service is down) is
    not recorded: it is retried next run, and this run exits 4 after delivering the rest.
    --to desktop uses notify-send where it is installed (from cron it needs
    DBUS_SESSION_BUS_ADDRESS; a systemd user timer has it) and is skipped elsewhere.

    \b
    Examples:
      countdown notify --dry-run
      countdown notify --composer balfe --lead 14d,1d --to ntfy://my-releases
      countdown notify --exec 'notify-me --urgent' --json
    \b
    crontab -e (every morning at 9):
      0 9 * * * countdown notify --to ntfy://my-releases
    \b
    systemd: ~/.config/systemd/user/countdown-notify.timer
      [Timer]
      OnCalendar=*-*-* 09:00
      Persistent=true
      [Install]
      WantedBy=timers.target
    \b
    and countdown-notify.service beside it:
      [Service]
      Type=oneshot
      ExecStart=%h/.local/bin/countdown notify --to desktop
    then: systemctl --user enable --now countdown-notify.timer
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.reading import load, settings
    from release_countdown.core.errors import DeliveryError
    from release_countdown.core.notices import DEFAULT_LEADS, plan_notices
    from release_countdown.core.query import select
    from release_countdown.core.rows import release_row
    from release_countdown.delivery import destinations
    from release_countdown.delivery.channels import Stdout
    from release_countdown.registry.locations import notify_state_file
    from release_countdown.writing.state import read_state, state_lock, write_state

    today = today_of(as_of)
    found = settings()
    wanted_leads = lead or found.notify_lead.value or DEFAULT_LEADS
    wanted = list(to or ()) if to or command else list(found.notify_to.value)
    sending = destinations(wanted, [command] if command else [], json_lines=json_output)
    for destination in sending:
        if warning := getattr(destination, "warning", None):
            say(f"countdown: {warning}")
    path = state if state is not None else notify_state_file()
    loaded = load(registry, no_cache)
    rows = [release_row(s, today) for s in select(loaded.releases, filters.query(today), today)]
    if dry_run:
        plan = plan_notices(rows, wanted_leads, read_state(path), today)
        shown = Stdout(json_lines=json_output)
        for notice in plan.notices:
            shown.send(notice)
        names = ", ".join(d.name for d in sending)
        count = len(plan.notices)
        say(f"countdown: {count} notice{'s' if count != 1 else ''} due for {names} (dry run: "
            f"nothing sent or recorded in {path})")  # fmt: skip
        return
    failed = 0
    with state_lock(path, found.lock_timeout.value):
        known = read_state(path)
        plan = plan_notices(rows, wanted_leads, known, today)
        for notice in plan.notices:
            problems = [p for d in sending if (p := d.send(notice)) is not None]
            if problems:
                failed += 1
                for problem in problems:
                    say(f"countdown: {notice.event} {notice.id} ({notice.date}): {problem}")
                continue
            known.record(notice, today)
            write_state(path, known)  # at once: a run killed later keeps what it sent
        known.finish(plan, today)
        write_state(path, known)
    if failed:
        total = len(plan.notices)
        raise DeliveryError(
            f"{failed} of {total} notice{'s' if total != 1 else ''} not delivered; "
            f"{'it is' if failed == 1 else 'they are'} retried next run"
        )
