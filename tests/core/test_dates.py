"""Date forms and date math, with property tests against deliberately simple oracles."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from release_countdown.core.dates import (
    DateFormError,
    Precision,
    add_duration,
    add_months,
    calendar_delta,
    countdown_words,
    days_between,
    exact_day,
    exact_time,
    parse_date_text,
    parse_duration,
)

# --- oracles ----------------------------------------------------------------------------------


def oracle_is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def oracle_month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if oracle_is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def oracle_day_number(day: date) -> int:
    """Days since 0001-01-01, counted by adding whole years and months."""
    total = sum(366 if oracle_is_leap(y) else 365 for y in range(1, day.year))
    total += sum(oracle_month_length(day.year, m) for m in range(1, day.month))
    return total + day.day - 1


def oracle_span(year: int, first_month: int, months: int) -> tuple[date, date]:
    """First day of ``first_month`` to the last day ``months`` months later, walking months."""
    y, m = year, first_month
    for _ in range(months - 1):
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return date(year, first_month, 1), date(y, m, oracle_month_length(y, m))


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
years = st.integers(min_value=1, max_value=9998)


# --- days remaining ---------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=2000)
@given(days, days)
def test_days_between_matches_oracle(today: date, target: date) -> None:
    assert days_between(today, target) == oracle_day_number(target) - oracle_day_number(today)


@pytest.mark.slow
@settings(max_examples=3000)
@given(days, days)
def test_calendar_delta_matches_relativedelta(a: date, b: date) -> None:
    from dateutil.relativedelta import relativedelta

    start, end = min(a, b), max(a, b)
    expected = relativedelta(end, start)
    assert calendar_delta(start, end) == (expected.years, expected.months, expected.days)


@settings(max_examples=2000)
@given(days, st.integers(min_value=-1200, max_value=1200))
def test_add_months_matches_relativedelta(day: date, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    try:
        expected = day + relativedelta(months=months)
    except (OverflowError, ValueError):
        with pytest.raises((OverflowError, ValueError)):
            add_months(day, months)
        return
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-01-31", "2024-02-29", (0, 1, 0)),  # Jan 31 + 1 month is Feb 29
        ("2024-01-31", "2024-03-01", (0, 1, 1)),
        ("2023-01-31", "2023-02-28", (0, 1, 0)),
        ("2024-02-29", "2025-02-28", (1, 0, 0)),
        ("2023-07-08", "2024-06-28", (0, 11, 20)),
        ("2025-12-25", "2025-12-25", (0, 0, 0)),
    ],
)
def test_calendar_delta_month_ends(start: str, end: str, expected: tuple[int, int, int]) -> None:
    assert calendar_delta(date.fromisoformat(start), date.fromisoformat(end)) == expected


@pytest.mark.parametrize(
    ("today", "target", "expected"),
    [
        ("2023-07-08", "2023-07-12", 4),
        ("2023-07-08", "2024-02-02", 209),
        ("2023-07-08", "2024-06-28", 356),
        ("2023-07-08", "2023-08-11", 34),
        ("2024-02-28", "2024-03-01", 2),  # leap year
        ("2023-02-28", "2023-03-01", 1),
        ("2023-12-31", "2024-01-01", 1),
        ("2024-01-01", "2023-12-31", -1),
    ],
)
def test_days_between_known_values(today: str, target: str, expected: int) -> None:
    assert days_between(date.fromisoformat(today), date.fromisoformat(target)) == expected


# --- date forms -------------------------------------------------------------------------------

FORMS = [
    ("2024-02-02", Precision.DAY, "2024-02-02", "2024-02-02"),
    ("2024-02", Precision.MONTH, "2024-02-01", "2024-02-29"),
    ("2023-02", Precision.MONTH, "2023-02-01", "2023-02-28"),
    ("2024-Q1", Precision.QUARTER, "2024-01-01", "2024-03-31"),
    ("2024-q4", Precision.QUARTER, "2024-10-01", "2024-12-31"),
    ("2024-H1", Precision.HALF, "2024-01-01", "2024-06-30"),
    ("2024-H2", Precision.HALF, "2024-07-01", "2024-12-31"),
    ("early 2024", Precision.THIRD, "2024-01-01", "2024-04-30"),
    ("mid 2024", Precision.THIRD, "2024-05-01", "2024-08-31"),
    ("Late 2024", Precision.THIRD, "2024-09-01", "2024-12-31"),
    ("spring 2024", Precision.SEASON, "2024-03-01", "2024-05-31"),
    ("summer 2024", Precision.SEASON, "2024-06-01", "2024-08-31"),
    ("autumn 2024", Precision.SEASON, "2024-09-01", "2024-11-30"),
    ("fall 2024", Precision.SEASON, "2024-09-01", "2024-11-30"),
    ("winter 2023", Precision.SEASON, "2023-12-01", "2024-02-29"),
    ("winter 2024", Precision.SEASON, "2024-12-01", "2025-02-28"),
    ("2024", Precision.YEAR, "2024-01-01", "2024-12-31"),
    ("0001", Precision.YEAR, "0001-01-01", "0001-12-31"),
    ("9999-Q4", Precision.QUARTER, "9999-10-01", "9999-12-31"),
]


@pytest.mark.parametrize(("text", "precision", "earliest", "latest"), FORMS)
def test_date_forms(text: str, precision: Precision, earliest: str, latest: str) -> None:
    spec = parse_date_text(text)
    assert spec.precision is precision
    assert spec.earliest == date.fromisoformat(earliest)
    assert spec.latest == date.fromisoformat(latest)
    assert spec.text == text


@pytest.mark.parametrize("text", ["TBA", "tbd", " TBA "])
def test_tba(text: str) -> None:
    spec = parse_date_text(text)
    assert spec.tba
    assert spec.earliest is None
    assert spec.latest is None


PARTS = {"early": (1, 4), "mid": (5, 4), "late": (9, 4)}
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}


@settings(max_examples=1000)
@given(years, st.sampled_from([*PARTS, *SEASONS]))
def test_word_forms_match_oracle(year: int, word: str) -> None:
    first, months = {**PARTS, **SEASONS}[word]
    spec = parse_date_text(f"{word} {year:04d}")
    assert (spec.earliest, spec.latest) == oracle_span(year, first, months)


@settings(max_examples=1000)
@given(years, st.integers(1, 4), st.integers(1, 2), st.integers(1, 12))
def test_numeric_forms_match_oracle(year: int, quarter: int, half: int, month: int) -> None:
    q = parse_date_text(f"{year:04d}-Q{quarter}")
    assert (q.earliest, q.latest) == oracle_span(year, 3 * quarter - 2, 3)
    h = parse_date_text(f"{year:04d}-H{half}")
    assert (h.earliest, h.latest) == oracle_span(year, 6 * half - 5, 6)
    m = parse_date_text(f"{year:04d}-{month:02d}")
    assert (m.earliest, m.latest) == oracle_span(year, month, 1)
    y = parse_date_text(f"{year:04d}")
    assert (y.earliest, y.latest) == oracle_span(year, 1, 12)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2023-02-29", "day is out of range"),
        ("2023-13-01", "month must be in 1..12"),
        ("2024-Q5", "Q5 does not exist"),
        ("2024-H3", "H3 does not exist"),
        ("2024-13", "month 13 is not 1-12"),
        ("early 20XX", "is not a date"),
        ("soon", "is not a date"),
        ("", "is not a date"),
        ("0000", "year 0 does not exist"),
        ("winter 9999", "year 10000"),
        ("someday 2024", 'unknown word "someday"'),
        ("2024-02-02T10:00:00", "no UTC offset"),
    ],
)
def test_bad_forms_say_what_is_wrong(text: str, fragment: str) -> None:
    with pytest.raises(DateFormError, match=None) as caught:
        parse_date_text(text)
    assert fragment in str(caught.value)


def test_time_precision_uses_the_local_day_of_the_instant() -> None:
    moment = datetime(2024, 2, 2, 0, 0, tzinfo=timezone(timedelta(hours=-8)))
    utc = exact_time(moment, tz=timezone.utc)
    assert utc.precision is Precision.TIME
    assert utc.earliest == date(2024, 2, 2)  # 08:00 UTC
    kiritimati = exact_time(moment, tz=timezone(timedelta(hours=14)))
    assert kiritimati.earliest == date(2024, 2, 2)  # 22:00 local
    pago_pago = exact_time(moment, tz=timezone(timedelta(hours=-11)))
    assert pago_pago.earliest == date(2024, 2, 1)  # 21:00 the day before


def test_time_string_form() -> None:
    spec = parse_date_text("2024-02-02T00:00:00-08:00")
    assert spec.precision is Precision.TIME
    assert spec.iso() == "2024-02-02T00:00:00-08:00"


# --- durations and words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30d", (30, "d")), ("6w", (6, "w")), ("3m", (3, "m")), ("1Y", (1, "y")), (" 0d ", (0, "d"))],
)
def test_parse_duration(text: str, expected: tuple[int, str]) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["3x", "d", "-3d", "1.5m", "", "30"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(text)


def test_add_duration_calendar_months_and_years() -> None:
    assert add_duration(date(2024, 1, 31), 1, "m") == date(2024, 2, 29)
    assert add_duration(date(2024, 2, 29), 1, "y") == date(2025, 2, 28)
    assert add_duration(date(2024, 1, 1), 6, "w") == date(2024, 2, 12)
    assert add_duration(date(9999, 12, 1), 2, "m") == date.max


@pytest.mark.parametrize(
    ("today", "text", "words"),
    [
        ("2023-07-08", "2023-07-12", "in 4 days"),
        ("2023-07-08", "2023-07-09", "tomorrow"),
        ("2023-07-12", "2023-07-12", "today"),
        ("2023-07-13", "2023-07-12", "released yesterday"),
        ("2023-07-08", "2024-09-10", "in 1 year, 2 months"),
        ("2026-11-25", "2023-07-12", "released 3 years, 4 months ago"),
        ("2023-07-08", "2024-07-06", "in 1 year"),  # 364 days, not "11 months, 30 days"
        ("2026-11-25", "2025-05-23", "released 1 year, 6 months ago"),  # 551 days
        ("2023-07-08", "2023-08-07", "in 30 days"),
        ("2023-07-08", "2023-08-08", "in 1 month"),
        ("2023-07-08", "2024-Q1", "in 6–9 months"),
        ("2023-12-20", "2024-Q1", "in 12 days – 3 months"),
        ("2024-01-01", "2025", "in 1–2 years"),
        ("2024-01-01", "2024-02", "in 1–2 months"),
        ("2024-01-01", "2025-H1", "in about 1 year"),
        ("2024-02-01", "2024-Q1", "due, window ends in 2 months"),
        ("2024-03-31", "2024-Q1", "due, window ends today"),
        ("2023-07-08", "TBA", "date TBA"),
    ],
)
def test_countdown_words(today: str, text: str, words: str) -> None:
    assert countdown_words(date.fromisoformat(today), parse_date_text(text)) == words


@settings(max_examples=500)
@given(days, days)
def test_countdown_words_one_rule_both_ways(a: date, b: date) -> None:
    """The words of a distance are the same ahead and behind, and agree with dateutil."""
    from dateutil.relativedelta import relativedelta

    start, end = min(a, b), max(a, b)
    assume(end - start > timedelta(days=1))
    ahead = countdown_words(start, exact_day(end))
    behind = countdown_words(end, exact_day(start))
    assert ahead.startswith("in ")
    words = ahead.removeprefix("in ")
    assert behind == f"released {words} ago"
    exact = relativedelta(end, start)
    said = dict.fromkeys(("year", "month", "day"), 0)
    for part in words.split(", "):
        number, unit = part.split()
        said[unit.removesuffix("s")] = int(number)
        assert (int(number) == 1) == (not unit.endswith("s"))
    assert said["month"] < 12
    if not exact.years and not exact.months:
        assert said == {"year": 0, "month": 0, "day": (end - start).days}
    else:
        assert said["day"] == 0
        # Within half a month of the exact calendar distance.
        months = exact.years * 12 + exact.months + exact.days / 30
        assert abs(said["year"] * 12 + said["month"] - months) <= 0.5
