"""Issue 25 tried from the installed command (review25): what a user met, fixed."""

from __future__ import annotations

from pathlib import Path

import tomli

from tests.conftest import invoke

GAME = """\
schema = 1

[[release]]
id = "judas"
title = "Judas"
kind = "game"
date = "2027"

[[release.dates]]
region = "WW"
type = "digital"
platform = "Xbox Series X and Series S"
date = "2027"

[[release.dates]]
region = "WW"
type = "digital"
platform = "PlayStation 5"
date = 2027-03-05
"""


def test_date_for_leaves_each_platforms_date_alone(tmp_path: Path) -> None:
    registry = tmp_path / "games.toml"
    registry.write_text(GAME, encoding="utf-8")
    result = invoke("edit", "judas", "--date-for", "WW:digital", "2028-01", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    # REGION:TYPE names the date on no platform (refresh's slot: region, type, platform), so
    # neither the Xbox date nor the PS5 one is silently changed: a date of its own is added.
    dates = tomli.loads(registry.read_text())["release"][0]["dates"]
    assert [(d.get("platform"), str(d["date"])) for d in dates] == [
        ("Xbox Series X and Series S", "2027"),
        ("PlayStation 5", "2027-03-05"),
        (None, "2028-01"),
    ]
    assert "WW digital date 2028-01 added" in result.stderr
    again = invoke("edit", "judas", "--date-for", "WW:digital", "2028-02", "-r", str(registry))
    assert again.exit_code == 0, again.stderr
    dates = tomli.loads(registry.read_text())["release"][0]["dates"]
    assert [str(d["date"]) for d in dates] == ["2027", "2027-03-05", "2028-02"]
    assert invoke("check", str(registry)).exit_code == 0
