from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.sources.hostile import HostileServer

KEY = "k3y-s3cr3t-0123456789"
DEADLINE = 2.0  # seconds: COUNTDOWN_HTTP_TIMEOUT in the hostile tests


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0) as httpserver:
        yield httpserver
        httpserver.clear()


@pytest.fixture
def tmdb(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    return server


@pytest.fixture
def tvmaze(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """TVmaze's address, its requests not spaced (test_tvmaze.py checks the spacing)."""
    from release_countdown.sources.config import LIMITS
    from release_countdown.sources.http import Limits

    monkeypatch.setenv("COUNTDOWN_TVMAZE_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setitem(LIMITS, "tvmaze", Limits(in_flight=4, interval=0.0))
    return server


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    return path


@pytest.fixture
def rogue(monkeypatch: pytest.MonkeyPatch) -> Iterator[HostileServer]:
    """The hostile server (hostile.py) as every source's address, TMDB with a key, and a
    2 s deadline per request."""
    with HostileServer() as server:
        for name in ("TMDB", "MUSICBRAINZ", "WIKIDATA"):
            monkeypatch.setenv(f"COUNTDOWN_{name}_URL", server.url)
        monkeypatch.setenv("TMDB_API_KEY", KEY)
        monkeypatch.setenv("COUNTDOWN_HTTP_TIMEOUT", str(DEADLINE))
        yield server
