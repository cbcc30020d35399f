"""core/digest.py: the periods (a calendar day; an ISO week, Monday first) and when a digest
is due."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.digest import DigestState, period_label, period_start


@pytest.mark.parametrize(
    ("day", "period", "start", "label"),
    [
        (date(2027, 3, 3), "daily", date(2027, 3, 3), "2027-03-03"),
        (date(2027, 3, 3), "weekly", date(2027, 3, 1), "2027-W09"),  # a Wednesday
        (date(2027, 3, 1), "weekly", date(2027, 3, 1), "2027-W09"),  # a Monday: its own
        (date(2027, 3, 7), "weekly", date(2027, 3, 1), "2027-W09"),  # a Sunday: the week's last
        # The ISO year: 1 January 2027 (a Friday) is in 2026's 53rd week.
        (date(2027, 1, 1), "weekly", date(2026, 12, 28), "2026-W53"),
        (date(2025, 12, 31), "weekly", date(2025, 12, 29), "2026-W01"),
    ],
)
def test_periods(day: date, period: str, start: date, label: str) -> None:
    assert period_start(day, period) == start
    assert period_label(day, period) == label


def test_a_digest_is_due_on_the_first_run_a_period_after_the_last() -> None:
    book = DigestState(last=date(2026, 12, 31))  # a Thursday
    assert not book.due(date(2027, 1, 6), "weekly")  # six days on, across the year
    assert book.due(date(2027, 1, 7), "weekly")  # the same weekday: whatever the ISO weeks
    assert book.next_due(date(2027, 1, 3), "weekly") == date(2027, 1, 7)
    assert not book.due(date(2026, 12, 31), "daily")
    assert not book.due(date(2026, 12, 30), "daily")  # a run for an earlier day
    assert book.due(date(2027, 1, 1), "daily")
    assert DigestState().due(date(2027, 1, 1), "weekly")  # no digest yet
