"""`export --format radarr-list|sonarr-list`: the filtered view as the lists Radarr and Sonarr
subscribe to; titles without the id a list needs left out and counted on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from tests.formats.arr_readers import radarr_tmdb_ids, sonarr_series
from tests.formats.test_arrlists import REGISTRY

AS_OF = "2027-01-01"


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


def test_radarr_list_on_stdout_counts_what_is_left_out(registry: str) -> None:
    result = invoke("export", "--format", "radarr-list", "-r", registry, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert radarr_tmdb_ids(result.stdout_bytes) == [1170608, 624860]
    assert result.stderr == "countdown: 2 titles (3 left out: no TMDB film id)\n"


def test_nothing_left_out_says_nothing(registry: str) -> None:
    args = ("--format", "radarr-list", "--kind", "film", "--search", "dune", "-r", registry)
    result = invoke("export", *args, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert radarr_tmdb_ids(result.stdout_bytes) == [1170608]
    assert result.stderr == ""


def test_sonarr_list_to_a_file(registry: str, tmp_path: Path) -> None:
    out = tmp_path / "sonarr.json"
    args = ("--format", "SONARR-LIST", "--kind", "series", "-r", registry, "-o", str(out))
    result = invoke("export", *args, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert [s["tvdbId"] for s in sonarr_series(out.read_bytes())] == [371980, 393189]
    assert result.stderr == f"countdown: wrote 2 titles to {out}\n"


def test_a_file_names_the_titles_left_out(registry: str, tmp_path: Path) -> None:
    out = tmp_path / "radarr.json"
    args = ("--format", "radarr-list", "-r", registry, "-o", str(out), "--as-of", AS_OF)
    result = invoke("export", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"countdown: wrote 2 titles (3 left out: no TMDB film id) to {out}\n"


def test_a_near_name_is_suggested(registry: str) -> None:
    result = invoke("export", "--format", "radarr", "-r", registry)
    assert result.exit_code == 2
    assert "'radarr' is not one of ics, csv, json, radarr-list, sonarr-list" in result.stderr
    assert "did you mean radarr-list?" in result.stderr
