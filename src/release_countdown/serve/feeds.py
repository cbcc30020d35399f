"""The calendar feed (the events of `countdown export`, in a window of days) and the Atom feed
of changes (postponed, moved up, retitled) and arrivals (what follows brought). Atom is built
with ElementTree, which escapes."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple
from urllib.parse import quote

from release_countdown.core import params
from release_countdown.core.changes import Kind, change_between, gap_words
from release_countdown.core.digest import Digest
from release_countdown.core.model import DATE_TYPES
from release_countdown.core.notices import Alerts, Arrival
from release_countdown.core.params import ParamError
from release_countdown.core.rows import Row
from release_countdown.formats import ics
from release_countdown.formats.notices import arrival_words
from release_countdown.serve.links import Links

FUZZY = ("skip", "as-span")
MAX_DAYS = 3660  # pastDays and futureDays: ten years each way (a wider window is a 400)


@dataclass(frozen=True)
class Window:
    """What /calendar.ics asks for besides the list filters."""

    past_days: int = 7
    future_days: int = 365
    types: tuple[str, ...] = ()
    fuzzy_as_span: bool = False
    alarms: tuple[int, ...] = ()  # days before each event, as `export --alarm`


def _days(name: str, value: str | None, default: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_DAYS:
        raise ParamError(name, f"{value!r} is not a number of days (0 to {MAX_DAYS})")
    return number


WINDOW = ("pastDays", "futureDays", "types", "fuzzy", "alarm")  # what window_of reads


def window_of(
    past: str | None,
    future: str | None,
    types: Sequence[str],
    fuzzy: str | None,
    alarm: str | None = None,
) -> Window:
    """The feed's own parameters, parsed by core/params.py's converters, as `export`'s
    options are (ParamError naming the parameter, for a 400)."""
    alarms: tuple[int, ...] = ()
    if alarm is not None and alarm.strip():
        alarms = params.leads(alarm, "alarm", "an alarm time")
    chosen = tuple(item for value in types for item in params.choices(value, DATE_TYPES, "types"))
    if fuzzy is not None:
        params.one_of(fuzzy, FUZZY, "fuzzy")
    return Window(
        _days("pastDays", past, 7),
        _days("futureDays", future, 365),
        chosen,
        fuzzy == "as-span",
        alarms,
    )


def calendar(
    rows: Sequence[Row], *, today: date, window: Window, region: str | None, stamp: datetime,
    premieres: bool = False,
) -> bytes:  # fmt: skip
    """The feed: export's calendar (the same events and UIDs, built by the same function)
    with the events that touch today - pastDays … today + futureDays.

    Typed dates are added for ``region`` (as `export --region` does), or for every region when
    ``types`` narrows them; ``types`` keeps only typed dates of those types.
    """
    typed = region if region is not None else ("all" if window.types else None)
    if premieres:  # the premieres only (premieres=true): no finale nor other typed date
        typed = None
    first = today - timedelta(days=window.past_days)
    last = today + timedelta(days=window.future_days)
    made = ics.calendar(
        rows,
        typed=typed,
        types=window.types,
        fuzzy_as_span=window.fuzzy_as_span,
        alarms=window.alarms,
        stamp=stamp,
        within=(first, last),
    )
    return made.data


class Change(NamedTuple):
    release_id: str
    number: int  # the history entry's index: stable across reloads while history only grows
    day: date | None
    title: str
    what: str  # a kind of change (core/changes.py), or "retitled"
    text: str


def changes(rows: Sequence[Row]) -> list[Change]:
    """Each history entry that moved a title's date or renamed it, newest first."""
    found: list[Change] = []
    for row in rows:
        steps = [
            (h.date, h.earliest, h.latest, h.title, h.announced, h.change) for h in row.history
        ]
        # The headline moved on without a history entry; a regional date (row.region) is the
        # region in force's choice, not a move of the entry's own date (core/rows.dated_steps).
        if steps and steps[-1][0] != row.date and row.region is None:
            steps.append((row.date, row.earliest, row.latest, None, row.announced, None))
        for number, (before, after) in enumerate(itertools.pairwise(steps), 1):
            day = after[4].earliest if after[4] is not None else None
            if after[3] and before[3] and after[3] != before[3]:
                found.append(
                    Change(row.id, number, day, row.title, "retitled", f"{before[3]} → {after[3]}")
                )
            if after[5] == Kind.RECHOSEN.value:  # the history row's kind (core/changes.py)
                text = f"{before[0]} → {after[0]}"  # the summary says "re-chosen: " first
                found.append(Change(row.id, number, day, row.title, Kind.RECHOSEN.value, text))
                continue
            if before[0] == after[0]:
                continue
            moved = change_between((before[1], before[2]), (after[1], after[2]))
            text = f"{before[0]} → {after[0]}{gap_words(moved, ', ')}"
            found.append(Change(row.id, number, day, row.title, moved.kind.value, text))
    found.sort(key=lambda c: (c.day or date.min, c.release_id, c.number), reverse=True)
    return found


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    """XML 1.0 cannot hold most control characters: they become U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def atom(
    found: Sequence[Change],
    *,
    links: Links,
    updated: datetime,
    arrivals: Sequence[Arrival] = (),
) -> bytes:
    """An Atom 1.0 document (RFC 4287) of ``found``, and of what follows brought
    (``arrivals``, newest first: 'Lorne Balfe: new film "X", TBA'). Its links are ``links``'s:
    a served feed's absolute, a published one's relative to the feed (RFC 4287 resolves them
    against its address); an id must be absolute, so a feed that knows no address of its own
    takes a URN."""
    import xml.etree.ElementTree as ET

    ns = "http://www.w3.org/2005/Atom"
    feed = ET.Element("feed", xmlns=ns)
    ET.SubElement(feed, "title").text = "Release countdown: changes"
    own = links.document("changes.atom")
    ET.SubElement(feed, "id").text = own if links.root else "urn:release-countdown:changes"
    ET.SubElement(feed, "updated").text = updated.isoformat()
    ET.SubElement(feed, "link", rel="self", href=own)
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = "release-countdown"
    for change in found:
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = _text(f"{change.title}: {change.what}")
        what = change.what.replace(" ", "-")
        urn = f"urn:release-countdown:{quote(change.release_id)}:{change.number}:{what}"
        ET.SubElement(entry, "id").text = urn
        day = change.day or updated.date()
        stamp = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        ET.SubElement(entry, "updated").text = stamp.isoformat()
        ET.SubElement(entry, "link", href=links.title(change.release_id))
        ET.SubElement(entry, "summary").text = _text(f"{change.what}: {change.text}")
    for arrival in sorted(arrivals, key=lambda a: (a.seen, a.refs), reverse=True):
        words = arrival_words(arrival.follow, arrival.kind, arrival.title, arrival.date)
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = _text(words)
        ET.SubElement(entry, "id").text = f"urn:release-countdown:new:{quote(arrival.refs[0])}"
        day = arrival.seen
        stamp = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        ET.SubElement(entry, "updated").text = stamp.isoformat()
        ET.SubElement(entry, "link", href=links.search_page(arrival.title))
        ET.SubElement(entry, "summary").text = _text(f"new: {words}")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


class DigestAsked(NamedTuple):
    """What /digest.atom asks for besides the list filters (`notify --digest`'s options)."""

    period: str = "weekly"
    group_by: str = "none"
    leads: tuple[int, ...] = ()  # (): notify's default leads
    alerts: Alerts = Alerts()


def digest_asked(
    period: str | None,
    group_by: str | None,
    on: str | None,
    min_precision: str | None,
    lead: str | None,
) -> DigestAsked:
    """The feed's own parameters, parsed by the converters of notify's options (ParamError
    naming the parameter, for a 400); ``period=none`` is no digest, refused."""
    from release_countdown.core import digest
    from release_countdown.core.digest import DEFAULT_GROUP_BY

    chosen = "weekly" if period is None else digest.digest_period(period, "period", none=False)
    return DigestAsked(
        chosen,
        DEFAULT_GROUP_BY if group_by is None else digest.group_by(group_by, "group_by"),
        () if lead is None else params.leads(lead, "lead"),
        Alerts(
            None if on is None else params.on_kinds(on),
            None if min_precision is None else params.min_precision(min_precision, "min_precision"),
        ),
    )


def digest_atom(digests: Sequence[Digest], *, base: str, today: date) -> bytes:
    """An Atom 1.0 document of ``digests`` (newest first): one entry a period, its id the
    period's (``urn:release-countdown:digest:weekly:2027-W09``), its text the digest's."""
    import xml.etree.ElementTree as ET

    from release_countdown.formats.digest import digest_lines

    ns = "http://www.w3.org/2005/Atom"
    feed = ET.Element("feed", xmlns=ns)
    ET.SubElement(feed, "title").text = "Release countdown: digest"
    ET.SubElement(feed, "id").text = f"{base}digest.atom"
    ET.SubElement(feed, "updated").text = _stamp(digests[0].until if digests else today)
    ET.SubElement(feed, "link", rel="self", href=f"{base}digest.atom")
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = "release-countdown"
    for digest in digests:
        lines = digest_lines(digest)
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "title").text = _text(lines[0])
        urn = f"urn:release-countdown:digest:{digest.period}:{digest.label}"
        ET.SubElement(entry, "id").text = urn
        ET.SubElement(entry, "updated").text = _stamp(digest.until)
        ET.SubElement(entry, "link", href=base)
        ET.SubElement(entry, "content", type="text").text = _text("\n".join(lines[1:]))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _stamp(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).isoformat()
