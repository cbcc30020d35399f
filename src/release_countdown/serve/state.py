"""The registry a server answers from: re-read when a file's size, mtime or inode changes, or,
checked every few seconds (RECHECK), its content: an edit of the same size whose old mtime was
put back (`cp -p`, `rsync -a`) changes nothing stat can see. When an edit makes it invalid, the
last good registry stays in service with the errors."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from time import monotonic

from release_countdown.core.errors import CountdownError, RegistryError
from release_countdown.registry.merge import Registry

Signature = tuple[tuple[int, int, int] | None, ...]
RECHECK = 3.0  # seconds between two reads of the files' content when stat sees no change


def signature(paths: Sequence[Path]) -> Signature:
    """Size, mtime (ns) and inode of each file; None for one that cannot be read."""
    found: list[tuple[int, int, int] | None] = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            found.append(None)
        else:
            found.append((stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(found)


def digest(paths: Sequence[Path]) -> tuple[str | None, ...]:
    """A hash of each file's content; None for one that cannot be read."""
    found: list[str | None] = []
    for path in paths:
        try:
            with open(path, "rb") as file:
                hashed = hashlib.blake2b()
                while chunk := file.read(1 << 20):
                    hashed.update(chunk)
                found.append(hashed.hexdigest())
        except OSError:
            found.append(None)
    return tuple(found)


def modified(paths: Sequence[Path]) -> datetime:
    """When the registry last changed: the newest file's mtime, UTC, whole seconds (the
    answers' Last-Modified, the calendar's DTSTAMP and the Atom feed's updated)."""
    times = [s[1] for s in signature(paths) if s is not None]
    newest = max(times) // 1_000_000_000 if times else 0
    return datetime.fromtimestamp(newest, tz=timezone.utc)


@dataclass
class Snapshot:
    """What one request sees: a registry, when it was last changed, and current errors."""

    registry: Registry
    modified: datetime  # the newest file's mtime, UTC, whole seconds (Last-Modified)
    errors: tuple[str, ...] = ()
    generation: int = 0


@dataclass
class RegistryState:
    paths: Sequence[Path]
    loader: Callable[[], Registry]
    log: Callable[[str], None] = lambda line: None
    _seen: Signature | None = None
    _content: tuple[str | None, ...] = ()
    _checked: float = 0.0  # monotonic() when the content was last read
    _snapshot: Snapshot | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _modified(self) -> datetime:
        return modified(self.paths)

    def current(self) -> Snapshot:
        """The registry now; the first call raises when there is no good registry at all."""
        seen = signature(self.paths)
        snapshot = self._snapshot
        if snapshot is not None and seen == self._seen and not self._due():
            return snapshot
        with self._lock:
            content: tuple[str | None, ...] | None = None
            if self._snapshot is not None and seen == self._seen:
                if not self._due():
                    return self._snapshot
                self._checked = monotonic()
                content = digest(self.paths)  # read before the registry: an edit is never missed
                if content == self._content:
                    return self._snapshot
                self.log("registry: its content changed (same size and mtime)")
            if content is None:
                content = digest(self.paths)
            try:
                registry = self.loader()
            except CountdownError as exc:
                if self._snapshot is None:
                    raise
                errors = _problems(exc)
                for line in errors:
                    self.log(f"registry: {line}")
                self.log("registry: invalid after an edit; still serving the last good one")
                self._snapshot = Snapshot(
                    self._snapshot.registry,
                    self._snapshot.modified,
                    errors,
                    self._snapshot.generation,
                )
            else:
                generation = self._snapshot.generation + 1 if self._snapshot else 0
                if self._snapshot is not None:
                    self.log(f"registry: re-read ({len(registry.releases)} titles)")
                self._snapshot = Snapshot(registry, self._modified(), (), generation)
            self._seen, self._content, self._checked = seen, content, monotonic()
            return self._snapshot

    def _due(self) -> bool:
        return monotonic() - self._checked >= RECHECK


def _problems(exc: CountdownError) -> tuple[str, ...]:
    if isinstance(exc, RegistryError):
        return tuple(str(p) for p in exc.problems if not p.warning) or (str(exc),)
    return (str(exc),)
