"""The workflows called as plain functions, against a local server answering like TMDB."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings

KEY = "k3y-s3cr3t-0123456789"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0) as httpserver:
        yield httpserver
        httpserver.clear()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    return path


def tmdb_settings(server: HTTPServer) -> SourceSettings:
    """The sources' settings pointing TMDB at ``server`` (no environment read)."""
    from release_countdown.sources.config import SourceSettings

    url = server.url_for("/").rstrip("/")
    return SourceSettings(
        {"tmdb": url}, timeout=10.0, tmdb_key=KEY, config_file=Path("config.toml")
    )
