"""Text that came from outside (a source's answer, a server's message), made plain text.

One cleaner for every layer: a lone surrogate ("\\ud800" is valid JSON, but not text: it
cannot be encoded, printed or written) becomes U+FFFD; invisible characters are removed (the
format characters: zero-width space U+200B, word joiner U+2060, U+FEFF, the bidi marks,
embeddings, overrides and isolates, the tag characters U+E0000-U+E007F, the soft hyphen), so
"Film 1001\\u200b" is the same title as "Film 1001"; control characters and line or paragraph
separators become spaces, and runs of white space one space. The zero-width joiner and
non-joiner are kept inside a word, where scripts and emoji need them, and removed at its edges.
Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

REPLACEMENT: Final = "\ufffd"
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_JOINERS: Final = frozenset("\u200c\u200d")
_SPACES: Final = frozenset(("Cc", "Zl", "Zp"))
_DROPPED: Final = frozenset(("Cf",))


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (what a UTF-8 encoder can write)."""
    return text if text.isascii() else _SURROGATE.sub(REPLACEMENT, text)


def _keep_joiner(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isspace() or after.isspace() or before in _JOINERS or after in _JOINERS)


def plain_text(text: str) -> str:
    """``text`` as one line of visible text (see the module's docstring); may be empty."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    text = without_surrogates(text)
    kept: list[str] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            kept.append(ch if ch.isprintable() else " ")
            continue
        category = unicodedata.category(ch)
        if category in _SPACES:
            kept.append(" ")
        elif category in _DROPPED or ch == "\u034f" or "\U000e0000" <= ch <= "\U000e007f":
            if ch in _JOINERS and _keep_joiner(text, i):
                kept.append(ch)
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())
