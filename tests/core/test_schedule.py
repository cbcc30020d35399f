"""core/schedule.py (issue 27 item 6): `--every`, its calendar for systemd and cron, the next
run computed for cron, and the quoting of the units' and crontab's words."""

from __future__ import annotations

import shlex
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from release_countdown.core.params import ParamError, every
from release_countdown.core.schedule import (
    DAY,
    INTERVALS,
    WEEK,
    Every,
    crontab_line,
    parse_every,
    service_unit,
    systemd_word,
    timer_unit,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("15min", 15), ("30MIN", 30), (" 6h ", 360), ("1h", 60), ("60min", 60), ("12h", 720),
        ("24h", DAY), ("1d", DAY), ("1w", WEEK), ("7d", WEEK),
    ],
)  # fmt: skip
def test_every_takes_minutes_hours_and_the_projects_days_and_weeks(text: str, minutes: int) -> None:
    assert parse_every(text) == Every(minutes)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("15m", "'15m' is 15 months (m is months in countdown's durations, as in --within 3m); "
                "minutes are written 15min; a schedule runs every 15min, 20min, 30min, 1h, 2h, "
                "3h, 4h, 6h, 8h, 12h, 1d or 1w"),
        ("1y", "'1y' is 1 year (m is months in countdown's durations, as in --within 3m); a "
               "schedule runs every 15min"),
        ("10min", "'10min' is too often: at least 15min"),
        ("0h", "'0h' is too often: at least 15min"),
        ("5h", "'5h' is not an interval a timer and cron both keep evenly: a schedule runs every "
               "15min, 20min, 30min, 1h"),
        ("2d", "'2d' is not an interval a timer and cron both keep evenly"),
        ("45min", "'45min' is not an interval a timer and cron both keep evenly"),
        ("soon", "'soon' is not an interval (expected minutes, hours, days or weeks: 30min, 6h, "
                 "1d or 1w)"),
        ("6 hours", "'6 hours' is not an interval"),
    ],
)  # fmt: skip
def test_every_refuses_with_what_would_be_right(text: str, words: str) -> None:
    with pytest.raises(ParamError) as refused:
        every(text)
    assert refused.value.name == "every"
    assert refused.value.problem.startswith(words)


@pytest.mark.parametrize("minutes", INTERVALS)
def test_the_text_of_each_interval_parses_back_to_it(minutes: int) -> None:
    assert parse_every(Every(minutes).text) == Every(minutes)


@pytest.mark.parametrize(
    ("text", "calendar", "cron"),
    [
        ("15min", "*-*-* *:00/15:00", "*/15 * * * *"),
        ("1h", "*-*-* 00/1:00:00", "0 * * * *"),
        ("6h", "*-*-* 00/6:00:00", "0 */6 * * *"),
        ("1d", "*-*-* 07:00:00", "0 7 * * *"),
        ("1w", "Mon *-*-* 07:00:00", "0 7 * * 1"),
    ],
)
def test_one_calendar_for_systemd_and_cron(text: str, calendar: str, cron: str) -> None:
    assert parse_every(text).calendar == calendar
    assert parse_every(text).cron == cron


def cron_fires(fields: str, moment: datetime) -> bool:
    """An oracle: whether the five cron fields fire at ``moment`` (the forms cron uses here)."""

    def match(field: str, value: int) -> bool:
        if field == "*":
            return True
        if field.startswith("*/"):
            return value % int(field[2:]) == 0
        return value == int(field)

    minute, hour, _, _, weekday = fields.split()
    return (
        match(minute, moment.minute)
        and match(hour, moment.hour)
        and match(weekday, moment.isoweekday() % 7)
    )


@given(
    minutes=st.sampled_from(INTERVALS),
    moment=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 1)),
)
def test_the_next_run_is_the_first_minute_cron_fires_after_the_moment(
    minutes: int, moment: datetime
) -> None:
    schedule = Every(minutes)
    found = schedule.next_after(moment)
    assert found > moment
    assert found.second == found.microsecond == 0
    assert cron_fires(schedule.cron, found)
    # no minute between the moment and the run found fires (checked near both ends)
    first = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    between = [first + timedelta(minutes=i) for i in range(min(120, minutes))]
    between += [found - timedelta(minutes=i) for i in range(1, min(120, minutes))]
    assert not any(cron_fires(schedule.cron, m) for m in between if moment < m < found)


def test_the_next_run_examples() -> None:
    at = datetime(2026, 12, 7, 10, 5, 30)  # a Monday
    assert Every(360).next_after(at) == datetime(2026, 12, 7, 12, 0)
    assert Every(15).next_after(at) == datetime(2026, 12, 7, 10, 15)
    assert Every(720).next_after(datetime(2026, 12, 7, 12, 0)) == datetime(2026, 12, 8, 0, 0)
    assert Every(DAY).next_after(at) == datetime(2026, 12, 8, 7, 0)
    assert Every(DAY).next_after(datetime(2026, 12, 7, 6, 59)) == datetime(2026, 12, 7, 7, 0)
    assert Every(WEEK).next_after(at) == datetime(2026, 12, 14, 7, 0)
    assert Every(WEEK).next_after(datetime(2026, 12, 6, 23, 0)) == datetime(2026, 12, 7, 7, 0)


def test_the_timer_catches_up_a_run_missed_while_off() -> None:
    timer = timer_unit(Every(360))
    assert "OnCalendar=*-*-* 00/6:00:00\n" in timer
    assert "Persistent=true\n" in timer
    assert "[Install]\nWantedBy=timers.target\n" in timer


def test_the_service_runs_the_command_with_its_environment_quoted() -> None:
    unit = service_unit(
        ["/home/a b/bin/countdown", "schedule", "run", "--registry", "/r/100%$x.toml"],
        {"XDG_STATE_HOME": "/home/a b/state", "COUNTDOWN_REGION": "GB"},
    )
    assert "Type=oneshot\n" in unit
    assert 'Environment=COUNTDOWN_REGION=GB\nEnvironment="XDG_STATE_HOME=/home/a b/state"\n' in unit
    assert (
        'ExecStart="/home/a b/bin/countdown" schedule run --registry "/r/100%%$$x.toml"\n' in unit
    )


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("/usr/bin/countdown", "/usr/bin/countdown"),
        ("a b", '"a b"'),
        ('say "hi"\\', '"say \\"hi\\"\\\\"'),
        ("50%", '"50%%"'),
        ("$HOME", '"$$HOME"'),
    ],
)
def test_systemd_words(word: str, quoted: str) -> None:
    assert systemd_word(word) == quoted


def test_a_line_break_cannot_go_into_a_unit() -> None:
    with pytest.raises(ValueError, match="line break"):
        systemd_word("/tmp/a\nExecStartPre=/bin/rm")


def test_the_crontab_line_is_one_shell_line_with_percent_escaped() -> None:
    line = crontab_line(
        Every(360),
        ["/opt/count down/countdown", "schedule", "run", "--registry", "/r/50%.toml"],
        {"COUNTDOWN_CONFIG": "/c/it's.toml"},
    )
    assert line.startswith("0 */6 * * * COUNTDOWN_CONFIG=")
    command = line.removeprefix("0 */6 * * * ").replace("\\%", "%")
    assert shlex.split(command) == [
        "COUNTDOWN_CONFIG=/c/it's.toml", "/opt/count down/countdown", "schedule", "run",
        "--registry", "/r/50%.toml",
    ]  # fmt: skip
    assert "%" not in line.replace("\\%", "")
