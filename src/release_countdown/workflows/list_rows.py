"""A list's rows resolved to source refs, and their records fetched (for `import --from`).

A row's ref: the TMDB id it carries (Trakt); else its IMDb id through TMDB's /find; else its
title and year searched on TMDB, taken only when exactly one answer has the same title
(folded, punctuation ignored; or the same original title) and the same year. Anything else
is unresolved, with the reason. A calendar's event (a row with its own date) is an entry of
its own, with its UID as ``ids.ics``; nothing is looked up for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from release_countdown.core.errors import CountdownError

if TYPE_CHECKING:
    from release_countdown.core.follow import InboxEntry
    from release_countdown.core.listrow import ListRow
    from release_countdown.core.record import Candidate, FetchOptions, SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.workflows.import_list import Steps

CALENDAR_LABEL = "the calendar"  # how the history note of an event's entry names it


class Resolved(NamedTuple):
    row: ListRow
    ref: str | None = None  # "tmdb:movie/603"; None: unresolved, or an event of its own
    reason: str | None = None  # why it is unresolved
    error: CountdownError | None = None  # a lookup that failed: then nothing is written


def resolve_rows(rows: Sequence[ListRow], where: SourceSettings, steps: Steps) -> list[Resolved]:
    """Each row resolved, in order; the lookups run concurrently within TMDB's limits."""
    from release_countdown.workflows.fetching import at_once

    looked = [r for r in rows if _needs_tmdb(r)]
    service = where.service("tmdb") if looked else None  # no key: exit 2 before any request
    steps.begin("resolving", len(rows))

    def one(row: ListRow) -> Resolved:
        try:
            return _resolve(row, service)
        except CountdownError as exc:
            return Resolved(row, error=type(exc)(f"{row.line}: {row.title!r}: {exc}"))
        finally:
            steps.step()

    return [r for r in at_once(one, rows) if isinstance(r, Resolved)]


def _needs_tmdb(row: ListRow) -> bool:
    return row.follow is None and row.date is None and row.uid is None and "tmdb" not in row.ids


def _resolve(row: ListRow, service: Any) -> Resolved:
    from release_countdown.sources import tmdb

    if row.follow is not None:
        return Resolved(
            row, reason=f"to follow, not to import: `countdown follow add {row.follow}`"
        )
    if row.date is not None or row.uid is not None:
        return Resolved(row)  # an event: an entry of its own
    if "tmdb" in row.ids:
        return _importable(row, f"tmdb:{row.ids['tmdb']}")
    for key, external in (("imdb", "imdb_id"), ("tvdb", "tvdb_id")):  # Sonarr's: TheTVDB's
        if key in row.ids and (found := tmdb.find(service, row.ids[key], external)):
            return _importable(row, found[0])
    if row.year is None:
        return Resolved(row, reason=f'no year to tell which TMDB title "{row.title}" is')
    matches = _confident(row, tmdb.lookup(service, row.title, row.kind, row.year))
    named = f'"{row.title}" ({row.year})'
    if not matches:
        return Resolved(row, reason=f"no TMDB match for {named}")
    if len(matches) > 1:
        refs = ", ".join(c.ref for c in matches[:5])
        return Resolved(row, reason=f"{len(matches)} TMDB matches for {named}: {refs}")
    return _importable(row, matches[0].ref)


def _confident(row: ListRow, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates of the row's title (or original title) and year exactly."""
    from release_countdown.core.matching import fold_words

    title = fold_words(row.title)
    return [
        c
        for c in candidates
        if title in (fold_words(c.title), fold_words(c.note or ""))
        and c.date is not None
        and c.date[:4] == str(row.year)
    ]


def _importable(row: ListRow, ref: str) -> Resolved:
    from release_countdown.registry.format import id_of

    source, _, ident = ref.partition(":")
    if id_of(source, ident) is None:
        return Resolved(row, reason=f"{ref} is not a kind of title this version imports yet")
    return Resolved(row, ref=ref)


def fetch_records(
    items: Sequence[Resolved], where: SourceSettings, options: FetchOptions, steps: Steps
) -> Mapping[str, SourceRecord | list[SourceRecord] | CountdownError]:
    """Each item's record by its ref (a show's: a record for each season not yet premiered
    on ``options.since``, as `import` of the show), or the error (naming the item's row) that
    stopped it."""
    from release_countdown.core.errors import SourceError
    from release_countdown.core.seasons import is_show
    from release_countdown.workflows.fetching import SOURCES, at_once, module, prepare_writes

    sources = {str(item.ref).partition(":")[0] for item in items}
    for source in sources - set(SOURCES):
        raise SourceError(f"{source} is not supported yet by this version")
    services = {source: where.service(source) for source in sources}  # exit 2 before any fetch
    steps.begin("fetching", len(items))

    def one(item: Resolved) -> SourceRecord | list[SourceRecord]:
        source, _, ident = str(item.ref).partition(":")
        read = module(source).seasons if is_show(source, ident) else module(source).fetch
        try:
            found: SourceRecord | list[SourceRecord] = read(services[source], ident, options)
        except CountdownError as exc:
            raise type(exc)(f"{item.row.line}: {item.row.title!r}: {exc}") from None
        finally:
            steps.step()
        return found

    results = at_once(one, items, prepare_writes)
    return {item.ref: result for item, result in zip(items, results, strict=True) if item.ref}


def own_record(row: ListRow) -> SourceRecord:
    """The entry of a calendar event, as a record import writes: its title, kind and day,
    its UID as ``ids.ics`` (so the feed imported again finds it)."""
    from release_countdown.core.record import SourceRecord

    uid = row.uid or row.line
    return SourceRecord(
        source="ics", label=CALENDAR_LABEL, ref=f"ics:{uid}", title=row.title, kind=row.kind,
        date=row.date or "TBA", ids={"ics": uid},
    )  # fmt: skip


def entry_record(entry: InboxEntry) -> SourceRecord:
    """The record of an event waiting in the inbox (its ref "ics:UID")."""
    from release_countdown.core.listrow import ListRow

    uid = entry.ref.removeprefix("ics:")
    row = ListRow(line=entry.source or "", title=entry.title, kind=entry.kind, date=entry.date)
    return own_record(row._replace(uid=uid))
