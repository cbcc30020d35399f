"""Item 11 of issue 16: never wider than COLUMNS, breaks at spaces, a stacked layout below 50
columns, dates never cut, the kind not glued onto the title, URLs in `show` whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke

BUNDLED_URL = "https://en.wikipedia.org/wiki/Mission:_Impossible_%E2%80%93_The_Final_Reckoning"


def registries(tmp_path: Path) -> list[str]:
    return [daily_registry(tmp_path), "data/releases.toml"]


@pytest.mark.parametrize("width", [20, 30, 40, 45, 49, 50, 51, 55, 60, 71, 72, 100, 159, 160])
def test_list_never_exceeds_the_width_nor_cuts_a_word_or_a_date(tmp_path: Path, width: int) -> None:
    for registry in registries(tmp_path):
        env = {"COLUMNS": str(width)}
        result = invoke("list", "-r", registry, "--all", "--as-of", AS_OF, env=env)
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert max(cell_len(line) for line in lines) <= width, (registry, width)
        words = {word for line in lines for word in line.split()}
        rows = json.loads(
            invoke("list", "-r", registry, "--all", "--as-of", AS_OF, "--json").stdout
        )
        for row in rows:
            for word in row["title"].split():
                assert word in words, (registry, width, word)
            assert row["date"] in words, (registry, width, row["date"])


def test_below_50_columns_each_title_is_a_block(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, env={"COLUMNS": "40"})
    assert result.stdout.splitlines()[:11] == [
        "Avengers: Doomsday",
        "  film · dir. Anthony Russo, Joe Russo",
        "  music Alan Silvestri",
        "  2026-12-18 · in 23 days · 23 days",
        "",
        "Dune: Part Three",
        "  film · dir. Denis Villeneuve",
        "  music Hans Zimmer",
        "  2026-12-18 · in 23 days · 23 days",
        "",
        "The Bear (Season 5)",
    ]
    assert "The Odyssey (Original Motion Picture\nSoundtrack)\n" in result.stdout
    assert result.stdout.endswith("\nas of 2026-11-25 · 6 of 6 titles\n")


def test_at_60_columns_the_kind_is_not_glued_onto_the_title(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, env={"COLUMNS": "60"})
    assert "Doomsday film" not in result.stdout
    assert result.stdout.splitlines()[2:8] == [
        "Avengers: Doomsday        2026-12-18  in 23 days          23",
        "film",
        "",
        "Dune: Part Three          2026-12-18  in 23 days          23",
        "film",
        "",
    ]


def test_show_keeps_dates_whole_and_urls_outside_the_box() -> None:
    args = ("show", "final reckoning", "-r", "data/releases.toml", "--as-of", AS_OF)
    for width in (30, 40, 60, 100):
        result = invoke(*args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        boxed = [line for line in lines if not line.startswith("Source: ")]
        assert max(cell_len(line) for line in boxed) <= width, width
        for day in ("2020-04-24", "2022-11-04", "2024-11-11", "2025-05-06"):
            assert day in result.stdout, (width, day)
        assert f"Source: {BUNDLED_URL}" in lines, width
        assert "https://" not in "".join(boxed)


def test_show_links_urls_on_terminals_that_take_them() -> None:
    import datetime as dt

    from release_countdown.cli.reading import load
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import release_row
    from release_countdown.views.show import source_lines

    today = dt.date(2026, 11, 25)
    loaded = load([Path("data/releases.toml")])
    (standing,) = select(loaded.releases, Query(search=("final reckoning",), show_all=True), today)
    row = release_row(standing, today)
    assert source_lines(row) == [f"Source: {BUNDLED_URL}"]
    assert source_lines(row, link=True) == [
        f"Source: \x1b]8;;{BUNDLED_URL}\x1b\\{BUNDLED_URL}\x1b]8;;\x1b\\"
    ]
