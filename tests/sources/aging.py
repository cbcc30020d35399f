"""Imports recorded on an earlier day: a refresh on the day of an import amends the import's
history entry (one change a day, as edits and postpone do), so tests of a slip across days
move the import's announcement back first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

EARLIER = date(2026, 1, 2)


def recorded_earlier(registry: Path, day: date = EARLIER) -> None:
    """The history entries announced today in ``registry`` announced on ``day`` instead."""
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace(f"announced = {date.today()}", f"announced = {day}"), encoding="utf-8"
    )
