"""`next`, `timeline`, `watch`, `notify` and `publish` take the filters `list` takes for what
the user keeps beside the dates (--follow, --mark, --tag) and for --platform and --premieres
(the README says they take the list filters)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke

REGISTRY = """schema = 1

[[release]]
id = "soon"
title = "Soon Film"
date = 2027-01-10
kind = "film"

[[release]]
id = "later"
title = "Later Game"
date = 2027-02-10
kind = "game"
tags = ["must-see"]

[[release.dates]]
region = "WW"
type = "digital"
platform = "PS5"
date = 2027-02-10
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


@pytest.mark.parametrize("pick", [["--tag", "must-see"], ["--platform", "ps5"]])
def test_next_timeline_and_watch_pick_as_list_does(registry: Path, pick: list[str]) -> None:
    day = ["--as-of", "2026-12-07", "-r", str(registry)]
    assert invoke("next", *day).stdout.startswith("Soon Film")
    shown = invoke("next", *day, *pick)
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("Later Game")
    line = invoke("timeline", *day, *pick)
    assert line.exit_code == 0, line.stderr
    assert "Later Game" in line.stdout
    assert "Soon Film" not in line.stdout
    frame = invoke("watch", "--once", *day, *pick)
    assert frame.exit_code == 0, frame.stderr
    assert "Later Game" in frame.stdout
    assert "Soon Film" not in frame.stdout


def test_notify_and_publish_pick_by_platform(registry: Path, tmp_path: Path) -> None:
    told = invoke(
        "notify", "-r", str(registry), "--as-of", "2027-02-09", "--lead", "1d",
        "--state", str(tmp_path / "s.json"), "--platform", "PS5", "--dry-run",
    )  # fmt: skip
    assert told.exit_code == 0, told.stderr
    assert "Later Game" in told.stdout
    site = tmp_path / "site"
    done = invoke(
        "publish", str(site), "-r", str(registry), "--as-of", "2026-12-07", "--platform", "pc"
    )
    assert done.exit_code == 0, done.stderr
    assert (site / "releases.json").read_text(encoding="utf-8") == "[]\n"
