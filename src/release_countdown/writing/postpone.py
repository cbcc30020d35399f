"""`postpone`'s edit: a new date and its announcement in the history (moving up alike)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from release_countdown.core.dates import canonical_date_text, parse_date_text
from release_countdown.core.errors import UsageError
from release_countdown.core.model import Release
from release_countdown.writing.edits import date_value, find_release, release_table
from release_countdown.writing.fields import append_entry as _append_entry
from release_countdown.writing.fields import days_entry
from release_countdown.writing.fields import new_table as _new_table

if TYPE_CHECKING:
    from tomlkit import TOMLDocument


def postpone_release(
    document: TOMLDocument,
    releases: Sequence[Release],
    name: str,
    new_date: str,
    *,
    announced: dt.date,
    note: str | None,
) -> str:
    """Set a new date and record the announcement in the history (moving up works the same)."""
    index = find_release(releases, name)
    release, table = releases[index], release_table(document, index)
    value = date_value(new_date, "NEW_DATE")
    spec = parse_date_text(canonical_date_text(new_date))
    if release.date.iso() == spec.iso():
        raise UsageError(f'"{release.title}" is already dated {release.date.iso()}')
    if spec.latest is not None and announced > spec.latest:
        raise UsageError(
            f"NEW_DATE {spec.iso()} is before the day of the announcement ({announced}); "
            "pass --announced DATE with the day the date was announced"
        )
    latest = max(
        (h.announced.earliest for h in release.history if h.announced and h.announced.earliest),
        default=None,
    )
    todays = (
        None if latest is not None and announced < latest else days_entry(table, release, announced)
    )
    if todays is not None:  # one change a day: that day's entry takes the new date
        todays["date"] = value
        if note:
            todays["note"] = note
    else:
        if not release.history:
            first = _new_table()
            if release.announced is not None:
                first.add("announced", date_value(release.announced.iso()))
            first.add("date", date_value(release.date.iso()))
            _append_entry(table, "history", first)
        entry = _new_table()
        entry.add("announced", announced)
        entry.add("date", value)
        if note:
            entry.add("note", note)
        _append_entry(table, "history", entry)
    if latest is not None and announced < latest:
        # An older announcement, recorded late: the history gains it, the date in force stays.
        return (
            f'recorded that "{release.title}" was announced for {spec.iso()} on {announced}; '
            f"the date in force stays {release.date.iso()} (announced {latest} or later)"
        )
    table["date"] = value
    from release_countdown.core.changes import change_of, gap_words

    change = change_of(release.date, spec)
    return (
        f'{change.kind.value} "{release.title}" from {release.date.iso()} to {spec.iso()}'
        f"{gap_words(change, ', ')} (announced {announced})"
    )
