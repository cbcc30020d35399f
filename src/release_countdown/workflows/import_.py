"""Import: add titles from a source, complete, in `fmt` canonical form, in one write."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from release_countdown.core.errors import CountdownError

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.record import SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.refs import Ref
    from release_countdown.writing.change import Change, NewText


@dataclass(frozen=True)
class Imported:
    present: tuple[tuple[Ref, Release], ...]  # refs already in the registry: not fetched
    failed: tuple[CountdownError, ...]  # fetches that failed: then nothing is written
    change: Change | None  # the write (or the dry run's); None when nothing was written


def import_refs(
    path: Path,
    refs: Sequence[Ref],
    *,
    where: SourceSettings,
    region: str | None,
    all_dates: bool,
    today: date,
    dry_run: bool,
    lock_timeout: float,
    on_present: Callable[[Ref, Release], object] | None = None,
) -> Imported:
    """Fetch the refs not yet in the registry at ``path`` and add each as a new entry where
    `fmt` would put it (checked ``today``). ``on_present`` hears of each ref already there
    before anything is fetched. If any fetch fails, nothing is written."""
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.workflows.fetching import fetch_all, fetch_region
    from release_countdown.writing.change import change_registry, read_snapshot

    snapshot = read_snapshot(path)
    owners = {(key, value): r for r in snapshot.releases for key, value in r.ids.items()}
    present, fresh = [], []
    for ref in dict.fromkeys(refs):
        owner = owners.get((ref.source, ref.ident))
        if owner is None:
            fresh.append(ref)
            continue
        present.append((ref, owner))
        if on_present is not None:
            on_present(ref, owner)
    if not fresh:
        return Imported(tuple(present), (), None)
    options = FetchOptions(region=fetch_region(region), all_dates=all_dates)
    results = fetch_all(where, fresh, options)
    failed = tuple(r for r in results if isinstance(r, CountdownError))
    if failed:
        return Imported(tuple(present), failed, None)
    records = [r for r in results if isinstance(r, SourceRecord)]
    change = change_registry(
        path,
        lambda document, releases: add_entries(document, releases, records, today, path),
        dry_run=dry_run,
        lock_timeout=lock_timeout,
        snapshot=snapshot,
    )
    return Imported(tuple(present), (), change)


def add_entries(
    document: Any,
    releases: Sequence[Release],
    records: Sequence[SourceRecord],
    today: date,
    path: Path,
) -> NewText:
    """The edit of `import`: each record's entry inserted in the text as read, unless a
    release already has one of its ids (imported meanwhile, or from another source)."""
    from release_countdown.registry.load import check_text
    from release_countdown.writing.change import NewText
    from release_countdown.writing.sourced import entry_text, insert_entry

    text: str = document.as_string()
    done: list[str] = []
    current, stale = list(releases), False
    for record in records:
        if stale:  # the entries so far, in file order, for the next one's name and place
            current, stale = check_text(text, str(path))[0], False
        owner, key = _owner(current, record.ids)
        if owner is not None:
            done.append(
                f"{record.ref}: already in the registry as {owner.title!r} (id {owner.id}, "
                f"same {key} id); use `countdown refresh {owner.id}`"
            )
            continue
        block = entry_text(record, current, today)
        new_id = _block_id(block)
        text, stale = insert_entry(text, block, new_id, current), True
        done.append(f'imported "{record.title}" from {record.label} (id {new_id})')
    return NewText("; ".join(done) or "nothing to import", text)


def _block_id(block: str) -> str:
    import tomli

    table = tomli.loads(block)["release"][0]
    return str(table["id"])


def _owner(releases: Sequence[Release], ids: Mapping[str, str]) -> tuple[Release | None, str]:
    """The entry that already has one of ``ids`` (any source's), and which key matched."""
    for release in releases:
        for key, value in ids.items():
            if release.ids.get(key) == value:
                return release, key
    return None, ""
