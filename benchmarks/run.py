"""Benchmark the installed `countdown` against floors measured in the same run, interleaved.

    python benchmarks/run.py                     # three 10k shapes, 10 rounds
    python benchmarks/run.py --quick             # 5 rounds
    python benchmarks/run.py --shapes short --full   # also 100k (cold) for the scaling row
    python benchmarks/run.py --quick --baseline /tmp/main/src   # before and after, one run

Every command runs once per round, floors and products and taskwarrior one after another,
and each ratio is taken within a round (product / its floor, run seconds apart) before the
median over the rounds: on a machine shared with other work, load then hits both sides of a
ratio alike. Floors: F0 `python -c pass`; F1 importing typer, rich, dateutil and tomli (the
import floor); P `tomli.load` of the same registry. Registries are generated with
benchmarks/generate.py (seeded) in each ``--shape``; taskwarrior, where installed, gets the
same titles in a scratch TASKDATA (the peer). ``tty first byte`` is how long `list --all`
takes to print its first byte on a pseudo-terminal (120 columns). ``--baseline SRC`` also
runs every `countdown` command with ``PYTHONPATH=SRC`` (the ``src`` folder of another
checkout, with its own cache folder) in the same rounds, so that a before and an after share
their load and their floors; each ratio is then given for both.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
PYTHON = sys.executable
COUNTDOWN = str(Path(PYTHON).with_name("countdown"))
SHAPES = ("short", "long", "history")


@dataclass
class Job:
    """One command, run once a round; its times, peak RSS (KiB) and lines of output."""

    name: str
    command: list[str]
    env: dict[str, str]
    tty: bool = False
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    lines: int = 0

    def run(self) -> None:
        took, peak, lines = first_byte(self.command, self.env) if self.tty else whole(self)
        self.times.append(took)
        self.peaks.append(peak)
        self.lines = lines

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def whole(job: Job) -> tuple[float, int, int]:
    """Wall seconds of the whole process, its peak RSS and how many lines it printed."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            job.command, env=job.env, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        )
        _, _, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - started
        out.seek(0)
        return took, int(usage.ru_maxrss), out.read().count(b"\n")


def first_byte(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds until the first byte of output on a pseudo-terminal of 120 x 40."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env={**env, "TERM": "xterm-256color"}, stdout=slave, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(slave)
    first: float | None = None
    newlines = 0
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        if first is None:
            first = time.perf_counter() - started
        newlines += data.count(b"\n")
    _, _, usage = os.wait4(process.pid, 0)
    os.close(master)
    return (first if first is not None else float("inf")), int(usage.ru_maxrss), newlines


def generate(path: Path, count: int, shape: str, *extra: str) -> str:
    with path.open("w") as out:
        subprocess.run(
            [PYTHON, str(HERE / "generate.py"), str(count), "--shape", shape, *extra],
            stdout=out,
            check=True,
        )
    return str(path)


def taskwarrior(work: Path, shape: str, env: dict[str, str]) -> dict[str, str] | None:
    """A scratch TASKDATA holding the shape's 10k titles; its environment (None: no `task`)."""
    task = shutil.which("task")
    if not task:
        return None
    data = work / f"task-{shape}"
    data.mkdir()
    rc = work / f"taskrc-{shape}"
    rc.write_text(
        f"data.location={data}\nuda.director.type=string\nuda.director.label=Director\n"
        "confirmation=off\nverbose=nothing\ncolor=off\nhooks=off\ngc=off\n"
        # countdown's filters ignore case; taskwarrior's match nothing without this
        "search.case.sensitive=no\n"
    )
    tasks = generate(work / f"tasks-{shape}.json", 10_000, shape, "--taskwarrior")
    task_env = {**env, "TASKRC": str(rc)}
    subprocess.run([task, "import", tasks], env=task_env, capture_output=True, check=True)
    return task_env


def parser_in(env: dict[str, str]) -> str:
    """The TOML parser that reads registries in ``env``: rtoml when installed (the `fast`
    extra), else tomli (registry/toml_parser.py); P is tomli either way."""
    probe = (
        "from importlib.metadata import version\n"
        "try:\n    import rtoml\nexcept ImportError:\n    print('tomli', version('tomli'))\n"
        "else:\n    print('rtoml', version('rtoml'), '(tomli', version('tomli') + ': errors)')"
    )
    found = subprocess.run(
        [PYTHON, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    return found.stdout.strip() or "unknown"


def warm_up(command: list[str], env: dict[str, str], entries: Path) -> None:
    """Run once and wait for the cache entry, which the command writes after answering."""
    before = set(entries.glob("*")) if entries.exists() else set()
    subprocess.run(command, env=env, capture_output=True, check=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (set(entries.glob("*")) - before):
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 10")
    parser.add_argument("--rounds", type=int, help="rounds (each command once a round)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--full", action="store_true", help="also 100k titles, cache off")
    parser.add_argument("--baseline", help="the src folder of another checkout, run alongside")
    args = parser.parse_args()
    rounds = args.rounds or (5 if args.quick else 10)
    shapes = [s for s in args.shapes.split(",") if s]
    work = Path(tempfile.mkdtemp(prefix="countdown-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
    env.pop("COUNTDOWN_REGISTRY", None)
    env.pop("COLUMNS", None)
    # Measure what users run: an installed package has its bytecode compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # (in a child: the peak RSS of a child counts its parent's pages before exec, so this
    # process stays small and imports nothing of the package)
    subprocess.run(
        [PYTHON, "-c", "import compileall, os, release_countdown as p; "
         "compileall.compile_dir(os.path.dirname(p.__file__), quiet=1)"],
        env=env, check=True,
    )  # fmt: skip
    cold = {**env, "COUNTDOWN_NO_CACHE": "1"}
    entries = work / "cache" / "release-countdown" / "registries"
    jobs: dict[str, Job] = {}

    def add(key: str, name: str, command: list[str], environment: dict[str, str], **kw: bool) -> None:
        jobs[key] = Job(name, command, environment, **kw)

    add("F0", "F0  python -c pass", [PYTHON, "-c", "pass"], env)
    add("F1", "F1  import typer, rich.console, rich.table, dateutil.relativedelta, tomli",
        [PYTHON, "-c", "import typer, rich.console, rich.table, dateutil.relativedelta, tomli"],
        env)  # fmt: skip
    add("help", "countdown --help (bundled)", [COUNTDOWN, "--help"], env)
    add("json", "countdown list --json (bundled)", [COUNTDOWN, "list", "--json"], env)
    add("piped", "countdown list, piped (bundled)", [COUNTDOWN, "list", "--all"], env)
    checks: list[tuple[str, Callable[[int, str], float], float]] = [
        ("--help / F1", lambda r, b: jobs["help" + b].times[r] / jobs["F1"].times[r], 1.0),
        ("list --json / F1", lambda r, b: jobs["json" + b].times[r] / jobs["F1"].times[r], 1.0),
        ("list piped / F1", lambda r, b: jobs["piped" + b].times[r] / jobs["F1"].times[r], 1.15),
    ]
    for shape in shapes:
        ten = generate(work / f"registry-{shape}.toml", 10_000, shape)
        size = os.path.getsize(ten) / 1e6
        s = shape
        director = [COUNTDOWN, "list", "--all", "--json", "--director", "vaughn", "-r", ten]
        add(f"P-{s}", f"[{s} {size:.1f} MB] P(10k) tomli.load",
            [PYTHON, "-c", f"import tomli; tomli.load(open({ten!r}, 'rb'))"], env)  # fmt: skip
        add(f"cold-{s}", f"[{s}] 10k list --all --json --director vaughn, cache off", director, cold)
        warm_up([COUNTDOWN, "list", "--json", "-r", ten], env, entries)
        add(f"warm-{s}", f"[{s}] 10k list --all --json --director vaughn, cache warm", director, env)
        add(f"view-{s}", f"[{s}] 10k list --json (default view), cache warm",
            [COUNTDOWN, "list", "--json", "-r", ten], env)  # fmt: skip
        add(f"table-{s}", f"[{s}] 10k list --all (table, piped), cache warm",
            [COUNTDOWN, "list", "--all", "-r", ten], env)  # fmt: skip
        add(f"tty-{s}", f"[{s}] 10k list --all on a terminal: first byte, cache warm",
            [COUNTDOWN, "list", "--all", "-r", ten], env, tty=True)  # fmt: skip
        task_env = taskwarrior(work, shape, env)
        task = shutil.which("task") or "task"
        checks += [
            (f"[{s}] 10k cold / P(10k)",
             lambda r, b, s=s: jobs[f"cold-{s}" + b].times[r] / jobs[f"P-{s}"].times[r], 1.3),
            (f"[{s}] 10k table piped (s)", lambda r, b, s=s: jobs[f"table-{s}" + b].times[r], 1.0),
            (f"[{s}] 10k terminal first byte (s)", lambda r, b, s=s: jobs[f"tty-{s}" + b].times[r], 0.3),
        ]  # fmt: skip
        if task_env is not None:
            add(f"tlist-{s}", f"[{s}] task director.contains:vaughn list (10k)",
                [task, "director.contains:vaughn", "list"], task_env)  # fmt: skip
            add(f"texport-{s}", f"[{s}] task status:pending due.after:today export (10k)",
                [task, "status:pending", "due.after:today", "export"], task_env)  # fmt: skip
            checks += [
                (f"[{s}] 10k warm filtered / task list",
                 lambda r, b, s=s: jobs[f"warm-{s}" + b].times[r] / jobs[f"tlist-{s}"].times[r], 1.0),
                (f"[{s}] 10k warm view / task export",
                 lambda r, b, s=s: jobs[f"view-{s}" + b].times[r] / jobs[f"texport-{s}"].times[r], 1.0),
            ]  # fmt: skip
    if args.full:
        s = shapes[0]
        big = generate(work / f"registry-100k-{s}.toml", 100_000, s)
        add("100k", f"[{s}] 100k list --json, cache off", [COUNTDOWN, "list", "--json", "-r", big], cold)
        add("10k-cold-json", f"[{s}] 10k list --json, cache off",
            [COUNTDOWN, "list", "--json", "-r", str(work / f"registry-{s}.toml")], cold)  # fmt: skip
        checks.append(
            ("t(100k) / t(10k), list --json cold",
             lambda r, b: jobs["100k" + b].times[r] / jobs["10k-cold-json" + b].times[r], 11.0)
        )  # fmt: skip
    sides = [""]
    if args.baseline:
        sides.append("@base")
        base = {"PYTHONPATH": str(Path(args.baseline).resolve())}
        base_cache = work / "cache-base"
        base_entries = base_cache / "release-countdown" / "registries"
        subprocess.run(
            [PYTHON, "-c", "import compileall, os, release_countdown as p; "
             "compileall.compile_dir(os.path.dirname(p.__file__), quiet=1)"],
            env={**env, **base}, check=True,
        )  # fmt: skip
        warmed: set[str] = set()
        for key, job in list(jobs.items()):
            if job.command[0] != COUNTDOWN:
                continue
            twin = {**job.env, **base, "XDG_CACHE_HOME": str(base_cache)}
            if "-r" in job.command and "COUNTDOWN_NO_CACHE" not in twin:
                registry = job.command[job.command.index("-r") + 1]
                if registry not in warmed:  # once: warm_up waits for a new entry
                    warm_up([COUNTDOWN, "list", "--json", "-r", registry], twin, base_entries)
                    warmed.add(registry)
            jobs[key + "@base"] = Job(f"{job.name} (baseline)", job.command, twin, tty=job.tty)
    for job in jobs.values():  # one warm-up each
        job.run()
        job.times.clear()
    for _ in range(rounds):
        for job in jobs.values():
            job.run()

    load = os.getloadavg()
    print(
        f"machine: {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}; {rounds} interleaved rounds; load after: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(f"registries parsed by: {parser_in(env)}")
    print(f"{'command':<72} {'median':>9} {'spread':>8} {'peak MiB':>9} {'lines':>6}")
    for job in jobs.values():
        spread = max(job.times) - min(job.times)
        print(
            f"{job.name:<72} {job.median * 1000:7.1f}ms {spread * 1000:6.1f}ms "
            f"{max(job.peaks) / 1024:9.1f} {job.lines:6}"
        )
    print()
    print(f"{'ratio (median of the rounds)':<44} {'value':>8} {'target':>8}  met  baseline")
    for name, ratio, limit in checks:
        value, *before = (statistics.median(ratio(r, b) for r in range(rounds)) for b in sides)
        was = f"  {before[0]:8.2f}" if before else ""
        print(f"{name:<44} {value:8.2f} {limit:8.2f}  {'yes' if value <= limit else 'NO ':<3}{was}")
    if "100k" in jobs:
        peak = max(jobs["100k"].peaks) / 1024
        print(f"{'100k peak memory (MiB)':<44} {peak:8.1f} {300.0:8.2f}  {'yes' if peak <= 300 else 'NO'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
