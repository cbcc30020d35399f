"""Benchmark the installed `countdown` against floors measured in the same run.

    python benchmarks/run.py            # 1k, 10k, 100k registries; hyperfine if installed
    python benchmarks/run.py --quick    # fewer runs, no 100k

Prints one table: each command's median and spread over several runs after a warm-up, the
floors it is compared with (F0: the interpreter; F1: importing typer, rich, dateutil and
tomli; P(n): parsing the n-title registry with tomli), and each target's ratio. Floors and
products run side by side, so ratios hold on a noisy machine. Registries are generated with
benchmarks/generate.py (seeded). Taskwarrior's `task` is the peer, where installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
PYTHON = sys.executable
COUNTDOWN = str(Path(PYTHON).with_name("countdown"))


def timed(
    command: list[str], runs: int, env: dict[str, str], warmup: int = 2
) -> tuple[float, float, tuple[int, int]]:
    """Median and spread (max - min) of wall-clock seconds, peak RSS in KiB and output lines."""
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run(
                ["hyperfine", "-N", "-i", "-w", str(warmup), "-r", str(runs), "--export-json", out.name,
                 "--", subprocess.list2cmdline(command)],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
            result = json.loads(Path(out.name).read_text())["results"][0]
        times = result["times"]
    else:
        for _ in range(warmup):
            subprocess.run(command, env=env, capture_output=True, check=False)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=False)
            times.append(time.perf_counter() - started)
    return statistics.median(times), max(times) - min(times), peak_kib(command, env)


def peak_kib(command: list[str], env: dict[str, str]) -> tuple[int, int]:
    """Peak RSS in KiB (of the process or any child it waited for), and lines of output: a
    command that prints nothing (a filter that matched nothing) is not a fair comparison."""
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        out.seek(0)
        return int(usage.ru_maxrss), out.read().count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 5 if args.quick else 10
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    work = Path(tempfile.mkdtemp(prefix="countdown-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
    env.pop("COUNTDOWN_REGISTRY", None)
    # Measure what users run: an installed package has its bytecode compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    import release_countdown

    compileall.compile_dir(str(Path(release_countdown.__file__).parent), quiet=1)
    cold = {**env, "COUNTDOWN_NO_CACHE": "1"}
    registries = {}
    for n in sizes:
        path = work / f"registry-{n}.toml"
        with path.open("w") as out:
            subprocess.run([PYTHON, str(HERE / "generate.py"), str(n)], stdout=out, check=True)
        registries[n] = str(path)
    results: list[tuple[str, float, float, int, int, str]] = []

    def measure(
        name: str, command: list[str], environment: dict[str, str], target: str = ""
    ) -> float:
        median, spread, (peak, lines) = timed(command, runs, environment)
        results.append((name, median, spread, peak, lines, target))
        return median

    f0 = measure("F0  python -c pass", [PYTHON, "-c", "pass"], env)
    f1 = measure(
        "F1  import typer, rich.console, rich.table, dateutil.relativedelta, tomli",
        [PYTHON, "-c", "import typer, rich.console, rich.table, dateutil.relativedelta, tomli"], env,
    )  # fmt: skip
    p = {
        n: measure(
            f"P({n // 1000}k)  tomli.load",
            [PYTHON, "-c", f"import tomli; tomli.load(open({path!r}, 'rb'))"],
            env,
        )
        for n, path in registries.items()
    }
    product: dict[str, float] = {}
    product["help"] = measure(
        "countdown --help (bundled)", [COUNTDOWN, "--help"], env, "<= 1.0 x F1"
    )
    product["json"] = measure(
        "countdown list --json (bundled)", [COUNTDOWN, "list", "--json"], env, "<= 1.0 x F1"
    )
    product["table"] = measure(
        "countdown list, piped (bundled)", [COUNTDOWN, "list", "--all"], env, "<= 1.15 x F1"
    )
    ten = registries[10_000]
    product["cold"] = measure(
        "10k list --all --json --director vaughn, cache off",
        [COUNTDOWN, "list", "--all", "--json", "--director", "vaughn", "-r", ten], cold, "<= 1.3 x P(10k)",
    )  # fmt: skip
    subprocess.run(
        [COUNTDOWN, "list", "-r", ten, "--json"], env=env, capture_output=True, check=True
    )
    # Older versions wrote the cache entry in a detached child after answering: wait for it
    # (SQLite entries then; one JSON file per registry now).
    entries = work / "cache" / "release-countdown" / "registries"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (
        not [*entries.glob("*.sqlite"), *entries.glob("*.json")]
        or list(entries.glob(".*.building"))
    ):
        time.sleep(0.1)
    product["warm"] = measure(
        "10k list --all --json --director vaughn, cache warm",
        [COUNTDOWN, "list", "--all", "--json", "--director", "vaughn", "-r", ten], env, "< task filtered list",
    )  # fmt: skip
    product["warm-view"] = measure(
        "10k list --json (default view), cache warm", [COUNTDOWN, "list", "--json", "-r", ten], env,
        "< task export",
    )  # fmt: skip
    product["warm-table"] = measure(
        "10k list --all (table, piped), cache warm", [COUNTDOWN, "list", "--all", "-r", ten], env, "<= 1.0 s"
    )  # fmt: skip
    if 100_000 in registries:
        product["100k"] = measure(
            "100k list --json, cache off", [COUNTDOWN, "list", "--json", "-r", registries[100_000]], cold,
            "t(100k)/t(10k) <= 11; peak <= 300 MiB",
        )  # fmt: skip
        product["10k-json-cold"] = measure(
            "10k list --json, cache off", [COUNTDOWN, "list", "--json", "-r", ten], cold, "(for the ratio)"
        )  # fmt: skip
    task = shutil.which("task")
    peer: dict[str, float] = {}
    if task:
        data = work / "task"
        data.mkdir()
        rc = work / "taskrc"
        rc.write_text(
            f"data.location={data}\nuda.director.type=string\nuda.director.label=Director\n"
            "confirmation=off\nverbose=nothing\ncolor=off\nhooks=off\ngc=off\n"
            # countdown's filters ignore case; taskwarrior's match nothing without this
            "search.case.sensitive=no\n"
        )
        tasks = work / "tasks.json"
        with tasks.open("w") as out:
            subprocess.run(
                [PYTHON, str(HERE / "generate.py"), "10000", "--taskwarrior"],
                stdout=out,
                check=True,
            )
        task_env = {**env, "TASKRC": str(rc)}
        subprocess.run([task, "import", str(tasks)], env=task_env, capture_output=True, check=True)
        peer["list"] = measure(
            "task director.contains:vaughn list (10k)",
            [task, "director.contains:vaughn", "list"],
            task_env,
        )
        peer["export"] = measure(
            "task status:pending due.after:today export (10k)",
            [task, "status:pending", "due.after:today", "export"],
            task_env,
        )

    print(
        f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print(f"{'command':<76} {'median':>9} {'spread':>8} {'peak MiB':>9} {'lines':>6}  target")
    for name, median, spread, peak, lines, target in results:
        print(
            f"{name:<76} {median * 1000:7.1f}ms {spread * 1000:6.1f}ms {peak / 1024:9.1f} {lines:6}  {target}"
        )
    print()
    checks = [
        ("--help / F1", product["help"] / f1, 1.0),
        ("list --json / F1", product["json"] / f1, 1.0),
        ("list piped / F1", product["table"] / f1, 1.15),
        ("10k cold / P(10k)", product["cold"] / p[10_000], 1.3),
        ("10k table warm (s)", product["warm-table"], 1.0),
    ]
    if peer:
        checks += [
            ("10k warm filtered / task list", product["warm"] / peer["list"], 1.0),
            ("10k warm view / task export", product["warm-view"] / peer["export"], 1.0),
        ]
    if "100k" in product:
        checks.append(
            ("t(100k) / t(10k), list --json cold", product["100k"] / product["10k-json-cold"], 11.0)
        )
        peak_100k = (
            next(peak for name, _, _, peak, _, _ in results if name.startswith("100k")) / 1024
        )
        checks.append(("100k peak memory (MiB)", peak_100k, 300.0))
    print(f"{'ratio':<40} {'value':>8} {'target':>8}  met")
    for name, value, limit in checks:
        print(f"{name:<40} {value:8.2f} {limit:8.2f}  {'yes' if value <= limit else 'NO'}")
    print(f"(F0 = {f0 * 1000:.1f} ms)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
