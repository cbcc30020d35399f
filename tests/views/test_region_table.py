"""Issue 22 item 5: the list table with a region set. The region and type of the date shown
go on the line under the title, the people line has the whole width of the table, and the
columns are sized to their content (names are not wrapped while the title column is wide)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke

REGISTRY = """\
schema = 1

[[release]]
id = "avengers-doomsday"
title = "Avengers: Doomsday"
kind = "film"
date = 2026-12-18

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2026-12-18

[release.people]
director = ["Anthony Russo", "Joe Russo"]
composer = ["Alan Silvestri"]
cast = ["Robert Downey Jr.", "Chris Hemsworth", "Vanessa Kirby", "Anthony Mackie"]

[[release]]
id = "dune-part-three"
title = "Dune: Part Three (the Messiah of Arrakis, in IMAX)"
kind = "film"
date = 2026-12-18

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2026-12-18

[release.people]
director = ["Denis Villeneuve"]
composer = ["Hans Zimmer"]
cast = ["Timothée Chalamet", "Zendaya", "Florence Pugh", "Robert Pattinson"]
"""
AS_OF = "2026-11-25"


def table(tmp_path: Path, width: int, *region: str) -> list[str]:
    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    args = ("list", "-r", str(path), "--as-of", AS_OF, *region)
    result = invoke(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def date_column(lines: list[str]) -> int:
    return lines[0].index("Date")


def test_a_region_keeps_the_title_column_as_wide_as_without_it(tmp_path: Path) -> None:
    for width in (80, 100, 159):
        without = table(tmp_path, width)
        with_gb = table(tmp_path, width, "--region", "GB")
        assert date_column(with_gb) >= date_column(without), width
        assert "2026-12-18 GB" not in "\n".join(with_gb)


def test_the_region_and_type_are_on_the_line_under_the_title(tmp_path: Path) -> None:
    lines = table(tmp_path, 80, "--region", "GB")
    assert lines[2].startswith("Avengers: Doomsday")
    assert "2026-12-18  in 23 days" in lines[2]
    assert lines[3].startswith("film · GB theatrical · dir. Anthony Russo, Joe Russo")


def test_the_people_line_spans_the_table(tmp_path: Path) -> None:
    lines = table(tmp_path, 80, "--region", "GB")
    people = lines[3:5]
    assert people == [
        "film · GB theatrical · dir. Anthony Russo, Joe Russo · music Alan Silvestri",
        "cast Robert Downey Jr., Chris Hemsworth, Vanessa Kirby…",
    ]
    assert lines[5] == ""


def test_at_160_columns_names_get_room_before_the_title_grows(tmp_path: Path) -> None:
    lines = table(tmp_path, 160, "--region", "GB")
    header = lines[0]
    title_width = header.index("Date") - 2
    cast_width = 160 - header.index("Cast")
    # Both the longest title and the cast are too long for their share: they share the room.
    assert cast_width >= title_width >= 40, (title_width, cast_width)
    # Short columns keep their own width: the composers are never wrapped.
    assert "Alan Silvestri  Robert Downey Jr., Chris Hemsworth," in lines[2]
    assert "Hans Zimmer     Timothée Chalamet, Zendaya, Florence Pugh…" in lines[5]
    assert lines[3].startswith("film · GB theatrical ")


def test_below_50_columns_the_region_is_with_the_kind_and_the_date_alone(tmp_path: Path) -> None:
    lines = table(tmp_path, 40, "--region", "GB")
    assert lines[:3] == [
        "Avengers: Doomsday",
        "  film · GB theatrical",
        "  dir. Anthony Russo, Joe Russo",
    ]
    assert "  2026-12-18 · in 23 days · 23 days" in lines
