"""`countdown notify` lets the state's lock go while an --exec runs: a second run started
meanwhile completes (sending what the first did not claim), and the claims of a run killed
while delivering expire."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from release_countdown.writing.state import CLAIM_LIFETIME
from tests.cli.test_notify import ARGYLLE, RECORDER, before, exec_of, notify, recorded

pytestmark = pytest.mark.slow

ALBUM = '\n[[release]]\nid = "album"\ntitle = "Album"\nkind = "album"\ndate = 2024-02-02\n'
# Says it started (its pid in BLOCKED/started), then waits for BLOCKED/go (30 s at most).
BLOCKER = """\
import os, pathlib, sys, time
folder = pathlib.Path(os.environ["BLOCKED"])
sys.stdin.read()
(folder / "started").write_text(str(os.getpid()))
deadline = time.monotonic() + 30
while not (folder / "go").exists() and time.monotonic() < deadline:
    time.sleep(0.02)
"""


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    (tmp_path / "recorded").mkdir()
    monkeypatch.setenv("OUT", str(tmp_path / "recorded"))
    return script


@pytest.fixture
def blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "blocked"
    folder.mkdir()
    (tmp_path / "blocker.py").write_text(BLOCKER, encoding="utf-8")
    monkeypatch.setenv("BLOCKED", str(folder))
    monkeypatch.setenv("COUNTDOWN_LOCK_TIMEOUT", "2")  # a run kept waiting fails, not waits
    return folder


def first_run(tmp_path: Path, registry: Path, state: Path, *args: str) -> subprocess.Popen[str]:
    """A run delivering Argylle's reminder to the blocker, once it is blocked in it."""
    argv = [
        sys.executable, "-m", "release_countdown", "notify", "-r", str(registry),
        "--as-of", before(7).isoformat(), "--state", str(state), "--kind", "film",
        "--exec", exec_of(tmp_path / "blocker.py"), *args,
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    run = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not (tmp_path / "blocked" / "started").exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the first run never reached its --exec"
        time.sleep(0.02)
    return run


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(ARGYLLE + ALBUM, encoding="utf-8")
    return path


def test_a_second_run_completes_while_the_first_is_delivering(
    tmp_path: Path, registry: Path, recorder: Path, blocked: Path
) -> None:
    state = tmp_path / "notify.json"
    first = first_run(tmp_path, registry, state)
    try:
        took = time.monotonic()
        second = notify(registry, before(7), "--state", str(state), "--exec", exec_of(recorder))
        took = time.monotonic() - took
        assert first.poll() is None  # still delivering
    finally:
        (blocked / "go").touch()
        first.wait(timeout=30)
    assert (second.exit_code, second.stdout) == (0, "")
    assert re.fullmatch(
        "countdown: 1 notice left to another countdown notify, started "
        r"\d\d:\d\d:\d\d, which is delivering it\n",
        second.stderr,
    ), second.stderr
    assert took < 10
    # The second run sent the album's reminder; Argylle's was the first run's alone.
    assert [c["env"]["COUNTDOWN_ID"] for c in recorded(tmp_path)] == ["album"]
    assert first.returncode == 0, first.stderr
    document = json.loads(state.read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in document["sent"]) == ["album", "argylle"]
    assert "claims" not in document


def test_a_killed_runs_claims_expire(
    tmp_path: Path, registry: Path, recorder: Path, blocked: Path
) -> None:
    state = tmp_path / "notify.json"
    first = first_run(tmp_path, registry, state)
    blocker = int((blocked / "started").read_text(encoding="ascii"))
    first.kill()  # SIGKILL: no code of the run runs any more
    first.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(blocker, signal.SIGKILL)
    (claim,) = json.loads(state.read_text(encoding="utf-8"))["claims"]
    assert claim["id"] == "argylle"

    meanwhile = notify(registry, before(7), "--state", str(state), "--exec", exec_of(recorder))
    assert meanwhile.exit_code == 0
    assert "1 notice left to another countdown notify" in meanwhile.stderr
    assert [c["env"]["COUNTDOWN_ID"] for c in recorded(tmp_path)] == ["album"]

    # As the state is an hour later: the killed run's claim is then too old to count.
    document = json.loads(state.read_text(encoding="utf-8"))
    since = datetime.fromisoformat(document["claims"][0]["since"])
    document["claims"][0]["since"] = (since - CLAIM_LIFETIME - timedelta(seconds=1)).isoformat()
    state.write_text(json.dumps(document), encoding="utf-8")
    later = notify(registry, before(7), "--state", str(state), "--exec", exec_of(recorder))
    assert (later.exit_code, later.stderr) == (0, "")
    assert [c["env"]["COUNTDOWN_ID"] for c in recorded(tmp_path)] == ["album", "argylle"]
    assert "claims" not in json.loads(state.read_text(encoding="utf-8"))
