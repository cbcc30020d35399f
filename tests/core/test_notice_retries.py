"""A notice not delivered is retried while it still means something (core/notices.py): a
failed reminder survives a smaller lead crossed and the release day, not the day after."""

from __future__ import annotations

from datetime import date

from release_countdown.core.notices import DEFAULT_LEADS, NoticeState, plan_notices
from tests.core.test_notices import days_before, row


def run(state: NoticeState, day: date, *, fail: bool = False, when: str = "2024-02-02") -> list:
    """One run whose deliveries all fail (``fail``) or all arrive: the (event, lead) planned."""
    plan = plan_notices([row(day, when)], DEFAULT_LEADS, state, day)
    if not fail:
        for notice in plan.notices:
            state.record(notice, day)
    state.finish(plan, day)
    return [(n.event, n.lead) for n in plan.notices]


def started() -> NoticeState:
    state = NoticeState()
    run(state, days_before(40))
    return state


def test_a_failed_1d_reminder_is_sent_on_the_release_day_before_released() -> None:
    state = started()
    assert run(state, days_before(1), fail=True) == [("reminder", 1)]
    assert run(state, days_before(0)) == [("reminder", 1), ("released", 0)]
    assert run(state, days_before(-1)) == []
    assert state.failed == {}


def test_a_failed_reminder_is_retried_each_run_until_delivered() -> None:
    state = started()
    assert run(state, days_before(7), fail=True) == [("reminder", 7)]
    assert run(state, days_before(6), fail=True) == [("reminder", 7)]
    assert run(state, days_before(5)) == [("reminder", 7)]
    assert run(state, days_before(4)) == []
    assert state.failed == {}


def test_a_smaller_lead_due_covers_a_failed_larger_one() -> None:
    state = started()
    assert run(state, days_before(7), fail=True) == [("reminder", 7)]
    assert run(state, days_before(1)) == [("reminder", 1)]  # not 7d as well
    assert run(state, days_before(0)) == [("released", 0)]
    assert state.failed == {}


def test_a_failed_reminder_is_not_retried_once_its_release_day_passed() -> None:
    state = started()
    assert run(state, days_before(1), fail=True) == [("reminder", 1)]
    assert run(state, days_before(-2)) == [("released", 0)]  # late, within the grace days
    assert state.failed == {}


def test_a_failed_reminder_ends_when_the_date_moves() -> None:
    state = started()
    assert run(state, days_before(1), fail=True) == [("reminder", 1)]
    assert run(state, days_before(0), when="2024-03-01") == [("changed", None)]
    assert run(state, days_before(-1), when="2024-03-01") == []


def test_a_failed_release_day_is_retried_by_itself() -> None:
    state = started()
    assert run(state, days_before(1)) == [("reminder", 1)]
    assert run(state, days_before(0), fail=True) == [("released", 0)]
    assert run(state, days_before(-1)) == [("released", 0)]
    assert state.failed == {}  # nothing to remember: "released" is found again by itself
