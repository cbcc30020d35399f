"""A schedule that runs itself: how often (`--every`), and that interval as a systemd timer, a
crontab line and the next run after a moment. One calendar for all three, so `schedule status`
computes for cron the very run systemd would name.

An interval is written as the project's durations are (core/dates.parse_duration: ``1d``,
``1w``), with hours and minutes added for a schedule (``6h``, ``30min``); ``m`` stays months, as
in ``--within 3m``, so ``15m`` is refused with the spelling that means minutes. Only intervals
that divide a day (or are a week) are taken: then cron (``*/6`` hours) and a systemd calendar
(``00/6:00``) run at the same times, and a timer with ``Persistent=true`` catches up a run
missed while the machine slept or was off (a monotonic timer, ``OnUnitActiveSec``, would not).
Daily and weekly runs are at 07:00 local time (weekly: Mondays); shorter ones from midnight.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Final, NamedTuple

DAY: Final = 24 * 60  # minutes
WEEK: Final = 7 * DAY
MINIMUM: Final = 15  # minutes: sources are asked politely; `refresh --due` decides what is due
# Every interval a schedule may have, in minutes: those dividing an hour (15 and up), those
# dividing a day in whole hours, a day and a week.
INTERVALS: Final = (15, 20, 30, 60, 120, 180, 240, 360, 480, 720, DAY, WEEK)
MORNING: Final = 7  # the hour daily and weekly runs start at (as `refresh --help`'s cron example)
UNIT: Final = "release-countdown"  # the systemd units' name: UNIT.service and UNIT.timer
_CLOCK: Final = re.compile(r"\s*(\d{1,6})\s*(min|h)\s*", re.IGNORECASE)


class Every(NamedTuple):
    """How often a schedule runs, in minutes (one of INTERVALS)."""

    minutes: int

    @property
    def text(self) -> str:
        """``15min``, ``6h``, ``1d``, ``1w``: as typed, parsed back to the same."""
        if self.minutes == WEEK:
            return "1w"
        if self.minutes == DAY:
            return "1d"
        hours, minutes = divmod(self.minutes, 60)
        return f"{hours}h" if not minutes else f"{self.minutes}min"

    @property
    def calendar(self) -> str:
        """The systemd calendar (``OnCalendar=``) of these runs."""
        if self.minutes == WEEK:
            return f"Mon *-*-* {MORNING:02d}:00:00"
        if self.minutes == DAY:
            return f"*-*-* {MORNING:02d}:00:00"
        if self.minutes < 60:
            return f"*-*-* *:00/{self.minutes}:00"
        return f"*-*-* 00/{self.minutes // 60}:00:00"

    @property
    def cron(self) -> str:
        """The five time fields of a crontab line for these runs."""
        if self.minutes == WEEK:
            return f"0 {MORNING} * * 1"
        if self.minutes == DAY:
            return f"0 {MORNING} * * *"
        if self.minutes < 60:
            return f"*/{self.minutes} * * * *"
        hours = self.minutes // 60
        return "0 * * * *" if hours == 1 else f"0 */{hours} * * *"

    def next_after(self, moment: datetime) -> datetime:
        """The first run strictly after ``moment`` (local wall-clock time, as cron and
        systemd read calendars)."""
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.minutes < DAY:
            passed = (moment - midnight) // timedelta(minutes=self.minutes)
            return midnight + (passed + 1) * timedelta(minutes=self.minutes)
        start = midnight + timedelta(hours=MORNING)
        step = timedelta(minutes=self.minutes)
        if self.minutes == WEEK:
            start -= timedelta(days=moment.weekday())  # this week's Monday
        while start <= moment:
            start += step
        return start


def allowed() -> str:
    """``15min, 20min, … 12h, 1d or 1w``: the intervals a schedule may have, as typed."""
    return ", ".join(Every(m).text for m in INTERVALS[:-1]) + f" or {Every(WEEK).text}"


def parse_every(text: str) -> Every:
    """``"6h"`` -> ``Every(360)``. ValueError says what would be right."""
    from release_countdown.core.dates import parse_duration

    if found := _CLOCK.fullmatch(text):
        minutes = int(found[1]) * (60 if found[2].lower() == "h" else 1)
    else:
        try:
            amount, unit = parse_duration(text)
        except ValueError:
            raise ValueError(
                f"{text!r} is not an interval (expected minutes, hours, days or weeks: 30min, "
                "6h, 1d or 1w)"
            ) from None
        if unit in "my":
            whole = f"{amount} {'month' if unit == 'm' else 'year'}{'s' if amount != 1 else ''}"
            minutes_too = f"; minutes are written {amount}min" if unit == "m" else ""
            raise ValueError(
                f"{text!r} is {whole} (m is months in countdown's durations, as in --within "
                f"3m){minutes_too}; a schedule runs every {allowed()}"
            )
        minutes = amount * (DAY if unit == "d" else WEEK)
    if minutes < MINIMUM:
        raise ValueError(f"{text!r} is too often: at least {Every(MINIMUM).text}")
    if minutes not in INTERVALS:
        raise ValueError(
            f"{text!r} is not an interval a timer and cron both keep evenly: a schedule runs "
            f"every {allowed()}"
        )
    return Every(minutes)


def service_unit(command: Sequence[str], environment: Mapping[str, str]) -> str:
    """The systemd user service that runs ``command`` once (the timer starts it)."""
    lines = [
        "# Written by `countdown schedule install`; `countdown schedule remove` removes it.",
        "[Unit]",
        "Description=release-countdown: refresh the titles due, then notify",
        "",
        "[Service]",
        "Type=oneshot",
        *(f"Environment={systemd_word(f'{k}={v}')}" for k, v in sorted(environment.items())),
        "ExecStart=" + " ".join(systemd_word(word) for word in command),
    ]
    return "\n".join(lines) + "\n"


def timer_unit(every: Every) -> str:
    """The systemd user timer of ``every``: on a calendar, with runs missed while the machine
    slept or was off caught up once (Persistent=true)."""
    return (
        "# Written by `countdown schedule install`; `countdown schedule remove` removes it.\n"
        "[Unit]\n"
        f"Description=release-countdown every {every.text}\n\n"
        "[Timer]\n"
        f"OnCalendar={every.calendar}\n"
        "Persistent=true\n"
        "RandomizedDelaySec=60\n\n"  # a minute's spread: not every machine at :00
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def crontab_line(every: Every, command: Sequence[str], environment: Mapping[str, str]) -> str:
    """The crontab line of ``every`` running ``command`` (``%`` escaped: cron's newline).
    ValueError for a line break, which a crontab line cannot hold."""
    from release_countdown.core.commandline import shell_word

    for word in (*command, *environment.values()):
        if "\n" in word or "\r" in word:
            raise ValueError(f"{word!r} holds a line break, which a crontab line cannot hold")
    words = [f"{k}={shell_word(v)}" for k, v in sorted(environment.items())]
    words += [shell_word(word) for word in command]
    return f"{every.cron} " + " ".join(words).replace("%", "\\%")


_SYSTEMD_BARE: Final = re.compile(r"[\w@+=:,./-]+")


def systemd_word(word: str) -> str:
    """``word`` as one word of a unit's command line or ``Environment=``: quoted when it holds
    anything but plain characters, ``%`` and ``$`` doubled (systemd's specifiers and
    variables). ValueError for a line break, which no unit line can hold."""
    if "\n" in word or "\r" in word:
        raise ValueError(f"{word!r} holds a line break, which a systemd unit cannot hold")
    escaped = word.replace("%", "%%").replace("$", "$$")
    if _SYSTEMD_BARE.fullmatch(word):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
