"""Fault tests for the write path, bounded in count and time: many concurrent writers lose
nothing, and writers killed at any moment leave the old file or the new one, never a mix.

COUNTDOWN_FAULT_KILLS sets the number of kills of `postpone` (default 28, three in four aimed at
the write)."""

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


def temporary_files(folder: Path, name: str) -> set[str]:
    return {p for p in os.listdir(folder) if p.startswith(f".{name}.") and p.endswith(".tmp")}


def write_window(argv: list[str], folder: Path, name: str) -> tuple[float, float]:
    """Run a writer once, watching its temporary file: how long the writer ran, and how long
    its temporary file lived (the write: fill, fsync, rename), in seconds."""
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    seen: list[float] = []
    while process.poll() is None:
        if temporary_files(folder, name):
            seen.append(time.monotonic())
        time.sleep(0.002)
    duration = time.monotonic() - started
    _, err = process.communicate()
    assert process.returncode == 0, err
    assert seen, "the writer's temporary file was never seen"
    return duration, seen[-1] - seen[0]


def kill_during_the_write(argv: list[str], folder: Path, name: str, delay: float) -> None:
    """Start a writer and SIGKILL it ``delay`` seconds after its temporary file appears."""
    before = temporary_files(folder, name)
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    while process.poll() is None:
        if temporary_files(folder, name) - before:
            time.sleep(delay)
            break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def kill_at(argv: list[str], delay: float) -> None:
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env()
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def test_killed_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL `postpone` and `fmt` on a 5 MB registry, most often while they write it.

    The write (temporary file filled, synced, renamed) is the last tenth of a second of a run
    of several seconds: kills at random moments of the run almost never land in it. So most
    kills wait for the writer's temporary file to appear and come a random moment after,
    within one and a half times the write's measured length; the rest come at random moments
    of the whole run, as before."""
    path = generated(tmp_path, 11_500)
    assert path.stat().st_size >= 5_000_000
    kills = int(os.environ.get("COUNTDOWN_FAULT_KILLS", "16"))  # 12 aimed at the write
    rng = random.Random(20261125)
    duration, write = write_window(
        [*COUNTDOWN, "postpone", "title-1", "2040-01-01", "--announced", "2026-01-01",
         "-r", str(path)],
        tmp_path, path.name,
    )  # fmt: skip
    spread = max(1.5 * write, 0.02)
    versions = {path.read_bytes()}
    torn = mid_write = 0
    leftovers: set[str] = set()

    def look() -> None:
        nonlocal torn, mid_write, leftovers
        left = temporary_files(tmp_path, path.name)  # swept by the next writer
        mid_write += bool(left - leftovers)
        leftovers |= left
        now = path.read_bytes()
        if now not in versions:
            # A new version must be a complete, valid registry (the kill came after the rename).
            torn += invoke("check", str(path)).exit_code != 0
            versions.add(now)

    for kill in range(kills):
        day = f"2040-01-{kill % 28 + 1:02d}"
        argv = [
            *COUNTDOWN, "postpone", f"title-{kill % 11_000}", day, "--announced", "2026-01-01",
            "-r", str(path),
        ]  # fmt: skip
        if kill % 4 == 3:
            kill_at(argv, rng.uniform(0, duration * 1.1))
        else:
            kill_during_the_write(argv, tmp_path, path.name, rng.uniform(0, spread))
        look()
    # fmt rewrites the whole file: once killed during its write, once anywhere in its run.
    kill_during_the_write([*COUNTDOWN, "fmt", str(path)], tmp_path, path.name, spread / 3)
    look()
    kill_at([*COUNTDOWN, "fmt", str(path)], rng.uniform(0, duration * 6))
    look()
    # The aim held: kills landed while the temporary file was being written, and after renames.
    print(f"{kills + 2} kills: {mid_write} during the write, {len(versions) - 2} after a rename")
    assert mid_write >= 1, (mid_write, duration, write)
    assert len(versions) > 2
    assert torn == 0
    # The next writer sweeps the temporary files that killed writers left.
    final = subprocess.run(
        [*COUNTDOWN, "edit", "title-3", "--note", "after the kills", "-r", str(path)],
        capture_output=True, env=env(), check=False,
    )  # fmt: skip
    assert final.returncode == 0, final.stderr
    assert list(tmp_path.glob(".*.tmp")) == []
