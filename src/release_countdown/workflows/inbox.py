"""The inbox's two ways out: accept (import the titles, each with its follow's origin) and
dismiss (the follow's ``ignore`` gains the refs, so they never come back). Either way the
entries leave the inbox, under its lock, once the registry is written."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from release_countdown.core.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

    from release_countdown.core.follow import InboxEntry
    from release_countdown.sources.config import SourceSettings
    from release_countdown.workflows.import_ import Imported
    from release_countdown.writing.change import Change


@dataclass(frozen=True)
class Accepted:
    entries: tuple[InboxEntry, ...]
    imported: Imported


@dataclass(frozen=True)
class Dismissed:
    entries: tuple[InboxEntry, ...]
    change: Change | None  # the registry's write (None: no follow of theirs is left)


def chosen(inbox: Sequence[InboxEntry], refs: Sequence[str] | None) -> list[InboxEntry]:
    """The entries ``refs`` name (each as listed, or as a web address), every one for None."""
    from release_countdown.sources.refs import parse_ref

    if refs is None:
        return list(inbox)
    by_ref = {e.ref: e for e in inbox}
    found: dict[str, InboxEntry] = {}
    for given in refs:
        ref = given.strip()
        if ref not in by_ref:
            with contextlib.suppress(UsageError):
                ref = str(parse_ref(ref))
        if ref not in by_ref:
            raise NotFoundError(f"{given!r} is not in the inbox (see `countdown inbox`)")
        found[ref] = by_ref[ref]
    return list(found.values())


def accept(
    path: Path,
    refs: Sequence[str] | None,
    *,
    inbox: Path,
    where: SourceSettings,
    today: date,
    dry_run: bool,
    lock_timeout: float,
    region: str | None = None,
) -> Accepted:
    """Import the entries ``refs`` names (all for None) through import's path, linking a
    title typed by hand, each new one with its follow's origin; then drop them from the
    inbox. A failed fetch writes nothing and keeps them. A list's row without a ref (its
    ``reason``) cannot be accepted: named, a UsageError; with --all, it stays."""
    from release_countdown.core.model import ORIGIN_PREFIX
    from release_countdown.sources.refs import Ref
    from release_countdown.workflows.import_ import import_refs
    from release_countdown.workflows.list_rows import entry_record
    from release_countdown.writing.inbox import read_inbox

    entries = chosen(read_inbox(inbox), refs)
    unresolved = [e for e in entries if e.reason is not None]
    if unresolved and refs is not None:
        first = unresolved[0]
        # A reason that names its command (a follow to add, a show's seasons to import) is
        # the way on; the others were not found, and lookup may find them.
        named = "`countdown " in str(first.reason)
        step = "then" if named else "find it with `countdown lookup`, import its ref, then"
        raise UsageError(
            f"{first.ref} ({first.title!r}) has no ref to import: {first.reason}; {step} "
            f"`countdown inbox dismiss {first.ref}`"
        )
    entries = [e for e in entries if e.reason is None]  # --all: those left for a person
    events = [e for e in entries if e.ref.startswith("ics:")]  # a calendar's: no source
    imported = import_refs(
        path, [Ref(*e.ref.split(":", 1)) for e in entries if e not in events], where=where,
        region=region, all_dates=False, today=today, dry_run=dry_run,
        lock_timeout=lock_timeout, own=[entry_record(e) for e in events],
        origins={e.ref: ORIGIN_PREFIX + e.follow for e in entries if e.follow},
    )  # fmt: skip
    if not imported.failed and not dry_run:
        _drop(inbox, [e.ref for e in entries], lock_timeout)
    return Accepted(tuple(entries), imported)


def dismiss(
    path: Path, refs: Sequence[str] | None, *, inbox: Path, dry_run: bool, lock_timeout: float
) -> Dismissed:
    """Add the entries' refs to their follows' ``ignore`` (one write), then drop them from
    the inbox. Entries of a follow no longer in the registry are dropped all the same."""
    from release_countdown.workflows.follow import registry_follows
    from release_countdown.writing.change import change_registry
    from release_countdown.writing.follows import ignore_refs, on_follows
    from release_countdown.writing.inbox import read_inbox

    entries = chosen(read_inbox(inbox), refs)
    names = {f.name for f in registry_follows(path)}
    by_follow: dict[str, list[str]] = {}
    for entry in entries:
        if entry.follow in names:
            by_follow.setdefault(entry.follow, []).append(entry.ref)

    def edit(document: TOMLDocument) -> str:
        said = [m for name, gone in by_follow.items() for m in ignore_refs(document, name, gone)]
        return "; ".join(said) or "nothing to ignore"

    change = None
    if by_follow:
        change = change_registry(path, on_follows(edit), dry_run=dry_run, lock_timeout=lock_timeout)
    if not dry_run:
        _drop(inbox, [e.ref for e in entries], lock_timeout)
    return Dismissed(tuple(entries), change)


def _drop(inbox: Path, refs: Sequence[str], lock_timeout: float) -> None:
    from release_countdown.writing.inbox import inbox_lock, read_inbox, without, write_inbox

    with inbox_lock(inbox, lock_timeout):
        write_inbox(inbox, without(read_inbox(inbox), refs))
