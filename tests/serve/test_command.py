"""`countdown serve` as a command: its help, the missing extra, and a real uvicorn."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import invoke

ROOT = Path(__file__).resolve().parents[2]


def test_missing_extra_is_exit_2_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, registry_file: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn raises ImportError
    result = invoke("serve", "-r", str(registry_file))
    assert result.exit_code == 2
    assert "pip install 'release-countdown[serve]'" in result.stderr


def test_an_invalid_registry_at_start_is_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[release]]\nid = "x"\ndate = "someday"\n', encoding="utf-8")
    result = invoke("serve", "-r", str(bad))
    assert result.exit_code == 3
    assert f"{bad}:" in result.stderr


def test_bad_port(registry_file: Path) -> None:
    result = invoke("serve", "--port", "70000", "-r", str(registry_file))
    assert result.exit_code == 2
    assert "not a port" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(url: str, process: subprocess.Popen[str]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise AssertionError(process.stderr.read() if process.stderr else "server died")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise AssertionError("server did not start")


@pytest.mark.slow
def test_a_real_server_answers_and_logs(registry_file: Path, tmp_path: Path) -> None:
    port = free_port()
    token = "a-long-enough-token"
    process = subprocess.Popen(
        [sys.executable, "-m", "release_countdown", "serve", "--port", str(port),
         "--token", token, "-r", str(registry_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "HOME": str(tmp_path),
             "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
             "XDG_DATA_HOME": str(tmp_path / "data")},
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz?token={token}", process)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/calendar.ics?composer=balfe&token={token}"
        ) as answer:
            assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
            assert b"BEGIN:VCALENDAR" in answer.read()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz")
        assert refused.value.code == 401
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert "serving 5 titles on http://127.0.0.1:" in err
    assert "GET /calendar.ics?composer=balfe 200 " in err
    assert "GET /healthz 401 " in err
    assert token not in err
