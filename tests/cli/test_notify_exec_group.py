"""`countdown notify --exec`: a command that hangs is stopped with everything it started, and
is not waited on again for the next notices of the same run."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from release_countdown.delivery import channels
from tests.cli.test_notify import before, notify

TWO = (
    'schema = 1\n\n[[release]]\nid = "argylle"\ntitle = "Argylle"\nkind = "film"\n'
    'date = 2024-02-02\n\n[[release]]\nid = "wicked"\ntitle = "Wicked"\nkind = "film"\n'
    "date = 2024-02-02\n"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not hasattr(os, "killpg") or shutil.which("sh") is None, reason="POSIX process groups"
    ),
]


def alive(pid: int) -> bool:
    """Running (a zombie waiting for init to reap it counts as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def test_a_hanging_exec_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(channels, "COMMAND_TIMEOUT", 1.0)
    registry = tmp_path / "reg.toml"
    registry.write_text(TWO, encoding="utf-8")
    pids = tmp_path / "pids"
    # The shell starts a child that outlives it unless its group is killed, then hangs.
    command = f"sh -c 'sleep 30 & echo $! >> {pids}; wait'"
    started = time.monotonic()
    result = notify(registry, before(7), "--exec", command, "--state", str(tmp_path / "s"))
    took = time.monotonic() - started
    grandchildren = [int(line) for line in pids.read_text(encoding="ascii").split()]
    try:
        assert result.exit_code == 4
        assert "took longer than 1 s: stopped, with its children" in result.stderr
        assert "not run: it took longer than 1 s this run" in result.stderr  # the second title
        assert "2 of 2 notices not delivered" in result.stderr
        assert len(grandchildren) == 1  # run once, not once per notice
        assert took < 10
        deadline = time.monotonic() + 5
        while alive(grandchildren[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(grandchildren[0])
    finally:
        for pid in grandchildren:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
