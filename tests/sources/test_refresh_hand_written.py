"""refresh of an entry written by hand (ids, no history) against the local TMDB stand-in:
the date in force until then goes into the history, so the slip can be told."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data

HAND_WRITTEN = (
    "schema = 1\n\n"
    "[[release]]\n"
    'id = "dead-reckoning"\n'
    'title = "Mission: Impossible - Dead Reckoning Part One"\n'
    'kind = "film"\n'
    "date = 2027-07-12\n"
    "{announced}"
    "\n[release.ids]\n"
    'tmdb = "movie/575264"\n'
)


@pytest.mark.parametrize(
    ("announced", "first"),
    [
        ("announced = 2026-03-01\n", {"announced": date(2026, 3, 1), "date": date(2027, 7, 12)}),
        ("", {"date": date(2027, 7, 12)}),
    ],
    ids=["announced", "no-announced"],
)
def test_a_slip_keeps_the_hand_written_date_in_history(
    tmdb: HTTPServer, registry: Path, announced: str, first: dict[str, date]
) -> None:
    registry.write_text(HAND_WRITTEN.format(announced=announced), encoding="utf-8")
    tmdb.expect_request("/3/movie/575264").respond_with_json(
        tmdb_data.movie(us_theatrical="2027-09-03T00:00:00.000Z")
    )
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    entry = tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]
    assert entry["date"] == date(2027, 9, 3)
    history = entry["history"]
    assert history[0] == first  # the date the entry held until this refresh
    assert [h["date"] for h in history] == [date(2027, 7, 12), date(2027, 9, 3)]
    assert history[1]["note"] == "from TMDB"
    shown = invoke("show", "dead-reckoning", "-r", str(registry))  # as of today: the refresh
    assert shown.exit_code == 0, shown.stderr
    assert "2027-07-12" in shown.stdout  # the old date is still told
    assert invoke("check", str(registry)).exit_code == 0
