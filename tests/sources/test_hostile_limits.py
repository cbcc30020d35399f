"""The time and peak memory of a real `countdown import` process against the hostile server
(issue 20, items 6 and 7): each ends by the deadline + 1 s, within 100 MB.

Also a tool: ``python -m tests.sources.test_hostile_limits [SECONDS]`` prints the figures
for the default 10 s deadline (the issue's closing note)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sources import hostile as h
from tests.sources.conftest import KEY
from tests.sources.hostile import HostileServer

MAX_RSS_MB = 100
MODES = {
    "slow drip (a byte every 9 s)": lambda: h.drip(9.0),
    "slow headers (a byte every 0.5 s)": lambda: h.drip_headers(0.5),
    "endless chunked": h.endless,
    "gzip bomb (1 MB -> 1 GiB)": lambda: h.bomb(1024),
    "100 MB answer": h.huge,
}


# The import runs as the grandchild of a small interpreter, which reports its peak RSS: on
# Linux a child's ru_maxrss starts from the size of the process it was forked from (kept
# across exec), so a child of a long pytest run would report pytest's size, not its own.
_REPORT_PEAK = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
)


def measure(url: str, registry: Path, deadline: float) -> tuple[float, float, int, str]:
    """Seconds, peak RSS in MB, exit code and stderr of one `countdown import`."""
    env = {
        **os.environ,
        "COUNTDOWN_TMDB_URL": url,
        "TMDB_API_KEY": KEY,
        "COUNTDOWN_HTTP_TIMEOUT": str(deadline),
    }
    command = [sys.executable, "-m", "release_countdown", "import", "tmdb:movie/1"]
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_PEAK, *command, "-r", str(registry)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    seconds = time.monotonic() - start
    peak, code = (int(part) for part in done.stdout.split())
    return seconds, peak / 1024, code, done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(MODES))
def test_import_against_a_hostile_server_is_bounded(mode: str, registry: Path) -> None:
    deadline = 3.0
    with HostileServer() as server:
        server.answers = [h.answer({}, 404)]  # at once: the cost of starting, on this machine
        started, _, code, _ = measure(server.url, registry, deadline)
        assert code == 1
        server.answers = [MODES[mode]()]
        seconds, rss, code, stderr = measure(server.url, registry, deadline)
    assert code == 4, stderr
    assert seconds - started <= deadline + 1
    assert rss <= MAX_RSS_MB
    assert registry.read_text() == "schema = 1\n"


if __name__ == "__main__":
    import tempfile

    deadline = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    h.bomb_bytes(1024)  # made before the clock starts
    for name, make in MODES.items():
        with tempfile.TemporaryDirectory() as folder, HostileServer() as server:
            path = Path(folder) / "releases.toml"
            path.write_text("schema = 1\n")
            server.answers = [make()]
            seconds, rss, code, stderr = measure(server.url, path, deadline)
        print(f"{name:36} {seconds:5.2f} s  {rss:5.1f} MB  exit {code}  {stderr.strip()[:90]}")
