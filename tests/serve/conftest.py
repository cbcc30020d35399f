"""A server on the bundled registry's copy, driven in process by Starlette's TestClient (the
same application `countdown serve` runs, built by the command's own ``application``)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from release_countdown.cli import reading
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
        reading.forget_settings()
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
