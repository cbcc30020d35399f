"""Date forms of the registry, and the date math of countdowns.

Pure functions: nothing here reads the clock. ``today`` is always a parameter.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from functools import cache, lru_cache
from typing import Literal, NamedTuple

FORMS_HINT = (
    "expected a TOML date such as 2024-02-02, or one of the strings "
    '"YYYY-MM-DD", "YYYY-MM", "YYYY-Qn", "YYYY-Hn", "early|mid|late YYYY", '
    '"spring|summer|autumn|fall|winter YYYY", "YYYY" or "TBA"'
)


class Precision(str, Enum):
    """How precisely a date is known, finest first."""

    TIME = "time"
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    THIRD = "third"  # early / mid / late YYYY
    HALF = "half"
    YEAR = "year"
    TBA = "tba"


# A precision as rows carry it (the enum's value: JSON, CSV and templates print these words).
PrecisionName = Literal["time", "day", "month", "season", "quarter", "third", "half", "year", "tba"]

# A tuple, not a set: ``in`` compares with ==, so a row's "day" matches Precision.DAY.
EXACT = (Precision.TIME, Precision.DAY)


def is_exact(precision: Precision | str) -> bool:
    """Whether a precision names one day (or one instant): the one "exact" rule."""
    return precision in EXACT


def precision_name(precision: Precision) -> PrecisionName:
    """The word a row carries for ``precision``."""
    return precision.value


class DateFormError(ValueError):
    """A value that is not one of the registry's date forms; the message says what would be."""


class DateSpec(NamedTuple):
    """A possibly fuzzy date: as written, how precise, and the days it may fall on."""

    text: str
    precision: Precision
    earliest: date | None = None
    latest: date | None = None
    instant: datetime | None = None  # only for Precision.TIME

    @property
    def exact(self) -> bool:
        return is_exact(self.precision)

    @property
    def tba(self) -> bool:
        return self.precision is Precision.TBA

    def iso(self) -> str:
        """ISO form for exact days, the instant for times, else the form as written."""
        if self.precision is Precision.DAY and self.earliest is not None:
            return self.earliest.isoformat()
        if self.instant is not None:
            return self.instant.isoformat()
        return self.text


TBA = DateSpec("TBA", Precision.TBA)

_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER = re.compile(r"(\d{4})-q(\d+)")
_HALF = re.compile(r"(\d{4})-h(\d+)")
_WORD_YEAR = re.compile(r"([a-z]+)\s+(\d{4})")
_YEAR = re.compile(r"(\d{4})")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}")


def _year(digits: str, text: str) -> int:
    year = int(digits)
    if year < 1:
        raise DateFormError(f'"{text}": year 0 does not exist; years run from 0001 to 9999')
    return year


def _months(text: str, precision: Precision, year: int, first: int, last: int) -> DateSpec:
    """A span from the first day of month ``first`` to the last day of month ``last``."""
    end_year = year
    if last > 12:  # winter runs into the next year
        end_year, last = year + 1, last - 12
        if end_year > 9999:
            raise DateFormError(f'"{text}" ends in the year 10000; the last supported year is 9999')
    end = date(end_year, last, calendar.monthrange(end_year, last)[1])
    return DateSpec(text, precision, date(year, first, 1), end)


@lru_cache(maxsize=1 << 14)
def parse_date_text(text: str) -> DateSpec:
    """Parse one of the string date forms (see ``FORMS_HINT``)."""
    s = " ".join(text.strip().lower().split())
    if s in ("tba", "tbd"):
        return DateSpec(text, Precision.TBA)
    if m := _DAY.fullmatch(s):
        year = _year(m[1], text)
        try:
            return exact_day(date(year, int(m[2]), int(m[3])), text)
        except ValueError as exc:
            raise DateFormError(f'"{text}" is not a calendar date: {exc}') from None
    if m := _MONTH.fullmatch(s):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise DateFormError(f'"{text}": month {month} is not 1-12')
        return _months(text, Precision.MONTH, _year(m[1], text), month, month)
    if m := _QUARTER.fullmatch(s):
        q = int(m[2])
        if not 1 <= q <= 4:
            raise DateFormError(f'"{text}": quarter Q{q} does not exist (Q1-Q4)')
        return _months(text, Precision.QUARTER, _year(m[1], text), 3 * q - 2, 3 * q)
    if m := _HALF.fullmatch(s):
        h = int(m[2])
        if not 1 <= h <= 2:
            raise DateFormError(f'"{text}": half H{h} does not exist (H1 or H2)')
        return _months(text, Precision.HALF, _year(m[1], text), 6 * h - 5, 6 * h)
    if m := _WORD_YEAR.fullmatch(s):
        word, year = m[1], _year(m[2], text)
        if word in _PARTS:
            return _months(text, Precision.THIRD, year, *_PARTS[word])
        if word in _SEASONS:
            return _months(text, Precision.SEASON, year, *_SEASONS[word])
        if word == "winter":  # meteorological: December of YYYY to February of YYYY+1
            return _months(text, Precision.SEASON, year, 12, 14)
        if word in _MONTHS:
            raise DateFormError(
                f'"{text}" is not one of the registry\'s forms: write "{canonical_date_text(text)}"'
            )
        raise DateFormError(
            f'"{text}": unknown word "{word}" '
            "(use early, mid, late, spring, summer, autumn, fall or winter)"
        )
    if m := _YEAR.fullmatch(s):
        return _months(text, Precision.YEAR, _year(m[1], text), 1, 12)
    if _DATETIME.match(s):
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError as exc:
            raise DateFormError(f'"{text}" is not a valid date and time: {exc}') from None
        return exact_time(moment, text.strip())
    canonical = canonical_date_text(text)
    if canonical != text:
        raise DateFormError(f'"{text}" is not one of the registry\'s forms: write "{canonical}"')
    raise DateFormError(f'"{text}" is not a date ({FORMS_HINT})')


# --- common phrasings, accepted on the command line and written in the canonical form -------

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))


# Compiled at their first use: the month alternations cost about 2 ms, which a run that only
# reads a registry (every `list`) never needs.
@cache
def _phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    return (
        (re.compile(r"([qh])([1-4])[\s,/-]+(\d{4})"), "{3}-{1}{2}"),  # Q4 2027, H2-2027
        (re.compile(r"(\d{4})[\s,/]+([qh])([1-4])"), "{1}-{2}{3}"),  # 2027 Q4
        (re.compile(rf"({_MONTH_WORD})\.?[\s,/-]+(\d{{4}})"), "month"),  # December 2027, Dec. 2027
        (re.compile(rf"(\d{{4}})[\s,/-]+({_MONTH_WORD})\.?"), "year month"),  # 2027 December
        (re.compile(rf"({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})"), "mdy"),
        (re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_WORD})\.?,?\s+(\d{{4}})"), "dmy"),
    )


@cache
def _no_year() -> re.Pattern[str]:
    return re.compile(
        rf"(?:{_MONTH_WORD})\.?|[qh][1-4]|early|mid|late|spring|summer|autumn|fall|winter"
    )


def canonical_date_text(text: str) -> str:
    """The registry's form of a common phrasing: "Q4 2027" and "2027 Q4" -> "2027-Q4",
    "December 2027" and "Dec 2027" -> "2027-12", "H2 2027" -> "2027-H2", "18 December 2027"
    -> "2027-12-18"; anything else is returned as it was given (spaces tidied).

    A month, quarter, half or season without a year is a DateFormError suggesting the form.
    """
    s = " ".join(text.strip().lower().split())
    for pattern, shape in _phrases():
        m = pattern.fullmatch(s)
        if m is None:
            continue
        if shape == "month":
            return f"{m[2]}-{_MONTHS[m[1]]:02d}"
        if shape == "year month":
            return f"{m[1]}-{_MONTHS[m[2]]:02d}"
        if shape == "mdy":
            return f"{m[3]}-{_MONTHS[m[1]]:02d}-{int(m[2]):02d}"
        if shape == "dmy":
            return f"{m[3]}-{_MONTHS[m[2]]:02d}-{int(m[1]):02d}"
        return shape.format(None, *m.groups()).upper()
    if _no_year().fullmatch(s):
        raise DateFormError(
            f'"{text.strip()}" has no year: add one, e.g. "{text.strip()} YYYY" '
            '("December 2027" is written 2027-12, "Q4 2027" 2027-Q4)'
        )
    return " ".join(text.split())


def exact_day(day: date, text: str | None = None) -> DateSpec:
    if text is None:
        return day_spec(day)
    return DateSpec(text, Precision.DAY, day, day)


@lru_cache(maxsize=1 << 14)
def day_spec(day: date) -> DateSpec:
    return DateSpec(day.isoformat(), Precision.DAY, day, day)


def exact_time(moment: datetime, text: str | None = None, tz: tzinfo | None = None) -> DateSpec:
    """A release that unlocks at an instant; its day is that instant's day in the local zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DateFormError(
            f'"{text or moment.isoformat()}" has no UTC offset: add one '
            "(e.g. 2024-02-02T00:00:00-08:00) or give a date without a time"
        )
    try:
        day = moment.astimezone(tz).date()
    except (OverflowError, ValueError) as exc:
        raise DateFormError(f'"{text or moment.isoformat()}" is out of range: {exc}') from None
    return DateSpec(text or moment.isoformat(), Precision.TIME, day, day, moment)


def days_between(today: date, day: date) -> int:
    """Calendar days from ``today`` to ``day`` (negative when ``day`` is past)."""
    return (day - today).days


# --- durations for --within ---------------------------------------------------------------

_DURATION = re.compile(r"\s*(\d{1,6})\s*([dwmy])\s*", re.IGNORECASE)


def parse_duration(text: str) -> tuple[int, str]:
    """``"90d"`` -> ``(90, "d")``; d and w are days and weeks, m and y calendar months and years."""
    m = _DURATION.fullmatch(text)
    if not m:
        raise ValueError(
            f"{text!r} is not a duration (expected a number and a unit: 30d, 6w, 3m or 1y)"
        )
    return int(m[1]), m[2].lower()


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, on the same day of the month or the month's
    last day (Jan 31 + 1 month = Feb 28 or 29), as dateutil's relativedelta does (a property
    test compares them)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is out of range")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_duration(day: date, amount: int, unit: str) -> date:
    """``day`` moved forward by a duration, clamped to the last representable day."""
    try:
        if unit == "d":
            return day + timedelta(days=amount)
        if unit == "w":
            return day + timedelta(weeks=amount)
        return add_months(day, amount if unit == "m" else 12 * amount)
    except (OverflowError, ValueError):
        return date.max if amount >= 0 else date.min


_RELATIVE = re.compile(r"\s*([+-])\s*(\d{1,6})\s*([dwmy])\s*", re.IGNORECASE)
_NAMED_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
RELATIVE_HINT = "today, tomorrow, yesterday, or a number of days, weeks, months or years from "
RELATIVE_HINT += "today such as +30d, -6w, +3m, -1y"


def relative_offset(text: str) -> tuple[int, str] | None:
    """``"today"``, ``"tomorrow"``, ``"yesterday"``, ``"+30d"``, ``"-1y"``: how far from today
    the day meant is, as ``(amount, unit)`` for ``add_duration``; None for anything else."""
    word = text.strip().lower()
    if word in _NAMED_DAYS:
        return _NAMED_DAYS[word], "d"
    m = _RELATIVE.fullmatch(text)
    if m is None:
        return None
    return int(m[2]) * (-1 if m[1] == "-" else 1), m[3].lower()


# --- countdown words ------------------------------------------------------------------------


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def calendar_delta(start: date, end: date) -> tuple[int, int, int]:
    """Whole years, months and days from ``start`` to ``end`` (``end`` >= ``start``).

    The same answer as dateutil's ``relativedelta(end, start)`` (a test checks it against
    relativedelta over random days), in a tenth of the time: a list of 10,000 titles computes
    thousands of these. Months are counted first, a month on from the 31st being the month's
    last day; the days are what remains.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    # ``start`` moved on by ``months`` lands in ``end``'s month, on ``start.day`` or the
    # month's last day: past ``end`` unless ``end`` is that last day.
    if end.day < start.day and end.day < calendar.monthrange(end.year, end.month)[1]:
        months -= 1
    years, months = divmod(months, 12)
    year, month = divmod(start.month - 1 + years * 12 + months, 12)
    year += start.year
    moved = date(year, month + 1, min(start.day, calendar.monthrange(year, month + 1)[1]))
    return years, months, (end - moved).days


def _rounded(start: date, end: date) -> tuple[int, str]:
    """The distance in its largest unit, rounded to the nearest whole one (for fuzzy windows)."""
    years, months, days = calendar_delta(start, end)
    if years:
        return years + (months >= 6), "year"
    if months:
        return months + (days >= 15), "month"
    return days, "day"


def distance_words(start: date, end: date) -> str:
    """How far apart two days are, the one rule of countdowns both ways (``end`` >= ``start``).

    Under a calendar month: the days ("12 days"). From a month on: whole months, the days
    left over rounded to the nearest month (15 or more round up), said in years and months
    ("1 year, 6 months", "1 year" for 364 days, "2 months").
    """
    years, months, days = calendar_delta(start, end)
    if not years and not months:
        return _plural(days, "day")
    years, months = divmod(years * 12 + months + (days >= 15), 12)
    return ", ".join(_plural(n, unit) for n, unit in ((years, "year"), (months, "month")) if n)


def countdown_words(today: date, spec: DateSpec) -> str:
    """What a person would say about ``spec`` on ``today``: "in 4 days", "released 3 years ago"."""
    return countdown_between(today, spec.earliest, spec.latest)


def countdown_between(today: date, first: date | None, last: date | None) -> str:
    """``countdown_words`` of a window from ``first`` to ``last`` (None: TBA)."""
    if first is None or last is None:
        return "date TBA"
    if today < first:
        if first == last:
            return (
                "tomorrow"
                if days_between(today, first) == 1
                else f"in {distance_words(today, first)}"
            )
        (low, low_unit), (high, high_unit) = _rounded(today, first), _rounded(today, last)
        if low_unit != high_unit:
            return f"in {_plural(low, low_unit)} – {_plural(high, high_unit)}"
        if low == high:
            return f"in about {_plural(low, low_unit)}"
        return f"in {low}–{_plural(high, high_unit)}"
    if today > last:
        if days_between(last, today) == 1:
            return "released yesterday"
        return f"released {distance_words(last, today)} ago"
    if first == last:
        return "today"
    if today == last:
        return "due, window ends today"
    return f"due, window ends in {distance_words(today, last)}"
