"""`serve --refresh`: the refresher thread started beside the server (workflows/background.py
does the rounds). Settings, sources and the registry written are read here, on the command's
thread: the rounds run outside the command run, where cli/reading cannot find it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.core.schedule import Every

Stop = Callable[[], None]


def refresher(
    registry: list[Path] | None, every: Every | None, log: Callable[[str], None]
) -> Callable[[], Stop]:
    """What starts refreshing the writable registry (``--registry``'s, else the user's)
    every ``every`` on a daemon thread, and returns what stops it; checked now (no user
    registry, several --registry: exit 2), so before the server listens. ``every`` None:
    a start that starts nothing."""
    if every is None:
        return lambda: lambda: None
    from release_countdown.cli import reading, sourcing
    from release_countdown.views.safe import terminal_safe
    from release_countdown.workflows.background import refresh_every, refresh_round

    path = reading.writable_path(registry)
    found = reading.settings()
    region, lock_timeout = found.region.value, found.lock_timeout.value
    interval, text = every.minutes * 60.0, every.text

    def safe_log(line: str) -> None:  # titles and sources' text reach the log controls shown
        log(terminal_safe(line))

    def start() -> Stop:
        where = sourcing.source_settings()
        stop = threading.Event()

        def round_(today: date) -> list[str]:
            return refresh_round(
                path, where=where, region=region, today=today, lock_timeout=lock_timeout
            )

        def loop() -> None:
            try:
                refresh_every(interval, round_, today=date.today, stop=stop, log=safe_log)
            finally:
                where.close()

        log(f"refresh: the titles due in {path}, now and every {text}")
        threading.Thread(target=loop, name="countdown-refresh", daemon=True).start()
        return stop.set

    return start
