"""`list --premieres`, `export --premieres` and `premieres=true` on /calendar.ics: season
premieres only (Sonarr's premieresOnly); a season's finale is no premiere."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke

REGISTRY = """schema = 1

[[release]]
id = "film"
title = "A Film"
date = 2030-02-01

[[release]]
id = "show-s2"
title = "Show — Season 2"
kind = "series"
season = 2
date = 2030-01-17

[[release.dates]]
region = "US"
type = "finale"
date = 2030-03-21

[[release]]
id = "show-s3"
title = "Show — Season 3"
kind = "series"
season = 3
date = "TBA"

[[release]]
id = "miniseries"
title = "A Miniseries"
kind = "series"
date = 2030-05-01
"""


def registry(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def test_list_premieres_keeps_season_entries_only(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("list", "--premieres", "--as-of", "2029-12-01", "-r", str(path), "--format",
                    "{id}")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["show-s2", "show-s3"]
    every = invoke("list", "--as-of", "2029-12-01", "-r", str(path), "--format", "{id}")
    assert len(every.stdout.splitlines()) == 4


def test_export_premieres_leaves_the_finale_out(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("export", "--premieres", "--all-dates", "--as-of", "2029-12-01", "-r",
                    str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "SUMMARY:Show — Season 2\n" in result.stdout
    assert "finale" not in result.stdout
    assert "A Film" not in result.stdout
    with_finale = invoke("export", "--all-dates", "--as-of", "2029-12-01", "-r", str(path))
    assert "SUMMARY:Show — Season 2 (US finale)" in with_finale.stdout


def test_a_finale_is_never_a_regions_date(tmp_path: Path) -> None:
    """A season's date in a region is its premiere: the US finale is no US release."""
    path = registry(tmp_path)
    result = invoke("list", "--region", "US", "--premieres", "--as-of", "2029-12-01", "-r",
                    str(path), "--format", "{id} {date}")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["show-s2 2030-01-17", "show-s3 TBA"]
