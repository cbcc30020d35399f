"""`serve`'s port: bound before anything says "serving" (a busy port is exit 2 with what to
do, not uvicorn's error and the registry's exit 3), `--port 0` prints the port it got, and
`[serve] host`/`port` in the config file are honoured, the options winning."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(path))


def test_a_busy_port_is_exit_2_before_serving(busy: int, registry_file: Path) -> None:
    result = invoke("serve", "--port", str(busy), "-r", str(registry_file))
    assert result.exit_code == 2
    assert result.stderr == (f"countdown: port {busy} is in use (try --port 0 for any free port)\n")
    assert result.stdout == ""


def test_the_config_files_port_is_used(
    busy: int, registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(tmp_path, monkeypatch, f"[serve]\nport = {busy}\n")
    result = invoke("serve", "-r", str(registry_file))
    assert result.exit_code == 2
    assert f"port {busy} is in use" in result.stderr


def test_the_option_wins_over_the_config_file(
    busy: int, registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config(tmp_path, monkeypatch, '[serve]\nhost = "0.0.0.0"\nport = 1\n')
    refused = invoke("serve", "-r", str(registry_file))  # the config file's host: no token
    assert refused.exit_code == 2
    assert "binding to 0.0.0.0 exposes the registry" in refused.stderr
    result = invoke("serve", "--host", "127.0.0.1", "--port", str(busy), "-r", str(registry_file))
    assert result.exit_code == 2
    assert f"port {busy} is in use" in result.stderr


def test_config_shows_and_checks_the_serve_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = invoke("config").stdout.splitlines()
    assert any(re.fullmatch(r'serve\.host +"127\.0\.0\.1" +\(default\)', s) for s in shown)
    assert any(re.fullmatch(r"serve\.port +8787 +\(default\)", s) for s in shown)
    for value in ("70000", "-1", '"8787"', "true"):
        config(tmp_path, monkeypatch, f"[serve]\nport = {value}\n")
        result = invoke("config")
        assert result.exit_code == 2, value
        assert "config.toml:2:8: serve.port must be a port: 1 to 65535, or 0" in result.stderr


def test_a_port_that_is_no_port_is_refused(registry_file: Path) -> None:
    for value in ("70000", "-1", "http"):
        result = invoke("serve", "--port", value, "-r", str(registry_file))
        assert result.exit_code == 2
        assert f"Invalid value for '--port': '{value}' is not a port" in result.stderr


@pytest.mark.slow
def test_port_0_prints_the_port_it_got(registry_file: Path, tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
        "HOME": str(tmp_path),
        **{f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CONFIG", "CACHE", "DATA")},
    }
    command = [sys.executable, "-m", "release_countdown", "serve", "--port", "0"]
    process = subprocess.Popen(
        [*command, "-r", str(registry_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        found = re.fullmatch(
            r"countdown: serving 5 titles on (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C stops\)\n", first
        )
        assert found, first
        assert found[2] != "0"
        with urllib.request.urlopen(found[1], timeout=10) as answer:  # listening already
            assert answer.status == 200
            assert b"<html" in answer.read().lower()
    finally:
        process.terminate()
        process.communicate(timeout=10)
