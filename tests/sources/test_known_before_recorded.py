"""A title known before it was recorded: `--as-of` an earlier day shows an imported title at
its first recorded date (marked in `show`), and `postpone --announced DAY` dates the new
entry, not the title's existence (core/standing.known_since)."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data

TITLE = "Mission: Impossible - Dead Reckoning Part One"


def listed(path: Path, day: str) -> dict[str, str]:
    result = invoke("list", "--json", "--all", "--as-of", day, "-r", str(path))
    assert result.exit_code == 0, result.stderr
    return {row["title"]: row["date"] for row in json.loads(result.stdout)}


def test_the_as_of_view_of_a_day_before_an_import(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    assert invoke("import", "tmdb:movie/575264", "-r", str(registry)).exit_code == 0
    # The import recorded the title on the day of its US release (2023-07-12).
    assert listed(registry, "2023-01-01") == {TITLE: "2023-07-12"}
    result = invoke("show", "dead reckoning", "--as-of", "2023-01-01", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "recorded 2023-07-12; the date shown is the first recorded" in result.stdout
    result = invoke("show", "dead reckoning", "--as-of", "2023-07-12", "-r", str(registry))
    assert "recorded 2023-" not in result.stdout


def test_postpone_announced_does_not_hide_the_title_before(registry: Path) -> None:
    path = str(registry)
    assert invoke("add", "Zeta", "--date", "2027-05-01", "-r", path).exit_code == 0
    result = invoke("postpone", "zeta", "2027-08-01", "--announced", "2026-12-01", "-r", path)
    assert result.exit_code == 0, result.stderr
    assert listed(registry, "2026-11-01") == {"Zeta": "2027-05-01"}
    assert listed(registry, "2026-12-01") == {"Zeta": "2027-08-01"}
    result = invoke("show", "zeta", "--as-of", "2026-11-01", "-r", path)
    assert result.exit_code == 0, result.stderr
    assert "recorded" not in result.stdout  # the date in force then, not a first record
