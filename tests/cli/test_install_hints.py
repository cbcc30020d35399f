"""Every "… is not installed" hint, and the schema's upgrade hint, in the words of the
installer that installed this copy (core/install.py): here a pipx environment, faked by
pointing ``sys.prefix`` at a folder holding a pipx_metadata.json."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import invoke

FILM = '[[release]]\ntitle = "Argylle"\nkind = "film"\ndate = "2024-02-02"\n'


@pytest.fixture
def under_pipx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    prefix = tmp_path / "pipx" / "venvs" / "release-countdown"
    prefix.mkdir(parents=True)
    (prefix / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(prefix))
    registry = tmp_path / "reg.toml"
    registry.write_text(FILM, encoding="utf-8")
    return registry


def test_sources_hint(under_pipx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)  # import httpx raises ImportError
    result = invoke("lookup", "Argylle")
    assert result.exit_code == 2
    assert "need httpx, which is not installed: pipx inject release-countdown httpx" in (
        result.stderr
    )
    assert "pip install" not in result.stderr


def test_serve_hint(under_pipx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    result = invoke("serve", "-r", str(under_pipx))
    assert result.exit_code == 2
    assert "pipx inject release-countdown starlette uvicorn jinja2" in result.stderr
    assert "pip install" not in result.stderr


def test_notify_hint(under_pipx: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)
    result = invoke(
        "notify", "--to", "ntfy://topic", "--as-of", "2024-01-26", "-r", str(under_pipx)
    )
    assert result.exit_code == 2
    assert "needs Apprise, which is not installed: pipx inject release-countdown apprise" in (
        result.stderr
    )
    assert "pip install" not in result.stderr


def test_upgrade_hint(under_pipx: Path) -> None:
    under_pipx.write_text("schema = 99\n" + FILM, encoding="utf-8")
    result = invoke("list", "--all", "-r", str(under_pipx))
    assert result.exit_code == 3
    assert "upgrade release-countdown (pipx upgrade release-countdown)" in result.stderr
