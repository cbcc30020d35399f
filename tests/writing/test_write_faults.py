"""Fault tests for the write path, bounded in count and time: many concurrent writers lose
nothing, and writers killed at any moment leave the old file or the new one, never a mix.

COUNTDOWN_FAULT_KILLS sets the number of kills (default 100)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
COUNTDOWN = [sys.executable, "-m", "release_countdown"]


def generated(tmp_path: Path, titles: int) -> Path:
    path = tmp_path / f"r{titles}.toml"
    with path.open("w") as out:
        subprocess.run([sys.executable, str(BENCH), str(titles)], stdout=out, check=True)
    return path


def env() -> dict[str, str]:
    return {**os.environ, "COUNTDOWN_NO_CACHE": "1", "COUNTDOWN_LOCK_TIMEOUT": "120"}


@pytest.mark.parametrize(("titles", "writers"), [(300, 50), (10_000, 10)])
def test_concurrent_writers_all_land(tmp_path: Path, titles: int, writers: int) -> None:
    path = generated(tmp_path, titles)
    processes = [
        subprocess.Popen(
            [
                *COUNTDOWN,
                "edit",
                f"title-{n * (titles // writers)}",
                "--note",
                f"writer {n}",
                "-r",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env(),
        )
        for n in range(writers)
    ]
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=300)
        if process.returncode != 0:
            failures.append(err.decode())
    assert failures == []
    text = path.read_text()
    assert all(f'note = "writer {n}"' in text for n in range(writers))  # 0 lost
    check = subprocess.run(
        [*COUNTDOWN, "check", str(path)], capture_output=True, text=True, env=env(), check=False
    )
    assert check.returncode == 0, check.stderr


def test_killed_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL at random moments of `postpone` and `fmt` on a 5 MB registry."""
    path = generated(tmp_path, 11_500)
    assert path.stat().st_size >= 5_000_000
    kills = int(os.environ.get("COUNTDOWN_FAULT_KILLS", "100"))
    rng = random.Random(20261125)
    # How long a postpone takes here, to spread the kills over the whole write.
    started = time.monotonic()
    first = subprocess.run(
        [*COUNTDOWN, "postpone", "title-1", "2040-01-01", "--announced", "2026-01-01",
         "-r", str(path)],
        capture_output=True, env=env(), check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    duration = time.monotonic() - started
    versions = {path.read_bytes()}
    torn = 0
    for kill in range(kills):
        day = f"2040-01-{kill % 28 + 1:02d}"
        argv = [
            *COUNTDOWN, "postpone", f"title-{kill % 11_000}", day, "--announced", "2026-01-01",
            "-r", str(path),
        ]  # fmt: skip
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
        )
        time.sleep(rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = path.read_bytes()
        if now not in versions:
            # A new version must be a complete, valid registry (the kill came after the rename).
            done = subprocess.run(
                [*COUNTDOWN, "check", str(path)], capture_output=True, env=env(), check=False
            )
            torn += done.returncode != 0
            versions.add(now)
    # fmt rewrites the whole file: a few kills spread over its longer run.
    for _ in range(3):
        process = subprocess.Popen(
            [*COUNTDOWN, "fmt", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(),
        )  # fmt: skip
        time.sleep(rng.uniform(0, duration * 12))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = path.read_bytes()
        if now not in versions:
            done = subprocess.run(
                [*COUNTDOWN, "check", str(path)], capture_output=True, env=env(), check=False
            )
            torn += done.returncode != 0
            versions.add(now)
    assert torn == 0
    # The next writer sweeps the temporary files that killed writers left.
    final = subprocess.run(
        [*COUNTDOWN, "edit", "title-3", "--note", "after the kills", "-r", str(path)],
        capture_output=True, env=env(), check=False,
    )  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert list(tmp_path.glob(".*.tmp")) == []
