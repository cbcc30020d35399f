"""Days and dates typed on the command line: parsed once by the option, in the registry's form
("Dec 18, 2026" is stored as 2026-12-18), ambiguous numbers refused, one clock read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from release_countdown.cli import parsers
from release_countdown.core.params import DayArg
from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]
ENTRY = '\n[[release]]\nid = "t"\ntitle = "T"\nkind = "film"\ndate = 2030-01-01\n'


def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text("schema = 1\n" + ENTRY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Dec 18, 2026", "date = 2026-12-18"),
        ("18 December 2026", "date = 2026-12-18"),
        ("2026/12/18", "date = 2026-12-18"),
        ("December 2026", 'date = "2026-12"'),
        ("Q4 2027", 'date = "2027-Q4"'),
    ],
)
def test_add_and_postpone_store_typed_dates_in_the_registry_form(
    tmp_path: Path, typed: str, stored: str
) -> None:
    path = registry(tmp_path)
    added = invoke("add", "New", "--date", typed, "--kind", "film", "-n", "-r", str(path))
    assert added.exit_code == 0, added.stderr
    assert f"+{stored}" in added.stdout
    moved = invoke("postpone", "t", typed, "--announced", "2023-01-01", "-n", "-r", str(path))
    assert moved.exit_code == 0, moved.stderr
    assert f"+{stored}" in moved.stdout


def test_an_ambiguous_date_is_refused_naming_the_option(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("add", "New", "--date", "03/04/2027", "-r", str(path))
    assert result.exit_code == 2
    assert (
        "Invalid value for '--date' / '-d': '03/04/2027' is ambiguous (day/month or "
        "month/day?): write YYYY-MM-DD, e.g. 2027-04-03 or 2027-03-04"
    ) in " ".join(result.stderr.split())
    result = invoke("postpone", "t", "03/04/2027", "-r", str(path))
    assert result.exit_code == 2
    assert "Invalid value for 'NEW_DATE': '03/04/2027' is ambiguous" in result.stderr
    assert path.read_text(encoding="utf-8") == "schema = 1\n" + ENTRY


def test_as_of_takes_a_typed_day() -> None:
    data = str(ROOT / "data" / "releases.toml")
    iso = invoke("list", "--json", "-r", data, "--as-of", "2023-07-08")
    for typed in ("2023/07/08", "July 8, 2023", "8 July 2023"):
        assert invoke("list", "--json", "-r", data, "--as-of", typed).stdout == iso.stdout
    refused = invoke("list", "-r", data, "--as-of", "08/07/2023")
    assert refused.exit_code == 2
    assert "Invalid value for '--as-of': '08/07/2023' is ambiguous" in refused.stderr


class Clock(date):
    reads = 0

    @classmethod
    def today(cls) -> Clock:
        cls.reads += 1
        return cls(2023, 7, 8)


def test_today_of_reads_the_clock_once_and_only_when_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parsers, "date", Clock)
    Clock.reads = 0
    assert parsers.today_of(DayArg("2024-01-01", day=date(2024, 1, 1))) == date(2024, 1, 1)
    assert Clock.reads == 0
    assert parsers.today_of(parsers.DAY("+3d")) == date(2023, 7, 11)
    assert Clock.reads == 1
    assert parsers.today_of(None) == date(2023, 7, 8)
    assert Clock.reads == 2


def test_options_hand_typed_values_to_the_command() -> None:
    """The option's parser returns the value the command uses: nothing parses it again."""
    assert parsers.DAY("tomorrow").on(date(2023, 7, 8)) == date(2023, 7, 9)
    assert parsers.DURATION("2w").after(date(2023, 7, 8)) == date(2023, 7, 22)
    assert parsers.LEADS("1d,2w") == (14, 1)
    assert parsers.ALARMS("0d") == (0,)
    assert parsers.REGION("uk") == "GB"
    assert parsers.choices(("film", "album"))("album,FILM") == ("album", "film")
    assert parsers.DATE_TEXT("Dec 18, 2026") == "2026-12-18"


def test_edit_date_for_takes_a_typed_date(tmp_path: Path) -> None:
    path = registry(tmp_path)
    typed = invoke(
        "edit", "t", "--date-for", "US:theatrical", "Dec 18, 2026", "-n", "-r", str(path)
    )
    assert typed.exit_code == 0, typed.stderr
    assert "2026-12-18" in typed.stdout
    refused = invoke("edit", "t", "--date-for", "US:theatrical", "03/04/2027", "-r", str(path))
    assert refused.exit_code == 2
    assert "Invalid value for '--date-for': '03/04/2027' is ambiguous" in refused.stderr
