"""Live countdown arithmetic for `countdown watch` (pure: ``now`` is always passed in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.rows import Row


def target_of(spec: DateSpec, tz: tzinfo | None) -> datetime | None:
    """When an exact release happens: its instant, or local midnight starting its day."""
    if spec.instant is not None:
        return spec.instant
    if spec.precision is Precision.DAY and spec.earliest is not None:
        return datetime.combine(spec.earliest, time(), tz)
    return None


def announced_of(row: Row, tz: tzinfo | None) -> datetime | None:
    """When the title was first announced (local midnight of the earliest day), if known."""
    specs = [row.announced, *(h.announced for h in row.history)]
    days = [spec.earliest for spec in specs if spec is not None and spec.earliest is not None]
    return datetime.combine(min(days), time(), tz) if days else None


def clock(remaining: timedelta) -> tuple[int, int, int, int]:
    """Days, hours, minutes and seconds of a non-negative duration (whole seconds, rounded up)."""
    total = max(0, int(-(-remaining.total_seconds() // 1)))
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    return days, hours, minutes, seconds


def progress(start: datetime | None, target: datetime, now: datetime) -> float | None:
    """Fraction of the wait from announcement to release that has passed (None if unknown)."""
    if start is None or start >= target:
        return None
    done = (now - start) / (target - start)
    return min(1.0, max(0.0, done))


def time_left(row: Row, target: datetime, now: datetime) -> str:
    """``"3d 04h 05m 06s"``; "now" on the day it happens; "released 6 days ago" after that."""
    if target > now:
        days, hours, minutes, seconds = clock(target - now)
        return f"{days}d {hours:02d}h {minutes:02d}m {seconds:02d}s"
    return row.countdown if row.status == "released" else "now"


def watch_table(
    items: Sequence[tuple[Row, datetime, float | None]], *, now: datetime, live: bool = True
) -> Any:
    """One frame of `countdown watch`: each title's time left and its wait so far (a live
    frame says how to stop it; a one-shot frame does not)."""
    from rich import box
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    from release_countdown.views.console import safe as _safe

    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        caption=f"{now:%Y-%m-%d %H:%M:%S}" + (" · Ctrl-C to stop" if live else ""),
        caption_style="dim",
    )
    table.add_column("Title", ratio=3)
    table.add_column("Release", no_wrap=True)
    table.add_column("Time left", justify="right", no_wrap=True)
    table.add_column("Since announced", ratio=1, min_width=10)
    for row, target, done in items:
        left = time_left(row, target, now)
        bar: Any = (
            Text("—", style="dim") if done is None else ProgressBar(total=1.0, completed=done)
        )
        table.add_row(_safe(row.title), Text(row.date), Text(left, style="bold"), bar)
    return table
