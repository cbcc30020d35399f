from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from release_countdown.cli.app import app

DATA = Path(__file__).parent / "data"
AS_OF = "2023-07-08"  # the day of the news item that started the project


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


_LOOPBACK = ("127.0.0.1", "::1", "localhost")
_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    """No test reaches the internet: a connection anywhere but this machine fails loudly."""
    host = address[0] if isinstance(address, tuple) else None
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK:
        raise OSError(f"tests may not connect to {address!r}: use the local test server")
    return _connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _no_internet() -> object:
    socket.socket.connect = _loopback_only  # type: ignore[method-assign]
    yield
    socket.socket.connect = _connect  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Pin what the environment could change: width, colour, registry, clock zone."""
    for name in (
        "COUNTDOWN_REGISTRY", "COUNTDOWN_CONFIG", "COUNTDOWN_REGION", "COUNTDOWN_NO_CACHE",
        "COUNTDOWN_LOCK_TIMEOUT", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS",
        "TMDB_API_KEY", "TMDB_READ_ACCESS_TOKEN", "COUNTDOWN_TMDB_URL", "COUNTDOWN_MUSICBRAINZ_URL",
        "COUNTDOWN_WIKIDATA_URL", "COUNTDOWN_HTTP_TIMEOUT", "COUNTDOWN_TVMAZE_URL",
        "COUNTDOWN_PLATFORM",
        "IGDB_CLIENT_ID", "IGDB_CLIENT_SECRET", "COUNTDOWN_IGDB_URL", "COUNTDOWN_TWITCH_TOKEN_URL",
        "COUNTDOWN_STEAM_URL",
        "TRAKT_CLIENT_ID", "COUNTDOWN_TRAKT_URL",
        "RADARR_API_KEY", "SONARR_API_KEY", "LIDARR_API_KEY",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # Never read or write the real user registry (registry/locations.py reads these on every
    # call).
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


def khal_in(tmp_path: Path) -> Callable[..., str]:
    """A khal with one calendar under ``tmp_path`` (ISO dates, UTC): run(*args) -> stdout."""
    import os
    import subprocess
    import sys

    calendar = tmp_path / "calendar"
    calendar.mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[releases]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
    )
    khal = [str(Path(sys.executable).with_name("khal")), "-c", str(config)]
    env = {**os.environ, "HOME": str(tmp_path), "TZ": "UTC"}

    def run(*args: str) -> str:
        done = subprocess.run([*khal, *args], capture_output=True, text=True, env=env, check=True)
        return done.stdout

    return run


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


@pytest.fixture(scope="session")
def row_schema() -> dict[str, Any]:
    text = resources.files("release_countdown").joinpath("schemas/rows.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate_rows(rows: Sequence[Any], schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(rows)


def list_json(*args: str, schema: dict[str, Any]) -> list[dict[str, Any]]:
    result = invoke("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    validate_rows(rows, schema)
    return rows


@contextmanager
def tomli_only() -> Iterator[None]:
    """Registry text parsed as without the `fast` extra: tomli alone (rtoml not asked)."""
    from release_countdown.registry import toml_parser

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(toml_parser, "compiled_loads", lambda: None)
        yield
