"""Issue 12, section 6: days after today refused by `add`/`edit` and warned about by `check`;
ICS at the end of time."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke


def today() -> date:
    """The clock's day, read when a test runs: never at import, so a run that crosses
    midnight does not compare the commands' today with yesterday's."""
    return date.today()


def tomorrow() -> date:
    return today() + timedelta(days=1)


def next_year_q1() -> str:
    return f"{today().year + 1}-Q1"  # a fuzzy day whose earliest day is after today


def days(text: str) -> str:
    """``text`` with {today}, {tomorrow}, {year} and {next_year} filled in as of now."""
    now = today()
    return text.format(
        today=now.isoformat(),
        tomorrow=tomorrow().isoformat(),
        year=now.year,
        next_year=now.year + 1,
    )


def registry(tmp_path: Path, text: str = "") -> Path:
    path = tmp_path / "reg.toml"
    path.write_text("schema = 1\n" + text, encoding="utf-8")
    return path


# --- add and edit refuse days after today --------------------------------------------------


@pytest.mark.parametrize(
    "announced", ["{tomorrow}", "2999-01-01", "{next_year}-Q1", "late {next_year}"]
)
def test_add_refuses_an_announcement_after_today(tmp_path: Path, announced: str) -> None:
    announced = days(announced)
    path = registry(tmp_path)
    result = invoke("add", "T", "--date", "3000-01-01", "--announced", announced, "-r", str(path))
    assert result.exit_code == 2, result.stderr
    assert "'--announced'" in result.stderr
    assert f"{announced!r} is in the future; an announcement has happened already" in (
        " ".join(result.stderr.split())
    )
    assert path.read_text(encoding="utf-8") == "schema = 1\n"


@pytest.mark.parametrize(
    ("announced", "stored"),
    [
        ("{today}", "{today}"),
        ("{year}", '"{year}"'),  # a window holding today: its first day has been
        ("2020-Q1", '"2020-Q1"'),
    ],
)
def test_add_takes_an_announcement_up_to_today(tmp_path: Path, announced: str, stored: str) -> None:
    announced, stored = days(announced), days(stored)
    path = registry(tmp_path)
    result = invoke("add", "T", "--date", "3000-01-01", "--announced", announced, "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert f"announced = {stored}\n" in path.read_text(encoding="utf-8")


def test_add_still_words_a_bad_announcement_as_before(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("add", "T", "--date", "3000-01-01", "--announced", "soon", "-r", str(path))
    assert result.exit_code == 2
    assert '--announced: "soon" is not a date' in result.stderr


def test_add_refuses_a_check_after_today(tmp_path: Path) -> None:
    path = registry(tmp_path)
    for checked in (tomorrow().isoformat(), "2999-01-01"):
        result = invoke("add", "T", "--date", "2030-01-01", "--checked", checked, "-r", str(path))
        assert result.exit_code == 2, result.stderr
        assert "'--checked'" in result.stderr
        assert f"{checked!r} is in the future" in " ".join(result.stderr.split())
    assert path.read_text(encoding="utf-8") == "schema = 1\n"
    result = invoke("add", "T", "--date", "2030-01-01", "--checked", "today", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert f"checked = {today().isoformat()}\n" in path.read_text(encoding="utf-8")


def test_edit_refuses_a_check_after_today(tmp_path: Path) -> None:
    path = registry(tmp_path, '\n[[release]]\ntitle = "T"\ndate = 2030-01-01\n')
    before = path.read_text(encoding="utf-8")
    for checked in (tomorrow().isoformat(), "2999-01-01"):
        result = invoke("edit", "T", "--checked", checked, "-r", str(path))
        assert result.exit_code == 2, result.stderr
        assert "'--checked'" in result.stderr
        assert f"{checked!r} is in the future" in " ".join(result.stderr.split())
    assert path.read_text(encoding="utf-8") == before
    for checked in ("today", today().isoformat(), "2020-01-01"):
        result = invoke("edit", "T", "--checked", checked, "-r", str(path))
        assert result.exit_code == 0, result.stderr


# --- check warns about days after today, at the key ----------------------------------------


def line_of(text: str, fragment: str, after: str = "") -> int:
    """The 1-based number of the first line holding ``fragment`` after the line ``after``."""
    lines = text.splitlines()
    start = lines.index(after) + 1 if after else 0
    return next(n for n, line in enumerate(lines[start:], start + 1) if fragment in line)


def future_text() -> str:
    return f"""
[[release]]
title = "Later"
date = 3000-01-01
announced = {tomorrow().isoformat()}

[[release]]
title = "Verified Ahead"
date = 2030-01-01
checked = 2999-01-01

[[release]]
title = "Regional"
date = 2030-01-01

[[release.dates]]
region = "US"
type = "theatrical"
date = 2031-01-01
announced = "{next_year_q1()}"

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2031-01-01
announced = 2020-01-01

[[release]]
title = "Slipping"
date = 3000-01-01

# Out of announcement order on purpose: the model sorts history by announcement.
[[release.history]]
announced = 2999-01-01
date = 3000-01-01

[[release.history]]
announced = 2020-01-01
date = 2030-01-01

[[release.history]]
announced = {tomorrow().isoformat()}
date = 2031-01-01

[[release]]
title = "Fine"
date = 2030-01-01
announced = "{today().year}"
checked = {today().isoformat()}
"""


def test_check_warns_about_days_after_today_at_their_keys(tmp_path: Path) -> None:
    path = registry(tmp_path, future_text())
    text = path.read_text(encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.stderr
    day = today().isoformat()
    slipping = 'title = "Slipping"'
    first, third = (
        line_of(text, "announced = 2999-01-01", slipping),
        line_of(text, f"announced = {tomorrow().isoformat()}", slipping),
    )
    assert first < line_of(text, "announced = 2020-01-01", slipping) < third
    expected = [
        f'{path}:{line_of(text, f"announced = {tomorrow().isoformat()}")}:13: warning: release "Later": '
        f'announced "{tomorrow().isoformat()}" is after today ({day}); the title stays hidden '
        "from every view until then",
        f'{path}:{line_of(text, "checked = 2999-01-01")}:11: warning: release "Verified Ahead": '
        f"checked 2999-01-01 is after today ({day}); checked is the day the entry was last "
        "verified",
        f"{path}:{line_of(text, 'announced = ' + chr(34) + next_year_q1())}:13: warning: release "
        f'"Regional": dates #1: announced "{next_year_q1()}" is after today ({day}); this date '
        "is ignored until then",
        f'{path}:{first}:13: warning: release "Slipping": history #1: announced "2999-01-01" is after '
        f"today ({day}); this entry is ignored until then",
        f'{path}:{third}:13: warning: release "Slipping": history #3: announced '
        f'"{tomorrow().isoformat()}" is after today ({day}); this entry is ignored until then',
    ]
    assert result.stderr.splitlines() == [
        *expected,
        f"countdown check: 1 file, 5 titles, 0 errors, {len(expected)} warnings",
    ]
    assert invoke("check", str(path), "--strict").exit_code == 3


def test_check_future_warnings_ignore_as_of(tmp_path: Path) -> None:
    """--as-of looks at the past, where later announcements are normal; the warnings are
    about the clock's today."""
    path = registry(tmp_path, future_text())
    for as_of in ("2020-06-01", "3001-01-01"):
        result = invoke("check", str(path), "--as-of", as_of)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.count("is after today") == 5
        assert f"after today ({today().isoformat()})" in result.stderr


def test_check_with_stale_adds_no_second_warning_for_a_future_check(tmp_path: Path) -> None:
    path = registry(
        tmp_path, '\n[[release]]\ntitle = "T"\ndate = 2030-01-01\nchecked = 2999-01-01\n'
    )
    result = invoke("check", str(path), "--stale", "30d")
    assert result.stderr.count('release "T"') == 1
    assert "1 warning" in result.stderr


def test_check_future_history_in_inline_tables_names_the_file_entry(tmp_path: Path) -> None:
    path = registry(
        tmp_path,
        '\n[[release]]\ntitle = "T"\ndate = 3000-01-01\nhistory = [\n'
        "  { announced = 2999-01-01, date = 3000-01-01 },\n"
        "  { announced = 2020-01-01, date = 2030-01-01 },\n]\n",
    )
    result = invoke("check", str(path))
    assert result.exit_code == 0, result.stderr
    # Inline tables have no line of their own: the warning stands at the `history` key.
    assert f'{path}:6:11: warning: release "T": history #1: announced "2999-01-01"' in result.stderr
    assert "1 warning" in result.stderr


def test_check_future_warnings_follow_an_override(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    base.write_text('[[release]]\ntitle = "T"\ndate = 2030-01-01\n', encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[release]]\ntitle = "Other"\ndate = 2030-01-01\n\n'
        '[[release]]\nid = "t"\ntitle = "T"\noverride = true\ndate = 2031-01-01\n'
        "checked = 2999-01-01\n",
        encoding="utf-8",
    )
    result = invoke("check", str(base), str(mine))
    assert result.exit_code == 0, result.stderr
    assert f'{mine}:10:11: warning: release "T": checked 2999-01-01 is after today' in result.stderr


# --- ICS at the end of time ------------------------------------------------------------------


def ics_events(data: bytes) -> list[Any]:
    import icalendar

    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


END_OF_TIME = (
    '\n[[release]]\ntitle = "Never"\ndate = 9999-12-31\n\n'
    '[[release]]\ntitle = "Nearly Never"\ndate = 9999-12-30\n\n'
    '[[release]]\ntitle = "Soon"\ndate = 2030-01-01\n'
)


def test_ics_event_at_the_end_of_time_has_no_zero_length_dtend(tmp_path: Path) -> None:
    path = registry(tmp_path, END_OF_TIME)
    result = invoke("export", "-r", str(path), "--all")
    assert result.exit_code == 0, result.stderr
    found = {str(e["SUMMARY"]): e for e in ics_events(result.stdout_bytes)}
    never = found["Never"]
    assert never.decoded("DTSTART") == date(9999, 12, 31)
    # RFC 5545 3.6.1: a DATE DTSTART with neither DTEND nor DURATION lasts one day.
    assert "DTEND" not in never
    assert "DURATION" not in never
    assert found["Nearly Never"].decoded("DTEND") == date(9999, 12, 31)
    assert found["Soon"].decoded("DTEND") == date(2030, 1, 2)
    block = result.stdout_bytes.split(b"SUMMARY:Never\r\n")[1].split(b"END:VEVENT")[0]
    assert b"DTSTART;VALUE=DATE:99991231\r\n" in block


def test_ics_span_to_the_end_of_time_keeps_a_positive_length(tmp_path: Path) -> None:
    path = registry(tmp_path, '\n[[release]]\ntitle = "Some Day"\ndate = "9999"\n')
    result = invoke("export", "-r", str(path), "--all", "--fuzzy", "as-span")
    (event,) = ics_events(result.stdout_bytes)
    assert event.decoded("DTSTART") == date(9999, 1, 1)
    assert event.decoded("DTEND") == date(9999, 12, 31)  # its last day cannot be excluded


def khal_import(tmp_path: Path, ics: Path) -> tuple[str, str]:
    """khal's messages on importing ``ics``, and the titles it then lists on 2030-01-01."""
    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[releases]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
    )
    khal = [str(Path(sys.executable).with_name("khal")), "-c", str(config)]
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "UTC"}
    imported = subprocess.run(
        [*khal, "import", "--batch", "-a", "releases", str(ics)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    listed = subprocess.run(
        [*khal, "list", "--format", "{title}", "2030-01-01", "1d"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return imported.stderr, listed.stdout


@pytest.mark.slow
def test_khal_imports_an_export_with_a_title_at_the_end_of_time(tmp_path: Path) -> None:
    path = registry(tmp_path, END_OF_TIME)
    ics = tmp_path / "releases.ics"
    assert invoke("export", "-r", str(path), "--all", "-o", str(ics)).exit_code == 0
    messages, listed = khal_import(tmp_path, ics)
    if "Error when trying to import the event never@release-countdown" in messages:
        # khal (0.14.1) adds a day to every all-day event's start, whatever the file says
        # (no DTEND, DTEND = DTSTART or DURATION:P1D alike), and 9999-12-31 + 1 day overflows
        # Python's date; one such event fails the whole file's import.
        pytest.xfail("khal cannot hold an all-day event on 9999-12-31 (Python date overflow)")
    assert listed.splitlines()[1:] == ["Soon"]
