"""Issue 22 item 8: a hint that names a command names one that works when pasted as printed.

Each test takes the command out of the message, splits it as a shell would and runs it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from release_countdown.core.commandline import command_line, shell_word
from tests.conftest import invoke

DOOMSDAY = """\
[[release]]
id = "avengers-doomsday"
title = "Avengers: Doomsday"
kind = "film"
date = 2026-12-18
"""

ADD = [
    "add", "Avengers: Doomsday", "--date", "Dec 18 2026", "--kind", "film",
    "--composer", "Alan Silvestri", "--person", "cast=Robert Downey Jr.", "--region", "GB",
    "--type", "theatrical", "--checked", "2026-12-01", "--alias", "Avengers 5",
    "--note", "it's a \"$big\" one!", "--franchise", "Marvel",
]  # fmt: skip


def hinted(message: str, after: str) -> list[str]:
    """The command a message suggests after ``after``, split as a shell would split it."""
    assert after in message, message
    words = shlex.split(message.split(after, 1)[1].rstrip(")\n"))
    assert words[0] == "countdown"
    return words[1:]


def titles(path: Path) -> list[tuple[str, str]]:
    rows = json.loads(invoke("list", "-r", str(path), "--all", "--json").stdout)
    return [(row["id"], row["title"]) for row in rows]


def test_the_add_hint_for_a_taken_id_is_the_whole_command_and_it_works(tmp_path: Path) -> None:
    path = tmp_path / "my releases.toml"
    path.write_text(DOOMSDAY, encoding="utf-8")
    refused = invoke(*ADD, "--registry", str(path))
    assert refused.exit_code == 2
    again = hinted(refused.stderr, "add it under another id: ")
    assert again[again.index("--id") + 1] == "avengers-doomsday-2026"
    assert again[again.index("--registry") + 1] == str(path)
    done = invoke(*again)
    assert done.exit_code == 0, done.stderr
    assert titles(path) == [
        ("avengers-doomsday", "Avengers: Doomsday"),
        ("avengers-doomsday-2026", "Avengers: Doomsday"),
    ]
    shown = invoke("show", "avengers-doomsday-2026", "-r", str(path), "--json").stdout
    row = json.loads(shown)
    assert row["people"] == {"composer": ["Alan Silvestri"], "cast": ["Robert Downey Jr."]}
    assert (row["aliases"], row["note"], row["franchise"]) == (
        ["Avengers 5"], 'it\'s a "$big" one!', "Marvel",
    )  # fmt: skip
    # the same title a third time: the hint names the next free id, and that works too
    third = hinted(invoke(*ADD, "-r", str(path)).stderr, "another id: ")
    assert invoke(*third).exit_code == 0
    assert len(titles(path)) == 3


def test_the_add_hint_keeps_dry_run(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(DOOMSDAY, encoding="utf-8")
    again = hinted(invoke(*ADD[:4], "--dry-run", "-r", str(path)).stderr, "another id: ")
    assert "--dry-run" in again
    assert invoke(*again).exit_code == 0
    assert path.read_text(encoding="utf-8") == DOOMSDAY


def test_the_stale_hint_is_an_edit_that_records_the_check(tmp_path: Path) -> None:
    path = tmp_path / "team file.toml"
    path.write_text(
        DOOMSDAY + '\n[[release]]\ntitle = "B"\ndate = 2027-01-01\nchecked = 2026-01-01\n'
    )
    checked = invoke("check", str(path), "--stale", "30d")
    assert checked.exit_code == 0
    lines = checked.stderr.splitlines()
    assert (
        "never checked (once verified: countdown edit avengers-doomsday --checked today"
        in (lines[0])
    )
    assert "more than 30d ago (once verified again: countdown edit b --checked today" in lines[1]
    for line in lines[:2]:
        command = hinted(line, "verified: " if "never" in line else "again: ")
        assert command[-2:] == ["--registry", str(path)]
        assert invoke(*command).exit_code == 0
    after = invoke("check", str(path), "--stale", "30d")
    assert (after.exit_code, after.stderr.count("warning:")) == (0, 0), after.stderr


def test_the_stale_hint_in_the_user_registry_needs_no_registry_option(tmp_path: Path) -> None:
    assert invoke("init").exit_code == 0
    user = Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"
    assert invoke("add", "Zed", "--date", "2030-01-01").exit_code == 0
    (line, _) = invoke("check", "--stale", "30d").stderr.splitlines()
    assert line.startswith(f"{user}:")
    assert line.endswith("never checked (once verified: countdown edit zed --checked today)")
    assert invoke("edit", "zed", "--checked", "today").exit_code == 0


def test_the_bundled_registry_gets_no_edit_hint() -> None:
    checked = invoke("check", "--stale", "1d")  # no user registry: the bundled one
    assert "countdown edit" not in checked.stderr
    assert "more than 1d ago\n" in checked.stderr


@pytest.mark.parametrize(
    ("word", "typed"),
    [
        ("plain-id", "plain-id"),
        ("Avengers: Doomsday", '"Avengers: Doomsday"'),
        ("", '""'),
        ("it's $5", "'it'\"'\"'s $5'"),
        ("Dune (2026)", '"Dune (2026)"'),
    ],
)
def test_shell_words(word: str, typed: str) -> None:
    assert shell_word(word) == typed
    assert shlex.split(command_line([word])) == ["countdown", word]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_the_add_hint_works_pasted_into_bash(tmp_path: Path) -> None:
    """The printed command, run by bash with the installed entry point, exits 0."""
    path = tmp_path / "r.toml"
    path.write_text(DOOMSDAY, encoding="utf-8")
    refused = invoke(*ADD, "-r", str(path))
    line = refused.stderr.split("another id: ", 1)[1].strip()
    countdown = Path(sys.executable).with_name("countdown")
    if not countdown.exists():
        pytest.skip("no installed countdown entry point")
    script = f'countdown() {{ "{countdown}" "$@"; }}\n{line}\n'
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
        timeout=60, check=False, env={**os.environ, "COLUMNS": "100"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(titles(path)) == 2
