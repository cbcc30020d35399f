"""The one error boundary (cli/app.py) and the run context (cli/context.py): an unexpected
error is one line and a report file, exit 70; commands return or raise, never exit; the
settings are read once a command run, and afresh for the next."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from release_countdown import settings as settings_module
from release_countdown.cli import reading
from release_countdown.cli.crash import report_text
from release_countdown.core.errors import ExitCode
from tests.conftest import AS_OF, invoke

SRC = Path(__file__).resolve().parents[2] / "src" / "release_countdown"
ONE_LINE = re.compile(
    r"countdown: unexpected error \(KeyError\): please report it with the details in (\S+)\n"
)


def state_dir() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "release-countdown"


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a registry fails as a bug would."""

    def fail(*args: object, **kwargs: object) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr("release_countdown.registry.load.load_registry", fail)


@pytest.mark.usefixtures("broken")
def test_an_unexpected_error_is_one_line_and_a_report_file() -> None:
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == ExitCode.SOFTWARE == 70
    assert result.stdout == ""
    found = ONE_LINE.fullmatch(result.stderr)
    assert found, result.stderr
    report = Path(found[1])
    assert report.parent == state_dir()
    text = report.read_text("utf-8")
    assert text.startswith("release-countdown ")
    assert "\nPython 3." in text
    assert "\nplatform: " in text
    assert "\nargv: " in text
    assert "Traceback (most recent call last):" in text
    assert "KeyError: 'boom'" in text
    assert report.stat().st_mode & 0o077 == 0  # the user's alone: it may quote registry text


@pytest.mark.usefixtures("broken")
def test_countdown_debug_prints_the_traceback_instead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTDOWN_DEBUG", "1")
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == 70
    assert "Traceback (most recent call last):" in result.stderr
    assert "KeyError: 'boom'" in result.stderr
    assert result.stderr.endswith("countdown: unexpected error (KeyError)\n")
    assert not state_dir().exists()


@pytest.mark.usefixtures("broken")
def test_an_unwritable_state_folder_is_said_and_the_traceback_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == 70
    first = result.stderr.splitlines()[0]
    assert first.startswith("countdown: unexpected error (KeyError); its details cannot be ")
    assert str(blocked) in first
    assert "Traceback (most recent call last):" in result.stderr
    assert "KeyError: 'boom'" in result.stderr


def test_the_report_hides_tokens_given_on_the_command_line() -> None:
    argv = ["countdown", "serve", "--token", "sekrit-123", "--token=sekrit-456", "--port", "1"]
    text = report_text(KeyError("x"), argv)
    assert "sekrit" not in text
    assert "argv: countdown serve --token *** --token=*** --port 1\n" in text


def test_project_errors_and_usage_errors_keep_their_codes(tmp_path: Path) -> None:
    assert invoke("show", "no such title at all", "--as-of", AS_OF).exit_code == 1
    assert invoke("list", "--within", "3 lightyears").exit_code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[[release]]\n", encoding="utf-8")
    assert invoke("check", str(bad)).exit_code == ExitCode.REGISTRY
    assert not state_dir().exists()


def test_returned_exit_codes_become_the_exit(tmp_path: Path) -> None:
    """`fmt --check` returns 1 when the file is not canonical, 0 when it is; `check` 3."""
    path = tmp_path / "r.toml"
    path.write_text('[[release]]\ntitle   = "A"\ndate = 2030-01-01\n', encoding="utf-8")
    assert invoke("fmt", str(path), "--check").exit_code == 1
    path.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\n', encoding="utf-8")
    assert invoke("fmt", str(path), "--check").exit_code == 0
    assert invoke("check", str(path)).exit_code == 0
    assert invoke("check", str(path), "--stale", "1d", "--strict").exit_code == 3


def test_only_the_boundary_exits() -> None:
    """No command raises typer.Exit or calls sys.exit: they raise or return a code."""
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "cli" / "app.py":
            continue
        text = path.read_text("utf-8")
        for exit_call in ("typer.Exit", "sys.exit(", "raise Exit", "SystemExit"):
            assert exit_call not in text, f"{path.relative_to(SRC)}: {exit_call}"


def test_settings_are_read_once_a_run_and_afresh_for_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[object] = []
    real = settings_module.read_settings

    def counted(*args: Any, **kwargs: Any) -> settings_module.Settings:
        reads.append(None)
        return real(*args, **kwargs)

    monkeypatch.setattr(settings_module, "read_settings", counted)
    args = ("list", "--json", "--all", "--as-of", AS_OF, "--search", "gran")
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    assert len(reads) == 1  # region default, registries and cache: one read
    monkeypatch.setenv("COUNTDOWN_REGION", "US")
    second = invoke(*args)
    assert len(reads) == 2
    assert '"region": "US"' in second.stdout  # the next run sees the new environment
    # Outside a command run nothing is kept.
    monkeypatch.setenv("COUNTDOWN_REGION", "GB")
    assert reading.settings().region.value == "GB"
    monkeypatch.setenv("COUNTDOWN_REGION", "FR")
    assert reading.settings().region.value == "FR"
    assert not reading.cache_pending()


def test_a_deferring_run_keeps_cache_entries_for_main_to_write(tmp_path: Path) -> None:
    """main() gives the root group its Run: the cache is written after the answer, by main."""
    from typer.testing import CliRunner

    from release_countdown.cli.app import app
    from release_countdown.cli.context import Run

    generate = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
    big = tmp_path / "big.toml"
    with big.open("w") as out:
        subprocess.run(
            [sys.executable, str(generate), "400", "--seed", "4"], stdout=out, check=True
        )
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "release-countdown" / "registries"
    run = Run(defer_cache_writes=True)
    result = CliRunner().invoke(app, ["list", "--json", "-r", str(big)], obj=run)
    assert result.exit_code == 0, result.output
    assert run.cache_pending()
    assert not list(cache.glob("*.msgpack"))
    run.write_cache()
    (entry,) = cache.glob("*.msgpack")
    assert not run.cache_pending()
    # Without main(), the run writes its entries when the command returns.
    big.write_text(big.read_text("utf-8") + "\n", encoding="utf-8")
    assert invoke("list", "--json", "-r", str(big)).exit_code == 0
    assert {*cache.glob("*.msgpack")} - {entry}  # an entry for the new bytes


@pytest.mark.slow
def test_main_exits_70_and_writes_the_cache_after_the_answer(tmp_path: Path) -> None:
    generate = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
    big = tmp_path / "big.toml"
    with big.open("w") as out:
        subprocess.run(
            [sys.executable, str(generate), "600", "--seed", "3"], stdout=out, check=True
        )
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "release_countdown", "list", "--json", "-r", str(big)],
        capture_output=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "release-countdown" / "registries"
    assert list(cache.glob("*.msgpack"))  # main() wrote the deferred entry
    crash = (
        "import release_countdown.registry.load as load, sys\n"
        "def fail(*a, **k): raise KeyError('boom')\n"
        "load.load_registry = fail\n"
        "sys.argv = ['countdown', 'list']\n"
        "from release_countdown.cli.app import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", crash], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 70, done.stderr
    assert ONE_LINE.fullmatch(done.stderr), done.stderr
