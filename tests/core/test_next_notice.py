"""The day of the next notice (core/notices.next_notice_day), which a first notify run
names: the first day after today on which a title crosses a lead, or its release day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from release_countdown.core.notices import DEFAULT_LEADS, next_notice_day
from tests.core.test_notices import days_before, row


@pytest.mark.parametrize(
    ("days", "leads", "next_in"),
    [
        (40, DEFAULT_LEADS, 10),  # the 30d lead, ten days on
        (20, DEFAULT_LEADS, 13),  # 30d passed: 7d, thirteen days on
        (7, DEFAULT_LEADS, 6),  # 7d crossed today: 1d next
        (1, DEFAULT_LEADS, 1),  # the release day itself (0d)
        (1, (30, 7, 1), None),  # no 0d: nothing left to send
        (0, DEFAULT_LEADS, None),  # released today
        (20, (14,), 6),
    ],
)
def test_the_next_lead_crossed(days: int, leads: tuple[int, ...], next_in: int | None) -> None:
    today = days_before(days)
    expected = None if next_in is None else today + timedelta(days=next_in)
    assert next_notice_day([row(today)], leads, today) == expected


def test_the_earliest_of_every_title_and_no_fuzzy_one() -> None:
    today = date(2024, 1, 1)
    rows = [row(today, "2024-03-01"), row(today, "2024-01-20"), row(today, "2024-01")]
    assert next_notice_day(rows, DEFAULT_LEADS, today) == date(2024, 1, 13)  # 20th less 7d
    assert next_notice_day([row(today, "2024-06")], DEFAULT_LEADS, today) is None
