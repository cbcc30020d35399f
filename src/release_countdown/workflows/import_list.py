"""`import --from`: a list from elsewhere (sources/lists/) resolved row by row to a source ref
(workflows/list_rows.py), then imported through import's edit (linking, the dry run's diff,
one locked write at the end) or proposed in the inbox. A row that cannot be resolved goes to
the inbox with the reason, never dropped; a failure anywhere writes nothing and names the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, Protocol, get_args

from release_countdown.core.errors import CountdownError
from release_countdown.sources.lists import READERS

if TYPE_CHECKING:
    from release_countdown.core.follow import InboxEntry
    from release_countdown.core.listrow import ListRow
    from release_countdown.core.record import SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.workflows.list_rows import Resolved
    from release_countdown.writing.change import Change

LISTS: Final = tuple(READERS)  # what --from takes
Only = Literal["upcoming", "all"]
ONLY: Final[tuple[Only, ...]] = get_args(Only)
ListMode = Literal["inbox", "add"]
LIST_MODES: Final[tuple[ListMode, ...]] = get_args(ListMode)
INBOX_FROM: Final = 21  # rows: a list this long is proposed in the inbox unless --mode add


class Steps(Protocol):
    """Where a long import says how far it is (the command's progress bar, or nothing)."""

    def begin(self, what: str, total: int) -> None: ...

    def step(self) -> None: ...


class NoSteps:
    def begin(self, what: str, total: int) -> None:
        pass

    def step(self) -> None:
        pass


@dataclass(frozen=True)
class ListImported:
    rows: int  # rows the list gave
    mode: ListMode
    imported: tuple[str, ...] = ()  # titles of the new entries (or the dry run's)
    linked: tuple[str, ...] = ()  # titles linked to an entry typed by hand
    present: tuple[str, ...] = ()  # already in the registry (or the inbox)
    released: tuple[str, ...] = ()  # left out: released (--only upcoming)
    unresolved: tuple[InboxEntry, ...] = ()  # to the inbox with their reason
    proposed: tuple[InboxEntry, ...] = ()  # resolved, to the inbox (mode inbox)
    failed: tuple[CountdownError, ...] = ()  # then nothing was written
    change: Change | None = None


def read_list(name: str, where: str, settings: SourceSettings) -> list[ListRow]:
    """The rows of the list ``where`` as the reader ``name`` (sources/lists.READERS) reads it."""
    from release_countdown.sources.lists import reader

    return reader(name)(where, settings)


def mode_for(rows: Sequence[ListRow], asked: ListMode | None) -> ListMode:
    """The mode asked for, else inbox for a list of more than 20 rows, else add."""
    return asked or ("inbox" if len(rows) >= INBOX_FROM else "add")


def import_list(
    path: Path,
    rows: Sequence[ListRow],
    *,
    list_name: str,
    where: SourceSettings,
    inbox: Path,
    today: date,
    mode: ListMode,
    only: Only = "upcoming",
    region: str | None = None,
    dry_run: bool = False,
    lock_timeout: float,
    steps: Steps | None = None,
) -> ListImported:
    """Resolve ``rows`` (of the list ``list_name``), fetch what is not yet in the registry at
    ``path``, leave out the released (``only``), then write: mode add imports in one locked
    write (import's own edit: linking, canonical places), mode inbox proposes; the rows not
    resolved go to ``inbox`` with their reason. Any failure writes nothing (``failed``);
    ``dry_run`` writes nothing either (the change still shows its diff)."""
    from release_countdown.core.record import FetchOptions
    from release_countdown.workflows.fetching import fetch_region
    from release_countdown.workflows.follow import known_refs
    from release_countdown.workflows.import_ import add_entries
    from release_countdown.workflows.list_rows import fetch_records, own_record, resolve_rows
    from release_countdown.writing.change import change_registry, read_snapshot
    from release_countdown.writing.inbox import read_inbox

    steps = steps or NoSteps()
    snapshot = read_snapshot(path)
    resolved = resolve_rows(rows, where, steps)
    failed = tuple(r.error for r in resolved if r.error is not None)
    if failed:
        return ListImported(len(rows), mode, failed=failed)
    known = known_refs(snapshot.releases)
    known |= {e.ref for e in read_inbox(inbox)} if mode == "inbox" else set()
    unresolved = [_unresolved(r, list_name, today) for r in resolved if r.reason is not None]
    present: list[str] = []
    fresh: dict[str, Resolved] = {}  # by ref: each title once
    for item in resolved:
        if item.reason is not None:
            continue
        ref = item.ref or own_record(item.row).ref
        if ref in known:
            present.append(item.row.title)
        else:
            fresh.setdefault(ref, item)
    options = FetchOptions(region=fetch_region(region), since=today)
    fetched = fetch_records([r for r in fresh.values() if r.ref], where, options, steps)
    failed = tuple(r for r in fetched.values() if isinstance(r, CountdownError))
    if failed:
        return ListImported(len(rows), mode, present=tuple(present), failed=failed)
    records: list[tuple[Resolved, SourceRecord]] = []
    ended: list[str] = []  # shows with no season to come: released, as far as a list goes
    for ref, item in fresh.items():
        found = fetched[ref] if item.ref else own_record(item.row)
        if isinstance(found, list):  # a show: its seasons to come, each an entry
            records += [(item, season) for season in found]
            ended += [] if found else [item.row.title]
        elif not isinstance(found, CountdownError):
            records.append((item, found))
    released = [r for _, r in records if only == "upcoming" and _released(r.date, today)]
    gone = {r.ref for r in released}
    records = [(i, r) for i, r in records if r.ref not in gone]
    done = ListImported(
        len(rows), mode, present=tuple(present),
        released=(*(r.title for r in released), *ended), unresolved=tuple(unresolved),
    )  # fmt: skip
    if mode == "inbox":
        proposed = [_proposed(item, record, list_name, today) for item, record in records]
        kept = _to_inbox(inbox, [*proposed, *unresolved], dry_run, lock_timeout)
        return replace(done, proposed=tuple(e for e in proposed if e.ref in kept))
    adding = [r for _, r in records]
    change = change_registry(
        path,
        lambda document, releases: add_entries(document, releases, adding, today, path),
        dry_run=dry_run,
        lock_timeout=lock_timeout,
        snapshot=snapshot,
    )
    outcome: dict[str, str] = change.result if isinstance(change.result, dict) else {}
    titles: dict[str, tuple[str, ...]] = {}
    for record in adding:
        how = outcome.get(record.ref, "present")
        titles[how] = (*titles.get(how, ()), record.title)
    _to_inbox(inbox, unresolved, dry_run, lock_timeout)
    return replace(
        done, change=change, imported=titles.get("imported", ()), linked=titles.get("linked", ()),
        present=(*done.present, *titles.get("present", ())),
    )  # fmt: skip


def _released(text: str, today: date) -> bool:
    from release_countdown.core.dates import parse_date_text
    from release_countdown.core.standing import status_of

    return status_of(parse_date_text(text), today) == "released"


def _unresolved(item: Resolved, list_name: str, today: date) -> InboxEntry:
    """The inbox entry of a row without a ref: keyed LIST:SLUG (the IMDb id when it has
    one, else its title and year), so that importing the list again does not add it twice."""
    from release_countdown.core.follow import InboxEntry
    from release_countdown.core.matching import slugify

    row = item.row
    key = row.ids.get("imdb") or slugify(f"{row.title} {row.year or ''}") or "untitled"
    return InboxEntry(
        ref=f"{list_name}:{key}", title=row.title, kind=row.kind,
        date=row.date or (str(row.year) if row.year else "TBA"), follow="", seen=today,
        source=f"{list_name} {row.line}", reason=item.reason,
    )  # fmt: skip


def _proposed(item: Resolved, record: SourceRecord, list_name: str, today: date) -> InboxEntry:
    from release_countdown.core.follow import InboxEntry

    return InboxEntry(
        ref=record.ref, title=record.title, kind=record.kind, date=record.date, follow="",
        seen=today, source=f"{list_name} {item.row.line}",
    )  # fmt: skip


def _to_inbox(
    inbox: Path, entries: Sequence[InboxEntry], dry_run: bool, lock_timeout: float
) -> set[str]:
    """Add ``entries`` to the inbox under its lock; the refs it did not hold yet."""
    from release_countdown.writing.inbox import added, inbox_lock, read_inbox, write_inbox

    if not entries:
        return set()
    if dry_run:
        before = {e.ref for e in read_inbox(inbox)}
        return {e.ref for e in entries} - before
    with inbox_lock(inbox, lock_timeout):
        before_entries = read_inbox(inbox)
        after = added(before_entries, entries)
        write_inbox(inbox, after)
    return {e.ref for e in after[len(before_entries) :]}


Progress = Callable[[str, int], object]
