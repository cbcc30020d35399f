"""`countdown schedule install|status|remove`: a systemd user timer where systemd runs for
the user, else a crontab line; the job they run is `countdown schedule run`
(cli/schedule_job.py). The calendar and the units' text are core/schedule.py's; the records in
the state folder writing/schedule.py's.

systemd is used when it is the system's init (``/run/systemd/system`` exists, as
sd_booted() checks) and the user's manager answers (``systemctl --user show-environment``): a
container or a login without a user session gets the crontab line instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from release_countdown.core.errors import CountdownError, ExitCode, NotFoundError
from release_countdown.core.schedule import UNIT

if TYPE_CHECKING:
    from release_countdown.core.schedule import Every
    from release_countdown.writing.schedule import Installed, LastRun

SYSTEMD_MARK: Final = Path("/run/systemd/system")
SERVICE: Final = f"{UNIT}.service"
TIMER: Final = f"{UNIT}.timer"
XDG: Final = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


class SystemdError(CountdownError):
    """systemctl refused or failed: an outside service, exit 4."""

    exit_code = ExitCode.SOURCE


def systemctl(*args: str) -> subprocess.CompletedProcess[str]:
    found = shutil.which("systemctl")
    if found is None:
        raise SystemdError("systemctl is not on PATH")
    return subprocess.run(  # a fixed program, arguments ours
        [found, "--user", *args], capture_output=True, text=True, timeout=60, check=False
    )


def systemd_answers() -> bool:
    """Whether systemd runs here and the user's manager answers."""
    if not SYSTEMD_MARK.is_dir() or shutil.which("systemctl") is None:
        return False
    try:
        return systemctl("show-environment").returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _must(*args: str) -> str:
    done = systemctl(*args)
    if done.returncode:
        said = (done.stderr.strip().splitlines() or [""])[-1]
        failed = f"`systemctl --user {' '.join(args)}` failed (exit {done.returncode})"
        raise SystemdError(f"{failed}: {said}" if said else failed)
    return done.stdout


def countdown_words() -> list[str]:
    """The installed `countdown` as an absolute path (kept as typed, not resolved: pipx's
    link survives an upgrade), else the one beside this Python, else ``python -m``."""
    called = sys.argv[0] if sys.argv else ""
    if Path(called).name == "countdown" and os.path.isfile(called):
        return [os.path.abspath(called)]
    beside = Path(sys.executable).parent / "countdown"
    if beside.is_file():
        return [os.path.abspath(beside)]
    return [os.path.abspath(sys.executable), "-m", "release_countdown"]


def job_command(notify: bool, registry: Path | None) -> list[str]:
    words = [*countdown_words(), "schedule", "run"]
    words += ["--notify"] if notify else []
    return words + (["--registry", os.path.abspath(registry)] if registry else [])


def carried(env: Mapping[str, str] = os.environ) -> tuple[dict[str, str], list[str]]:
    """The settings' variables set in this shell (paths made absolute), which the job gets so
    that it runs as this shell would; and the secrets set here, which it does not (a unit
    file or a crontab is no place for a key: the config file is)."""
    from release_countdown.settings import CONFIG_ENV, SECRETS, VARIABLES

    given: dict[str, str] = {}
    secrets: list[str] = []
    for key, variable in [("", CONFIG_ENV), *VARIABLES.items(), *(("", x) for x in XDG)]:
        if not (value := env.get(variable, "")):
            continue
        if key.rsplit(".", 1)[-1] in SECRETS:
            secrets.append(variable)
            continue
        if variable == VARIABLES["registries"]:
            value = os.pathsep.join(_absolute(p) for p in value.split(os.pathsep) if p)
        elif not key:
            value = _absolute(value)
        given[variable] = value
    return given, secrets


def _absolute(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path))


def install(every: Every, *, notify: bool, registry: Path | None, cron: bool) -> Installed:
    """Install the schedule (replacing one there was); what was installed."""
    from release_countdown.cli.output import say
    from release_countdown.core.errors import UsageError
    from release_countdown.core.schedule import crontab_line, service_unit, timer_unit
    from release_countdown.registry.locations import schedule_file, systemd_user_dir
    from release_countdown.writing.guarded import write_replacing
    from release_countdown.writing.schedule import Installed, read_installed, write_installed

    command, (environment, secrets) = job_command(notify, registry), carried()
    before = read_installed(schedule_file())
    for variable in secrets:
        say(
            f"countdown: warning: {variable} is set in this shell only: the job is not given "
            "secrets; put the key in the config file ([sources.tmdb]) for it to use"
        )
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    systemd = not cron and systemd_answers()
    try:
        line = "" if systemd else crontab_line(every, command, environment)
        units = {SERVICE: service_unit(command, environment), TIMER: timer_unit(every)}
    except ValueError as exc:  # a path with a line break
        raise UsageError(f"cannot schedule the job: {exc}") from None
    folder = systemd_user_dir()
    if not systemd:
        for path in _remove_units(folder):  # the timer would run the job as well
            say(f"countdown: removed {path}")
        done = Installed("cron", every.text, tuple(command), environment, "crontab", line, now)
        write_installed(schedule_file(), done)
        return done
    if before is not None and before.how == "cron":
        say(
            "countdown: the crontab line installed before runs the job too: delete it from your "
            f"crontab (`crontab -e`): {before.line}"
        )
    replacing = (folder / TIMER).exists()
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in units.items():
        write_replacing(folder / name, text.encode("utf-8"))
    done = Installed("systemd", every.text, tuple(command), environment, str(folder), "", now)
    write_installed(schedule_file(), done)  # what is written, should systemctl refuse below
    _must("daemon-reload")
    _must("enable", "--now", TIMER)
    if replacing:  # a running timer keeps its old calendar until restarted
        _must("restart", TIMER)
    return done


@dataclass(frozen=True)
class Status:
    installed: bool
    how: str | None  # "systemd", "cron" or None
    every: str | None
    where: str | None  # the timer's file, or "crontab"
    next: str | None  # local time, ISO 8601 (or as systemctl said it)
    active: str | None  # the timer's ActiveState (systemd)
    last: LastRun | None
    note: str = ""


def status(now: datetime) -> Status:
    from release_countdown.core.schedule import parse_every
    from release_countdown.registry.locations import (
        schedule_file,
        schedule_run_file,
        systemd_user_dir,
    )
    from release_countdown.writing.schedule import read_installed, read_last_run

    record, last = read_installed(schedule_file()), read_last_run(schedule_run_file())
    every = record.every if record else None
    timer = systemd_user_dir() / TIMER
    if timer.exists():
        shown = _timer_shown() if systemd_answers() else {}
        next_run = _local(shown.get("NextElapseUSecRealtime", ""))
        note = "" if shown else "systemd's user manager does not answer here"
        active = shown.get("ActiveState")
        return Status(True, "systemd", every, str(timer), next_run, active, last, note)
    if record is None or record.how != "cron":
        return Status(False, None, None, None, None, None, last)
    listed = in_crontab()
    notes = {None: "not checked (no crontab command here)", False: "not in your crontab"}
    upcoming = parse_every(record.every).next_after(now.replace(tzinfo=None))
    next_run = None if listed is False else upcoming.isoformat(timespec="seconds")
    return Status(
        listed is not False, "cron", every, "crontab", next_run, None, last, notes.get(listed, "")
    )


def write_status(found: Status, *, json_: bool) -> None:
    """``found`` on stdout: three lines (installed, next run, last run), or JSON."""
    if json_:
        from dataclasses import asdict

        from release_countdown.cli.output import write_json

        write_json(asdict(found))
        return
    how = f"{found.how} every {found.every or '?'} ({found.where})" if found.how else "no"
    print(f"installed: {how}" + (f"; {found.note}" if found.note else ""))
    state = f" (timer {found.active})" if found.active and found.active != "active" else ""
    print(f"next run:  {found.next or '-'}{state}")
    last = found.last
    print(
        f"last run:  {last.started}, exit {last.exit}: {last.summary}"
        if last
        else "last run:  never"
    )


def _timer_shown() -> dict[str, str]:
    try:
        done = systemctl("show", TIMER, "-p", "NextElapseUSecRealtime", "-p", "ActiveState")
    except (OSError, subprocess.TimeoutExpired):
        return {}
    pairs = (line.partition("=") for line in done.stdout.splitlines())
    return {key: value for key, _, value in pairs if key} if not done.returncode else {}


def _local(shown: str) -> str | None:
    """``Mon 2026-12-07 18:00:00 CET`` (systemctl's local time) as ``2026-12-07T18:00:00``."""
    import re

    if found := re.fullmatch(r"\w+ (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?: \S+)?", shown.strip()):
        return f"{found[1]}T{found[2]}"
    return shown.strip() if shown.strip() not in ("", "n/a", "0") else None


def in_crontab() -> bool | None:
    """Whether the user's crontab runs `schedule run`; None when there is no crontab command."""
    found = shutil.which("crontab")
    if found is None:
        return None
    try:
        done = subprocess.run(
            [found, "-l"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.splitlines() if done.returncode == 0 else []
    return any(" schedule run" in line and not line.lstrip().startswith("#") for line in lines)


def remove() -> tuple[list[Path], Installed | None]:
    """Disable and delete the units (the record of a crontab line is dropped: the line is
    the user's to delete): the units deleted and the record there was. NotFoundError (exit
    1) when nothing was installed."""
    from release_countdown.registry.locations import schedule_file, systemd_user_dir
    from release_countdown.writing.schedule import read_installed

    record = read_installed(schedule_file())
    folder = systemd_user_dir()
    has_units = any((folder / name).exists() for name in (TIMER, SERVICE))
    if not has_units and (record is None or record.how != "cron"):
        raise NotFoundError(f"no schedule is installed (no {TIMER} in {folder}, no crontab line)")
    units = _remove_units(folder)
    schedule_file().unlink(missing_ok=True)
    return units, record


def _remove_units(folder: Path) -> list[Path]:
    """Disable the timer (where systemd answers) and delete the units in ``folder``; the
    files deleted."""
    units = [folder / name for name in (TIMER, SERVICE) if (folder / name).exists()]
    managed = bool(units) and systemd_answers()
    if managed:
        _must("disable", "--now", TIMER)
    for path in units:
        path.unlink(missing_ok=True)
    if managed:
        _must("daemon-reload")
    return units


def cron_advice(every: Every, *, notify: bool, registry: Path | None) -> str:
    """What to do with a crontab line printed by install: the one-liner that replaces an
    older line gives install the same options, so it puts in the same schedule."""
    import shlex

    again = ["countdown", "schedule", "install", "--cron", "--every", every.text]
    again += ["--notify"] if notify else []
    again += ["--registry", os.path.abspath(registry)] if registry else []
    return (
        "countdown: add this line to your crontab: `crontab -e`, or (replacing an older one) "
        f"`(crontab -l | grep -v ' schedule run'; {shlex.join(again)}) | crontab -`"
    )
