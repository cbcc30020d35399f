"""Per-title leads (`lead = [...]`, `edit --lead`) and `notify --on`/`--min-precision` (and
their `[notify]` settings), run day by day with --as-of."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.test_notify import write_config
from tests.conftest import invoke

RELEASE_DAY = date(2027, 3, 10)
TWO = """schema = 1

[[release]]
id = "album"
title = "Album"
date = 2027-03-10
lead = ["3d", "0d"]

[[release]]
id = "film"
title = "Film"
date = 2027-03-10
"""


def daily(registry: Path, first: int, *args: str) -> dict[int, list[str]]:
    """A run a day from ``first`` days before the release day to the day after: the lines
    each run printed, by days before the release."""
    said: dict[int, list[str]] = {}
    for n in range(first, -2, -1):
        day = RELEASE_DAY - timedelta(days=n)
        result = invoke("notify", "-r", str(registry), "--as-of", day.isoformat(), *args)
        assert result.exit_code == 0, result.stderr
        if result.stdout:
            said[n] = result.stdout.splitlines()
    return said


@pytest.fixture
def two(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(TWO, encoding="utf-8")
    return path


def test_a_titles_own_leads_stand_for_the_option(two: Path) -> None:
    assert daily(two, 10, "--lead", "7d,1d") == {
        7: ["reminder  Film  in 7 days (2027-03-10)"],
        3: ["reminder  Album  in 3 days (2027-03-10)"],
        1: ["reminder  Film  tomorrow (2027-03-10)"],
        0: ["released  Album  today (2027-03-10)"],  # 0d: the album's, not the option's
    }


def test_a_titles_own_leads_stand_for_the_setting(two: Path, tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\nlead = ["2d"]\n')
    assert daily(two, 5) == {
        3: ["reminder  Album  in 3 days (2027-03-10)"],
        2: ["reminder  Film  in 2 days (2027-03-10)"],
        0: ["released  Album  today (2027-03-10)"],
    }


def test_a_first_run_names_the_day_of_a_titles_own_lead(two: Path) -> None:
    day = (RELEASE_DAY - timedelta(days=5)).isoformat()
    result = invoke("notify", "-r", str(two), "--as-of", day, "--lead", "1d")
    assert result.stderr.endswith("the next will be sent on 2027-03-07\n")  # the album's 3d


def test_edit_sets_and_clears_a_titles_leads(two: Path) -> None:
    result = invoke("edit", "film", "--lead", "2w,1d", "-r", str(two))
    assert result.exit_code == 0, result.stderr
    assert "film: leads set to 14d, 1d" in result.stderr
    assert 'lead = ["14d", "1d"]' in two.read_text(encoding="utf-8")
    assert daily(two, 15, "--lead", "30d") == {
        14: ["reminder  Film  in 14 days (2027-03-10)"],
        3: ["reminder  Album  in 3 days (2027-03-10)"],
        1: ["reminder  Film  tomorrow (2027-03-10)"],
        0: ["released  Album  today (2027-03-10)"],
    }
    again = invoke("edit", "film", "--lead", "14d,1d", "-r", str(two))
    assert 'nothing to change: "Film" already has leads 14d, 1d' in again.stderr
    cleared = invoke("edit", "album", "--lead", "default", "-r", str(two))
    assert cleared.exit_code == 0, cleared.stderr
    assert "album: leads back to the default" in cleared.stderr
    text = two.read_text(encoding="utf-8")
    assert text.count("lead =") == 1
    assert (
        'nothing to change: "Album" already has the default leads'
        in invoke("edit", "album", "--lead", "default", "-r", str(two)).stderr
    )
    assert two.read_text(encoding="utf-8") == text


def test_edit_refuses_a_bad_lead(two: Path) -> None:
    before = two.read_bytes()
    result = invoke("edit", "film", "--lead", "soon", "-r", str(two))
    assert result.exit_code == 2
    assert "Invalid value for '--lead': 'soon' is not a lead time" in result.stderr
    assert two.read_bytes() == before


def test_fmt_places_lead_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "reg.toml"
    path.write_text(
        'schema = 1\n\n[[release]]\nlead = ["1d", "30d"]\nnote = "n"\ntitle = "A"\n'
        "date = 2027-01-01\n",
        encoding="utf-8",
    )
    assert invoke("fmt", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == (
        'schema = 1\n\n[[release]]\ntitle = "A"\ndate = 2027-01-01\nnote = "n"\n'
        'lead = ["1d", "30d"]\n'
    )
    assert invoke("fmt", "--check", str(path)).exit_code == 0


# --- --on and --min-precision -------------------------------------------------------------

# The same title on each day a run sees it: a year, then a quarter, then a day; postponed.
STEPS = {0: "2027", 2: "2027-Q1", 4: "TBA", 6: "2027-03", 8: "2027-03-09", 10: "2027-03-10"}


def evolving(tmp_path: Path, *args: str) -> list[str]:
    """Runs on twelve days while the date changes as STEPS says; every line printed."""
    path = tmp_path / "reg.toml"
    start = RELEASE_DAY - timedelta(days=11)
    lines: list[str] = []
    for n in range(12):
        if n in STEPS:
            path.write_text(
                f'schema = 1\n\n[[release]]\nid = "x"\ntitle = "X"\ndate = "{STEPS[n]}"\n',
                encoding="utf-8",
            )
        day = (start + timedelta(days=n)).isoformat()
        result = invoke("notify", "-r", str(path), "--as-of", day, "--lead", "1d,0d", *args)
        assert result.exit_code == 0, result.stderr
        lines += [f"{day} {line}" for line in result.stdout.splitlines()]
    return lines


def test_every_notice_by_default(tmp_path: Path) -> None:
    assert evolving(tmp_path) == [
        "2027-03-01 changed   X  narrowed from 2027 to 2027-Q1 (due, window ends in 30 days)",
        "2027-03-03 changed   X  undated from 2027-Q1 to TBA (date TBA)",
        "2027-03-05 changed   X  dated from TBA to 2027-03 (due, window ends in 26 days)",
        "2027-03-07 changed   X  narrowed from 2027-03 to 2027-03-09 (in 2 days)",
        "2027-03-08 reminder  X  tomorrow (2027-03-09)",
        "2027-03-09 changed   X  postponed from 2027-03-09 to 2027-03-10 (tomorrow)",
        "2027-03-10 released  X  today (2027-03-10)",
    ]


def test_the_issues_example_tells_only_known_or_exact_dates_and_the_day(tmp_path: Path) -> None:
    assert evolving(tmp_path, "--on", "dated,narrowed,released", "--min-precision", "day") == [
        "2027-03-07 changed   X  narrowed from 2027-03 to 2027-03-09 (in 2 days)",
        "2027-03-10 released  X  today (2027-03-10)",
    ]


def test_a_change_left_out_lets_its_reminder_go(tmp_path: Path) -> None:
    assert evolving(tmp_path, "--on", "reminder,moved-up") == [
        "2027-03-08 reminder  X  tomorrow (2027-03-09)",
        "2027-03-09 reminder  X  tomorrow (2027-03-10)",  # the postpone said nothing
    ]


def test_settings_choose_and_options_win(tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\non = ["undated", "released"]\nmin_precision = "month"\n')
    assert evolving(tmp_path) == [
        "2027-03-10 released  X  today (2027-03-10)",  # TBA is vaguer than a month
    ]
    shown = invoke("config", "--json")
    settings = json.loads(shown.stdout)["settings"]
    assert settings["notify.on"]["value"] == ["undated", "released"]
    assert settings["notify.min_precision"]["value"] == "month"


def test_options_win_over_settings(tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\non = "released"\nmin_precision = "day"\n')
    assert evolving(tmp_path, "--on", "undated", "--min-precision", "year") == []
    (tmp_path / "b").mkdir()
    assert evolving(tmp_path / "b", "--on", "dated,undated") == []  # still day from the file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "moved-upp"), "Invalid value for '--on': 'moved-upp' is not one of new,"),
        (("--on", "postponed,soon"), "'soon' is not one of"),
        (("--min-precision", "week"), "Invalid value for '--min-precision': 'week' is not one"),
    ],
)
def test_bad_choices_are_refused(two: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke("notify", "-r", str(two), "--as-of", "2027-03-01", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_the_records_spelling_and_a_hyphen_both_do() -> None:
    from release_countdown.core.params import on_kinds

    assert on_kinds("Moved Up, moved-up,shifted_later,re-chosen") == {
        "moved up", "shifted later", "re-chosen",
    }  # fmt: skip


def test_bad_settings_name_the_place(two: Path, tmp_path: Path) -> None:
    config = write_config(tmp_path, '[notify]\non = ["dated", "soon"]\n')
    result = invoke("notify", "-r", str(two), "--as-of", "2027-03-01")
    assert result.exit_code == 2
    assert f"{config}:2:6: notify.on 'soon' is not one of new, dated" in result.stderr
    write_config(tmp_path, '[notify]\nmin_precision = "week"\n')
    result = invoke("notify", "-r", str(two), "--as-of", "2027-03-01")
    assert result.exit_code == 2
    assert "notify.min_precision 'week' is not one of day, month, quarter, year" in result.stderr


def test_an_unknown_notify_key_is_suggested(two: Path, tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\nmin-precision = "day"\n')
    result = invoke("notify", "-r", str(two), "--as-of", "2027-03-01", "--dry-run")
    assert result.exit_code == 0
    assert 'unknown setting "notify.min-precision" is ignored; did you mean min_precision?' in (
        result.stderr
    )


def test_a_first_run_names_the_day_of_a_notice_it_will_send(two: Path) -> None:
    day = (RELEASE_DAY - timedelta(days=5)).isoformat()
    result = invoke("notify", "-r", str(two), "--as-of", day, "--on", "released")
    assert result.stderr.endswith("the next will be sent on 2027-03-10\n")  # not a reminder's
