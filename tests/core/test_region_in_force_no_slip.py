"""The region in force chooses which date a view shows, never what the record says: a film
imported on its GB theatrical date, seen with `--region US` (its US date a week later), has
not been postponed (issue 21 item 3: the headline choice is the entry's, not the moment's)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import invoke

REGISTRY = """schema = 1

[[release]]
id = "walk-home"
title = "Walk Home"
kind = "film"
date = 2026-12-18
headline = "GB:theatrical"

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2026-12-18
origin = "tmdb"

[[release.dates]]
region = "US"
type = "theatrical"
date = 2026-12-25
origin = "tmdb"

[[release.history]]
announced = 2026-11-01
date = 2026-12-18
headline = "GB:theatrical"
note = "from TMDB"
"""


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("region", ["GB", "US", "SG"])
def test_the_region_in_force_invents_no_change(registry: str, region: str) -> None:
    common = ("-r", registry, "--as-of", "2026-12-07", "--region", region)
    row = json.loads(invoke("show", "walk home", "--json", *common).stdout)
    assert row["change"] is None
    assert (row["slip"]["postponed"], row["slip"]["days_later"]) == (0, 0)
    assert row["slip"]["since_first"] == "unchanged"
    env = {"COUNTDOWN_REGION": region}  # slips reads the region in force only from settings
    counted = json.loads(invoke("slips", "--json", *common[:4], env=env).stdout)
    assert (counted["moved"], counted["changes"]) == (0, 0)


@pytest.mark.parametrize("region", [None, "GB", "US"])
def test_the_change_feed_invents_no_change_in_any_region(registry: str, region: str) -> None:
    from release_countdown.core.query import Query, select
    from release_countdown.core.rows import release_row
    from release_countdown.registry.load import load_registry
    from release_countdown.serve.feeds import changes

    today = date(2026, 12, 7)
    releases = load_registry([Path(registry)]).releases
    (standing,) = select(releases, Query(show_all=True, region=region), today)
    assert changes([release_row(standing, today)]) == []
