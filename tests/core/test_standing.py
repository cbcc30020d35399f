"""What stood on a day (core/standing.py): status, the date in force, regional dates, titles."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import HistoryEntry, Release, TypedDate
from release_countdown.core.standing import stand, status_of

DAY = date(2026, 6, 15)


def spec(text: str):  # type: ignore[no-untyped-def]
    return parse_date_text(text)


def release(**fields: object) -> Release:
    base: dict[str, object] = {"id": "t", "title": "T", "date": spec("2026-07-01"), "kind": "film"}
    return Release(**{**base, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("2026-06-16", "upcoming"),
        ("2026-06-15", "today"),
        ("2026-06-14", "released"),
        ("2026-06", "due"),  # inside a fuzzy window
        ("2026-07", "upcoming"),
        ("2026-05", "released"),
        ("2026-Q2", "due"),
        ("TBA", "tba"),
    ],
)
def test_status_of_each_form(text: str, status: str) -> None:
    assert status_of(spec(text), DAY) == status


def test_not_yet_announced_is_not_standing() -> None:
    later = release(announced=spec("2026-06-16"))
    assert stand(later, DAY) is None
    assert stand(later, date(2026, 6, 16)) is not None
    assert stand(release(announced=spec("2026-06-15")), DAY) is not None  # announced today


def test_the_date_in_force_on_a_day_comes_from_history() -> None:
    moved = release(
        date=spec("2026-09-01"),
        history=(
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-01-01")),
            HistoryEntry(spec("2026-09-01"), announced=spec("2026-06-16")),
        ),
    )
    before = stand(moved, DAY)
    assert before is not None
    assert before.date == spec("2026-07-01")  # the slip was announced the next day
    assert len(before.history) == 1
    after = stand(moved, date(2026, 6, 16))
    assert after is not None
    assert after.date == spec("2026-09-01")
    assert len(after.history) == 2


def test_a_retitle_keeps_the_title_of_its_day_and_the_other_as_alias() -> None:
    renamed = release(
        title="New Name",
        history=(
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-01-01"), title="Old Name"),
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-06-20"), title="New Name"),
        ),
    )
    then = stand(renamed, DAY)
    assert then is not None
    assert then.title == "Old Name"
    assert "New Name" in then.aliases
    now = stand(renamed, date(2026, 6, 20))
    assert now is not None
    assert now.title == "New Name"


def test_a_region_chooses_its_main_release_type() -> None:
    film = release(
        dates=(
            TypedDate("US", "premiere", spec("2026-05-01")),
            TypedDate("US", "theatrical", spec("2026-07-03")),
            TypedDate("GB", "streaming", spec("2026-08-01")),
            TypedDate("WW", "theatrical", spec("2026-07-10")),
        )
    )
    us = stand(film, DAY, "US")
    assert us is not None
    assert (us.date, us.region, us.release_type) == (spec("2026-07-03"), "US", "theatrical")
    gb = stand(film, DAY, "GB")  # no theatrical date there: the earliest non-premiere
    assert gb is not None
    assert (gb.region, gb.release_type) == ("GB", "streaming")
    fr = stand(film, DAY, "FR")  # nothing of its own: the worldwide theatrical date
    assert fr is not None
    assert (fr.date, fr.region) == (spec("2026-07-10"), "WW")
    plain = stand(film, DAY)
    assert plain is not None
    assert (plain.date, plain.region) == (spec("2026-07-01"), None)


def test_a_regional_date_announced_later_is_unknown_before() -> None:
    film = release(
        dates=(TypedDate("US", "theatrical", spec("2026-07-03"), announced=spec("2026-06-20")),)
    )
    early = stand(film, DAY, "US")
    assert early is not None
    assert early.region is None  # the headline date then
    assert early.dates == ()
