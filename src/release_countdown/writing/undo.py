"""Undoing countdown's last write to a registry: the edit that puts the journal's bytes back
(writing/journal.py keeps them), through writing/change.change_registry like any write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from release_countdown.core.errors import CountdownError, ExitCode
from release_countdown.writing.change import NewText
from release_countdown.writing.journal import Entry, Undone, before_bytes, before_path, digest


class UndoRefused(CountdownError):
    """The registry changed since the write to undo: undoing it would lose that change."""

    exit_code = ExitCode.REGISTRY


def check_unchanged(registry: Path, entry: Entry, now: bytes) -> None:
    """UndoRefused unless ``now`` (the registry's bytes) are what ``entry``'s write wrote."""
    if digest(now) == entry.sha256_after:
        return
    raise UndoRefused(
        f"{registry} changed since countdown's last write to it ({entry.message}): undoing "
        "that write would lose what changed since, so nothing was written. Look at the "
        f"file; the bytes before that write are kept in {before_path(registry, entry)} "
        "(copy them back by hand if that is what you want)"
    )


def restoring(
    registry: Path, entry: Entry, *, dry_run: bool = False
) -> Callable[[object, object], NewText]:
    """The edit of change_registry that puts back the bytes before ``entry``'s write, refusing
    (UndoRefused) when the file is no longer what that write left."""
    from release_countdown.registry.read import decode_registry, read_registry_bytes

    def edit(document: object, releases: object) -> NewText:
        check_unchanged(registry, entry, read_registry_bytes(registry))  # under the lock
        text = decode_registry(before_bytes(registry, entry), str(registry))
        verb = "would undo" if dry_run else "undid"
        return NewText(f"{verb}: {entry.message}", text, Undone(entry))

    return edit
