"""`edit --id SOURCE=ID` and `edit --remove-id SOURCE` (issue 21 item 5): ids attached and
detached, checked against their form, unique; the file stays canonical."""

from __future__ import annotations

import os
from pathlib import Path

import tomli

from tests.conftest import invoke


def user_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"


def ids_of(title_id: str) -> dict[str, str]:
    releases = tomli.loads(user_path().read_text(encoding="utf-8"))["release"]
    found: dict[str, str] = next(r for r in releases if r["id"] == title_id).get("ids", {})
    return found


def test_edit_attaches_and_detaches_ids() -> None:
    assert invoke("init").exit_code == 0
    assert (
        invoke("add", "Dune: Part Three", "--date", "2026-12-18", "--kind", "film").exit_code == 0
    )
    assert invoke("add", "Blade", "--date", "TBA", "--kind", "film").exit_code == 0
    assert invoke("fmt").exit_code == 0  # canonical from here on
    done = invoke(
        "edit", "dune part three", "--id", "tmdb=movie/1170608", "--id", "imdb=tt31378509"
    )
    assert done.exit_code == 0, done.stderr
    assert "TMDB id movie/1170608 attached" in done.stderr
    assert ids_of("dune-part-three") == {"tmdb": "movie/1170608", "imdb": "tt31378509"}
    assert invoke("fmt", "--check").exit_code == 0
    taken = invoke("edit", "blade", "--id", "tmdb=movie/1170608")
    assert taken.exit_code == 2
    assert 'already belongs to "Dune: Part Three"' in taken.stderr
    assert invoke("edit", "blade", "--id", "tmdb=1170608").exit_code == 2  # not the form
    assert invoke("edit", "blade", "--id", "netflix=1").exit_code == 2
    gone = invoke("edit", "dune part three", "--remove-id", "imdb")
    assert gone.exit_code == 0, gone.stderr
    assert ids_of("dune-part-three") == {"tmdb": "movie/1170608"}
    assert invoke("fmt", "--check").exit_code == 0
    assert invoke("edit", "dune part three", "--remove-id", "tmdb").exit_code == 0
    assert ids_of("dune-part-three") == {}
    assert invoke("fmt", "--check").exit_code == 0
    assert invoke("edit", "dune part three", "--remove-id", "tmdb").exit_code != 0
