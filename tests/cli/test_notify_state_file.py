"""`countdown notify`: the state file is opened like the parse cache. Whatever stands at its
name (a link, a FIFO, a device, a giant, nesting too deep, a lone surrogate, someone else's
file) is refused with exit 3 and a message naming it: never followed, waited on, read whole
or a traceback. Killed runs' temporary files are swept."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_notify import ARGYLLE, before, notify

GOOD_STATE = {
    "format": "release-countdown notify state", "version": 1, "created": "2024-01-01",
    "last_run": "2024-01-01", "sent": [],
    "seen": {"argylle": {"date": "2024-02-02", "title": "Argylle", "on": "2024-01-01"}},
}  # fmt: skip


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(ARGYLLE, encoding="utf-8")
    return path


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block blocks longer than ``seconds``."""

    def hung(*_: object) -> None:
        raise TimeoutError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def refused(registry: Path, state: Path, *args: str, named: Path | None = None) -> Any:
    with within(10):
        result = notify(registry, before(7), "--state", str(state), *args)
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith(f"countdown: {named or state}: ")
    assert "Traceback" not in result.stderr
    return result


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_link_at_the_state_is_neither_followed_nor_written_through(
    registry: Path, tmp_path: Path, dry_run: bool
) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text(json.dumps(GOOD_STATE), encoding="utf-8")
    before_bytes = victim.read_bytes()
    state = tmp_path / "state" / "notify.json"
    state.parent.mkdir()
    state.symlink_to(victim)
    result = refused(registry, state, *(["--dry-run"] if dry_run else []))
    assert "it is a symbolic link, not a regular file" in result.stderr
    assert victim.read_bytes() == before_bytes
    assert state.is_symlink()


def test_a_link_loop_at_the_state_is_refused(registry: Path, tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    state.symlink_to(state)
    assert "it is a symbolic link, not a regular file" in refused(registry, state).stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("dry_run", [False, True])
def test_a_fifo_at_the_state_is_refused_at_once(
    registry: Path, tmp_path: Path, dry_run: bool
) -> None:
    state = tmp_path / "notify.json"
    os.mkfifo(state)
    started = time.monotonic()
    result = refused(registry, state, *(["--dry-run"] if dry_run else []))
    assert "it is a FIFO, not a regular file" in result.stderr
    assert time.monotonic() - started < 5


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_as_the_state_is_refused_unread(registry: Path, tmp_path: Path) -> None:
    assert "it is a device, not a regular file" in refused(registry, Path("/dev/zero")).stderr
    linked = tmp_path / "notify.json"
    linked.symlink_to("/dev/zero")
    assert "it is a symbolic link, not a regular file" in refused(registry, linked).stderr


def test_a_giant_state_is_refused_unread(registry: Path, tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    with state.open("wb") as giant:
        giant.truncate(17 << 20)  # sparse: nothing written
    assert "it is larger than 16,777,216 bytes" in refused(registry, state).stderr


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("[" * 100_000, "nested too deeply to be a notify state"),
        (json.dumps({**GOOD_STATE, "seen": {"argylle": {**GOOD_STATE["seen"]["argylle"],  # type: ignore[dict-item]
                                                        "title": "Argylle\ud800"}}}),
         "seen.argylle.title holds a lone surrogate"),
        (json.dumps({**GOOD_STATE, "seen": {"argy\udfffle": GOOD_STATE["seen"]["argylle"]}}),  # type: ignore[index]
         "a key of seen ('argy\\udfffle') holds a lone surrogate"),
    ],
)  # fmt: skip
def test_nesting_and_surrogates_are_a_corrupt_state(
    registry: Path, tmp_path: Path, content: str, why: str
) -> None:
    state = tmp_path / "notify.json"
    state.write_text(content, encoding="ascii")  # json.dumps wrote the surrogates as \u escapes
    result = refused(registry, state)
    assert "the notify state file is corrupt or foreign" in result.stderr
    assert why in result.stderr
    assert state.read_text(encoding="ascii") == content


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_someone_elses_state_is_refused(registry: Path, tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    state.write_text(json.dumps(GOOD_STATE), encoding="utf-8")
    os.chown(state, 4242, 4242)
    assert "it is owned by uid 4242, not you" in refused(registry, state).stderr


def test_a_link_at_the_lock_is_refused(registry: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep me\n", encoding="utf-8")
    state = tmp_path / "notify.json"
    lock = tmp_path / ".notify.json.lock"
    lock.symlink_to(victim)
    result = refused(registry, state, named=lock)
    assert "not using the notify state's lock: it is a symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_killed_runs_temporary_files_are_swept(registry: Path, tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    old = time.time() - 3600
    names = {
        ".notify.json.0123456789ab.tmp": True,  # ours, old: swept
        ".notify.json.k2_x9qzt.tmp": True,  # tempfile's, from older versions: swept
        ".notify.json.ba9876543210.tmp": False,  # ours, fresh: a run writing now
        ".notify.json.lock.tmp": False,  # not our pattern
        "notes.tmp": False,
    }
    for name, stale in names.items():
        (folder / name).write_text("x", encoding="utf-8")
        if stale or name != ".notify.json.ba9876543210.tmp":
            os.utime(folder / name, (old, old))
    result = notify(registry, before(7), "--state", str(folder / "notify.json"))
    assert result.exit_code == 0, result.stderr
    left = {p.name for p in folder.iterdir()}
    assert left == {n for n, stale in names.items() if not stale} | {
        "notify.json",
        ".notify.json.lock",
    }
    assert (folder / "notify.json").stat().st_mode & 0o777 == 0o600
