"""iCalendar feeds and files (Muspy, Radarr, Sonarr, Lidarr and any other calendar): each
VEVENT is a row of its own, its SUMMARY the title, its DTSTART the date, its UID kept.

DTSTART is taken as the calendar day written, a DATE or the date part of a DATE-TIME,
never moved into another time zone: a release on "20270507T000000Z" is out on 2027-05-07.
The kind comes from the feed's PRODID where it says whose feed it is (Radarr: films,
Sonarr: series, Lidarr and Muspy: albums), else "other". An event without a UID (RFC 5545
asks for one) is keyed by its title and day instead ("dune-2027-05-07").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from release_countdown.core.errors import UsageError
from release_countdown.core.listrow import ListRow
from release_countdown.sources import clean

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings

# Who made the feed (PRODID, lower case) -> the kind of its titles.
PRODUCERS: Final = {"radarr": "film", "sonarr": "series", "lidarr": "album", "muspy": "album"}
ACCEPT: Final = "text/calendar, */*;q=0.5"


def read(where: str, settings: SourceSettings) -> list[ListRow]:
    from pathlib import PurePath

    if where.lower().startswith(("http://", "https://", "webcal://")):
        data, name = _download(where, settings), "the calendar"
    else:
        from release_countdown.sources.lists.files import file_bytes

        data, name = file_bytes(where), PurePath(where).name
    return rows_of(data, name)


def rows_of(data: bytes, name: str) -> list[ListRow]:
    """The rows of the calendar ``data`` (``name`` says where it came from)."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise UsageError(f"{name}: not an iCalendar file (BEGIN:VCALENDAR …): {exc}") from None
    producer = str(calendar.get("PRODID", "")).lower()
    kind = next((k for who, k in PRODUCERS.items() if who in producer), "other")
    rows = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        uid = clean.text(str(event.get("UID", ""))) or None
        line = f"{name}: event {number}" + (f" (UID {uid})" if uid else "")
        rows.append(_row(event, line, kind, uid))
    return [row for row in rows if row is not None]


def _row(event: Any, line: str, kind: str, uid: str | None) -> ListRow | None:
    import datetime as dt

    title = clean.text(str(event.get("SUMMARY", "")))
    start = event.get("DTSTART")
    if title is None:
        return None
    when = getattr(start, "dt", None)
    if isinstance(when, dt.datetime):
        when = when.date()  # the day as written: no time zone conversion
    if not isinstance(when, dt.date):
        raise UsageError(f"{line}: {title!r} has no DTSTART date")
    date = clean.date_form(when.isoformat(), line)
    if uid is None:  # RFC 5545 asks every event for one; a stable key stands in for it
        from release_countdown.core.matching import slugify

        uid = f"{slugify(title) or 'event'}-{when.isoformat()}"
    return ListRow(line=line, title=title, year=when.year, kind=kind, date=date, uid=uid)


def _download(url: str, settings: SourceSettings) -> bytes:
    from release_countdown.sources.http import Limits, Service

    if url.lower().startswith("webcal://"):  # the same feed, as calendar apps link it
        url = "https://" + url[len("webcal://") :]
    service = Service("calendar", url, Limits(in_flight=1, interval=0.0),
                      headers={"Accept": ACCEPT}, timeout=settings.timeout)  # fmt: skip
    try:
        return service.get_bytes("", {}, "feed")[1]
    finally:
        service.close()
