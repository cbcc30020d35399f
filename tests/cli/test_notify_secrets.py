"""`countdown notify`: a destination's secrets never reach stdout or stderr (dry run, a failed
delivery, a failed --exec), whichever part of the URL holds them."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from tests.cli.test_notify import ARGYLLE, before, notify

pytest.importorskip("apprise")


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(ARGYLLE, encoding="utf-8")
    return path


SECRET_URLS = [
    ("discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", ["JHMHI8qBe7bk2ZwO5U711o3dV_js"]),
    ("tgram://123456789:AAHsecretTokenXYZabcdefghijklmnopqrs/-100123987/",
     ["AAHsecretTokenXYZabcdefghijklmnopqrs", "-100123987"]),
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", ["A1BRTD4JD", "TIiajkdnlazkcOXrIdevi7FQ"]),
    ("ntfys://me:Pa55wordXYZ@ntfy.example/topic?token=tk_Q9secret", ["Pa55wordXYZ", "tk_Q9secret"]),
]  # fmt: skip


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(("url", "secrets"), SECRET_URLS)
def test_dry_run_names_the_destination_without_its_secrets(
    registry: Path, tmp_path: Path, url: str, secrets: list[str]
) -> None:
    result = notify(registry, before(7), "--dry-run", "--to", url, "--state", str(tmp_path / "s"))
    assert result.exit_code == 0, result.stderr
    assert "1 notice due for --to " in result.stderr
    for secret in secrets:
        assert secret not in result.stdout + result.stderr


def test_a_failed_push_names_the_destination_without_its_secrets(
    registry: Path, tmp_path: Path
) -> None:
    port = closed_port()
    url = f"json://me:Pa55wordXYZ@127.0.0.1:{port}/hook/SegSecret42?token=tk_Q9secret"
    result = notify(registry, before(7), "--to", url, "--state", str(tmp_path / "s"))
    assert result.exit_code == 4
    assert f"--to json://***@127.0.0.1:{port}/***/***?token=***: " in result.stderr
    for secret in ("Pa55wordXYZ", "SegSecret42", "tk_Q9secret"):
        assert secret not in result.stdout + result.stderr


def test_a_failed_exec_names_the_command_without_a_url_s_secrets(
    registry: Path, tmp_path: Path
) -> None:
    command = f"{sys.executable} -c 'raise SystemExit(3)' https://hooks.example/T0/B0/XoXsecret9"
    result = notify(registry, before(7), "--exec", command, "--state", str(tmp_path / "s"))
    assert result.exit_code == 4
    assert 'https://hooks.example/***/***/***" exited 3' in result.stderr
    assert "XoXsecret9" not in result.stdout + result.stderr
