"""Issue 21 items 3, 4 and 8 for refresh, against the local fake TMDB: the headline is the
entry's own choice (`headline`), whatever region is in force; `refresh --region` re-chooses
on purpose and says so; typed dates the source no longer lists are told and marked, never
those typed by hand or of a region the source was not asked about; one history entry a day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data
from tests.sources.aging import EARLIER, recorded_earlier

REF = "tmdb:movie/575264"
ID = "mission-impossible-dead-reckoning-part-one"


def release(registry: Path) -> dict[str, Any]:
    found: dict[str, Any] = tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]
    return found


def serve(server: HTTPServer, movie: dict[str, Any] | None = None) -> None:
    server.clear()
    server.expect_request("/3/movie/575264").respond_with_json(movie or tmdb_data.movie())


def future(us: str = "2027-06-25", gb: str = "2027-06-24") -> dict[str, Any]:
    """The fixture film dated ahead: US theatrical ``us``, GB theatrical ``gb``."""
    movie = tmdb_data.movie(us_theatrical=f"{us}T00:00:00.000Z")
    for country in movie["release_dates"]["results"]:
        if country["iso_3166_1"] == "GB":
            country["release_dates"][0]["release_date"] = f"{gb}T00:00:00.000Z"
    return movie


def without(region: str, kind: int) -> dict[str, Any]:
    """The fixture film, its ``region`` date of TMDB type ``kind`` no longer listed."""
    movie = tmdb_data.movie()
    for country in movie["release_dates"]["results"]:
        if country["iso_3166_1"] == region:
            country["release_dates"] = [d for d in country["release_dates"] if d["type"] != kind]
    return movie


def imported_in_us_with_gb_config(tmdb: HTTPServer, registry: Path, tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text('region = "GB"\n', encoding="utf-8")
    serve(tmdb, future())
    done = invoke("import", REF, "--region", "US", "-r", str(registry),
                  env={"COUNTDOWN_CONFIG": str(config)})  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return config


def test_a_refresh_under_any_region_in_force_writes_nothing(
    tmdb: HTTPServer, registry: Path, tmp_path: Path
) -> None:
    config = imported_in_us_with_gb_config(tmdb, registry, tmp_path)
    entry = release(registry)
    assert (entry["date"], entry["headline"]) == (date(2027, 6, 25), "US:theatrical")
    before = registry.read_bytes()
    for env in (
        {"COUNTDOWN_CONFIG": str(config)},  # the config's region: GB (its theatrical: 06-24)
        {"COUNTDOWN_REGION": "SG"},  # the environment's: SG
        {},  # none: US
    ):
        serve(tmdb, future())
        result = invoke("refresh", "-r", str(registry), env=env)
        assert result.exit_code == 0, result.stderr
        assert "moved up" not in result.stderr
        assert registry.read_bytes() == before, env


def test_refresh_region_rechooses_and_says_so(
    tmdb: HTTPServer, registry: Path, tmp_path: Path
) -> None:
    imported_in_us_with_gb_config(tmdb, registry, tmp_path)
    recorded_earlier(registry)
    serve(tmdb, future())
    result = invoke("refresh", "--region", "GB", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert f"countdown: {ID}: date: 2027-06-25 → 2027-06-24, re-chosen" in result.stderr
    assert f"countdown: {ID}: headline: US:theatrical → GB:theatrical" in result.stderr
    assert "moved up" not in result.stderr
    entry = release(registry)
    assert (entry["date"], entry["headline"]) == (date(2027, 6, 24), "GB:theatrical")
    assert entry["history"][-1] == {
        "announced": date.today(), "date": date(2027, 6, 24),
        "headline": "GB:theatrical", "note": "from TMDB, re-chosen: GB:theatrical",
    }  # fmt: skip
    row = json.loads(invoke("show", ID, "-r", str(registry), "--json").stdout)
    assert row["change"] == "re-chosen"
    assert (row["slip"]["moved_up"], row["slip"]["rechosen"]) == (0, 1)
    # From now on the entry's own choice is GB, whatever the region in force says.
    before = registry.read_bytes()
    serve(tmdb, future())
    assert invoke("refresh", "-r", str(registry), env={"COUNTDOWN_REGION": "US"}).exit_code == 0
    assert registry.read_bytes() == before
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_an_entry_without_a_basis_records_the_region_in_force(
    tmdb: HTTPServer, registry: Path, tmp_path: Path
) -> None:
    imported_in_us_with_gb_config(tmdb, registry, tmp_path)
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace('headline = "US:theatrical"\n', ""), encoding="utf-8")
    serve(tmdb, future())
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert release(registry)["headline"] == "US:theatrical"
    assert release(registry)["date"] == date(2027, 6, 25)


def test_a_date_no_longer_listed_is_told_and_marked(tmdb: HTTPServer, registry: Path) -> None:
    serve(tmdb)
    assert invoke("import", REF, "--all-dates", "-r", str(registry)).exit_code == 0
    text = registry.read_text(encoding="utf-8")  # and a date typed by hand
    hand = '\n[[release.dates]]\nregion = "US"\ntype = "streaming"\ndate = 2023-11-01\n'
    at = text.index("\n[[release.history]]")
    registry.write_text(text[:at] + hand + text[at:], encoding="utf-8")
    gone = without("US", 4)  # the US digital date
    for country in gone["release_dates"]["results"]:
        if country["iso_3166_1"] == "SG":  # a region whose date the entry holds from TMDB
            country["release_dates"] = []
    serve(tmdb, gone)
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert f"countdown: {ID}: no longer listed by TMDB: US digital 2023-10-10" in result.stderr
    marked = {(d["region"], d["type"]): d.get("unlisted") for d in release(registry)["dates"]}
    assert marked[("US", "digital")] == date.today()
    assert marked[("US", "streaming")] is None  # typed by hand: never marked
    assert marked[("SG", "theatrical")] == date.today()  # asked about: TMDB wrote it
    assert sorted(k for k, v in marked.items() if v) == [("SG", "theatrical"), ("US", "digital")]
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    still = invoke("refresh", "-r", str(registry))  # the same answer: told once, not again
    assert "no longer listed" not in still.stderr
    dates = release(registry)["dates"]
    gone_dates = [
        d for d in dates if d["region"] == "SG" or (d["region"], d["type"]) == ("US", "digital")
    ]
    assert [d.get("unlisted") for d in dates].count(date.today()) == len(gone_dates)
    serve(tmdb)  # TMDB lists it again
    again = invoke("refresh", "-r", str(registry))
    assert f"countdown: {ID}: listed again by TMDB: US digital 2023-10-10" in again.stderr
    assert all("unlisted" not in d for d in release(registry)["dates"])


@pytest.mark.parametrize("changes", [1, 2])
def test_one_history_entry_a_day(tmdb: HTTPServer, registry: Path, changes: int) -> None:
    serve(tmdb, future())
    assert invoke("import", REF, "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    for n in range(changes):  # moved twice today: the second amends today's entry
        serve(tmdb, tmdb_data.movie(us_theatrical=f"2027-0{n + 7}-01T00:00:00.000Z"))
        assert invoke("refresh", "-r", str(registry)).exit_code == 0
    history = release(registry)["history"]
    assert [h["announced"] for h in history] == [EARLIER, date.today()]
    assert history[-1]["date"] == date(2027, 6 + changes, 1)


def test_a_region_dated_once_is_refreshed_whatever_the_basis(
    tmdb: HTTPServer, registry: Path
) -> None:
    serve(tmdb, future())
    assert invoke("import", REF, "--region", "GB", "-r", str(registry)).exit_code == 0
    assert invoke("refresh", "--region", "US", "-r", str(registry)).exit_code == 0  # back to US
    serve(tmdb, future(gb="2027-07-10"))  # TMDB moves the GB date
    result = invoke("refresh", "-r", str(registry), env={"COUNTDOWN_REGION": "GB"})
    assert result.exit_code == 0, result.stderr
    typed = {(d["region"], d["type"]): d["date"] for d in release(registry)["dates"]}
    assert typed[("GB", "theatrical")] == date(2027, 7, 10)
    assert release(registry)["headline"] == "US:theatrical"
