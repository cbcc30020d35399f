"""`countdown list` end to end through the CLI, with a fixed --as-of."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, invoke, list_json


def titles(rows: list[dict[str, Any]]) -> list[str]:
    return [row["title"] for row in rows]


def write(tmp_path: Path, text: str, name: str = "reg.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- the bundled registry as it stood on 2023-07-08 --------------------------------------------


def test_countdowns_as_of_the_news_item(row_schema: dict[str, Any]) -> None:
    rows = list_json("--as-of", AS_OF, schema=row_schema)
    assert [(r["id"], r["days_remaining"], r["date"]) for r in rows] == [
        ("mi-dead-reckoning-part-one", 4, "2023-07-12"),
        ("mi-dead-reckoning-part-one-soundtrack", 4, "2023-07-12"),
        ("gran-turismo", 34, "2023-08-11"),
        ("argylle", 209, "2024-02-02"),
        ("mi-the-final-reckoning", 356, "2024-06-28"),
    ]
    assert all(r["status"] == "upcoming" for r in rows)


def test_as_of_uses_the_title_in_force(row_schema: dict[str, Any]) -> None:
    rows = list_json("--as-of", AS_OF, "--search", "reckoning part two", schema=row_schema)
    (final,) = rows
    assert final["title"] == "Mission: Impossible – Dead Reckoning Part Two"
    assert "Mission: Impossible – The Final Reckoning" in final["aliases"]
    assert "Mission: Impossible – Dead Reckoning Part Two" not in final["aliases"]
    # History and regional dates announced after the day are left out.
    assert [h["announced"] for h in final["history"]] == [
        "2019", "2020-04-24", "2021-04-09", "2022-01-21",
    ]  # fmt: skip
    assert final["dates"] == []


def test_today_shows_the_current_title_and_date(row_schema: dict[str, Any]) -> None:
    rows = list_json("--all", "--as-of", "2026-11-25", "--search", "final", schema=row_schema)
    (final,) = rows
    assert final["title"] == "Mission: Impossible – The Final Reckoning"
    assert final["date"] == "2025-05-23"
    assert final["status"] == "released"
    assert final["countdown"] == "released 1 year, 6 months ago"  # 551 days
    assert len(final["history"]) == 6


def test_table_as_of_the_news_item() -> None:
    result = invoke("list", "--as-of", AS_OF)
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("Gran Turismo", "Argylle", "in 4 days", "209", "356", "Neill Blomkamp"):
        assert expected in out
    assert "\x1b" not in out  # piped: no escape codes
    assert out.index("Gran Turismo") < out.index("Argylle") < out.index("Part Two")


def test_titles_not_yet_announced_are_hidden(row_schema: dict[str, Any]) -> None:
    # Mission: Impossible 7 and 8 were announced in 2019 (earliest day 2019-01-01).
    rows = list_json("--all", "--as-of", "2018-12-31", schema=row_schema)
    assert "mi-the-final-reckoning" not in [r["id"] for r in rows]
    assert "mi-dead-reckoning-part-one" not in [r["id"] for r in rows]


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--composer", "balfe"], ["mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack", "gran-turismo", "argylle"]),
        (["--composer", "BALFE", "--director", "mcquarrie"], ["mi-dead-reckoning-part-one"]),
        (["--composer", "aruj", "--composer", "kawczynski"], ["gran-turismo", "mi-the-final-reckoning"]),
        (["--director", "neill blomkamp"], ["gran-turismo"]),
        (["--person", "cruise"], ["mi-dead-reckoning-part-one", "mi-the-final-reckoning"]),
        (["--person", "alex tse"], ["gran-turismo"]),
        (["--kind", "album"], ["mi-dead-reckoning-part-one-soundtrack"]),
        (["--kind", "album,film", "--search", "gran"], ["gran-turismo"]),
        (["--search", "Part Two"], ["mi-the-final-reckoning"]),
        (["--search", "mission: impossible - the final"], ["mi-the-final-reckoning"]),
        (["--search", "8"], ["mi-the-final-reckoning"]),
        (["--within", "30d"], ["mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack"]),
        (["--within", "33d"], ["mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack"]),
        (["--within", "34d"], ["mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack", "gran-turismo"]),
        (["--within", "7m", "--kind", "film"], ["mi-dead-reckoning-part-one", "gran-turismo", "argylle"]),
        (["--status", "released"], []),
        (["--limit", "2"], ["mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack"]),
        (["--sort", "title", "--limit", "2"], ["argylle", "gran-turismo"]),
        (["--reverse", "--limit", "1"], ["mi-the-final-reckoning"]),
    ],
)  # fmt: skip
def test_filters(args: list[str], expected: list[str], row_schema: dict[str, Any]) -> None:
    rows = list_json("--as-of", AS_OF, *args, schema=row_schema)
    assert [r["id"] for r in rows] == expected


def test_accent_insensitive_names(tmp_path: Path, row_schema: dict[str, Any]) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "Arrival"\ndate = 2016-11-11\n'
        '[release.people]\ncomposer = ["Jóhann Jóhannsson"]\n',
    )
    rows = list_json("-r", path, "--all", "--composer", "johannsson", schema=row_schema)
    assert titles(rows) == ["Arrival"]
    rows = list_json("-r", path, "--all", "--composer", "JÓHANN", schema=row_schema)
    assert titles(rows) == ["Arrival"]


# --- status, fuzzy dates and ordering ---------------------------------------------------------

FUZZY = """
[[release]]
title = "Quarter"
date = "2024-Q1"
[[release]]
title = "Window"
date = "2023-Q3"
[[release]]
title = "Exact Today"
date = 2023-07-08
[[release]]
title = "Unknown"
date = "TBA"
[[release]]
title = "Old"
date = 2020-01-01
[[release]]
title = "Recent"
date = 2023-06-08
[[release]]
title = "Less Recent"
date = 2023-06-07
[[release]]
title = "Aaa Same Day"
date = 2024-01-01
"""


def test_status_and_default_view(tmp_path: Path, row_schema: dict[str, Any]) -> None:
    rows = list_json("-r", write(tmp_path, FUZZY), "--as-of", AS_OF, schema=row_schema)
    summary = [
        (r["title"], r["status"], r["days_remaining"], r["days_remaining_max"]) for r in rows
    ]
    assert summary == [
        ("Window", "due", 0, 84),  # inside its window: 0 days to wait
        ("Exact Today", "today", 0, 0),
        ("Aaa Same Day", "upcoming", 177, 177),
        ("Quarter", "upcoming", 177, 267),
        ("Unknown", "tba", None, None),
        ("Recent", "released", -30, -30),
    ]
    quarter = rows[3]
    assert (quarter["earliest"], quarter["latest"], quarter["precision"]) == (
        "2024-01-01", "2024-03-31", "quarter",
    )  # fmt: skip
    assert quarter["date"] == "2024-Q1"
    assert quarter["countdown"] == "in 6–9 months"


def test_all_and_sorts(tmp_path: Path, row_schema: dict[str, Any]) -> None:
    path = write(tmp_path, FUZZY)
    rows = list_json("-r", path, "--as-of", AS_OF, "--all", schema=row_schema)
    assert titles(rows)[-3:] == ["Recent", "Less Recent", "Old"]  # released: most recent first
    rows = list_json("-r", path, "--as-of", AS_OF, "--all", "--sort", "date", schema=row_schema)
    assert titles(rows) == [
        "Old", "Less Recent", "Recent", "Window", "Exact Today", "Aaa Same Day", "Quarter", "Unknown",
    ]  # fmt: skip
    rows = list_json("-r", path, "--as-of", AS_OF, "--status", "tba,due", schema=row_schema)
    assert titles(rows) == ["Window", "Unknown"]


def test_within_counts_overlapping_windows_but_never_tba_or_released(
    tmp_path: Path, row_schema: dict[str, Any]
) -> None:
    path = write(tmp_path, FUZZY)
    rows = list_json("-r", path, "--as-of", AS_OF, "--all", "--within", "0d", schema=row_schema)
    assert titles(rows) == ["Window", "Exact Today"]
    rows = list_json("-r", path, "--as-of", AS_OF, "--within", "177d", schema=row_schema)
    assert titles(rows) == ["Window", "Exact Today", "Aaa Same Day", "Quarter"]
    rows = list_json("-r", path, "--as-of", AS_OF, "--within", "176d", schema=row_schema)
    assert titles(rows) == ["Window", "Exact Today"]


def test_recent_boundary_is_thirty_days_inclusive(row_schema: dict[str, Any]) -> None:
    ids = [r["id"] for r in list_json("--as-of", "2023-08-11", schema=row_schema)]
    assert "mi-dead-reckoning-part-one" in ids  # released 30 days before
    ids = [r["id"] for r in list_json("--as-of", "2023-08-12", schema=row_schema)]
    assert "mi-dead-reckoning-part-one" not in ids


# --- regions ----------------------------------------------------------------------------------


def test_region_picks_the_main_release_type(row_schema: dict[str, Any]) -> None:
    rows = {r["id"]: r for r in list_json("--as-of", AS_OF, "--region", "gb", schema=row_schema)}
    mi7 = rows["mi-dead-reckoning-part-one"]
    assert (mi7["date"], mi7["days_remaining"], mi7["region"], mi7["release_type"]) == (
        "2023-07-10", 2, "GB", "theatrical",
    )  # fmt: skip
    album = rows["mi-dead-reckoning-part-one-soundtrack"]
    assert (album["region"], album["release_type"]) == ("WW", "digital")
    # The final film's GB date was not known yet: the headline in force is used.
    assert rows["mi-the-final-reckoning"]["region"] is None
    assert rows["mi-the-final-reckoning"]["date"] == "2024-06-28"


def test_region_today(row_schema: dict[str, Any]) -> None:
    rows = list_json("--all", "--region", "IN", "--search", "final", schema=row_schema)
    assert (rows[0]["date"], rows[0]["region"]) == ("2025-05-17", "IN")
    rows = list_json("--all", "--region", "DE", "--search", "final", schema=row_schema)
    assert (rows[0]["date"], rows[0]["region"]) == ("2025-05-23", None)


def test_region_falls_back_to_earliest_non_premiere(
    tmp_path: Path, row_schema: dict[str, Any]
) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "Show"\nkind = "film"\ndate = 2024-05-01\n'
        '[[release.dates]]\nregion = "US"\ntype = "premiere"\ndate = 2024-03-01\n'
        '[[release.dates]]\nregion = "US"\ntype = "streaming"\ndate = 2024-06-01\n'
        '[[release.dates]]\nregion = "US"\ntype = "digital"\ndate = 2024-04-01\n',
    )
    (row,) = list_json("-r", path, "--as-of", "2024-01-01", "--region", "US", schema=row_schema)
    assert (row["date"], row["release_type"]) == ("2024-04-01", "digital")


# --- outputs ----------------------------------------------------------------------------------


def test_csv(tmp_path: Path) -> None:
    import csv
    import io

    result = invoke("list", "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    assert text.count("\r\n") == 6  # header and five rows, CRLF-terminated
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in records][:2] == [
        "mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack",
    ]  # fmt: skip
    first = records[0]
    assert first["people.composer"] == "Lorne Balfe"
    assert first["people.cast"].startswith("Tom Cruise; Hayley Atwell")
    assert first["days_remaining"] == "4"
    assert first["region"] == ""
    header = text.split("\r\n", 1)[0].split(",")
    assert header[:4] == ["id", "title", "aliases", "kind"]
    assert "people.story" in header


def test_csv_quotes_registry_text(tmp_path: Path) -> None:
    path = write(tmp_path, '[[release]]\ntitle = "A, \\"quoted\\"\\ntitle"\ndate = 2030-01-01\n')
    result = invoke("list", "-r", path, "--as-of", AS_OF, "--format", "csv")
    assert '"A, ""quoted""\ntitle"' in result.stdout


def test_empty_view(row_schema: dict[str, Any]) -> None:
    result = invoke("list", "--as-of", "2026-11-25", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "--all" in result.stderr
    result = invoke("list", "--as-of", "2026-11-25")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "nothing upcoming: the registry holds 5 titles, all released" in result.stderr


def test_empty_registry_files_are_valid(tmp_path: Path) -> None:
    for text in ("", "# just a comment\n", "\ufeff", "schema = 1\r\n"):
        result = invoke("list", "-r", write(tmp_path, text), "--json")
        assert (result.exit_code, result.stdout) == (0, "[]\n"), text


def test_registry_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = write(tmp_path, '[[release]]\ntitle = "One"\ndate = 2030-01-01\n', "one.toml")
    two = write(tmp_path, '[[release]]\ntitle = "Two"\ndate = 2031-01-01\n', "two.toml")
    import os

    monkeypatch.setenv("COUNTDOWN_REGISTRY", os.pathsep.join([one, two]))
    rows = json.loads(invoke("list", "--json").stdout)
    assert [(r["title"], r["source"]) for r in rows] == [("One", one), ("Two", two)]


def test_table_shows_markup_and_escapes_literally(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "[bold red]Loud[/] \\u001b[2J\\u202eevil"\ndate = 2030-01-01\n'
        '[release.people]\ndirector = ["[link=http://x]Dir[/link]"]\n',
    )
    result = invoke("list", "-r", path, "--as-of", AS_OF, env={"COLUMNS": "120"})
    assert "[bold red]Loud[/]" in result.stdout
    assert "[link=http://x]Dir[/link]" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "\u241b[2J" in result.stdout  # ESC shown as a visible stand-in
    rows = json.loads(invoke("list", "-r", path, "--as-of", AS_OF, "--json").stdout)
    assert rows[0]["title"] == "[bold red]Loud[/] \x1b[2J\u202eevil"  # JSON keeps text verbatim


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_table_fits_the_width(width: int) -> None:
    result = invoke("list", "--as-of", AS_OF, env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert "Argylle" in result.stdout


def test_no_color_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from release_countdown.views.console import make_console

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    out = Tty()
    console = make_console(out)
    console.print("x", style="bold red")
    assert "\x1b" not in out.getvalue()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = Tty()
    make_console(out).print("x", style="bold red")
    assert "\x1b" in out.getvalue()


# --- bad option values exit 2 naming the option and the value --------------------------------


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--as-of", "2023-02-30"], ["--as-of", "2023-02-30"]),
        (["--as-of", "20230101"], ["--as-of", "20230101", "YYYY-MM-DD"]),
        (["--within", "3x"], ["--within", "3x"]),
        (["--limit", "0"], ["--limit", "0"]),
        (["--kind", "movie"], ["--kind", "movie", "film"]),
        (["--status", "gone"], ["--status", "gone", "released"]),
        (["--region", "USA"], ["--region", "USA"]),
        (["--sort", "year"], ["--sort", "year"]),
        (["--format", "xml"], ["--format", "xml"]),
    ],
)
def test_bad_option_values(args: list[str], fragments: list[str]) -> None:
    result = invoke("list", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_help_has_examples_for_every_command() -> None:
    import typer.main

    from release_countdown.cli.app import app

    group = typer.main.get_command(app)
    names = ["", *group.commands]  # type: ignore[attr-defined]
    for name in names:
        result = invoke(*([name] if name else []), "-h")
        assert result.exit_code == 0, name
        assert re.search(r"Examples:\n\s+countdown", result.stdout), name


# --- history selection ------------------------------------------------------------------------

HISTORY = """
[[release]]
title = "Slipper"
date = 2026-01-01
[[release.history]]
date = 2024-01-01
title = "Working Title"
[[release.history]]
announced = 2023-03-01
date = 2024-09-09
[[release.history]]
announced = 2023-03-01
date = 2024-10-10
title = "Same Day Title"
[[release.history]]
announced = "2023-06"
date = 2025-05-05
[[release.history]]
announced = 2023-02-01
date = 2024-05-05
[[release.history]]
announced = 2024-01-01
date = 2026-01-01
"""


@pytest.mark.parametrize(
    ("as_of", "date", "title"),
    [
        ("2023-02-01", "2024-05-05", "Working Title"),  # entries come in any order
        ("2023-03-01", "2024-10-10", "Same Day Title"),  # same day: the later one in the file
        ("2023-05-31", "2024-10-10", "Same Day Title"),
        (
            "2023-06-01",
            "2025-05-05",
            "Same Day Title",
        ),  # a fuzzy announcement counts from its start
        ("2024-01-01", "2026-01-01", "Slipper"),
    ],
)
def test_history_in_force(
    tmp_path: Path, row_schema: dict[str, Any], as_of: str, date: str, title: str
) -> None:
    (row,) = list_json("-r", write(tmp_path, HISTORY), "--all", "--as-of", as_of, schema=row_schema)
    assert (row["date"], row["title"]) == (date, title)
    if title != "Slipper":
        assert row["aliases"][0] == "Slipper"


def test_an_entry_without_an_announcement_day_makes_the_title_known_from_the_start(
    tmp_path: Path, row_schema: dict[str, Any]
) -> None:
    """Issue 21 item 7: the first entry, in force before any dated one, was known from the
    start; the first dated entry dates that entry, not the title (core/standing.known_since)."""
    path = write(tmp_path, HISTORY)
    (row,) = list_json("-r", path, "--all", "--as-of", "2023-01-31", schema=row_schema)
    assert (row["title"], row["date"]) == ("Working Title", "2024-01-01")
    assert [h["announced"] for h in row["history"]] == [None]
    (row,) = list_json("-r", path, "--all", "--as-of", "2023-02-01", schema=row_schema)
    assert [h["announced"] for h in row["history"]] == [None, "2023-02-01"]


def test_release_time_counts_in_the_local_day(tmp_path: Path, row_schema: dict[str, Any]) -> None:
    from datetime import datetime

    text = '[[release]]\ntitle = "Unlock"\ndate = 2024-02-02T08:00:00+00:00\n'
    (row,) = list_json("-r", write(tmp_path, text), "--as-of", "2024-02-01", schema=row_schema)
    local_day = datetime.fromisoformat("2024-02-02T08:00:00+00:00").astimezone().date()
    assert row["precision"] == "time"
    assert row["date"] == "2024-02-02T08:00:00+00:00"
    assert row["earliest"] == local_day.isoformat()
    assert row["days_remaining"] == (local_day - datetime(2024, 2, 1).date()).days


# --- long views ---------------------------------------------------------------------------


def test_wrap_keeps_every_word_within_the_width() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from rich.cells import cell_len

    from release_countdown.views.listing import wrap

    @settings(max_examples=500)
    @given(st.text(alphabet=st.sampled_from("ab é漢 -"), max_size=60), st.integers(1, 30))
    def check(text: str, width: int) -> None:
        lines = wrap(text, width)
        assert all(cell_len(line) <= max(width, 2) for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")

    check()


@pytest.mark.parametrize("width", ["60", "100", "170"])
def test_long_views_use_the_linear_layout(tmp_path: Path, width: str) -> None:
    from rich.cells import cell_len

    text = "".join(
        f'[[release]]\ntitle = "Title {n} Ünïcode"\ndate = 2030-01-{n % 28 + 1:02d}\n'
        f'[release.people]\ndirector = ["Dee Rector {n}"]\n'
        for n in range(1_200)
    )
    result = invoke("list", "-r", write(tmp_path, text), "--as-of", AS_OF, env={"COLUMNS": width})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Title")
    assert "Countdown" in lines[0]
    assert lines[-1].strip() == "as of 2023-07-08 · 1200 of 1200 titles"
    assert max(cell_len(line) for line in lines) <= int(width)
    assert sum("Title " in line for line in lines[2:]) == 1200
    assert "\x1b" not in result.stdout
