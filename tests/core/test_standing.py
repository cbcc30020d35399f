"""What stood on a day (core/standing.py): status, the date in force, regional dates, titles."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.dates import parse_date_text
from release_countdown.core.model import HistoryEntry, Release, TypedDate
from release_countdown.core.standing import SOURCE_LABELS, known_since, stand, status_of

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


# --- a title known before it was recorded ----------------------------------------------------


def imported(**fields: object) -> Release:
    """As `import` writes it on 2026-06-20 (note "from TMDB"), refreshed on 2026-07-01."""
    history = (
        HistoryEntry(date=spec("2027-06"), announced=spec("2026-06-20"), note="from TMDB"),
        HistoryEntry(date=spec("2027-06-25"), announced=spec("2026-07-01"), note="from TMDB"),
    )
    return release(date=spec("2027-06-25"), history=history, **fields)


def test_an_imported_title_stands_before_its_record_began_with_its_first_date() -> None:
    before = stand(imported(), DAY)
    assert before is not None
    assert (before.date.iso(), before.recorded, before.history) == (
        "2027-06",
        date(2026, 6, 20),
        (),
    )
    between = stand(imported(), date(2026, 6, 25))
    assert between is not None
    assert (between.date.iso(), between.recorded) == ("2027-06", None)
    now = stand(imported(), date(2026, 7, 2))
    assert now is not None
    assert (now.date.iso(), now.recorded) == ("2027-06-25", None)


def test_announced_on_the_release_still_dates_its_existence() -> None:
    assert stand(imported(announced=spec("2026-06-01")), date(2026, 5, 31)) is None
    assert known_since(imported(announced=spec("2026-06-01"))) == date(2026, 6, 1)


def test_a_hand_announced_history_dates_the_title() -> None:
    hand = release(history=(HistoryEntry(date=spec("2026-07-01"), announced=spec("2026-06-01")),))
    assert stand(hand, date(2026, 5, 31)) is None
    assert known_since(hand) == date(2026, 6, 1)


def test_postpone_announced_dates_the_new_entry_not_the_title() -> None:
    """`postpone X D --announced DAY` on a title without history writes the date in force
    before (no announcement day) and the new one: before DAY the title stands at the old date."""
    history = (
        HistoryEntry(date=spec("2027-05-01")),
        HistoryEntry(date=spec("2027-08-01"), announced=spec("2026-06-20")),
    )
    postponed = release(date=spec("2027-08-01"), history=history)
    assert known_since(postponed) is None
    before = stand(postponed, DAY)
    assert before is not None
    assert (before.date.iso(), before.recorded) == ("2027-05-01", None)


def test_an_older_announcement_recorded_after_an_import_does_not_hide_the_title() -> None:
    """The entry first in the file began the record: an import's, though sorted second."""
    older = HistoryEntry(date=spec("2027-03"), announced=spec("2026-06-10"), note="a trailer")
    first = imported().history[0]
    late = release(history=(older, first), history_positions=(1, 0))
    assert known_since(late) is None
    assert stand(late, date(2026, 6, 1)) is not None


def test_the_import_notes_are_the_sources_labels() -> None:
    """Each source names itself from the one table, and its "from LABEL" note begins a record."""
    import importlib

    from release_countdown.core.record import LABELS
    from release_countdown.workflows.fetching import SOURCES

    assert sorted(SOURCES) == sorted(LABELS)
    for name in SOURCES:
        source = importlib.import_module(f"release_countdown.sources.{name}")
        assert LABELS[name] == source.LABEL
        assert source.LABEL in SOURCE_LABELS
