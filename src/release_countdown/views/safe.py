"""Text on its way to a terminal: control, bidi and invisible characters made visible (no rich)."""

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
# isolates that can reorder what a terminal shows; then what can hide or fake text: the line and
# paragraph separators (a line break to some terminals), zero-width characters (U+200B-U+200D,
# the word joiner and the other invisible U+2060-U+206F format characters, U+FEFF anywhere) and
# the tag characters U+E0000-U+E007F (invisible text that some software still reads).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\U000e0000-\U000e007f]"
)


def terminal_safe(text: str) -> str:
    """Replace control, bidi and invisible characters with visible stand-ins (U+FFFD, or a Control
    Picture for a C0 control) before text reaches a terminal."""
    return _UNSAFE.sub(lambda m: _stand_in(m.group()), text)
