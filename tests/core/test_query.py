"""Filters, the default view and sort orders (core/query.py), on releases built here."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import Release
from release_countdown.core.query import (
    RECENT_DAYS,
    Query,
    holdings,
    people_of,
    roles_of,
    select,
    unknown_people,
)

DAY = date(2026, 6, 15)


def release(id: str, when: str, **fields: object) -> Release:
    base: dict[str, object] = {"id": id, "title": id.title(), "date": parse_date_text(when)}
    return Release(**{**base, **fields})  # type: ignore[arg-type]


RELEASES = (
    release("soon", "2026-06-20", kind="film", people={"director": ("Ann Lee",)}),
    release("later", "2026-09", kind="album", people={"composer": ("Bo Ek",)}),
    release("tba", "TBA", kind="game"),
    release("recent", "2026-05-16", kind="film"),  # RECENT_DAYS (30) ago: still shown
    release("old", "2026-05-15", kind="film"),  # 31 days ago: not in the default view
    release("now", "2026-06-15", kind="series", aliases=("Right Now",)),
)


def ids(query: Query, today: date = DAY) -> list[str]:
    return [s.release.id for s in select(RELEASES, query, today)]


def test_the_default_view_keeps_released_titles_for_30_days() -> None:
    assert RECENT_DAYS == 30
    assert ids(Query()) == ["now", "soon", "later", "tba", "recent"]
    assert "old" in ids(Query(show_all=True))


def test_countdown_order_groups_then_dates_then_titles() -> None:
    # upcoming/today/due first by date, then TBA, then released (most recent first)
    assert ids(Query(show_all=True)) == ["now", "soon", "later", "tba", "recent", "old"]
    assert ids(Query(show_all=True, reverse=True)) == [
        "old", "recent", "tba", "later", "soon", "now",
    ]  # fmt: skip


def test_date_and_title_orders() -> None:
    assert ids(Query(show_all=True, sort="date")) == [
        "old", "recent", "now", "soon", "later", "tba",
    ]  # fmt: skip
    assert ids(Query(show_all=True, sort="title")) == [
        "later", "now", "old", "recent", "soon", "tba",
    ]  # fmt: skip


def test_filters() -> None:
    assert ids(Query(kinds=("film",), show_all=True)) == ["soon", "recent", "old"]
    assert ids(Query(statuses=("released",))) == ["recent", "old"]  # --status widens the view
    assert ids(Query(statuses=("tba", "today"))) == ["now", "tba"]
    assert ids(Query(directors=("ann lee",))) == ["soon"]
    assert ids(Query(composers=("bo",))) == ["later"]
    assert ids(Query(persons=("Ek",))) == ["later"]
    assert ids(Query(search=("right now",))) == ["now"]  # aliases are searched
    assert ids(Query(limit=2)) == ["now", "soon"]


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (date(2026, 6, 19), ["now"]),
        (date(2026, 6, 20), ["now", "soon"]),  # --within's last day is inclusive
        (date(2026, 9, 1), ["now", "soon", "later"]),  # a window that has begun by then
    ],
)
def test_within_is_inclusive(until: date, expected: list[str]) -> None:
    assert ids(Query(within_until=until)) == expected


def test_query_widened() -> None:
    assert not Query().widened
    assert Query(show_all=True).widened
    assert Query(statuses=("tba",)).widened


def test_people_and_roles() -> None:
    assert roles_of(RELEASES) == ["composer", "director"]
    found = select(RELEASES, Query(show_all=True), DAY)
    people = people_of(found)
    assert [(p.name, p.roles) for p in people] == [
        ("Ann Lee", ("director",)),
        ("Bo Ek", ("composer",)),
    ]
    assert people[0].next is not None
    assert people[0].next.release.id == "soon"
    assert [p.name for p in people_of(found, role="composer")] == ["Bo Ek"]
    assert [p.name for p in people_of(found, search="lee")] == ["Ann Lee"]
    (unknown,) = unknown_people(RELEASES, Query(directors=("bo ek",)))
    assert (unknown.asked, unknown.role, unknown.elsewhere) == ("bo ek", "director", True)
    assert unknown_people(RELEASES, Query(directors=("ann",))) == []


def test_holdings_words() -> None:
    assert holdings(RELEASES, DAY).words() == "6 titles, 4 to come"
    released = [r for r in RELEASES if r.id in ("old", "recent")]
    assert holdings(released, DAY).words() == (
        "2 titles, all released; newest: Recent, released 2026-05-16"
    )
