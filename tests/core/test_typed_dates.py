"""core/typed_dates.py: dates typed on the command line, the registry's grammar first, then
dateutil (imported only then), never inventing a part the text does not give."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from release_countdown.core.typed_dates import AmbiguousDate, typed_date_text, typed_day

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # the registry's own grammar and phrasings
        ("2026-12-18", "2026-12-18"),
        ("2027-Q1", "2027-Q1"),
        ("late 2027", "late 2027"),
        ("TBA", "TBA"),
        ("Q4 2027", "2027-Q4"),
        ("December 2026", "2026-12"),
        ("18 December 2026", "2026-12-18"),
        # dateutil
        ("Dec 18, 2026", "2026-12-18"),
        ("2026/12/18", "2026-12-18"),
        ("2026.12.18", "2026-12-18"),
        ("Fri 18 Dec 2026", "2026-12-18"),
        ("18th of December 2026", "2026-12-18"),
        ("12/2026", "2026-12"),  # a month stays a month: no day is invented
        ("Dec. of 2026", "2026-12"),
    ],
)
def test_typed_forms_in_the_registry_form(typed: str, stored: str) -> None:
    assert typed_date_text(typed) == stored


@pytest.mark.parametrize(
    "typed", ["soon", "18 December", "Friday", "2026/12/18 10:00", "20261218", "  late  2099x "]
)
def test_what_no_grammar_reads_is_left_for_the_writer(typed: str) -> None:
    assert typed_date_text(typed) == " ".join(typed.split())
    assert typed_day(typed) is None


@pytest.mark.parametrize(
    ("typed", "readings"),
    [
        ("03/04/2027", "2027-04-03 or 2027-03-04"),
        ("13/04/2027", "2027-04-13"),
        ("4.3.2027", "2027-03-04 or 2027-04-03"),
        ("03-04-2027", "2027-04-03 or 2027-03-04"),
    ],
)
def test_day_and_month_first_numbers_are_refused(typed: str, readings: str) -> None:
    with pytest.raises(AmbiguousDate) as caught:
        typed_date_text(typed)
    assert str(caught.value) == (
        f"{typed!r} is ambiguous (day/month or month/day?): write YYYY-MM-DD, e.g. {readings}"
    )


def test_two_digit_years_are_refused() -> None:
    with pytest.raises(AmbiguousDate, match="write YYYY-MM-DD"):
        typed_date_text("03/04/27")


def test_a_day_is_one_day_only() -> None:
    assert typed_day("Dec 18, 2026") == date(2026, 12, 18)
    assert typed_day("18 December 2026") == date(2026, 12, 18)
    assert typed_day("December 2026") is None  # a month, not its first day
    assert typed_day("2027-Q1") is None


def _imports(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "release_countdown", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "COUNTDOWN_NO_CACHE": "1", "HOME": str(ROOT / "nowhere")},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    return result.stderr


def test_dateutil_is_imported_only_for_a_form_it_reads() -> None:
    registry = str(ROOT / "data" / "releases.toml")
    assert "dateutil" not in _imports("list", "--json", "-r", registry)
    fast = _imports("list", "--json", "-r", registry, "--as-of", "18 December 2026")
    assert "dateutil" not in fast
    # the control: the same probe sees dateutil when a form needs it
    assert "dateutil" in _imports("list", "--json", "-r", registry, "--as-of", "2026/12/18")
