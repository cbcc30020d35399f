"""`countdown link TITLE REF` (issue 21 item 5): the ref fetched like `import` does (a local
fake TMDB), attached to the entry named, the entry refreshed, the file still canonical."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tmdb_data


def test_link_attaches_the_ref_and_refreshes(monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"
    assert invoke("init").exit_code == 0
    assert invoke("add", "MI 7", "--date", "2023", "--kind", "film").exit_code == 0
    assert invoke("fmt").exit_code == 0
    with HTTPServer(host="127.0.0.1", port=0) as server:
        server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
        monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
        monkeypatch.setenv("TMDB_API_KEY", "k3y-s3cr3t-0123456789")
        done = invoke("link", "mi 7", "tmdb:movie/575264", "--region", "GB")
    assert done.exit_code == 0, done.stderr
    assert 'linked tmdb:movie/575264 to "MI 7" (mi-7); date 2023 → 2023-07-10, narrowed' in (
        done.stderr
    )
    (entry,) = tomli.loads(path.read_text(encoding="utf-8"))["release"]
    assert entry["ids"]["tmdb"] == "movie/575264"
    assert entry["history"][0]["date"] == "2023"
    assert invoke("fmt", "--check").exit_code == 0
    assert "Examples:" in invoke("link", "--help").stdout
