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
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, get_args

from release_countdown.core.errors import CountdownError
from release_countdown.sources.lists import READERS

if TYPE_CHECKING:
    from release_countdown.core.follow import Follow, InboxEntry
    from release_countdown.core.listrow import ListRow
    from release_countdown.core.model import Release
    from release_countdown.core.record import SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.workflows.list_rows import Resolved
    from release_countdown.writing.change import Change, NewText

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
    followed: tuple[str, ...] = ()  # follows added (a Lidarr artist: its MusicBrainz ref)
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
    follows = new_follows([r for r in rows if r.follow is not None], path, today)
    resolved = resolve_rows([r for r in rows if r.follow is None], where, steps)
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
            records.append((item, _with_own_dates(found, item.row)))
    released = [r for _, r in records if only == "upcoming" and _released(r.date, today)]
    gone = {r.ref for r in released}
    records = [(i, r) for i, r in records if r.ref not in gone]
    done = ListImported(
        len(rows), mode, present=tuple(present),
        released=(*(r.title for r in released), *ended), unresolved=tuple(unresolved),
    )  # fmt: skip
    done = replace(done, followed=tuple(f.ref for f in follows))
    if mode == "inbox":
        proposed = [_proposed(item, record, list_name, today) for item, record in records]
        change = None
        if follows:
            change = change_registry(
                path, with_follows(None, follows), dry_run=dry_run, lock_timeout=lock_timeout,
                snapshot=snapshot,
            )  # fmt: skip
        kept = _to_inbox(inbox, [*proposed, *unresolved], dry_run, lock_timeout)
        return replace(done, proposed=tuple(e for e in proposed if e.ref in kept), change=change)
    adding = [r for _, r in records]

    def entries(document: Any, releases: list[Release]) -> NewText:
        return add_entries(document, releases, adding, today, path)

    change = change_registry(
        path, with_follows(entries, follows), dry_run=dry_run, lock_timeout=lock_timeout,
        snapshot=snapshot,
    )  # fmt: skip
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


def new_follows(rows: Sequence[ListRow], path: Path, today: date) -> list[Follow]:
    """The follows a list's rows ask for (a Lidarr artist: ``musicbrainz:artist/MBID``) that
    the registry at ``path`` does not have yet, each named after the row's title (a free
    name), following album, EP and soundtrack releases from ``today`` on, proposing them."""
    from release_countdown.core.follow import Follow, follow_ref
    from release_countdown.core.matching import free_id
    from release_countdown.workflows.follow import registry_follows
    from release_countdown.workflows.following import ARTIST_TYPES

    held = registry_follows(path)
    refs, names = {f.ref for f in held}, [f.name for f in held]
    found: list[Follow] = []
    for row in rows:
        ref = follow_ref(row.follow or "")
        if ref is None or ref in refs:
            continue
        name = free_id(row.title, "", names)
        kinds = ARTIST_TYPES if ref.startswith("musicbrainz:artist/") else ()
        found.append(Follow(name=name, ref=ref, types=kinds, since=today))
        refs.add(ref)
        names.append(name)
    return found


def with_follows(
    entries: Callable[[Any, list[Release]], NewText] | None, follows: Sequence[Follow]
) -> Callable[[Any, list[Release]], NewText]:
    """A registry edit: ``entries`` (import's), then ``follows`` added to the follows part
    of the file (writing/follows.add_follow), in the same write."""
    import tomlkit

    from release_countdown.writing.change import NewText
    from release_countdown.writing.follows import add_follow, on_follows

    def edit(document: Any, releases: list[Release]) -> NewText:
        first = entries(document, releases) if entries is not None else None
        if not follows:
            assert first is not None
            return first
        current = tomlkit.parse(first.text) if first is not None else document
        added = on_follows(lambda d: [add_follow(d, f) for f in follows], "; ".join)
        second = added(current, releases)
        said = "; ".join(m for m in (first.message if first else "", second.message) if m)
        return NewText(said, second.text, first.result if first is not None else None)

    return edit


def _with_own_dates(record: SourceRecord, row: ListRow) -> SourceRecord:
    """``record`` with the typed dates the list gave (Radarr's theatrical, digital and
    physical) of the region and type its source does not date: the source's own win."""
    held = {(d.region, d.type) for d in record.dates}
    own = tuple(d for d in row.dates if (d.region, d.type) not in held)
    return record._replace(dates=(*record.dates, *own)) if own else record


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
