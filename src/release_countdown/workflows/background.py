"""`serve --refresh`: the titles due refreshed inside the server process, now and then every
so often, on a thread of their own.

Each round is `refresh --due` (workflows/refresh.py): the same choice of titles and the same
locked write (writing/change.py), so a `countdown refresh` or `edit` run meanwhile waits its
turn, or this round waits for it. The server sees the new file as it sees any edit
(serve/state.py re-reads a registry whose size, mtime or inode changed). A round that fails
(a source down, the registry invalid after a hand edit, the lock held too long, a bug) is a
line in the log; the server keeps serving and the next round tries again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings


def refresh_round(
    path: Path, *, where: SourceSettings, region: str | None, lock_timeout: float, today: date
) -> list[str]:
    """Refresh the titles of ``path`` due ``today``; what a log says of it, a line each."""
    from release_countdown.workflows.refresh import refresh

    found = refresh(
        path, (), where=where, region=region, due=True, today=today, dry_run=False,
        lock_timeout=lock_timeout,
    )  # fmt: skip
    lines = [f"refresh: {t.id}: {line}" for t in found.titles for line in t.told()]
    changed = sum(1 for t in found.titles if t.changes)
    failed = len(found.errors)
    return [
        *lines,
        f"refresh: {len(found.titles)} due, {changed} changed, {failed} failed",
    ]


def refresh_every(
    interval: float,
    round_: Callable[[date], list[str]],
    *,
    today: Callable[[], date],
    stop: threading.Event,
    log: Callable[[str], None],
) -> int:
    """Run ``round_(today())`` now, then every ``interval`` seconds until ``stop`` is set; each
    line it returns, or its failure, goes to ``log``. The number of rounds run."""
    from release_countdown.core.errors import CountdownError, RegistryError

    rounds = 0
    while not stop.is_set():
        rounds += 1
        try:
            lines = round_(today())
        except CountdownError as exc:
            problems = exc.problems if isinstance(exc, RegistryError) else ()
            lines = [f"refresh: {p}" for p in problems if not p.warning]
            lines.append(f"refresh failed: {exc}; serving the registry as it is")
        except Exception as exc:  # a bug in a round never stops the server
            lines = [f"refresh failed unexpectedly: {type(exc).__name__}: {exc}"]
        for line in lines:
            log(line)
        if stop.wait(interval):
            break
    return rounds
