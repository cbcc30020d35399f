"""Dates as people type them on the command line (`add`, `edit`, `postpone`, `--as-of`), in the
registry's form.

The registry's own grammar comes first (ISO days, "2027-Q1", "late 2027", "TBA", and the
phrasings of ``canonical_date_text``: "Q4 2027", "December 2027", "18 December 2027"); what
it does not know goes to ``dateutil.parser`` ("Dec 18, 2026", "2026/12/18", "Thu 18 Dec
2026"), imported only then, never on the read path. dateutil is asked twice, with two
different defaults, so a part the text does not give is never invented: "December 2026"
stays a month. Numbers with the day and the month first ("03/04/2027") are refused: the
order differs from place to place, and a wrong guess silently moves a release by months.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from release_countdown.core.dates import (
    DateFormError,
    Precision,
    canonical_date_text,
    parse_date_text,
)

# 03/04/2027, 3.4.27, 03-04-2027: day and month (in some order), then the year
_DAY_MONTH_FIRST = re.compile(r"\s*(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})\s*")
# dateutil fills what the text leaves out from these; parts that differ were not given
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2004, 12, 28, 1, 1))


class AmbiguousDate(DateFormError):
    """A numeric date whose day and month could be either way round."""


def _refuse_day_month_first(text: str) -> None:
    m = _DAY_MONTH_FIRST.fullmatch(text)
    if m is None:
        return
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    if len(m[4]) == 2:
        raise AmbiguousDate(
            f"{text.strip()!r} is ambiguous (which number is the day, the month, the year?): "
            "write YYYY-MM-DD"
        )
    readings = []
    for day_, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day_).isoformat())
        except ValueError:
            continue
    shown = " or ".join(dict.fromkeys(readings)) or "YYYY-MM-DD"
    raise AmbiguousDate(
        f"{text.strip()!r} is ambiguous (day/month or month/day?): write YYYY-MM-DD, e.g. {shown}"
    )


def _with_dateutil(text: str) -> str | None:
    """The registry form of what dateutil reads in ``text`` (a day, a month or a year, never
    a part the text does not give); None when it reads no date, or a time of day."""
    if text.strip().isdigit():
        return None  # 20230101, 230101: digits alone are not a typed date here
    from dateutil import parser  # only here: a form the registry's grammar does not know

    try:
        first, second = (parser.parse(text, default=d, yearfirst=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):  # ParserError is a ValueError
        return None
    if first.tzinfo is not None or (first.hour, first.minute) == (second.hour, second.minute):
        return None  # a time of day was given: not a day
    if first.year != second.year:
        return None  # no year: "18 December" is refused by the registry's grammar too
    if first.month != second.month:
        return None  # a year and a day without a month means nothing
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.date().isoformat()


def typed_date_text(text: str) -> str:
    """The registry form of a date as typed ("Dec 18, 2026" -> "2026-12-18", "Q4 2027" ->
    "2027-Q4"); what no grammar reads is returned tidied, for the writer to word the error.
    AmbiguousDate for "03/04/2027"."""
    try:
        canonical = canonical_date_text(text)
        parse_date_text(canonical)
        return canonical
    except DateFormError:
        pass
    _refuse_day_month_first(text)
    found = _with_dateutil(text)
    return found if found is not None else " ".join(text.split())


def typed_day(text: str) -> date | None:
    """The one day a typed date names ("18 December 2026", "2026/12/18"); None when it names
    a span ("December 2026", "2027-Q1"), a time, or no date. AmbiguousDate for "03/04/2027"."""
    try:
        spec = parse_date_text(typed_date_text(text))
    except DateFormError as exc:
        if isinstance(exc, AmbiguousDate):
            raise
        return None
    return spec.earliest if spec.precision is Precision.DAY else None
