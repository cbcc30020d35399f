"""A server on the bundled registry's copy, driven in process by Starlette's TestClient (the
same application `countdown serve` runs, built by the command's own ``application``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen, TimeoutExpired
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from release_countdown.cli.commands.serve import application

ROOT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8787"
AS_OF = "2023-07-08"


@pytest.fixture
def registry_file(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    shutil.copy(ROOT / "data" / "releases.toml", path)
    return path


Make = Callable[..., TestClient]


@pytest.fixture
def make_client() -> Iterator[Make]:
    clients: list[TestClient] = []

    def make(
        path: Path,
        *,
        host: str = "127.0.0.1",
        token: str | None = None,
        log: Callable[[str], None] | None = None,
        base: str = BASE,
    ) -> TestClient:
        asgi: Any
        asgi, _ = application(host, [path], token, no_cache=True, log=log or (lambda line: None))
        client = TestClient(asgi, base_url=base)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: Make, registry_file: Path) -> TestClient:
    return make_client(registry_file)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(
    registry: Path, tmp_path: Path, *args: str, **popen: Any
) -> Iterator[tuple[str, Popen[str]]]:
    """`countdown serve` in its own process on a free port: (its base URL, the process);
    ``popen`` goes to Popen (``preexec_fn=`` to lower a limit)."""
    import sys
    import time
    import urllib.error
    import urllib.request

    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "src"),
        "HOME": str(tmp_path),
        "TZ": "UTC",
        **{f"XDG_{k}_HOME": str(tmp_path / k.lower()) for k in ("CONFIG", "CACHE", "DATA")},
    }
    command = [sys.executable, "-m", "release_countdown", "serve", "--port", str(port)]
    # The log goes to a file: a pipe nobody reads would stop the server once full.
    log = (tmp_path / "serve.log").open("w")
    process = Popen(
        [*command, "-r", str(registry), *args],
        stdout=log,
        stderr=log,
        text=True,
        env=env,
        **popen,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            if process.poll() is not None:
                raise AssertionError((tmp_path / "serve.log").read_text())
            try:
                urllib.request.urlopen(f"{base}/static/style.css", timeout=1).close()
                break
            except urllib.error.HTTPError:
                break  # it answers (401 with a token)
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
