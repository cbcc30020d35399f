"""Text on its way to a terminal: control and bidi characters made visible (no rich here)."""

from __future__ import annotations

import re


def _stand_in(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: NUL -> U+2400 ... ESC -> U+241B
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


# C0/C1 controls (ESC starts ANSI/OSC sequences) and the bidi marks, embeddings, overrides and
# isolates that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Replace control and bidi characters with visible stand-ins before text reaches a terminal."""
    return _UNSAFE.sub(lambda m: _stand_in(m.group()), text)
