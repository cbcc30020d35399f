"""Slowloris against a real `countdown serve` (issue 20, item 15): with its file limit lowered
to 256, a client holding 1,100 connections that never finish their request head does not stop a
legitimate request, and the half-open connections the server keeps are closed at the head
deadline (serve/server.py)."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

import pytest

from release_countdown.serve.server import HEAD_TIMEOUT

from .conftest import serving

FILES = 256  # the server's RLIMIT_NOFILE: far below the connections the attacker holds
ATTACKERS = 1100


def lower_file_limit() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, FILES))


def open_half_open(port: int, count: int) -> list[socket.socket]:
    """``count`` connections opened at once, each sending the start of a request head and
    nothing more; those connected within a few seconds are returned (the rest closed)."""
    import selectors

    pending = set()
    waiting = selectors.DefaultSelector()  # epoll: descriptors past 1,024
    for _ in range(count):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        pending.add(s)
        waiting.register(s, selectors.EVENT_WRITE)
    held: list[socket.socket] = []
    deadline = time.monotonic() + 5
    while pending and time.monotonic() < deadline:  # bounded: five seconds
        for key, _ in waiting.select(0.5):
            s = key.fileobj  # type: ignore[assignment]
            waiting.unregister(s)
            pending.discard(s)
            try:
                s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            except OSError:
                s.close()
            else:
                held.append(s)
    waiting.close()
    for s in pending:
        s.close()
    return held


def closed_by_server(s: socket.socket, within: float) -> bool:
    s.setblocking(True)
    s.settimeout(within)
    try:
        return s.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.mark.slow
def test_a_slowloris_does_not_stop_a_legitimate_request(
    registry_file: Path, tmp_path: Path
) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = ATTACKERS + 200
    if soft < wanted:
        if hard != resource.RLIM_INFINITY and hard < wanted:
            pytest.skip(f"this process may open {hard} files; the test needs {wanted}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    held: list[socket.socket] = []
    try:
        with serving(registry_file, tmp_path, preexec_fn=lower_file_limit) as (base, process):
            port = int(base.rsplit(":", 1)[1])
            held = open_half_open(port, ATTACKERS)
            assert len(held) > FILES * 2  # far more than the server could hold at once
            started = time.monotonic()
            with urllib.request.urlopen(f"{base}/healthz", timeout=HEAD_TIMEOUT) as answer:
                assert answer.status == 200
                assert b'"titles":5' in answer.read().replace(b" ", b"")
            took = time.monotonic() - started
            assert took < 5, f"the legitimate request took {took:.1f}s"
            # Once the attack is over, a half-open connection is closed at the head deadline.
            for s in held:
                s.close()
            late = open_half_open(port, 1)
            held.extend(late)
            opened = time.monotonic()
            assert closed_by_server(late[0], HEAD_TIMEOUT + 5)
            assert HEAD_TIMEOUT - 1 < time.monotonic() - opened < HEAD_TIMEOUT + 3
            # ...and the server still answers, and is still running.
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:
                assert answer.status == 200
            assert process.poll() is None
    finally:
        for s in held:
            s.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log, log[-3000:]
