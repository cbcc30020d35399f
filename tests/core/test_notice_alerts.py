"""`notify --on` and `--min-precision` (core/notices.Alerts) over a fixture of histories: 40
daily runs in which every kind of change the record names happens, against a simple oracle
(what a run with every notice sends, less what the choice leaves out)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import HistoryEntry, Release
from release_countdown.core.notices import (
    DEFAULT_LEADS,
    EVERY_ALERT,
    MIN_PRECISIONS,
    ON_KINDS,
    Alerts,
    Arrival,
    Notice,
    NoticeState,
    plan_notices,
)
from release_countdown.core.rows import Row, release_row
from release_countdown.core.standing import stand

START = date(2027, 3, 1)
DAYS = 40
# id -> the title's states: (first day, as an offset from START; date; title)
HISTORIES: dict[str, list[tuple[int, str, str]]] = {
    "dated": [(0, "TBA", "Dated"), (3, "2027-03-20", "Dated")],
    "undated": [(0, "2027-05", "Undated"), (4, "TBA", "Undated")],
    "narrowed": [
        (0, "2027", "Narrowed"),
        (5, "2027-Q2", "Narrowed"),
        (8, "2027-05", "Narrowed"),
        (11, "2027-05-20", "Narrowed"),
    ],
    "widened": [(0, "2027-04-10", "Widened"), (6, "2027-04", "Widened")],
    "later": [(0, "early 2027", "Later"), (7, "2027-Q2", "Later")],
    "earlier": [(0, "2027-Q2", "Earlier"), (7, "early 2027", "Earlier")],
    "postponed": [(0, "2027-03-20", "Postponed"), (9, "2027-04-25", "Postponed")],
    # Moved up on a day a reminder is due: the change covers it, unless left out.
    "moved": [(0, "2027-04-25", "Moved"), (10, "2027-03-25", "Moved")],
    "retitled": [(0, "2027-06-01", "Old name"), (12, "2027-06-01", "New name")],
    "both": [(0, "2027-06-01", "Before"), (13, "2027-07-01", "After")],
    "plain": [(0, "2027-03-31", "Plain")],
}
# Taken on another basis on day 14 (`refresh --region`): a re-choice, not a move.
RECHOSEN_DAY = 14
ARRIVALS = [
    Arrival(("tmdb:movie/1",), "News", "film", "2027-04-02", "someone", START + timedelta(15)),
    Arrival(("tmdb:movie/2",), "Vague news", "film", "2028", "someone", START + timedelta(16)),
    Arrival(("tmdb:movie/3",), "No date", "film", "TBA", "someone", START + timedelta(17)),
]
# The oracle's own table of how precise each date of the fixture is (vaguer: larger).
RANK = {"day": 1, "month": 2, "quarter": 4, "third": 5, "year": 7, "tba": 8}


def precision_rank(text: str) -> int:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return RANK["day"]
    if re.fullmatch(r"\d{4}-\d\d", text):
        return RANK["month"]
    if "Q" in text:
        return RANK["quarter"]
    if text.startswith("early"):
        return RANK["third"]
    return RANK["year"] if text.isdigit() else RANK["tba"]


def kinds_of(notice: Notice) -> set[str]:
    if notice.event != "changed":
        return {notice.event}
    return {str(notice.change)} | ({"retitled"} if notice.old_title else set())


def oracle_wants(notice: Notice, on: frozenset[str] | None, least: str | None) -> bool:
    if on is not None and not kinds_of(notice) & on:
        return False
    if least is None or notice.event in ("reminder", "released"):
        return True
    return precision_rank(notice.date) <= RANK[least]


def release_on(release_id: str, day: date) -> Release:
    states = [s for s in HISTORIES[release_id] if START + timedelta(s[0]) <= day]
    _, when, title = states[-1]
    return Release(id=release_id, title=title, date=parse_date_text(when), kind="film")


def rechosen_on(day: date) -> Release:
    first = HistoryEntry(parse_date_text("2027-06-10"), parse_date_text("2027-01-01"),
                         headline="US:theatrical")  # fmt: skip
    if day < START + timedelta(RECHOSEN_DAY):
        return Release(id="rechosen", title="Rechosen", date=first.date, kind="film",
                       history=(first,), headline="US:theatrical")  # fmt: skip
    second = HistoryEntry(parse_date_text("2027-06-20"),
                          parse_date_text((START + timedelta(RECHOSEN_DAY)).isoformat()),
                          headline="GB:theatrical")  # fmt: skip
    return Release(id="rechosen", title="Rechosen", date=second.date, kind="film",
                   history=(first, second), headline="GB:theatrical")  # fmt: skip


@cache
def rows_on(offset: int) -> tuple[Row, ...]:
    day = START + timedelta(offset)
    releases = [release_on(i, day) for i in HISTORIES] + [rechosen_on(day)]
    standings = [stand(r, day) for r in releases]
    return tuple(release_row(s, day) for s in standings if s is not None)


def simulate(alerts: Alerts) -> list[tuple[date, Notice]]:
    """Forty daily runs that deliver everything planned: (day, notice) in order."""
    state = NoticeState()
    sent: list[tuple[date, Notice]] = []
    for offset in range(DAYS):
        day = START + timedelta(offset)
        plan = plan_notices(rows_on(offset), DEFAULT_LEADS, state, day, ARRIVALS, alerts=alerts)
        for notice in plan.notices:
            state.record(notice, day)
            sent.append((day, notice))
        state.finish(plan, day)
    return sent


@cache
def everything() -> tuple[tuple[date, Notice], ...]:
    return tuple(simulate(EVERY_ALERT))


def what(sent: Sequence[tuple[date, Notice]]) -> list[tuple[object, ...]]:
    return [(d, n.id, n.event, n.change, n.date, n.old_title, n.lead) for d, n in sent]


def check(on: frozenset[str] | None, least: str | None) -> None:
    sent = simulate(Alerts(on, least))
    assert all(oracle_wants(n, on, least) for _, n in sent)
    baseline = everything()
    # Every notice but reminders: what a run with all of them sends, less what is left out
    # (a change left out is taken as seen, so the next change is told against the same date).
    assert what([s for s in sent if s[1].event != "reminder"]) == what(
        [s for s in baseline if s[1].event != "reminder" and oracle_wants(s[1], on, least)]
    )
    reminders = what([s for s in sent if s[1].event == "reminder"])
    if on is not None and "reminder" not in on:
        assert reminders == []
        return
    # Reminders: the same, and those a change left out no longer covers.
    usual = what([s for s in baseline if s[1].event == "reminder"])
    assert set(usual) <= set(reminders)
    silent = {(d, n.id) for d, n in baseline if not oracle_wants(n, on, least)}
    assert {(r[0], r[1]) for r in set(reminders) - set(usual)} <= silent


def test_the_fixture_holds_every_kind_of_notice() -> None:
    found = set().union(*(kinds_of(n) for _, n in everything()))
    assert found == set(ON_KINDS)


def test_a_change_left_out_lets_the_reminder_it_covered_go() -> None:
    moved = [(d, n.event, n.lead) for d, n in simulate(Alerts(frozenset({"reminder"})))
             if n.id == "moved"]  # fmt: skip
    assert moved[0] == (START + timedelta(10), "reminder", 30)
    first = next((d, n.event) for d, n in everything() if n.id == "moved")
    assert first == (START + timedelta(10), "changed")


def test_the_issues_example_tells_only_known_or_exact_dates_and_the_day() -> None:
    sent = simulate(Alerts(frozenset({"dated", "narrowed", "released"}), "day"))
    assert [(d - START).days for d, _ in sent] == [3, 11, 19, 24, 30]
    assert [(n.id, n.event, n.change, n.date) for _, n in sent] == [
        ("dated", "changed", "dated", "2027-03-20"),
        ("narrowed", "changed", "narrowed", "2027-05-20"),
        ("dated", "released", None, "2027-03-20"),
        ("moved", "released", None, "2027-03-25"),  # its move up was left out: not its day
        ("plain", "released", None, "2027-03-31"),
    ]


@pytest.mark.parametrize("least", [None, *MIN_PRECISIONS])
@pytest.mark.parametrize("kind", [None, *ON_KINDS])
def test_each_kind_at_each_precision(kind: str | None, least: str | None) -> None:
    check(None if kind is None else frozenset({kind}), least)


@settings(max_examples=60, deadline=None)
@given(
    on=st.none() | st.frozensets(st.sampled_from(ON_KINDS), min_size=1),
    least=st.none() | st.sampled_from(MIN_PRECISIONS),
)
def test_any_choice_of_kinds_at_any_precision(on: frozenset[str] | None, least: str | None) -> None:
    check(on, least)
