"""Fault tests for the write path, bounded in count and time: many concurrent writers lose
nothing, and writers killed at any moment leave the old file or the new one, never a mix.

COUNTDOWN_FAULT_KILLS sets the number of kills of `postpone` (default 40, most aimed at the
write)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import invoke

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


def write_window(argv: list[str], folder: Path, name: str) -> tuple[float, float, float]:
    """Run a writer once, watching its temporary file: (when it appeared, when it was renamed
    away, when the writer ended), in seconds from its start."""
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    seen: list[float] = []
    while process.poll() is None:
        if any(p.startswith(f".{name}.") and p.endswith(".tmp") for p in os.listdir(folder)):
            seen.append(time.monotonic() - started)
        time.sleep(0.002)
    ended = time.monotonic() - started
    _, err = process.communicate()
    assert process.returncode == 0, err
    return (seen[0], seen[-1], ended) if seen else (ended / 2, ended, ended)


def test_killed_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL at random moments of `postpone` and `fmt` on a 5 MB registry. The postpone kills
    are aimed at the write (a calibration run watches the temporary file come and go): a kill
    while the registry is still being parsed tests nothing, and costs as much."""
    path = generated(tmp_path, 11_500)
    assert path.stat().st_size >= 5_000_000
    kills = int(os.environ.get("COUNTDOWN_FAULT_KILLS", "40"))
    rng = random.Random(20261125)
    first_write, renamed, duration = write_window(
        [*COUNTDOWN, "postpone", "title-1", "2040-01-01", "--announced", "2026-01-01",
         "-r", str(path)],
        tmp_path, path.name,
    )  # fmt: skip
    # Around the write, from a little before the temporary file appears to after the rename;
    # a quarter of the kills anywhere in the run.
    window = (0.8 * first_write, min(1.2 * renamed, duration * 1.1))
    versions = {path.read_bytes()}
    torn = mid_write = 0
    leftovers: set[Path] = set()
    for kill in range(kills):
        day = f"2040-01-{kill % 28 + 1:02d}"
        argv = [
            *COUNTDOWN, "postpone", f"title-{kill % 11_000}", day, "--announced", "2026-01-01",
            "-r", str(path),
        ]  # fmt: skip
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
        )
        aimed = kill % 4 != 3
        time.sleep(rng.uniform(*window) if aimed else rng.uniform(0, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        left = set(tmp_path.glob(f".{path.name}.*.tmp"))  # swept by the next writer
        mid_write += bool(left - leftovers)
        leftovers |= left
        now = path.read_bytes()
        if now not in versions:
            # A new version must be a complete, valid registry (the kill came after the rename).
            torn += invoke("check", str(path)).exit_code != 0
            versions.add(now)
    # The aim holds: kills landed while the temporary file was written, and after renames.
    print(f"{kills} kills: {mid_write} mid-write, {len(versions) - 2} after the rename")
    assert mid_write >= kills // 8, (mid_write, window, duration)
    assert len(versions) > 2
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
            torn += invoke("check", str(path)).exit_code != 0
            versions.add(now)
    assert torn == 0
    # The next writer sweeps the temporary files that killed writers left.
    final = subprocess.run(
        [*COUNTDOWN, "edit", "title-3", "--note", "after the kills", "-r", str(path)],
        capture_output=True, env=env(), check=False,
    )  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert list(tmp_path.glob(".*.tmp")) == []
