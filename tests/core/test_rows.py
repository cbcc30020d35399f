"""The one row maker (core/rows.py): a standing on a day -> Row; slips; people rows."""

from __future__ import annotations

from datetime import date

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import HistoryEntry, Release, TypedDate
from release_countdown.core.query import Query, people_of, select
from release_countdown.core.rows import (
    PersonRow,
    Row,
    person_row,
    release_row,
    slip_of,
    sort_people,
)
from release_countdown.core.standing import stand

DAY = date(2026, 6, 15)


def spec(text: str):  # type: ignore[no-untyped-def]
    return parse_date_text(text)


def release(**fields: object) -> Release:
    base: dict[str, object] = {"id": "t", "title": "T", "date": spec("2026-07-01"), "kind": "film"}
    return Release(**{**base, **fields})  # type: ignore[arg-type]


def row(rel: Release, today: date = DAY, region: str | None = None) -> Row:
    standing = stand(rel, today, region)
    assert standing is not None
    return release_row(standing, today)


def test_a_row_counts_days_from_the_day_asked() -> None:
    exact = row(release())
    assert (exact.date, exact.precision, exact.status) == ("2026-07-01", "day", "upcoming")
    assert (exact.days_remaining, exact.days_remaining_max) == (16, 16)
    window = row(release(date=spec("2026-Q3")))
    assert (window.earliest, window.latest) == (date(2026, 7, 1), date(2026, 9, 30))
    assert (window.days_remaining, window.days_remaining_max) == (16, 107)
    tba = row(release(date=spec("TBA")))
    assert (tba.days_remaining, tba.status, tba.earliest) == (None, "tba", None)
    past = row(release(date=spec("2026-06-01")))
    assert (past.days_remaining, past.status) == (-14, "released")


def test_row_fields_come_from_the_release_and_its_standing() -> None:
    full = release(
        aliases=("Tee",), franchise="F", note="n", sources=("s",), source="file.toml",
        people={"director": ("D",)}, checked=date(2026, 1, 1), announced=spec("2026-01-01"),
        dates=(
            TypedDate("US", "theatrical", spec("2026-07-03"), where="NY"),
            TypedDate("GB", "theatrical", spec("2026-06-30")),
        ),
    )  # fmt: skip
    got = row(full, region="US")
    assert (got.id, got.title, got.aliases, got.kind, got.franchise) == (
        "t", "T", ("Tee",), "film", "F",
    )  # fmt: skip
    assert (got.region, got.release_type, got.date) == ("US", "theatrical", "2026-07-03")
    assert [(d.region, d.date, d.days_remaining) for d in got.dates] == [
        ("GB", "2026-06-30", 15),
        ("US", "2026-07-03", 18),
    ]  # sorted by date
    assert got.dates[1].where == "NY"
    assert (got.note, got.sources, got.source, got.checked) == (
        "n",
        ("s",),
        "file.toml",
        date(2026, 1, 1),
    )
    assert got.people == {"director": ("D",)}
    assert got.countdown  # words, from core/dates.countdown_words


def test_slips_count_postponements_and_moves_up() -> None:
    moved = release(
        date=spec("2026-08-01"),
        history=(
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-01-01")),
            HistoryEntry(spec("2026-09-01"), announced=spec("2026-02-01")),
            HistoryEntry(spec("2026-08-01"), announced=spec("2026-03-01")),
        ),
    )
    got = row(moved)
    assert got.slip is not None
    assert got.slip._asdict() == {
        "first_date": "2026-07-01",
        "announcements": 3,
        "postponed": 1,
        "moved_up": 1,
        "days_later": 31,
        "dated": 0,
        "undated": 0,
        "narrowed": 0,
        "widened": 0,
        "shifted_later": 0,
        "shifted_earlier": 0,
        "since_first": "postponed",
        "rechosen": 0,
    }
    assert [h.change for h in got.history] == [None, "postponed", "moved up"]
    assert [h.date for h in got.history] == ["2026-07-01", "2026-09-01", "2026-08-01"]


def test_an_announcement_of_the_same_date_is_no_move() -> None:
    same = release(
        date=spec("2026-07-01"),
        history=(
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-01-01")),
            HistoryEntry(spec("2026-07-01"), announced=spec("2026-02-01"), title="T2"),
        ),
    )
    slip = row(same).slip
    assert slip is not None
    assert (slip.announcements, slip.postponed, slip.moved_up, slip.days_later) == (2, 0, 0, 0)


def test_a_headline_moved_without_history_counts_as_a_move() -> None:
    standing = stand(
        release(
            date=spec("2026-09-01"),
            history=(HistoryEntry(spec("2026-07-01"), announced=spec("2026-01-01")),),
        ),
        DAY,
    )
    assert standing is not None
    slip = slip_of(standing)
    assert slip is not None
    assert (slip.postponed, slip.days_later, slip.announcements) == (1, 62, 1)
    assert row(release()).slip is None  # no history, no slip


def test_people_rows_and_their_orders() -> None:
    releases = [
        release(id="a", title="A", date=spec("2026-08-01"), people={"director": ("Zed",)}),
        release(id="b", title="B", date=spec("2026-07-01"), people={"director": ("Amy", "Zed")}),
        release(id="c", title="C", date=spec("2026-01-01"), people={"composer": ("Bob",)}),
    ]
    people = [person_row(p, DAY) for p in people_of(select(releases, Query(show_all=True), DAY))]
    assert [(p.name, p.titles) for p in people] == [
        ("Amy", ("b",)), ("Bob", ("c",)), ("Zed", ("b", "a")),
    ]  # fmt: skip
    assert people[2].next is not None
    assert (people[2].next.id, people[2].next.days_remaining) == ("b", 16)
    assert people[1].next is None  # Bob's only title is out
    assert [p.name for p in sort_people(people, "titles")] == ["Zed", "Amy", "Bob"]
    assert [p.name for p in sort_people(people, "next")] == ["Amy", "Zed", "Bob"]
    assert [p.name for p in sort_people(people, "name")] == ["Amy", "Bob", "Zed"]
    assert isinstance(people[0], PersonRow)


def test_a_row_without_moves_is_the_row_less_its_history_slip_and_change() -> None:
    """``moves=False`` (the list table's rows) leaves out only what the record's moves fill;
    every other field is the full row's, for every title of the bundled registry."""
    from pathlib import Path

    from release_countdown.registry.load import load_registry

    bundled = Path(__file__).resolve().parents[2] / "data" / "releases.toml"
    releases = load_registry([bundled]).releases
    found = select(releases, Query(show_all=True), DAY)
    assert any(s.history for s in found)
    for standing in found:
        full = release_row(standing, DAY)
        assert release_row(standing, DAY, moves=False) == full._replace(
            history=(), slip=None, change=None
        )


def test_changes_are_counted_once_a_row_and_agree_with_the_history() -> None:
    """The history rows' kinds, the slip and the last change come from one pass over the
    dated steps: the history rows' kinds are the first changes of the slip's steps."""
    moved = release(
        date=spec("2027-03-01"),
        history=(
            HistoryEntry(date=spec("2026"), announced=spec("2025-01-01")),
            HistoryEntry(date=spec("2026-09-01"), announced=spec("2025-06-01")),
            HistoryEntry(date=spec("2027-03-01"), announced=spec("2026-01-01")),
        ),
    )
    made = row(moved)
    assert [h.change for h in made.history] == [None, "narrowed", "postponed"]
    assert made.change == "postponed"
    assert made.slip is not None
    assert (made.slip.narrowed, made.slip.postponed) == (1, 1)
