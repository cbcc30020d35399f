"""CI smoke benchmark: the start-up of `countdown list --json` (the bundled registry) as a ratio
of the import floor, measured in one run; exit 1 when it exceeds the limit.

    python benchmarks/smoke.py                      # the `countdown` beside this Python
    python benchmarks/smoke.py --countdown PATH --limit 1.2 --pairs 15

The floor (F1) is what any run of the program pays: starting Python and importing typer,
rich, dateutil and tomli. The two are timed as interleaved pairs (floor, product, floor, ...)
so that load from other work hits both alike, and the verdict is the median of the per-pair
ratios: a ratio, never a time, so a slow CI machine does not fail it and a fast one does not
hide a regression. Bytecode is compiled first, as an installed package has it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

FLOOR = "import typer, rich.console, rich.table, dateutil.relativedelta, tomli"


def wall(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"smoke: {' '.join(command)} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return took


def ratios(product: Sequence[str], python: str, pairs: int, env: dict[str, str]) -> list[float]:
    floor = [python, "-c", FLOOR]
    for _ in range(2):  # warm the file cache
        wall(floor, env)
        wall(product, env)
    found = []
    for _ in range(pairs):
        base = wall(floor, env)
        found.append(wall(product, env) / base)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    here = Path(sys.executable)
    parser.add_argument("--countdown", default=str(here.with_name("countdown")))
    parser.add_argument("--python", default=sys.executable, help="the Python of the floor")
    parser.add_argument("--limit", type=float, default=1.2)
    parser.add_argument("--pairs", type=int, default=15)
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("COUNTDOWN_REGISTRY", None)
    subprocess.run(
        [args.python, "-m", "compileall", "-q", "-j", "0", *_package_dirs(args.python, env)],
        env=env, capture_output=True, check=False,
    )  # fmt: skip
    found = ratios([args.countdown, "list", "--json"], args.python, args.pairs, env)
    median = statistics.median(found)
    verdict = "ok" if median <= args.limit else "TOO SLOW"
    print(
        f"smoke: countdown list --json / import floor = {median:.2f} (median of {len(found)} "
        f"pairs; {min(found):.2f}-{max(found):.2f}); limit {args.limit:.2f}: {verdict}"
    )
    return 0 if median <= args.limit else 1


def _package_dirs(python: str, env: dict[str, str]) -> list[str]:
    """The folder of the installed release_countdown (for compileall)."""
    found = subprocess.run(
        [python, "-c", "import release_countdown, os; print(os.path.dirname(release_countdown.__file__))"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return [found.stdout.strip()] if found.returncode == 0 and found.stdout.strip() else []


if __name__ == "__main__":
    sys.exit(main())
