"""Text and dates from a source, made fit for the registry.

Every text a source gives passes ``text`` (core/text.plain_text: no lone surrogate, no
invisible, control or bidi character, white space collapsed; within the format's limits).
Every date a source gives passes ``date_form``, the one date gate: the registry's own rule
(core/dates.parse_date_text) says whether it is a date; a date it refuses is a SourceError
for that title (exit 4: the registry keeps the date it had), never TBA.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Final

from release_countdown.core.errors import SourceError
from release_countdown.core.model import region_code
from release_countdown.core.text import plain_text
from release_countdown.registry.format import MAX_LONG_TEXT, MAX_SHORT_TEXT

MIN_YEAR: Final = 1000  # TMDB's "0999-…" and Wikidata's year 0 are errors, not releases
_DAY: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# What a source may write: a year, a month or a day (a time after the day is cut off).
_FORM: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# ... and a quarter, for the sources that say one (IGDB's YYYYQ3, Steam's "Q3 2027").
_QUARTER: Final = re.compile(r"[0-9]{4}-Q[1-4]")
_TIME_TAIL: Final = re.compile(r"[T ][0-9:.]*(?:Z|[+-][0-9:]+)?")


def text(value: Any, limit: int = MAX_SHORT_TEXT) -> str | None:
    """A source's string as registry text, or None when it is not a string or is empty."""
    if not isinstance(value, str):
        return None
    words = plain_text(value)
    if not words:
        return None
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def note(value: Any) -> str | None:
    return text(value, MAX_LONG_TEXT)


class RefusedDate(SourceError):
    """A date a source gave that the registry refuses: the title's problem (exit 4)."""


def fits(text: str, *, quarters: bool = False) -> bool:
    """Whether ``text`` has the shape of a date a source may write (a year, a month, a day;
    a quarter too with ``quarters``): what ``date_form`` then checks as a date."""
    return bool(_FORM.fullmatch(text) or (quarters and _QUARTER.fullmatch(text)))


def date_form(value: Any, where: str, *, quarters: bool = False) -> str | None:
    """The date gate: a source's date as the registry's form ("2027", "2027-05",
    "2027-05-07"; "2027-Q3" with ``quarters``), or None when the source gives none (absent,
    null or ""). A time after a
    day is cut off (``"2023-07-12T00:00:00.000Z"`` is 2023-07-12 in every time zone: the
    date part is taken, never converted). Anything else ("2027-13", "0000-00-00",
    "2027-02-30", "99999-01-01", a number) is a RefusedDate naming ``where``
    ("TMDB: tmdb:movie/1: release_date")."""
    from release_countdown.core.dates import DateFormError, parse_date_text

    if value is None or value == "":
        return None
    shown = plain_text(value)[:40] if isinstance(value, str) else type(value).__name__
    if not isinstance(value, str):
        raise RefusedDate(f"{where}: the date is {shown}, not a date; the registry keeps its own")
    text = value.strip()
    tail = _DAY.match(text)
    if tail is not None and _TIME_TAIL.fullmatch(text[tail.end() :]):
        text = text[: tail.end()]
    try:
        if not fits(text, quarters=quarters):
            raise DateFormError("not a year, a month or a day")
        spec = parse_date_text(text)
        if spec.earliest is None or spec.earliest.year < MIN_YEAR:
            raise DateFormError(f"years before {MIN_YEAR} are not release dates")
    except DateFormError as exc:
        reason = str(exc).removeprefix(f'"{text}"').lstrip(" :")
        raise RefusedDate(
            f"{where}: {shown!r} is not a date ({reason}); the registry keeps its own"
        ) from None
    return text


def day(value: Any, where: str) -> date | None:
    """``date_form`` for a field that must be a whole day (a month or a year is refused)."""
    form = date_form(value, where)
    if form is None:
        return None
    if len(form) != 10:
        raise RefusedDate(f"{where}: {form!r} is not a day; the registry keeps its own")
    return date.fromisoformat(form)


def day_or_none(value: Any) -> date | None:
    """``day`` for a search result: a date the gate refuses is shown as none (a search
    writes nothing)."""
    try:
        return day(value, "")
    except RefusedDate:
        return None


def region(value: Any) -> str | None:
    """A source's region as the registry keeps it ("UK" taken as GB), or None."""
    if not isinstance(value, str):
        return None
    try:
        return region_code(value)
    except ValueError:
        return None


def tvdb(value: Any) -> str | None:
    """A series' TheTVDB id as ``[release.ids] tvdb`` keeps it (Sonarr's key: sonarr-list),
    from the number a source gives (TMDB's external_ids.tvdb_id, TVmaze's
    externals.thetvdb); None for anything else."""
    from release_countdown.registry.format import ID_FORMS

    if type(value) is int and ID_FORMS["tvdb"][0].fullmatch(str(value)):
        return str(value)
    return None


def names(values: list[str], limit: int | None = None) -> tuple[str, ...]:
    """Distinct names in order (case-insensitively), at most ``limit``."""
    from release_countdown.core.matching import fold

    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        if fold(value) not in seen:
            seen.add(fold(value))
            kept.append(value)
    return tuple(kept[:limit] if limit is not None else kept)


def unexpected(label: str, ref: str, exc: BaseException) -> SourceError:
    """An answer whose shape is not the documented one."""
    return SourceError(
        f"{label}: {ref}: the answer is not what {label} documents ({type(exc).__name__})"
    )


def date_order(form: str) -> tuple[int, date, date]:
    """How date forms sort (a game's release dates): by the first day each may fall on,
    then the last ("2027-Q3" before "2027-08-15"); TBA after every date."""
    from release_countdown.core.dates import parse_date_text

    spec = parse_date_text(form)
    if spec.earliest is None or spec.latest is None:
        return (1, date.max, date.max)
    return (0, spec.earliest, spec.latest)


def earliest(forms: list[str]) -> str:
    """The earliest of date forms (``date_order``: a game's first release anywhere); TBA
    only when all are, or there are none."""
    return min(forms, key=date_order, default="TBA")
