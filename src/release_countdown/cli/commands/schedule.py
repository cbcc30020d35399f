"""`countdown schedule`: refresh (and notify) by itself: install, status, remove, run."""

from typing import Annotated

import typer

from release_countdown.cli import options as opt
from release_countdown.cli.parsers import EVERY
from release_countdown.core.schedule import Every, allowed

app = typer.Typer(
    name="schedule", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="A systemd user timer (or a crontab line) that runs `countdown schedule run`: "
    "`refresh --due`, then `notify`.",
)  # fmt: skip
NotifyOption = Annotated[bool, typer.Option("--notify", help="Run `notify` after refreshing.")]
EveryOption = Annotated[Every, typer.Option(
    help=f"How often: {allowed()} (days at 07:00, weeks on Mondays).", metavar="INTERVAL",
    parser=EVERY,
)]  # fmt: skip
CronOption = Annotated[bool, typer.Option("--cron", help="Print a crontab line, systemd or not.")]


@app.command("install", short_help="Install the timer (or print the crontab line).")
def install_command(
    every: EveryOption = "6h",  # type: ignore[assignment]  # click parses the default too
    notify: NotifyOption = False,
    cron: CronOption = False,
    registry: opt.TargetOption = None,
) -> None:
    """Where systemd runs for you: write release-countdown.service and .timer into
    $XDG_CONFIG_HOME/systemd/user and enable the timer (Persistent: a run missed while the
    machine was off or asleep is made up once). Elsewhere (or with --cron): print the crontab
    line on stdout. A user timer runs while you are logged in (`loginctl enable-linger` for
    always). Installing again replaces the schedule. The job gets absolute paths of
    countdown, --registry and the settings' variables set now (COUNTDOWN_*, XDG_*), never a
    secret: keys belong in the config file. Exit codes: 0 installed, 2 bad usage, 4 systemctl
    failed.

    \b
    Examples:
      countdown schedule install --every 6h --notify
      countdown schedule install --every 1d --registry ~/films.toml
      countdown schedule install --cron --every 1d
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.reading import writable_path
    from release_countdown.cli.scheduling import TIMER, cron_advice, install
    from release_countdown.registry.locations import user_registry

    path = writable_path(registry) if registry else None  # once; else the user's, at run time
    if path is None and not (mine := user_registry()).exists():
        say(f"countdown: warning: there is no user registry yet ({mine}): the job fails until "
            "`countdown init` makes one (or install with --registry PATH)")  # fmt: skip
    done = install(every, notify=notify, registry=path, cron=cron)
    if done.how == "systemd":
        say(f"countdown: {TIMER} runs every {done.every} (in {done.where}); see `countdown "
            "schedule status`")  # fmt: skip
        return
    print(done.line)
    say(cron_advice(every, notify=notify, registry=path))


@app.command("status", short_help="Installed or not, the next run and the last.")
def status_command(json_: opt.JsonOption = False) -> int:
    """Whether a schedule is installed (and where), its next run and how the last went.
    Exit codes: 0 installed, 1 not installed.

    \b
    Examples:
      countdown schedule status
      countdown schedule status --json
    """
    from datetime import datetime

    from release_countdown.cli.scheduling import status, write_status

    found = status(datetime.now().astimezone())
    write_status(found, json_=json_)
    return 0 if found.installed else 1


@app.command("remove", short_help="Disable and delete the timer.")
def remove_command() -> None:
    """Disable and delete the timer and service; for cron, print the line to delete from
    your crontab. Exit codes: 0 removed, 1 nothing installed, 4 systemctl failed.

    \b
    Examples:
      countdown schedule remove
    """
    from release_countdown.cli.output import say
    from release_countdown.cli.scheduling import remove

    units, record = remove()
    for path in units:
        say(f"countdown: removed {path}")
    if not units and record is not None:
        print(record.line)
        say("countdown: delete this line from your crontab (`crontab -e`)")


@app.command("run", short_help="The job: refresh --due, then notify.")
def run_command(notify: NotifyOption = False, registry: opt.TargetOption = None) -> int:
    """What the timer or cron runs: `refresh --due`, then with --notify `notify` (even when
    refresh failed), recording start, end, exit code and a summary for `schedule status`.
    Exit code: the worst of the steps' (0, 2, 3, 4 as theirs).

    \b
    Examples:
      countdown schedule run --notify
    """
    from release_countdown.cli.reading import writable_path
    from release_countdown.cli.schedule_job import run_job

    return run_job(notify=notify, registry=writable_path(registry) if registry else None)
