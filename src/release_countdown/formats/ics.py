"""Calendar export: rows to an iCalendar file (RFC 5545), built with the icalendar library."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any, Final, NamedTuple

from release_countdown import __version__
from release_countdown.core.dates import is_exact
from release_countdown.core.model import WORLDWIDE
from release_countdown.core.rows import DateRow, Row

UID_DOMAIN: Final = "release-countdown"
# A reminder of an all-day event rings at this hour of the day it names (local time), not at
# midnight: a relative TRIGGER counts from DTSTART, and a DATE start is the day's first moment
# where the calendar is, so PT9H is 09:00 on the day and -PT15H 09:00 the day before.
ALARM_HOUR: Final = 9


class FuzzyExport(str, Enum):
    """What a calendar does with a fuzzy date ("Q3 2027"): leave it out, or span its window."""

    SKIP = "skip"
    AS_SPAN = "as-span"


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    summary: str
    start: date
    end: date | None  # exclusive, as DTEND of an all-day event; None: one day, no DTEND
    description: str
    url: str | None = None
    categories: tuple[str, ...] = ()  # the kind; a typed date's release type after it


class Skipped(NamedTuple):
    """Dates left out of a calendar: fuzzy (without --fuzzy as-span) and TBA."""

    fuzzy: int = 0
    tba: int = 0

    @property
    def total(self) -> int:
        return self.fuzzy + self.tba

    def words(self) -> str:
        """``"5 skipped: 4 fuzzy, 1 TBA"`` (parts that are zero left out)."""
        parts = [f"{n} {what}" for n, what in ((self.fuzzy, "fuzzy"), (self.tba, "TBA")) if n]
        return f"{self.total} skipped: {', '.join(parts)}"


_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.ASCII)


def first_url(sources: Sequence[str]) -> str | None:
    """The event's URL: the title's first source that is a web address."""
    return next((s for s in sources if _URL.fullmatch(s)), None)


_ICS_CONTROL = {c: 0x2400 + c for c in (*range(0x09), *range(0x0B, 0x20))} | {0x7F: 0x2421}


def ics_text(text: str) -> str:
    """RFC 5545 TEXT may not hold control characters (bar tab and, escaped, newline)."""
    return text.translate(_ICS_CONTROL)


def _uid(release_id: str, region: str | None = None, kind: str | None = None) -> str:
    """Stable across exports: the release id, and the region and type for a typed date."""
    if region is None:
        return f"{release_id}@{UID_DOMAIN}"
    return f"{release_id}.{region.lower()}.{kind}@{UID_DOMAIN}"


def typed_uids(row: Row) -> list[tuple[DateRow, str]]:
    """Each typed date of ``row`` with its UID, ``{id}.{region}.{type}``, and a game's
    platform after it (``….digital.playstation5``, core/platforms.platform_key: one date per
    platform keeps its UID when another moves ahead of it); a second date of one region, type
    and platform (two premieres) is ``…{type}-2``. Numbered over every typed date of the
    row, whatever a calendar leaves out, so no region, filter or option renames an event."""
    from release_countdown.core.platforms import platform_key

    seen: Counter[tuple[str, str]] = Counter()
    found = []
    for typed_date in row.dates:
        platform = typed_date.platform and platform_key(typed_date.platform)
        slot = f"{typed_date.type}.{platform}" if platform else typed_date.type
        seen[typed_date.region, slot] += 1
        number = seen[typed_date.region, slot]
        kind = slot if number == 1 else f"{slot}-{number}"
        found.append((typed_date, _uid(row.id, typed_date.region, kind)))
    return found


def _wanted(typed_date: DateRow, typed: str | None, types: Collection[str]) -> bool:
    """Whether a calendar asked for ``typed_date``: ``typed`` is "all" or a region (whose
    worldwide dates come with it); ``types``, when given, keeps those release types only."""
    if typed is None or (types and typed_date.type not in types):
        return False
    return typed == "all" or typed_date.region in (typed, WORLDWIDE)


def _is_headline(typed_date: DateRow, row: Row) -> bool:
    """Whether the title's own event already shows ``typed_date``: the region's date the row
    stands on (`--region`), or the headline's days seen from one region. A premiere is an
    event of its own (core/standing.py never takes one as a region's date)."""
    same_days = (typed_date.earliest, typed_date.latest) == (row.earliest, row.latest)
    return same_days and typed_date.type != "premiere"


def _description(row: Row) -> str:
    lines = []
    if row.aliases:
        lines.append("Also known as: " + "; ".join(row.aliases))
    for role, names in row.people.items():
        lines.append(f"{role.capitalize()}: {', '.join(names)}")
    if row.note:
        lines.append(row.note)
    lines.extend(row.sources)
    return "\n".join(lines)


def _span(spec: Row | DateRow, fuzzy_as_span: bool) -> tuple[date, date | None] | str:
    """The event's first day and exclusive end, or why there is none: "tba" or "fuzzy"."""
    first, last = spec.earliest, spec.latest
    if first is None or last is None:
        return "tba"
    if not is_exact(spec.precision) and not fuzzy_as_span:
        return "fuzzy"
    if last < date.max:
        return first, last + timedelta(days=1)  # DTEND is exclusive
    # No day follows 9999-12-31 (iCalendar's years have four digits), so DTEND cannot exclude
    # it. One day: no DTEND, which RFC 5545 3.6.1 reads as one day, rather than DURATION:P1D,
    # which names an end that does not exist. A span ends on its last day, one day short.
    return first, (last if first < last else None)


def events(
    rows: Sequence[Row],
    *,
    typed: str | None,
    fuzzy_as_span: bool,
    types: Collection[str] = (),
    unlisted: bool = False,
) -> tuple[list[Event], Skipped]:
    """The all-day events of ``rows`` and the numbers of dates skipped as fuzzy or TBA.

    Each title has one event, ``{id}@release-countdown`` with its title as the summary, on
    the date the title stands on (with a region, that region's). ``typed`` adds the rows'
    typed dates (``"all"``, or a region's and worldwide ones; ``types`` narrows them) as
    events of their own (``typed_uids``), but not the one the title's event already shows,
    and those the source no longer lists only with ``unlisted``.
    """
    found: list[Event] = []
    skipped = {"fuzzy": 0, "tba": 0}
    for row in rows:
        description = _description(row)
        url = first_url(row.sources)
        span = _span(row, fuzzy_as_span)
        if isinstance(span, str):
            skipped[span] += 1
        else:
            found.append(Event(_uid(row.id), row.title, *span, description, url, (row.kind,)))
        for typed_date, uid in typed_uids(row):
            if not _wanted(typed_date, typed, types) or _is_headline(typed_date, row):
                continue
            if typed_date.unlisted is not None and not unlisted:
                continue  # no longer listed by its source (refresh marked it)
            span = _span(typed_date, fuzzy_as_span)
            if isinstance(span, str):
                skipped[span] += 1
                continue
            on = f", {typed_date.platform}" if typed_date.platform else ""
            where = f", {typed_date.where}" if typed_date.where else ""
            summary = f"{row.title} ({typed_date.region} {typed_date.type}{on}{where})"
            categories = (row.kind, typed_date.type)
            found.append(Event(uid, summary, *span, description, url, categories))
    return _unique(found), Skipped(**skipped)


def _unique(found: Sequence[Event]) -> list[Event]:
    """The events with no UID twice (an id that reads like another's typed date, such as
    "argylle.gb.premiere"): a later one gets ``-2``, ``-3``… before the domain."""
    taken: set[str] = set()
    kept: list[Event] = []
    for event in found:
        uid, number = event.uid, 1
        while uid in taken:
            number += 1
            uid = event.uid.replace(f"@{UID_DOMAIN}", f"-{number}@{UID_DOMAIN}")
        taken.add(uid)
        kept.append(event if uid == event.uid else replace(event, uid=uid))
    return kept


def _alarm(event: Event, days: int) -> Any:
    """A VALARM at ``ALARM_HOUR`` o'clock ``days`` before the event's first day: TRIGGER:PT9H
    on the day, -PT15H the day before, -P6DT15H a week before (ACTION:DISPLAY)."""
    import icalendar

    from release_countdown.core.dates import countdown_between

    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(hours=ALARM_HOUR) - timedelta(days=days))
    try:
        when = countdown_between(event.start - timedelta(days=days), event.start, event.start)
    except OverflowError:  # an alarm before year 1
        when = f"in {days} days"
    alarm.add("description", ics_text(f"{event.summary}: {when}"))
    return alarm


def to_ics(found: Sequence[Event], *, stamp: Any, alarms: Sequence[int] = ()) -> bytes:
    """An iCalendar document; ``stamp`` (a UTC datetime) is each event's DTSTAMP. ``alarms``
    (days before) add one VALARM each to every event."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//release-countdown//release-countdown {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Release countdown")
    for event in found:
        vevent = icalendar.Event()
        vevent.add("uid", event.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("summary", ics_text(event.summary))
        vevent.add("dtstart", event.start)
        if event.end is not None:
            vevent.add("dtend", event.end)
        vevent.add("transp", "TRANSPARENT")
        if event.description:
            vevent.add("description", ics_text(event.description))
        if event.url is not None:
            vevent.add("url", event.url)
        if event.categories:
            vevent.add("categories", list(event.categories))
        for days in alarms:
            vevent.add_component(_alarm(event, days))
        calendar.add_component(vevent)
    data: bytes = calendar.to_ical()
    return data


def plural(count: int, what: str) -> str:
    """``"1 title"``, ``"3 events"``."""
    return f"{count} {what}{'s' if count != 1 else ''}"


class Calendar(NamedTuple):
    """An exported calendar: the document, and what went into it."""

    data: bytes
    events: int
    titles: int
    skipped: Skipped

    def summary(self) -> str:
        """``"12 events (9 titles; 5 skipped: 4 fuzzy, 1 TBA)"``."""
        skipped = f"; {self.skipped.words()}" if self.skipped.total else ""
        return f"{plural(self.events, 'event')} ({plural(self.titles, 'title')}{skipped})"


def _touches(event: Event, first: date, last: date) -> bool:
    end = event.end - timedelta(days=1) if event.end is not None else event.start
    return event.start <= last and end >= first


def calendar(
    rows: Sequence[Row],
    *,
    typed: str | None,
    fuzzy_as_span: bool,
    alarms: Sequence[int],
    stamp: Any,
    types: Collection[str] = (),
    within: tuple[date, date] | None = None,
    unlisted: bool = False,
) -> Calendar:
    """The calendar of ``rows``, `export`'s and serve's /calendar.ics alike (see ``events``
    and ``to_ics``); ``within`` (first and last day) keeps the events that touch it."""
    found, skipped = events(
        rows, typed=typed, fuzzy_as_span=fuzzy_as_span, types=types, unlisted=unlisted
    )
    if within is not None:
        found = [e for e in found if _touches(e, *within)]
    return Calendar(to_ics(found, stamp=stamp, alarms=alarms), len(found), len(rows), skipped)
