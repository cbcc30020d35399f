"""What sources bring (core/record.py): how often `refresh --due` fetches a title again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import Release
from release_countdown.core.record import refresh_due, refresh_interval

DAY = date(2027, 1, 5)


def release(when: str, checked: date | None = None) -> Release:
    return Release(id="x", title="X", date=parse_date_text(when), checked=checked)


def days_away(n: int) -> str:
    return (DAY + timedelta(days=n)).isoformat()


@pytest.mark.parametrize(
    ("when", "interval"),
    [
        (days_away(0), 1),
        (days_away(30), 1),  # within 30 days: daily
        (days_away(31), 7),
        (days_away(180), 7),  # within 180: weekly
        (days_away(181), 30),
        (days_away(-30), 1),  # out 30 days ago: still daily
        (days_away(-31), None),  # out longer: never
        ("TBA", 14),
        ("2027-Q2", 7),  # a window counts from its first day (2027-04-01: 86 days)
        ("2026", 1),  # a window holding today
    ],
)
def test_refresh_interval_at_each_boundary(when: str, interval: int | None) -> None:
    assert refresh_interval(release(when), DAY) == interval


def test_refresh_due() -> None:
    soon = days_away(10)
    assert refresh_due(release(soon), DAY)  # never checked: always
    assert not refresh_due(release(soon, checked=DAY), DAY)
    assert refresh_due(release(soon, checked=DAY - timedelta(days=1)), DAY)
    weekly = days_away(100)
    assert not refresh_due(release(weekly, checked=DAY - timedelta(days=6)), DAY)
    assert refresh_due(release(weekly, checked=DAY - timedelta(days=7)), DAY)
    old = release(days_away(-100), checked=DAY - timedelta(days=50))
    assert not refresh_due(old, DAY)
    assert refresh_due(old, DAY, named=True)  # named on the command line: daily
    assert not refresh_due(release(days_away(-100), checked=DAY), DAY, named=True)
