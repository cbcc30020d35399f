"""Secrets out of URLs, by their structure: what a message may say of a destination or mirror.

Push services put their secrets anywhere in a URL: ``discord://ID/TOKEN``,
``tgram://BOT:TOKEN/CHAT``, ``slack://A/B/C``, ``json://host/path?token=T``,
``mailto://user:pass@host``. So no single part is trusted: ``redact_url`` keeps the scheme,
the host and a numeric port, and masks everything else (the userinfo, each path segment,
each query value, the fragment) with ``***``. ``redact_text`` does that to every URL written
in a text, and masks the secret pieces of the given URLs wherever else they appear (a
service that echoes its token in an error message).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

MASK: Final = "***"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>`]+")
_PORT = re.compile(r"[0-9]{1,5}")
_SHORTEST_SECRET: Final = 4  # shorter pieces are masked inside URLs, not everywhere in a text


def _split(url: str) -> tuple[str, str, str, str, str, str, str] | None:
    """scheme, userinfo, host, port, path, query, fragment ('' when absent); None when
    ``url`` has no ``scheme://``."""
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme:
        return None
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    authority, slash, path = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    if hostport.startswith("[") and "]" in hostport:  # an IPv6 address
        end = hostport.index("]") + 1
        host, port = hostport[:end], hostport[end:].removeprefix(":")
    else:
        host, _, port = hostport.partition(":")
    return scheme, userinfo if at else "", host, port, slash + path, query, fragment


def redact_url(url: str) -> str:
    """``tgram://123:SECRET/chat?token=T`` -> ``tgram://123:***/***?token=***``; a text
    without ``scheme://`` (``desktop``, a file name) is returned as it is."""
    parts = _split(url)
    if parts is None:
        return url
    scheme, userinfo, host, port, path, query, fragment = parts
    shown = f"{scheme}://{MASK + '@' if userinfo else ''}{host}"
    if port:
        shown += ":" + (port if _PORT.fullmatch(port) else MASK)
    shown += "/".join(segment and MASK for segment in path.split("/"))
    if query:
        items = (item.partition("=") for item in query.split("&"))
        shown += "?" + "&".join(f"{key}={MASK}" if eq else (key and MASK) for key, eq, _ in items)
    if fragment:
        shown += "#" + MASK
    return shown


def secrets_of(url: str) -> list[str]:
    """The pieces of ``url`` that ``redact_url`` masks, longest first."""
    parts = _split(url)
    if parts is None:
        return []
    _, userinfo, _, port, path, query, fragment = parts
    from urllib.parse import quote, unquote

    pieces = {userinfo, userinfo.partition(":")[2], fragment, *path.split("/")}
    pieces |= {
        value if eq else key for key, eq, value in (i.partition("=") for i in query.split("&"))
    }
    if not _PORT.fullmatch(port):
        pieces.add(port)
    # A service may echo a piece decoded, or encoded.
    pieces |= {unquote(p) for p in pieces} | {quote(p, safe="") for p in pieces}
    return sorted((p for p in pieces if len(p) >= _SHORTEST_SECRET), key=len, reverse=True)


def _redact_found(found: re.Match[str]) -> str:
    """A URL found in a text, redacted; the punctuation after it ("…&x=1);") is the text's."""
    url = found[0]
    body = url.rstrip(".,;:!?)]}")
    return redact_url(body) + url[len(body) :]


def redact_text(text: str, urls: Iterable[str] = ()) -> str:
    """``text`` with every URL in it redacted, and the secret pieces of ``urls`` masked
    wherever else they appear."""
    text = _URL.sub(_redact_found, text)
    for url in urls:
        for piece in secrets_of(url):
            text = text.replace(piece, MASK)
    return text
