"""Which notices are due (core/notices.py): leads crossed, missed runs, first runs, changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.leads import parse_leads
from release_countdown.core.model import Release
from release_countdown.core.notices import (
    DEFAULT_LEADS,
    NoticeState,
    Seen,
    plan_notices,
)
from release_countdown.core.rows import Row, release_row
from release_countdown.core.standing import stand

RELEASE_DAY = date(2024, 2, 2)


def row(day: date, when: str = "2024-02-02", title: str = "Argylle") -> Row:
    release = Release(id="argylle", title=title, date=parse_date_text(when), kind="film")
    standing = stand(release, day)
    assert standing is not None
    return release_row(standing, day)


def run(state: NoticeState, day: date, when: str = "2024-02-02", title: str = "Argylle") -> list:
    """One daily run that delivers everything: the (event, lead) pairs sent."""
    plan = plan_notices([row(day, when, title)], DEFAULT_LEADS, state, day)
    for notice in plan.notices:
        state.record(notice, day)
    state.finish(plan, day)
    return [(n.event, n.lead) for n in plan.notices]


def days_before(n: int) -> date:
    return RELEASE_DAY - timedelta(days=n)


def test_daily_runs_send_each_lead_once() -> None:
    state = NoticeState()
    sent = []
    for n in range(31, -3, -1):
        sent += run(state, days_before(n))
    assert sent == [("reminder", 30), ("reminder", 7), ("reminder", 1), ("released", 0)]


def test_the_issues_run_days_send_exactly_30_7_1_and_released() -> None:
    state = NoticeState()
    sent = [run(state, days_before(n)) for n in (31, 30, 8, 7, 1, 0)]
    assert sent == [
        [],
        [("reminder", 30)],
        [],
        [("reminder", 7)],
        [("reminder", 1)],
        [("released", 0)],
    ]


def test_missed_runs_send_only_the_smallest_lead_crossed() -> None:
    state = NoticeState()
    assert run(state, days_before(10)) == []
    assert run(state, days_before(5)) == [("reminder", 7)]
    assert run(state, days_before(4)) == []
    assert run(state, days_before(2)) == []
    assert run(state, days_before(1)) == [("reminder", 1)]


def test_first_run_sends_only_what_crossed_today_or_yesterday() -> None:
    assert run(NoticeState(), days_before(7)) == [("reminder", 7)]
    assert run(NoticeState(), days_before(6)) == [("reminder", 7)]  # crossed yesterday
    quiet = NoticeState()
    assert run(quiet, days_before(20)) == []  # 30d crossed ten days ago: not a flood
    assert run(quiet, days_before(19)) == []  # and not sent later either
    assert run(quiet, days_before(7)) == [("reminder", 7)]


@pytest.mark.parametrize(
    ("late", "sent"),
    [(0, [("reminder", 7)]), (1, [("reminder", 7)]), (2, []), (3, [])],
)
def test_the_first_run_cut_off_is_one_day(late: int, sent: list[tuple[str, int]]) -> None:
    """A lead crossed today or yesterday is sent by a first run; two days ago, it is not."""
    state = NoticeState()
    assert run(state, days_before(7 - late)) == sent
    assert run(state, days_before(7 - late) + timedelta(days=1)) == []  # nor the day after


@pytest.mark.parametrize(
    ("late", "sent"), [(0, [("released", 0)]), (1, [("released", 0)]), (2, [])]
)
def test_the_first_run_cut_off_on_release_day(late: int, sent: list[tuple[str, int]]) -> None:
    assert run(NoticeState(), RELEASE_DAY + timedelta(days=late)) == sent


def test_a_postpone_sends_changed_and_rearms_the_leads() -> None:
    state = NoticeState()
    assert run(state, days_before(7)) == [("reminder", 7)]
    new = "2024-03-08"  # 35 days later: 42 days away
    assert run(state, days_before(6), new) == [("changed", None)]
    assert run(state, days_before(5), new) == []
    later = date(2024, 3, 8)
    assert run(state, later - timedelta(days=30), new) == [("reminder", 30)]
    assert run(state, later - timedelta(days=7), new) == [("reminder", 7)]


def test_a_change_says_what_happened() -> None:
    day = days_before(10)
    state = NoticeState(created=day, seen={"argylle": Seen("2024", "Argylle", day)})
    plan = plan_notices([row(day)], DEFAULT_LEADS, state, day)
    (notice,) = plan.notices
    assert (notice.change, notice.old_date, notice.new_date) == ("narrowed", "2024", "2024-02-02")
    state.seen["argylle"] = Seen("2024-01-30", "Argylle", day)
    assert plan_notices([row(day)], DEFAULT_LEADS, state, day).notices[0].change == "postponed"
    state.seen["argylle"] = Seen("2024-02-02", "Agent Argylle", day)
    (renamed,) = plan_notices([row(day)], DEFAULT_LEADS, state, day).notices
    assert (renamed.change, renamed.old_title) == ("retitled", "Agent Argylle")


def test_a_change_covers_the_reminder_it_makes_needless() -> None:
    state = NoticeState()
    run(state, days_before(40))
    assert run(state, days_before(39), "2024-01-20") == [("changed", None)]  # 27 days away
    assert run(state, days_before(38), "2024-01-20") == []  # the 30d lead came with the change


def test_an_undelivered_change_is_planned_again() -> None:
    state = NoticeState()
    run(state, days_before(40))
    day = days_before(39)
    plan = plan_notices([row(day, "2024-03-01")], DEFAULT_LEADS, state, day)
    state.finish(plan, day)  # delivered nothing
    again = plan_notices([row(day, "2024-03-01")], DEFAULT_LEADS, state, day).notices
    assert [n.event for n in again] == ["changed"]


def test_a_missed_release_day_is_announced_a_week_late_at_most() -> None:
    state = NoticeState()
    run(state, days_before(3))
    assert run(state, RELEASE_DAY + timedelta(days=2)) == [("released", 0)]
    stale = NoticeState()
    run(stale, days_before(3))
    assert run(stale, RELEASE_DAY + timedelta(days=8)) == []


def test_fuzzy_dates_get_no_reminders() -> None:
    assert run(NoticeState(), date(2024, 2, 1), "2024-02") == []


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("30d,7d,1d,0d", (30, 7, 1, 0)),
        ("1d, 2w ,0d", (14, 1, 0)),
        (["7d", "1d,1d"], (7, 1)),
    ],
)
def test_parse_leads(text: str | list[str], leads: tuple[int, ...]) -> None:
    assert parse_leads(text) == leads


@pytest.mark.parametrize("text", ["", "7", "1m", "-1d", "7d,,1d", "soon"])
def test_parse_leads_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="lead time"):
        parse_leads(text)
