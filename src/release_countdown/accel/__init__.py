"""Optional speed, plugged into the read pipeline at one seam (``load_registry(accel=...)``).

Deleting this package leaves every output the same, only slower: the cache keeps each large
registry's validated releases between runs (cache.py), and the fast path checks well-formed
release tables with fewer tests than the checker (fastpath.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from release_countdown.core.errors import Problem
from release_countdown.core.model import Release

if TYPE_CHECKING:  # the parser is imported when a file is parsed: a cache hit needs none of it
    from release_countdown.registry.parse import QuickCheck

# Smaller files parse about as fast as a cache entry loads: they are never cached.
CACHE_FROM: Final = 64 * 1024


class Speedups:
    """What registry/load.py's ``Accel`` asks for. New cache entries wait in ``pending`` until
    ``flush``, so that a command can answer first and write them after.

    A cache folder that is not the user's alone turns the cache off for the run, with one
    line in ``warnings`` for the command line to show (accel/ prints nothing itself). The
    folder is checked when the cache is first read, so the line is there by the time
    ``load_registry`` returns; a folder that changes before ``flush`` is refused silently.
    """

    def __init__(self, *, cache: bool = True) -> None:
        self.use_cache = cache
        self.pending: list[Callable[[], None]] = []
        self.warnings: list[str] = []

    @property
    def quick(self) -> QuickCheck | None:
        """The fast path, imported when a file is parsed (a cache hit needs none of it)."""
        from release_countdown.accel.fastpath import quick_release

        return quick_release

    def cached(self, path: str, raw: bytes) -> tuple[list[Release], list[Problem]] | None:
        if not self.use_cache or len(raw) < CACHE_FROM:
            return None
        from release_countdown.accel import cache
        from release_countdown.accel.private import Untrusted

        try:
            return cache.load(path, raw)
        except Untrusted as refused:
            self._refuse(refused)
            return None

    def store(
        self, path: str, raw: bytes, releases: Sequence[Release], warnings: Sequence[Problem]
    ) -> None:
        if not self.use_cache or len(raw) < CACHE_FROM:
            return
        self.pending.append(lambda: self._write(path, raw, releases, warnings))

    def _write(
        self, path: str, raw: bytes, releases: Sequence[Release], warnings: Sequence[Problem]
    ) -> None:
        if not self.use_cache:
            return
        from release_countdown.accel import cache
        from release_countdown.accel.private import Untrusted

        try:
            cache.store(path, raw, releases, warnings)
        except Untrusted as refused:
            self._refuse(refused)

    def _refuse(self, refused: Exception) -> None:
        """No cache for the rest of the run, and one line saying why."""
        self.use_cache = False
        self.warnings.append(str(refused))

    def flush(self) -> None:
        """Write the cache entries made so far."""
        jobs, self.pending = self.pending, []
        for job in jobs:
            job()
