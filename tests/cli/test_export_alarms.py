"""`export --alarm`: VALARMs that a calendar app reads back (icalendar, and khal)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest

from tests.conftest import AS_OF, invoke, khal_in


def test_alarms_parse_back_with_icalendar() -> None:
    result = invoke("export", "--alarm", "7d,1d", "--as-of", AS_OF, "--search", "argylle")
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    (event,) = calendar.walk("VEVENT")
    alarms = event.walk("VALARM")
    assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY", "DISPLAY"]
    nine = timedelta(hours=9)  # all-day: 09:00 on the day named, not midnight
    assert [a.decoded("TRIGGER") for a in alarms] == [nine - timedelta(days=7), nine - timedelta(1)]
    assert [str(a["DESCRIPTION"]) for a in alarms] == ["Argylle: in 7 days", "Argylle: tomorrow"]
    assert b"TRIGGER:-P6DT15H\r\n" in result.stdout_bytes


def test_no_alarm_option_no_alarms() -> None:
    result = invoke("export", "--as-of", AS_OF)
    assert b"VALARM" not in result.stdout_bytes


def test_bad_alarm_is_a_usage_error() -> None:
    result = invoke("export", "--alarm", "tomorrow")
    assert result.exit_code == 2
    assert "'tomorrow' is not an alarm time" in result.stderr


@pytest.mark.slow
def test_alarms_import_into_khal(tmp_path: Path) -> None:
    ics = tmp_path / "releases.ics"
    assert invoke("export", "--alarm", "7d,1d", "--as-of", AS_OF, "-o", str(ics)).exit_code == 0
    khal = khal_in(tmp_path)
    khal("import", "--batch", "-a", "releases", str(ics))
    listed = khal("list", "--format", "{alarm-symbol}{title}", "2024-02-02", "1d")
    assert listed.splitlines()[1:] == [" ⏰Argylle"]  # khal shows the event has alarms
    stored = b"".join(p.read_bytes() for p in (tmp_path / "calendar").glob("*.ics"))
    assert stored.count(b"BEGIN:VALARM") == 2 * stored.count(b"BEGIN:VEVENT")
    assert b"TRIGGER:-P6DT15H" in stored
