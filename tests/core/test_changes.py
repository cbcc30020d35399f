"""The one meaning of a date change (core/changes.py), over every pair of precisions."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from release_countdown.core.changes import (
    Change,
    Kind,
    Window,
    change_between,
    change_of,
    window,
)
from release_countdown.core.dates import parse_date_text

# One form per precision; hypothesis picks the year and the part.
_FORMS = (
    lambda y, m, d: f"{y}-{m:02d}-{d:02d}T20:00+00:00",  # time
    lambda y, m, d: f"{y}-{m:02d}-{d:02d}",  # day
    lambda y, m, d: f"{y}-{m:02d}",  # month
    lambda y, m, d: f"{('spring', 'summer', 'autumn')[m % 3]} {y}",  # season
    lambda y, m, d: f"{y}-Q{m % 4 + 1}",  # quarter
    lambda y, m, d: f"{('early', 'mid', 'late')[m % 3]} {y}",  # third
    lambda y, m, d: f"{y}-H{m % 2 + 1}",  # half
    lambda y, m, d: f"{y}",  # year
    lambda y, m, d: "TBA",  # tba
)

specs = st.builds(
    lambda form, y, m, d: parse_date_text(form(y, m, d)),
    st.sampled_from(_FORMS),
    st.integers(2028, 2029),
    st.integers(1, 12),
    st.integers(1, 28),
)


def test_every_precision_form_parses() -> None:
    found = {parse_date_text(form(2028, 5, 26)).precision.value for form in _FORMS}
    assert len(found) == len(_FORMS)


@settings(max_examples=400)
@given(specs, specs)
def test_exactly_one_kind_and_its_reverse(old: object, new: object) -> None:
    a, b = window(old), window(new)  # type: ignore[arg-type]
    forth, back = change_between(a, b), change_between(b, a)
    assert isinstance(forth.kind, Kind)
    assert holding(a, b) == [forth.kind]
    assert forth.days >= 0
    assert forth.days == back.days
    pairs = {
        Kind.POSTPONED: Kind.MOVED_UP, Kind.NARROWED: Kind.WIDENED, Kind.DATED: Kind.UNDATED,
        Kind.SHIFTED_LATER: Kind.SHIFTED_EARLIER, Kind.UNCHANGED: Kind.UNCHANGED,
    }  # fmt: skip
    pairs.update({v: k for k, v in pairs.items()})
    assert back.kind is pairs[forth.kind]
    # Days moved only when the windows do not meet.
    assert (forth.days > 0) == (forth.kind in (Kind.POSTPONED, Kind.MOVED_UP))


def holding(a: Window, b: Window) -> list[Kind]:
    """Every kind whose definition (as the issue states it) holds for ``a`` → ``b``."""
    if None in a or None in b:
        return [
            k for k, ok in (
                (Kind.UNCHANGED, None in a and None in b), (Kind.DATED, None in a and None not in b),
                (Kind.UNDATED, None not in a and None in b),
            ) if ok
        ]  # fmt: skip
    (p, q), (r, s) = a, b
    same = a == b
    found = {
        Kind.UNCHANGED: same,
        Kind.NARROWED: not same and p <= r and s <= q,
        Kind.WIDENED: not same and r <= p and q <= s,
        Kind.POSTPONED: r > q,
        Kind.MOVED_UP: s < p,
        Kind.SHIFTED_LATER: p < r <= q < s,
        Kind.SHIFTED_EARLIER: r < p <= s < q,
    }
    return [k for k, ok in found.items() if ok]


def spec_change(old: str, new: str) -> Change:
    return change_of(parse_date_text(old), parse_date_text(new))


def test_the_progressions_of_the_issue() -> None:
    assert spec_change("2028", "2028-05-26") == Change(Kind.NARROWED, 0)
    assert spec_change("2028-Q2", "2028-05") == Change(Kind.NARROWED, 0)
    assert spec_change("2027-03", "2027-03-20") == Change(Kind.NARROWED, 0)
    assert spec_change("2026-12", "2026-12-11") == Change(Kind.NARROWED, 0)
    assert spec_change("TBA", "2027-11") == Change(Kind.DATED, 0)
    assert spec_change("2027-11", "TBA") == Change(Kind.UNDATED, 0)
    assert spec_change("2028-05-26", "2028") == Change(Kind.WIDENED, 0)
    assert spec_change("TBA", "TBA") == Change(Kind.UNCHANGED, 0)
    assert spec_change("2028-05-26", "2028-05-26T20:00+00:00") == Change(Kind.UNCHANGED, 0)


def test_days_moved_is_the_gap_between_windows() -> None:
    assert spec_change("2027-06-25", "2027-06-24") == Change(Kind.MOVED_UP, 1)
    assert spec_change("2026-07-01", "2026-09-01") == Change(Kind.POSTPONED, 62)
    assert spec_change("2027", "2028-01-10") == Change(Kind.POSTPONED, 10)
    assert spec_change("2028-Q2", "2028-06-15") == Change(Kind.NARROWED, 0)
    assert spec_change("2028-Q2", "2028-H2") == Change(Kind.POSTPONED, 1)
    assert spec_change("2028-05", "2028-Q2") == Change(Kind.WIDENED, 0)
    # Overlapping, neither inside the other.
    assert spec_change("2028-H1", "2028-Q2").kind is Kind.NARROWED
    assert spec_change("summer 2028", "2028-Q3") == Change(Kind.SHIFTED_LATER, 0)
    assert spec_change("2028-Q3", "summer 2028") == Change(Kind.SHIFTED_EARLIER, 0)


def test_signed_days() -> None:
    assert Change(Kind.MOVED_UP, 3).signed_days == -3
    assert Change(Kind.POSTPONED, 3).signed_days == 3
    assert change_between((dt.date(2028, 1, 1), dt.date(2028, 1, 1)), (None, None)).days == 0


def test_a_step_recording_another_basis_is_a_rechoice_never_a_move() -> None:
    from release_countdown.core.changes import Kind, Step, changes_along, since_rechosen

    def steps(*pairs: tuple[str, str | None]) -> list[Step]:
        return [Step(parse_date_text(text), basis) for text, basis in pairs]

    found = changes_along(
        steps(
            ("2027-06-25", "US:theatrical"),
            ("2027-07-02", None),  # the same basis (inherited): a move
            ("2027-06-24", "GB:theatrical"),  # another basis: re-chosen, whatever the windows
            ("2027-06-30", "GB:theatrical"),  # the basis in force, said again: a move
            ("2027-06-20", "US:theatrical"),  # back to US: another re-choice
        )
    )
    assert [c.kind for c in found] == [
        Kind.POSTPONED, Kind.RECHOSEN, Kind.POSTPONED, Kind.RECHOSEN,
    ]  # fmt: skip
    assert since_rechosen(found) == 4
    # An unknown basis (an entry written before bases were recorded) re-chosen on purpose.
    legacy = changes_along(steps(("2027-06-25", None), ("2027-06-24", "GB:theatrical")))
    assert [c.kind for c in legacy] == [Kind.RECHOSEN]
    assert since_rechosen(changes_along(steps(("2027", None), ("2027-05", None)))) == 0
