"""Text helpers shared by matching, ids and terminal output (no I/O, no rich)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Dashes people type as "-" when searching for titles written with an en dash.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and dash-insensitive form of ``text`` for matching."""
    if text.isascii():  # the common case, ten times faster
        folded = text.lower()
        return (
            folded
            if folded.strip() == folded and "  " not in folded and folded.isprintable()
            else " ".join(folded.split())
        )
    decomposed = unicodedata.normalize("NFKD", text.translate(_DASHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def slugify(text: str) -> str:
    """The id derived from a title: ``"Mission: Impossible – X"`` -> ``"mission-impossible-x"``.

    Letters of any script are kept (a Japanese title keeps its characters); accents are not.
    """
    return re.sub(r"[\W_]+", "-", fold(text)).strip("-")


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
