"""Benchmark the writing commands against the floor of a round-trip edit, in the same run.

    python benchmarks/writes.py                 # 300, 2k, 10k and 100k titles (several minutes)
    python benchmarks/writes.py --sizes 300 2000 --countdown /path/to/other/countdown

For each size: the floor T(n), parsing the registry with tomlkit once (what any edit that
keeps comments and formatting by re-reading the whole document pays), then `postpone`, `add`
and `edit` on a fresh copy, each with its wall time, peak memory and ratio to T(n). `fmt` on
12k titles is compared with T(12k). Targets: edits <= 2 x T(n), fmt <= 3 x T(12k), peak <= 4 x
the peak of the floor's process. Registries come from benchmarks/generate.py (seeded).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MiB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}: {process.stderr.read().decode()}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 2_000, 10_000, 100_000])
    parser.add_argument("--countdown", default=str(Path(sys.executable).with_name("countdown")))
    parser.add_argument("--no-fmt", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="countdown-writes-"))
    python = sys.executable
    rows: list[tuple[str, float, float, str]] = []
    try:
        sizes = [*args.sizes, *([] if args.no_fmt else [12_000])]
        for n in sizes:
            source = work / f"r{n}.toml"
            with source.open("w") as out:
                subprocess.run([python, str(HERE / "generate.py"), str(n)], stdout=out, check=True)
            floor, floor_peak = run(
                [python, "-c", f"import tomlkit; tomlkit.parse(open({str(source)!r}).read())"]
            )
            rows.append((f"T({n}) tomlkit.parse", floor, floor_peak, ""))
            commands = (
                [("fmt", ["fmt", "{path}"], 3.0)]
                if n == 12_000
                else [
                    ("postpone", ["postpone", f"title-{n // 2}", "2040-01-01", "--announced",
                                  "2026-01-01", "-r", "{path}"], 2.0),
                    ("add", ["add", "A New Title", "--date", "2041-01-01", "-r", "{path}"], 2.0),
                    ("edit", ["edit", f"title-{n // 3}", "--note", "checked", "-r", "{path}"], 2.0),
                ]
            )  # fmt: skip
            for name, argv, limit in commands:
                copy = work / f"copy-{n}.toml"
                shutil.copy(source, copy)
                seconds, peak = run([args.countdown, *(a.format(path=copy) for a in argv)])
                ratio = seconds / floor
                verdict = "yes" if ratio <= limit and peak <= 4 * floor_peak else "NO"
                rows.append(
                    (f"  {name} ({n})", seconds, peak, f"{ratio:.2f} x T  (<= {limit:g})  {verdict}")
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores")
    print(f"{'command':<34} {'seconds':>9} {'peak MiB':>9}  ratio")
    for name, seconds, peak, note in rows:
        print(f"{name:<34} {seconds:9.2f} {peak:9.1f}  {note}")


if __name__ == "__main__":
    main()
