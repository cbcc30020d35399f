"""`countdown schedule run`: the one job a timer or crontab runs. `refresh --due`, then (with
--notify) `notify`, each as its own `countdown` process (what a person would type, its output
and exit code its own; notify runs even when refresh failed: a source down is no reason to
miss a reminder), and the result recorded in the state folder for `schedule status`: start,
end, the worst exit code and a line saying how each step went."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Final

SUMMARY_WIDTH: Final = 400  # characters of the one-line summary kept


def steps(notify: bool, registry: Path | None) -> list[tuple[str, list[str]]]:
    """Each step's name, as the summary says it, and its words."""
    target = ["--registry", str(registry)] if registry else []
    found = [("refresh --due", ["refresh", "--due", *target])]
    return found + ([("notify", ["notify", *target])] if notify else [])


def run_step(words: list[str]) -> tuple[int, str]:
    """Run ``countdown WORDS`` (this Python, this package): its stdout passed on, its stderr
    passed on after it ends; its exit code and the last line it said (without "countdown: ")."""
    done = subprocess.run(  # this interpreter, our own arguments
        [sys.executable, "-m", "release_countdown", *words], stderr=subprocess.PIPE, check=False
    )
    said = done.stderr.decode("utf-8", "replace")
    sys.stderr.write(said)
    sys.stderr.flush()
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    last = lines[-1].removeprefix("countdown: ") if lines else ""
    code = done.returncode if done.returncode >= 0 else 128 - done.returncode  # a signal's
    return code, last


def summary(done: list[tuple[str, int, str]]) -> str:
    """``refresh --due: ok (nothing to refresh); notify: exit 4 (1 notice not delivered)``."""
    parts = []
    for name, code, last in done:
        outcome = "ok" if code == 0 else f"exit {code}"
        parts.append(f"{name}: {outcome}" + (f" ({last})" if last else ""))
    line = "; ".join(parts) or "nothing run"
    return line if len(line) <= SUMMARY_WIDTH else line[: SUMMARY_WIDTH - 1] + "…"


def run_job(*, notify: bool, registry: Path | None) -> int:
    """Run the steps and record how they went (atomically, even when interrupted); the worst
    exit code of the steps."""
    from release_countdown.core.errors import ExitCode
    from release_countdown.registry.locations import schedule_run_file
    from release_countdown.writing.schedule import LastRun, write_last_run

    started = datetime.now().astimezone().isoformat(timespec="seconds")
    done: list[tuple[str, int, str]] = []
    worst: int = ExitCode.OK
    try:
        for name, words in steps(notify, registry):
            code, last = run_step(words)
            done.append((name, code, last))
            worst = max(worst, code)
    except KeyboardInterrupt:
        worst = ExitCode.INTERRUPTED
        done.append(("interrupted", worst, ""))
        raise
    finally:
        ended = datetime.now().astimezone().isoformat(timespec="seconds")
        record = LastRun(started, ended, worst, summary(done), tuple((n, c) for n, c, _ in done))
        write_last_run(schedule_run_file(), record)
    return worst
