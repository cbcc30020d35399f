"""The undo journal: every write to a registry keeps the bytes it replaced.

One folder per registry under the state folder (``$XDG_STATE_HOME/release-countdown/undo/``),
named by a hash of the registry's resolved path: ``journal.json`` (the entries, oldest first,
at most ``KEEP``) and one ``<id>.before`` file per entry (the registry's bytes before that
write). An entry also records the SHA-256 of the bytes written, so `undo` can tell whether the
file changed since. Written only by ``keep`` (called once, by writing/change.change_registry,
under the registry's lock, so one writer at a time per journal) and read by ``entries``;
private files through writing/guarded.py (no links followed, mode 0600).

`undo` (writing/undo.py) is itself a write through change_registry: its edit carries
``Undone``, and ``keep`` then drops the entry undone instead of recording a new one (undo is
not journaled: a second `undo` steps one write further back; there is no redo).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final, Protocol

from release_countdown.core.errors import CountdownError, ExitCode

KEEP: Final = 20  # writes kept per registry
_LIMIT: Final = 1 << 30  # bytes read back from a journal file (a registry's own bytes)
_INDEX: Final = "journal.json"
_FORMAT: Final = "release-countdown undo journal"
_BIG: Final = 4000  # lines: a changed middle longer than this is counted, not diffed


@dataclass(frozen=True)
class Entry:
    """One write: what it said, when (the file's modification time after it, ns), the sizes
    before and after, the SHA-256 of the bytes written, and its diff stat."""

    id: str
    message: str
    written_ns: int
    size_before: int
    size_after: int
    sha256_after: str
    added: int
    removed: int


class Change(Protocol):
    """What writing/change.Change tells the journal about a write."""

    @property
    def old(self) -> str: ...
    @property
    def new(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def result(self) -> object: ...


@dataclass(frozen=True)
class Undone:
    """An edit's result marking the write as the undoing of ``entry`` (see ``keep``)."""

    entry: Entry


class JournalError(CountdownError):
    """The journal cannot be read (exit 3, like a corrupt notify state)."""

    exit_code = ExitCode.REGISTRY


def folder_of(registry: Path) -> Path:
    """The journal folder of the registry at ``registry`` (keyed by its resolved path)."""
    from release_countdown.registry.locations import user_state_dir

    key = hashlib.sha256(os.fsencode(registry.resolve())).hexdigest()[:24]
    return user_state_dir() / "undo" / key


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entries(registry: Path) -> list[Entry]:
    """The journal's entries for ``registry``, oldest first ([] when it has none)."""
    from release_countdown.writing.guarded import read_regular

    where = folder_of(registry) / _INDEX
    try:
        raw = read_regular(where, _LIMIT)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise JournalError(f"cannot read the undo journal {where}: {exc}") from None
    try:
        data = json.loads(raw)
        if data.get("format") != _FORMAT:
            raise ValueError("not an undo journal")
        return [Entry(**item) for item in data["entries"]]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise JournalError(
            f"the undo journal {where} is damaged ({exc}); remove its folder "
            f"{where.parent} to start a new one (older writes can then not be undone)"
        ) from None


def before_bytes(registry: Path, entry: Entry) -> bytes:
    """The registry's bytes before the write ``entry`` records."""
    from release_countdown.writing.guarded import read_regular

    where = before_path(registry, entry)
    try:
        return read_regular(where, _LIMIT)
    except OSError as exc:
        raise JournalError(f"cannot read {where} of the undo journal: {exc}") from None


def before_path(registry: Path, entry: Entry) -> Path:
    return folder_of(registry) / f"{entry.id}.before"


def keep(target: Path, old: bytes, new: bytes, change: Change) -> str:
    """Record the write ``change`` of ``new`` over ``old`` at ``target`` (or, when its result
    is an ``Undone``, drop the entry it undid). Called under the registry's lock, after the
    rename. A warning to show ('' when all went well): the write stands either way."""
    try:
        if isinstance(change.result, Undone):
            _drop(target, change.result.entry)
        else:
            _record(target, old, new, change)
    except (OSError, CountdownError) as exc:
        return f"the undo journal was not updated ({exc}); this write cannot be undone"
    return ""


def _record(target: Path, old: bytes, new: bytes, change: Change) -> None:
    from release_countdown.writing.guarded import write_replacing

    folder = folder_of(target)
    folder.parent.parent.mkdir(parents=True, exist_ok=True)  # the state folder
    for private in (folder.parent, folder):  # only the user reads their registries' past
        private.mkdir(mode=0o700, exist_ok=True)
    try:
        kept = entries(target)
    except JournalError:
        kept = []  # a damaged journal is started again rather than stopping every write
    number = int(kept[-1].id) + 1 if kept else 1
    added, removed = diff_stat(change.old, change.new)
    entry = Entry(
        id=f"{number:06d}",
        message=change.message,
        written_ns=os.stat(target).st_mtime_ns,  # the write's own time: no clock read here
        size_before=len(old),
        size_after=len(new),
        sha256_after=digest(new),
        added=added,
        removed=removed,
    )
    write_replacing(before_path(target, entry), old, durable=True)
    kept.append(entry)
    _write(folder, kept[-KEEP:])
    for gone in kept[:-KEEP]:
        before_path(target, gone).unlink(missing_ok=True)


def _drop(target: Path, entry: Entry) -> None:
    folder = folder_of(target)
    kept = [e for e in entries(target) if e.id != entry.id]
    _write(folder, kept)
    before_path(target, entry).unlink(missing_ok=True)


def _write(folder: Path, kept: list[Entry]) -> None:
    from release_countdown.writing.guarded import write_replacing

    data = {"format": _FORMAT, "entries": [asdict(e) for e in kept]}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    write_replacing(folder / _INDEX, text.encode("utf-8"), durable=True)


def diff_stat(old: str, new: str) -> tuple[int, int]:
    """Lines added and removed from ``old`` to ``new`` (git's --stat counts)."""
    import difflib

    from release_countdown.writing.tidy import common_ends

    before, after = old.splitlines(), new.splitlines()
    start, end = common_ends(before, after)
    before, after = before[start : len(before) - end], after[start : len(after) - end]
    if len(before) + len(after) > _BIG:
        return len(after), len(before)
    added = removed = 0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += i2 - i1
            added += j2 - j1
    return added, removed
