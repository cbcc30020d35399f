"""`countdown notify`: tell the user, once, what is due: reminders, release days, date changes."""

from typing import Annotated

import typer

from release_countdown.cli import digest_options as digests
from release_countdown.cli import notify_options as opts
from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)

app = command_app()


@app.command("notify")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "reverse",
    "limit", "region", "show_all", "mark", "tag", "follow", "platform", "premieres",
)  # fmt: skip
def notify_command(
    *,
    filters: Filters,
    lead: opts.LeadOption = None,
    to: opts.ToOption = None,
    command: opts.ExecOption = None,
    on: opts.OnOption = None,
    min_precision: opts.MinPrecisionOption = None,
    digest: digests.DigestOption = None,
    group_by: digests.GroupByOption = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", "-n", help="Print what is due; send and record nothing."),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="On stdout, one JSON object per notice (or digest).")
    ] = False,
    state: opts.StateOption = None,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Deliver each notice that is due, once: a reminder when a title's lead time is
    crossed (30, 7 and 1 days before by default; after missed runs only the smallest lead
    crossed), "released" on the day, and "changed" when a date or title moved since the
    last run (the leads then count again for the new date). What was delivered is kept in
    a state file, written under a lock, so overlapping runs never send twice: a notice
    another run is delivering is left to it (for an hour at most, should that run have
    been killed). A first run sends only what became due today or yesterday.

    A notice that cannot be delivered (--exec exits non-zero, a push service is down) is
    not recorded: it is retried next run, and this run exits 4 after delivering the rest.
    --to desktop uses notify-send where it is installed (from cron it needs
    DBUS_SESSION_BUS_ADDRESS; a systemd user timer has it) and is skipped elsewhere.

    \b
    Examples:
      countdown notify --dry-run
      countdown notify --composer balfe --lead 14d,1d --to ntfy://my-releases
      countdown notify --exec 'notify-me --urgent' --json
      countdown notify --on dated,narrowed,released --min-precision day
      countdown notify --digest weekly --group-by person --to ntfy://my-releases
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
    from datetime import datetime, timezone

    from release_countdown.cli.output import say
    from release_countdown.cli.reading import load, settings
    from release_countdown.core.notices import DEFAULT_LEADS
    from release_countdown.delivery import destinations
    from release_countdown.registry.locations import notify_state_file
    from release_countdown.workflows.notify import RunArgs, notify

    started = datetime.now(timezone.utc)  # the run's claims on what it sends date from now
    today = today_of(as_of)
    found = settings()
    wanted = list(to or ()) if to or command else list(found.notify_to.value)
    sending = destinations(wanted, [command] if command else [], json_lines=json_output)
    for destination in sending:
        if warning := getattr(destination, "warning", None):
            say(f"countdown: {warning}")
    path = state if state is not None else notify_state_file()
    period, groups = digests.chosen(digest, group_by, found)
    run: RunArgs = {
        "leads": lead or found.notify_lead.value or DEFAULT_LEADS, "sending": sending,
        "state_path": path, "today": today, "started": started, "dry_run": dry_run,
        "lock_timeout": found.lock_timeout.value, "alerts": opts.alerts(
            on, min_precision, found.notify_on.value, found.notify_min_precision.value),
    }  # fmt: skip
    releases, query = load(registry, no_cache).releases, filters.query(today)
    if period is not None:
        from release_countdown.workflows.digest import notify_digest

        told = notify_digest(releases, query, period=period, group_by=groups, **run)
        digests.tell(told, sending, path, dry_run=dry_run, json_output=json_output)
        return
    done = notify(releases, query, **run)
    opts.tell(done, sending, path, dry_run=dry_run, json_output=json_output)
