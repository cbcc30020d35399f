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


# Below this width the wait so far is left out and the date goes under the title: the titles
# need the room.
WATCH_NARROW = 60


def watch_table(
    items: Sequence[tuple[Row, datetime, float | None]],
    *,
    now: datetime,
    live: bool = True,
    width: int | None = None,
    plain: bool = False,
) -> Any:
    """One frame of `countdown watch`: each title's time left and its wait so far (a live
    frame says how to stop it; a one-shot frame does not). ``plain`` (a pipe) gives the wait
    as a percentage instead of a bar."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from release_countdown.views.console import safe as _safe

    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        show_edge=False,  # no blank first line, no margin: the layout of the list table
        caption=f"{now:%Y-%m-%d %H:%M:%S}" + (" · Ctrl-C to stop" if live else ""),
        caption_style="dim",
    )
    wide = width is None or width >= WATCH_NARROW
    table.add_column("Title", ratio=3, min_width=10)
    if wide:
        table.add_column("Release", no_wrap=True)
    table.add_column("Time left", justify="right", no_wrap=True)
    if wide:
        table.add_column("Since announced", ratio=1, min_width=10)
    for row, target, done in items:
        left = Text(time_left(row, target, now), style="bold")
        if wide:
            table.add_row(_safe(row.title), Text(row.date), left, wait_cell(done, plain=plain))
        else:  # the date under the title
            title = _safe(row.title).append("\n").append(row.date, style="dim")
            table.add_row(title, left)
    return table


def wait_cell(done: float | None, *, plain: bool) -> Any:
    """How much of the wait has passed: a bar, or in a pipe a percentage ("—": unknown)."""
    from rich.progress_bar import ProgressBar
    from rich.text import Text

    if done is None:
        return Text("—", style="dim")
    if plain:
        return Text(f"{done:.0%}")
    return ProgressBar(total=1.0, completed=done)
