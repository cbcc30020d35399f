"""uvicorn, run with limits: what a client that opens connections and sends nothing (or one
byte now and then) can hold of the server.

uvicorn (0.55) bounds an idle keep-alive connection (``timeout_keep_alive``), the size of an
incomplete request head (``h11_max_incomplete_event_size``) and the requests in progress
(``limit_concurrency``: a 503 beyond it), but not the time a new connection may take to send
its request head: a slowloris holds a file descriptor per socket for ever, and at the file
limit (systemd's default is 1,024) the server accepts nobody. Two additions, in the HTTP
protocol class uvicorn is given:

- a head deadline (HEAD_TIMEOUT): a connection whose request head has not arrived that long
  after it opened, or after its previous answer, is closed;
- a connection cap (``limits``, from the file limit): when a new connection would
  exceed it, the oldest connection with no request in progress is closed to make room, so the
  newest client is always served and descriptors never run out.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from time import monotonic
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from release_countdown.core.errors import UsageError

HEAD_TIMEOUT = 10.0  # seconds for a request head to arrive
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open (uvicorn's timeout_keep_alive)
HEAD_BYTES = 16 * 1024  # the largest request head (h11_max_incomplete_event_size)
BACKLOG = 512  # connections the kernel queues before they are accepted
GRACE = 5  # seconds the requests in progress get on Ctrl-C (timeout_graceful_shutdown)
RESERVED_FILES = 64  # descriptors kept for everything but connections (the registry, logs...)


def limits() -> tuple[int, int]:
    """(open connections kept, backlog), from the file limit. asyncio accepts up to
    ``backlog`` connections at each turn of its loop, and a connection is counted (and room
    made for it) three turns later: the cap leaves room for four turns of accepts and
    RESERVED_FILES. At 1,024 files: 704 connections and a backlog of 64. At most 1,000
    connections and BACKLOG; the same where there is no such limit."""
    try:
        import resource
    except ImportError:  # not on Unix
        return 1000, BACKLOG
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000, BACKLOG
    backlog = max(4, min(BACKLOG, soft // 16))
    return max(4, min(1000, soft - 4 * backlog - RESERVED_FILES)), backlog


class LimitedH11(H11Protocol):
    """uvicorn's h11 protocol with the head deadline and the connection cap."""

    cap = 1000
    head_timeout = HEAD_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.opened = monotonic()
        self._make_room()
        super().connection_made(transport)
        self._head_deadline()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
        super().connection_lost(exc)

    def _head_deadline(self) -> None:
        """Close the connection if no new request has begun ``head_timeout`` from now."""
        old = getattr(self, "_deadline", None)
        if old is not None:
            old.cancel()
        self._deadline = self.loop.call_later(self.head_timeout, self._expire, self.cycle)

    def _idle(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _expire(self, cycle: Any) -> None:
        if self.cycle is cycle and self._idle() and not self.transport.is_closing():
            self.transport.close()

    def _make_room(self) -> None:
        if len(self.connections) < self.cap:
            return
        idle = [c for c in self.connections if isinstance(c, LimitedH11) and c._idle()]
        if idle:
            oldest = min(idle, key=lambda c: c.opened)
            oldest.connections.discard(oldest)  # counted out now: its close is asynchronous
            oldest.transport.close()


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: any free port) and listening, before anything
    says "serving": a port in use is exit 2 with what to do, never uvicorn's error after it.
    As uvicorn binds (SO_REUSEADDR: a port left in TIME_WAIT by a previous run is free)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(limits()[1])
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is in use (try --port 0 for any free port)") from None
        shown = f"[{host}]" if ":" in host else host
        reason = exc.strerror or exc
        raise UsageError(f"cannot listen on {shown}:{port}: {reason}") from None
    return sock


def run(asgi: Any, sock: socket.socket) -> None:
    """Serve ``asgi`` on the listening ``sock`` until interrupted, with the limits above."""
    import uvicorn

    cap, backlog = limits()
    protocol = type("CountdownH11", (LimitedH11,), {"cap": cap})
    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(
        asgi,
        host=host,
        port=port,
        http=protocol,
        timeout_keep_alive=KEEP_ALIVE,
        h11_max_incomplete_event_size=HEAD_BYTES,
        limit_concurrency=cap + 1,  # requests in progress; the connections are capped above
        backlog=backlog,
        timeout_graceful_shutdown=GRACE,
        access_log=False,
        log_level="warning",
    )
    uvicorn.Server(config).run(sockets=[sock])
