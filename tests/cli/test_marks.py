"""`countdown mark` / `unmark` (issue 27 item 1): personal marks in the state folder, never in
the registry; the default view, --mark on list, export, notify and serve, `mark` in rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from release_countdown.core.marks import Marks
from release_countdown.core.params import ParamError, parse_query
from release_countdown.core.query import select
from release_countdown.registry.load import check_text
from tests.conftest import invoke, list_json

REGISTRY = """schema = 1

[[release]]
id = "old-seen"
title = "Old Seen"
kind = "film"
date = 2030-01-01

[[release]]
id = "old-skip"
title = "Old Skip"
kind = "film"
date = 2030-01-02

[[release]]
id = "old-owned"
title = "Old Owned"
kind = "album"
date = 2030-01-03

[[release]]
id = "coming"
title = "Coming Soon"
kind = "film"
date = 2030-03-01
"""
DAY = "2030-01-20"  # all "old" titles released within the last 30 days


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def marks_path(tmp_path: Path) -> Path:
    return tmp_path / "xdg-state" / "release-countdown" / "marks.json"


def mark(registry: Path, *args: str) -> Any:
    result = invoke(*args, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    return result


def marked(registry: Path) -> None:
    mark(registry, "mark", "old seen", "seen")
    mark(registry, "mark", "old-skip", "skip")
    mark(registry, "mark", "Old Owned", "owned")
    mark(registry, "mark", "coming", "wanted")


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in rows]


def test_marks_live_in_the_state_folder_and_never_touch_the_registry(
    registry: Path, tmp_path: Path
) -> None:
    before = registry.read_bytes()
    marked(registry)
    assert registry.read_bytes() == before
    document = json.loads(marks_path(tmp_path).read_text(encoding="utf-8"))
    assert document["marks"] == {
        "coming": "wanted", "old-owned": "owned", "old-seen": "seen", "old-skip": "skip",
    }  # fmt: skip
    result = mark(registry, "unmark", "old seen")
    assert "unmarked" in result.stderr
    assert result.stdout == ""
    assert "old-seen" not in json.loads(marks_path(tmp_path).read_text())["marks"]
    assert "was not marked" in mark(registry, "unmark", "old seen").stderr
    assert registry.read_bytes() == before


def test_the_default_view_hides_released_seen_and_skip(registry: Path, row_schema: Any) -> None:
    marked(registry)
    rows = list_json("-r", str(registry), "--as-of", DAY, schema=row_schema)
    assert ids(rows) == ["coming", "old-owned"]
    every = list_json("-r", str(registry), "--as-of", DAY, "--all", schema=row_schema)
    assert {r["id"]: r["mark"] for r in every} == {
        "coming": "wanted", "old-owned": "owned", "old-skip": "skip", "old-seen": "seen",
    }  # fmt: skip
    # before they are released, seen and skip titles stay in view
    early = list_json("-r", str(registry), "--as-of", "2029-12-01", schema=row_schema)
    assert len(early) == 4


def test_mark_filters_list_and_csv_carries_the_mark(registry: Path, row_schema: Any) -> None:
    marked(registry)
    rows = list_json("-r", str(registry), "--as-of", DAY, "--mark", "seen,skip", schema=row_schema)
    assert ids(rows) == ["old-skip", "old-seen"]
    result = invoke("list", "-r", str(registry), "--as-of", DAY, "--mark", "wanted", "--format",
                    "csv", "--columns", "id,mark")  # fmt: skip
    assert list(csv.reader(io.StringIO(result.stdout))) == [["id", "mark"], ["coming", "wanted"]]
    bad = invoke("list", "-r", str(registry), "--mark", "watched")
    assert bad.exit_code == 2
    assert "--mark" in bad.stderr
    assert "wanted" in bad.stderr


def test_the_table_and_show_say_the_mark(registry: Path) -> None:
    marked(registry)
    table = invoke("list", "-r", str(registry), "--as-of", DAY, "--all").stdout
    assert "film · marked seen" in table
    assert "album · marked owned" in table
    shown = invoke("show", "old skip", "-r", str(registry), "--as-of", DAY).stdout
    assert "marked skip" in shown


def test_export_keeps_only_the_marks_asked(registry: Path) -> None:
    marked(registry)
    result = invoke("export", "-r", str(registry), "--as-of", DAY, "--all", "--mark", "owned",
                    "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == ["old-owned"]


def test_notify_sends_nothing_for_skip(registry: Path) -> None:
    def notify(day: str) -> str:
        result = invoke("notify", "-r", str(registry), "--as-of", day, "--all")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    notify("2029-12-01")  # the first run
    mark(registry, "mark", "old-skip", "skip")
    said = notify("2030-01-02")
    assert "Old Skip" not in said
    assert "Old Owned" in said
    mark(registry, "unmark", "old-skip")
    assert "Old Skip" in notify("2030-01-03")


def test_serve_query_marks(registry: Path) -> None:
    loaded, _ = check_text(REGISTRY, "reg.toml")
    query, day = parse_query({"mark": ["wanted,owned"]}, today=date(2030, 1, 20),
                             default_region=None)  # fmt: skip
    query = query._replace(marked=Marks.of({"coming": "wanted", "old-owned": "owned"}))
    assert [s.release.id for s in select(loaded, query, day)] == ["coming", "old-owned"]
    with pytest.raises(ParamError, match=r"mark: 'nope' is not one of seen"):
        parse_query({"mark": ["nope"]}, today=date(2030, 1, 20), default_region=None)


def test_titles_resolve_through_the_one_matcher(registry: Path) -> None:
    result = invoke("mark", "old", "seen", "-r", str(registry))
    assert result.exit_code != 0  # ambiguous: lists them
    assert "Old Seen" in result.stderr
    missing = invoke("mark", "nothing like it", "seen", "-r", str(registry))
    assert missing.exit_code != 0
    assert "no title matches" in missing.stderr


def test_a_corrupt_marks_file_is_refused_not_reset(registry: Path, tmp_path: Path) -> None:
    path = marks_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    result = invoke("list", "-r", str(registry))
    assert result.exit_code == 3
    assert "marks file is corrupt" in result.stderr
    assert invoke("mark", "coming", "seen", "-r", str(registry)).exit_code == 3
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_link_at_the_marks_file_is_not_followed(registry: Path, tmp_path: Path) -> None:
    path = marks_path(tmp_path)
    path.parent.mkdir(parents=True)
    target = tmp_path / "elsewhere.json"
    target.write_text("keep", encoding="utf-8")
    path.symlink_to(target)
    result = invoke("mark", "coming", "seen", "-r", str(registry))
    assert result.exit_code == 3
    assert "marks file" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_where_names_the_marks_file(registry: Path, tmp_path: Path) -> None:
    assert f"{marks_path(tmp_path)}  (missing: nothing marked yet)" in invoke("where").stdout
    mark(registry, "mark", "coming", "owned")
    assert f"your marks (`countdown mark`):\n  {marks_path(tmp_path)}\n" in invoke("where").stdout


def test_where_names_the_inbox_the_undo_journal_and_the_schedule(
    registry: Path, tmp_path: Path
) -> None:
    state = tmp_path / "xdg-state" / "release-countdown"
    shown = invoke("where", "-r", str(registry)).stdout
    assert (
        f"the inbox (what follows and lists propose):\n  {state / 'inbox.json'}  (missing" in shown
    )
    assert f"undo journal of {registry} (`countdown undo`):\n  {state / 'undo'}" in shown
    assert "(missing: nothing to undo yet)" in shown
    assert f"schedule (`countdown schedule`):\n  {state / 'schedule.json'}  (missing" in shown
    assert invoke("add", "Fresh", "--date", "2031-01-01", "-r", str(registry)).exit_code == 0
    assert "nothing to undo yet" not in invoke("where", "-r", str(registry)).stdout
