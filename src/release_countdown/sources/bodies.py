"""The bodies of answers, made safe to use (no I/O): decoded within a cap (a gzip bomb is
stopped at the cap, not inflated), and parsed as JSON with no lone surrogate and no nesting
deeper than Python parses. sources/http.py reads every answer through them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from release_countdown.core.text import plain_text, without_surrogates

MAX_BODY: Final = 8 * 1024 * 1024  # bytes of a decoded answer
_ESCAPED_SURROGATE: Final = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class TooLarge(Exception):
    """An answer past MAX_BODY bytes, decoded."""


def decoded_body(chunks: Iterable[bytes], encoding: str, cap: int = MAX_BODY) -> bytes:
    """The body from its raw chunks, decoded (gzip, deflate or none) and at most ``cap``
    bytes: TooLarge as soon as more come (decompression never makes more than is kept);
    ValueError for an encoding not asked for, or a corrupt one."""
    import zlib

    name = encoding.strip().lower()
    if name in ("", "identity"):
        inflate = None
    elif name in ("gzip", "x-gzip", "deflate"):
        inflate = zlib.decompressobj(31 if "gzip" in name else 15)
    else:
        raise ValueError(f"content encoding {plain_text(name)[:40]!r} was not asked for")
    parts: list[bytes] = []
    total = 0
    try:
        for chunk in chunks:
            data = chunk
            while data:
                if inflate is None:
                    out, data = data, b""
                else:
                    out = inflate.decompress(data, cap + 1 - total)
                    data = inflate.unconsumed_tail
                total += len(out)
                if total > cap:
                    raise TooLarge(f"the answer is larger than {cap // 1024 // 1024} MiB")
                parts.append(out)
                if inflate is not None and inflate.eof:
                    data = b""
    except zlib.error:
        raise ValueError(f"the answer is not valid {name}") from None
    return b"".join(parts)


class TooDeep(ValueError):
    """JSON nested deeper than Python parses."""


def parse_json(body: bytes) -> Any:
    """The JSON value of an answer: UTF-8 (invalid bytes become U+FFFD), no lone surrogate
    (an escaped one becomes U+FFFD), nested no deeper than Python parses (TooDeep); ValueError
    for what is not JSON."""
    import json

    text = body.decode("utf-8", errors="replace")
    try:
        value = json.loads(text)
    except RecursionError:
        raise TooDeep("the JSON is nested too deeply") from None
    if _ESCAPED_SURROGATE.search(text):
        value = _scrubbed(value)
    return value


def _scrubbed(value: Any) -> Any:
    """``value`` with every string (keys too) without lone surrogates; iterative."""
    root: list[Any] = [value]
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str):
                    node[i] = without_surrogates(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
        else:
            for key in list(node):
                item = node.pop(key)
                if isinstance(item, str):
                    item = without_surrogates(item)
                elif isinstance(item, (list, dict)):
                    stack.append(item)
                node[without_surrogates(key)] = item
    return root[0]
