"""The guard in front of every route: Host check (DNS rebinding), token, security headers,
and one log line per request (method, path without the token, status, milliseconds)."""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

HEADERS = (
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names a request may carry: the bound name or address, and the loopback names
    when bound to loopback or to every address (``extra``: more names, e.g. the machine's)."""
    names = {bind.strip("[]").lower(), *(name.lower() for name in extra)}
    if is_loopback(bind) or is_wildcard(bind):
        names.update(LOOPBACK_NAMES)
    return frozenset(names)


def host_name(header: str) -> str:
    """``example.org:8787`` → ``example.org``; ``[::1]:8787`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def without_token(query: str) -> str:
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
    return urlencode(kept)


class Guard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        hosts: frozenset[str],
        token: str | None,
        wildcard: bool,
        log: Callable[[str], None],
    ) -> None:
        self.app, self.hosts, self.wildcard, self.log = app, hosts, wildcard, log
        self.token = token.encode("utf-8") if token else None

    def _host_ok(self, name: str) -> bool:
        if name in self.hosts:
            return True
        if self.wildcard:  # bound to every address: any of this machine's addresses
            try:
                ipaddress.ip_address(name)
            except ValueError:
                return False
            return True
        return False

    def _token_ok(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        given = b""
        for key, value in scope.get("headers", ()):
            if key == b"authorization" and value[:7].lower() == b"bearer ":
                given = value[7:].strip()
        if not given:
            query = scope.get("query_string", b"").decode("latin-1")
            for key, value in parse_qsl(query, encoding="utf-8", errors="replace"):
                if key == "token":
                    given = value.encode("utf-8")
        return hmac.compare_digest(given, self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                message["headers"] = [*message.get("headers", ()), *HEADERS]
            await send(message)

        host = ""
        for key, value in scope.get("headers", ()):
            if key == b"host":
                host = value.decode("latin-1")
        try:
            if not self._host_ok(host_name(host)):
                await _plain(send_with_headers, 400, "unknown Host header\n")
            elif not self._token_ok(scope):
                await _plain(
                    send_with_headers,
                    401,
                    "a token is required: ?token=… or Authorization: Bearer …\n",
                    ((b"www-authenticate", b'Bearer realm="countdown"'),),
                )
            elif scope["method"] not in ("GET", "HEAD"):
                await _plain(
                    send_with_headers, 405, "read-only: GET only\n", ((b"allow", b"GET, HEAD"),)
                )
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            query = without_token(scope.get("query_string", b"").decode("latin-1"))
            path = _printable(scope.get("path", "") + (f"?{query}" if query else ""))
            ms = (time.perf_counter() - started) * 1000
            self.log(f"{scope.get('method', '-')} {path} {status[0]} {ms:.1f}ms")


def _printable(text: str) -> str:
    """A log line stays one line whatever the request's path holds."""
    return "".join(c if c.isprintable() and c != "\\" else repr(c)[1:-1] for c in text)


async def _plain(
    send: Send, status: int, text: str, headers: tuple[tuple[bytes, bytes], ...] = ()
) -> None:
    body = text.encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
