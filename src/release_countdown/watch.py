"""Live countdown arithmetic for `countdown watch` (pure: ``now`` is always passed in)."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from release_countdown.dates import parse_date_text
from release_countdown.query import Row


def target_of(row: Row, tz: tzinfo | None) -> datetime | None:
    """When an exact release happens: its instant, or local midnight starting its day."""
    if row["precision"] == "time":
        return datetime.fromisoformat(row["date"])
    if row["precision"] == "day":
        return datetime.combine(datetime.fromisoformat(row["earliest"]).date(), time(), tz)
    return None


def announced_of(row: Row, tz: tzinfo | None) -> datetime | None:
    """When the title was first announced (local midnight of the earliest day), if known."""
    texts = [row["announced"]] if row["announced"] else []
    texts += [h["announced"] for h in row["history"] if h["announced"]]
    days = []
    for text in texts:
        spec = parse_date_text(text)
        if spec.earliest is not None:
            days.append(spec.earliest)
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
