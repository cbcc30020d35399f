"""A hostile HTTP server on 127.0.0.1, shared by the source tests: it answers what a broken or
malicious source might (a body dripped a byte at a time, an endless chunked body, a gzip bomb,
a huge answer, JSON nested a hundred thousand deep, lone surrogates, impossible dates, odd
Retry-After headers). Raw sockets, so nothing is tidied on the way out.

``HostileServer.routes`` maps a path (without its query) to a behaviour; any other request
takes the next of ``HostileServer.answers``, a queue in arrival order (the last one repeats).
Each behaviour writes a whole exchange to the socket.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import socketserver
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

Behaviour = Callable[[socket.socket], None]


def _head(status: int, headers: dict[str, str | bytes]) -> bytes:
    lines = [f"HTTP/1.1 {status} X".encode()]
    for name, value in {"Connection": "close", **headers}.items():
        lines.append(
            name.encode() + b": " + (value if isinstance(value, bytes) else value.encode())
        )
    return b"\r\n".join(lines) + b"\r\n\r\n"


def answer(body: bytes | str | Any, status: int = 200, **headers: str | bytes) -> Behaviour:
    """A plain answer: bytes as they are, a str as UTF-8, anything else as JSON."""
    if isinstance(body, str):
        data = body.encode("utf-8", "surrogatepass")
    elif isinstance(body, bytes):
        data = body
    else:
        data = json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "Content-Length": str(len(data)), **headers}

    def send(sock: socket.socket) -> None:
        sock.sendall(_head(status, headers) + data)

    return send


def drip(every: float, body: bytes = b'{"title": "' + b"x" * 200 + b'"}') -> Behaviour:
    """The headers, then the body one byte every ``every`` seconds: never a read timeout."""

    def send(sock: socket.socket) -> None:
        sock.sendall(_head(200, {"Content-Length": str(len(body))}))
        for i in range(len(body)):
            time.sleep(every)
            sock.sendall(body[i : i + 1])

    return send


def drip_headers(every: float) -> Behaviour:
    """Even the status line and the headers one byte every ``every`` seconds."""

    def send(sock: socket.socket) -> None:
        for byte in _head(200, {"X-Padding": "p" * 1000}):
            sock.sendall(bytes([byte]))
            time.sleep(every)

    return send


def endless() -> Behaviour:
    """A chunked body that never ends, as fast as the client reads it."""
    chunk = b"%x\r\n%s\r\n" % (65536, b" " * 65536)

    def send(sock: socket.socket) -> None:
        sock.sendall(_head(200, {"Transfer-Encoding": "chunked"}) + b'7\r\n{"a": "\r\n')
        while True:
            sock.sendall(chunk)

    return send


_BOMBS: dict[int, bytes] = {}


def bomb_bytes(mib: int) -> bytes:
    """gzip that inflates to ``mib`` MiB of spaces (about 1 KB a MiB; made once)."""
    if mib not in _BOMBS:
        pack = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b" " * (1 << 20)
        _BOMBS[mib] = b"".join([pack.compress(block) for _ in range(mib)] + [pack.flush()])
    return _BOMBS[mib]


def bomb(mib: int = 256) -> Behaviour:
    """A gzip bomb: 256 KB that inflate to 256 MiB (``mib`` 1024: the 1 MB, 1 GiB one)."""
    return answer(bomb_bytes(mib), **{"Content-Encoding": "gzip"})


def huge(size: int = 100 * 1024 * 1024) -> Behaviour:
    """A ``size``-byte answer with its Content-Length, sent as fast as it is read."""

    def send(sock: socket.socket) -> None:
        sock.sendall(_head(200, {"Content-Length": str(size)}))
        block = b" " * 65536
        for _ in range(size // len(block)):
            sock.sendall(block)

    return send


def nested(depth: int = 100_000) -> Behaviour:
    return answer("[" * depth + "]" * depth)


def gzipped(body: Any) -> Behaviour:
    return answer(gzip.compress(json.dumps(body).encode()), **{"Content-Encoding": "gzip"})


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        sock: socket.socket = self.request
        seen = b""
        while b"\r\n\r\n" not in seen:
            data = sock.recv(65536)
            if not data:
                return
            seen += data
        path = seen.split(b" ", 2)[1].decode("latin-1")
        self.server.owner.paths.append(path)
        with contextlib.suppress(OSError):  # the client hung up: that is the point
            self.server.owner.next_behaviour(path.partition("?")[0])(sock)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: HostileServer


class HostileServer:
    def __init__(self) -> None:
        self.answers: list[Behaviour] = [answer({}, 404)]
        self.routes: dict[str, Behaviour] = {}
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def next_behaviour(self, path: str) -> Behaviour:
        if path in self.routes:
            return self.routes[path]
        with self._lock:
            return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


if __name__ == "__main__":  # a server to point `countdown import` at by hand: MODE [SECONDS]
    import sys

    modes: dict[str, Callable[[], Behaviour]] = {
        "drip": lambda: drip(9.0), "endless": endless, "bomb": lambda: bomb(1024), "huge": huge,
    }  # fmt: skip
    with HostileServer() as server:
        server.answers = [modes[sys.argv[1]]()]
        print(server.url, flush=True)
        time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 3600)
