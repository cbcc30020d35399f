"""Issue 23, second part: what the short CLI process does for speed, and only there."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from release_countdown.cli.context import Run


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the tests share one process: never leave its objects pinned


def test_the_whole_process_run_loads_out_of_the_collectors_sight(unfrozen: None) -> None:
    """What is made while loading is frozen before the collector runs again, and the
    collector runs again afterwards."""
    run = Run(whole_process=True)
    with run.loading():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(made)


def test_a_run_inside_a_longer_process_freezes_nothing(unfrozen: None) -> None:
    run = Run(defer_cache_writes=True)  # a test's, or a server thread's
    with run.loading():
        made = [[n] for n in range(1000)]
    assert made
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_main_runs_a_listing_with_its_registry_frozen(tmp_path: Path) -> None:
    """main() is the process: the command's registry is frozen by the time rows are made."""
    probe = (
        "import gc, sys\n"
        "import release_countdown.core.query as q\n"
        "select = q.select\n"
        "def spy(*args, **kwargs):\n"
        "    print('frozen', gc.get_freeze_count() > 1000, file=sys.stderr)\n"
        "    return select(*args, **kwargs)\n"
        "q.select = spy\n"
        "sys.argv = ['countdown', 'list', '--all', '--json', '--no-cache']\n"
        "from release_countdown.cli.app import main\n"
        "main()\n"
    )
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "frozen True" in result.stderr


def test_no_config_file_no_toml_parser(tmp_path: Path) -> None:
    """Without a config file, reading the settings imports no TOML parser (a warm read of a
    registry needs none)."""
    probe = (
        "import sys\n"
        "from release_countdown.settings import read_settings\n"
        f"read_settings({{'COUNTDOWN_CONFIG': {str(tmp_path / 'none.toml')!r}}})\n"
        "print('tomli' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False"]


def test_the_collector_is_paused_only_while_the_program_starts(tmp_path: Path) -> None:
    """cli/entry.py imports the root group with the collector paused, then freezes what that
    made and runs the command with the collector on (serve and watch collect as usual). A
    stand-in for cli/app.py says what it saw."""
    (tmp_path / "app.py").write_text(
        "import gc\n"
        "PAUSED = not gc.isenabled()\n"
        "def main():\n"
        "    print(PAUSED, gc.isenabled(), gc.get_freeze_count() > 1000)\n"
    )
    probe = (
        "import release_countdown.cli as cli\n"
        "from release_countdown.cli.entry import main\n"
        f"cli.__path__[:] = [{str(tmp_path)!r}]\n"
        "main()\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["True", "True", "True"]
