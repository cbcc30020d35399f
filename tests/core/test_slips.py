"""`countdown slips` counted (core/slips.py): hand-made releases with known changes."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import HistoryEntry, Release
from release_countdown.core.slips import SlipGroup, horizon, months_between, slips
from release_countdown.core.standing import Standing, stand

DAY = date(2026, 6, 15)


def spec(text: str):  # type: ignore[no-untyped-def]
    return parse_date_text(text)


def entry(day: str, announced: str) -> HistoryEntry:
    return HistoryEntry(spec(day), announced=spec(announced))


# a: postponed 62 days, then moved up 31; 31 days later than first announced.
A = Release(
    id="a", title="A", date=spec("2026-08-01"), kind="film", franchise="F",
    people={"director": ("Ann",)},
    history=(
        entry("2026-07-01", "2026-01-01"),
        entry("2026-09-01", "2026-02-01"),
        entry("2026-08-01", "2026-03-01"),
    ),
)  # fmt: skip
# b: 2027 -> 2027-05-26, narrowed (0 days), first announced as a year.
B = Release(
    id="b", title="B", date=spec("2027-05-26"), kind="album",
    people={"composer": ("Ann", "Bob")},
    history=(entry("2027", "2025-06-01"), entry("2027-05-26", "2026-02-01")),
)  # fmt: skip
# c: never moved, no history.
C = Release(id="c", title="C", date=spec("2026-12-01"), kind="film", franchise="F")
# d: TBA -> 2026-03 (dated) -> 2026-05-20 (postponed 50 days after 31 March).
D = Release(
    id="d", title="D", date=spec("2026-05-20"), kind="film",
    history=(
        HistoryEntry(spec("TBA"), announced=spec("2026-01-10")),
        entry("2026-03", "2026-02-01"),
        entry("2026-05-20", "2026-04-01"),
    ),
)  # fmt: skip


def standings(today: date = DAY, *releases: Release) -> list[Standing]:
    found = [stand(r, today) for r in releases or (A, B, C, D)]
    return [s for s in found if s is not None]


def test_the_whole_counts_titles_moves_and_days_from_first_announced() -> None:
    got = slips(standings(), DAY)
    assert (got.as_of, got.titles, got.moved, got.changes) == (DAY, 4, 3, 5)
    # Days moved of a, b, d: 31, 0 (narrowed), 0 (dated, TBA first).
    assert (got.median_days, got.largest_days, got.n) == (0.0, 31, 3)


def test_by_kind_each_kind_of_change_with_its_days() -> None:
    got = slips(standings(), DAY, "kind")
    assert got.groups == (
        SlipGroup("dated", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("narrowed", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("postponed", 2, 2, 2, 56.0, 62, 2),
        SlipGroup("moved up", 1, 1, 1, 31.0, 31, 1),
    )


def test_by_precision_at_first_announcement() -> None:
    got = slips(standings(), DAY, "precision")
    assert got.groups == (
        SlipGroup("day", 2, 1, 2, 31.0, 31, 1),
        SlipGroup("year", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("tba", 1, 1, 2, 0.0, 0, 1),
    )


def test_by_horizon_in_bands_of_months() -> None:
    got = slips(standings(), DAY, "horizon")
    assert got.groups == (
        SlipGroup("<6 months", 1, 1, 2, 0.0, 0, 1),
        SlipGroup("6–12 months", 1, 1, 2, 31.0, 31, 1),
        SlipGroup("12–24 months", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("unknown", 1, 0, 0, None, None, 0),
    )


def test_by_person_counts_a_title_once_per_person() -> None:
    got = slips(standings(), DAY, "person")
    assert got.groups == (
        SlipGroup("Ann", 2, 2, 3, 15.5, 31, 2),
        SlipGroup("Bob", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("(none)", 2, 1, 2, 0.0, 0, 1),
    )


def test_by_franchise() -> None:
    got = slips(standings(), DAY, "franchise")
    assert got.groups == (
        SlipGroup("F", 2, 1, 2, 31.0, 31, 1),
        SlipGroup("(none)", 2, 2, 3, 0.0, 0, 2),
    )


def test_as_of_an_earlier_day_counts_only_what_was_announced_by_then() -> None:
    day = date(2026, 2, 15)
    got = slips(standings(day), day, "kind")
    assert got.groups == (
        SlipGroup("dated", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("narrowed", 1, 1, 1, 0.0, 0, 1),
        SlipGroup("postponed", 1, 1, 1, 62.0, 62, 1),
    )
    assert (got.moved, got.changes, got.largest_days) == (3, 3, 62)


def test_nothing_moved_has_no_figures() -> None:
    got = slips(standings(DAY, C), DAY, "franchise")
    assert (got.titles, got.moved, got.changes, got.median_days, got.n) == (1, 0, 0, None, 0)
    assert got.groups == (SlipGroup("F", 1, 0, 0, None, None, 0),)
    assert slips([], DAY).groups == ()


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2026-01-31", "2026-02-28", 0),
        ("2026-01-15", "2026-07-15", 6),
        ("2026-01-15", "2026-07-14", 5),
        ("2026-03-01", "2026-01-01", -2),
    ],
)
def test_whole_months(start: str, end: str, months: int) -> None:
    assert months_between(date.fromisoformat(start), date.fromisoformat(end)) == months


def test_a_horizon_needs_an_announcement_day_and_a_date() -> None:
    tba = Release(id="t", title="T", date=spec("TBA"), kind="film", announced=spec("2026-01-01"))
    standing = stand(tba, DAY)
    assert standing is not None
    assert horizon(standing) == "unknown"
    six = stand(A._replace(date=spec("2026-07-01"), history=()), DAY)
    assert six is not None
    assert horizon(six) == "unknown"
    dated = stand(C._replace(announced=spec("2025-12-01")), DAY)
    assert dated is not None
    assert horizon(dated) == "12–24 months"
