"""An editor saving the registry over and over, in place (truncate, then write) and by rename,
while `add` runs in other processes: no title the editor saved, and none that was there, may
be lost. Issue 20 items 1 and 2; on cbb4fc1 the first in-place race lost the 100 titles."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROUNDS = int(os.environ.get("COUNTDOWN_RACE_ROUNDS", "200"))  # `add` runs, over all workers
WORKERS = 2
BASE = 100

# Runs `add` in a loop in its own process (through the CLI, as `countdown add` would, without
# paying the interpreter's start-up each round) and prints one JSON line per round.
WORKER = """
import json, sys
from typer.testing import CliRunner
from release_countdown.cli.app import app
path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
runner = CliRunner()
for k in range(rounds):
    title = f"Add {name} {k}"
    done = runner.invoke(app, ["add", title, "--date", "2035-01-01", "-r", path])
    first = (done.stderr.strip().splitlines() or [""])[0]
    print(json.dumps([title, done.exit_code, first]), flush=True)
"""


def release(ident: str, title: str, day: str) -> str:
    return f'\n[[release]]\nid = "{ident}"\ntitle = "{title}"\ndate = {day}\n'


def ids(text: str) -> set[str]:
    return set(re.findall(r'^id = "([^"]+)"', text, re.MULTILINE))


class Editor(threading.Thread):
    """Reads the file, replaces its own last title with a new one, saves: in place or by
    rename, in turn. Each read checks that its previous save is there (or kept beside)."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.saves = 0
        self.lost: list[str] = []
        self.stop = threading.Event()
        self.random = random.Random(20)

    def run(self) -> None:
        previous = ""
        while not self.stop.is_set():
            text = self.path.read_text()
            if previous and previous not in text and not kept(self.path, previous):
                self.lost.append(previous.split('"')[1])
            ident = f"ed-{self.saves}"
            mine = release(ident, f"Ed {self.saves}", "2034-01-01")
            data = (text.replace(previous, "") + mine).encode()
            if self.saves % 2:
                side = self.path.with_name("editor.swp")
                side.write_bytes(data)
                os.replace(side, self.path)
            else:
                with self.path.open("wb") as out:  # truncates: the file is empty now
                    time.sleep(self.random.uniform(0, 0.003))
                    half = self.random.randrange(len(data))
                    out.write(data[:half])
                    out.flush()
                    time.sleep(self.random.uniform(0, 0.002))
                    out.write(data[half:])
            previous = mine
            self.saves += 1
            time.sleep(self.random.uniform(0.005, 0.05))


def kept(path: Path, text: str) -> bool:
    return any(text in p.read_text() for p in path.parent.glob(f"{path.name}.countdown-kept-*"))


@pytest.mark.slow
def test_an_editor_saving_during_adds_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "releases.toml"
    path.write_text(
        "schema = 1\n"
        + "".join(release(f"base-{i}", f"Base {i}", "2033-01-01") for i in range(BASE))
    )
    editor = Editor(path)
    editor.start()
    start = time.monotonic()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), str(n), str(ROUNDS // WORKERS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WORKERS)
    ]
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        outcomes += [json.loads(line) for line in out.splitlines()]
    editor.stop.set()
    editor.join()
    took = time.monotonic() - start

    final = path.read_text()
    lost = sorted({f"base-{i}" for i in range(BASE)} - ids(final)) + editor.lost
    codes: dict[int, int] = {}
    for _, code, _ in outcomes:
        codes[code] = codes.get(code, 0) + 1
    refusals: dict[str, int] = {}
    for _, code, message in outcomes:
        if code:
            said = message.replace(str(path), "PATH")[:70]
            refusals[said] = refusals.get(said, 0) + 1
    print(
        f"\n{len(outcomes)} add rounds, {editor.saves} editor saves in {took:.1f} s; "
        f"exit codes {codes}; lost {len(lost)}: {lost[:10]}; refusals {refusals}"
    )
    assert len(outcomes) == ROUNDS // WORKERS * WORKERS
    assert not lost
    assert set(codes) <= {0, 3}  # written, or refused with nothing written
    assert codes.get(0, 0) > ROUNDS // 10  # the race ran: adds got through
    assert not list(tmp_path.glob(".releases.toml.*.tmp"))
