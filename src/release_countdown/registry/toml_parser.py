"""TOML text to a document: rtoml (compiled, the `fast` extra) when installed, else tomli.

The document and every error are tomli's, whichever parser ran: rtoml's answer is kept only
where it equals tomli's, and anything rtoml refuses or does differently goes to tomli, which
raises its own ``TOMLDecodeError`` (message, line and column) or ``RecursionError`` as
before. Where rtoml 0.14 differs (found on toml-test's 1,052 files, LF and CRLF, and by
tests/registry/test_toml_parser.py: every fixture, these shapes, generated documents):

- an offset date-time's zone is rtoml's ``TzInfo``, not ``datetime.timezone``: replaced;
- a leading byte order mark is accepted by rtoml, refused by tomli: such text goes to tomli;
- a line break written CRLF inside a multi-line string stays CRLF in rtoml's value, while
  tomli's is LF: text with both a CR and a multi-line string goes to tomli;
- rtoml refuses what tomli takes (floats beyond the double range, lone surrogates, nesting
  deeper than about 80): its error sends the text to tomli.

rtoml holds its own document and Python's at once (a whole 10 MB registry: 140 MiB more than
tomli at the peak), so it reads texts shorter than ``COMPILED_UNDER`` characters: longer files
are handed to it a ``[[release]]`` block at a time (registry/parse.py), and the rare large
file that cannot be cut so goes to tomli whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timezone
from functools import cache
from typing import Any, Final

COMPILED_UNDER: Final = 1024 * 1024  # rtoml parses texts shorter than this, longer ones in blocks

# Text where an offset date-time may be (an over-approximation: a time's last digits, then
# a zone); only then is the document walked for zones to replace.
_ZONED_TIME: Final = re.compile(r":\d\d(?:\.\d+)?[Zz+-]")


def parse_toml(text: str) -> dict[str, Any]:
    """The document tomli makes of ``text``, or tomli's error."""
    import tomli

    document = _compiled(text)
    if document is None:
        document = tomli.loads(text)  # the same call, from the same depth, as without rtoml
    return document


@cache
def compiled_loads() -> Callable[[str], Any] | None:
    """rtoml's parser if installed (asked once a process: a failed import is not cached, and
    a large file is parsed in 10,000s of blocks)."""
    try:
        import rtoml
    except ImportError:
        return None
    loads: Callable[[str], Any] = rtoml.loads
    return loads


def _compiled(text: str) -> dict[str, Any] | None:
    """rtoml's document when it is certainly tomli's, else None."""
    loads = compiled_loads()
    if loads is None or len(text) >= COMPILED_UNDER or text.startswith("\ufeff"):
        return None
    if "\r" in text and ('"""' in text or "'''" in text):
        return None
    try:
        document: dict[str, Any] = loads(text)
        if _ZONED_TIME.search(text):
            _standard_zones(document)
    except Exception:  # its error, or anything unexpected: tomli reads the text again
        return None
    return document


def _standard_zones(value: Any) -> Any:
    """``value`` with each offset date-time's zone as tomli gives it (containers in place)."""
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _standard_zones(item)
    elif isinstance(value, list):
        value[:] = [_standard_zones(item) for item in value]
    elif isinstance(value, datetime) and (offset := value.utcoffset()) is not None:
        return value.replace(tzinfo=timezone(offset))
    return value
