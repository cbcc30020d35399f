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


# Typographic punctuation and letters that NFKD does not take apart, spelt in ASCII.
_ASCII_FORMS = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u201a": ",",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2026": "...", "\u00b7": "-",
        "\u2022": "*", "\u2264": "<=", "\u2265": ">=", "\u00a0": " ", "\u00d7": "x",
        "\u00df": "ss", "\u00c6": "AE", "\u00e6": "ae", "\u00d8": "O", "\u00f8": "o",
        "\u0152": "OE", "\u0153": "oe", "\u0141": "L", "\u0142": "l", "\u0110": "D",
        "\u0111": "d", "\u00de": "Th", "\u00fe": "th", "\u00f0": "d",
    }
)  # fmt: skip


def ascii_text(text: str) -> str:
    """``text`` in ASCII, for output that promises it (a piped or --ascii timeline): dashes,
    quotes and ellipses spelt in ASCII, accents dropped ("Göransson" → "Goransson"), and a
    character with no ASCII form (a letter of another script, a stand-in of terminal_safe)
    as "?"."""
    text = text.translate(_ASCII_FORMS)
    if text.isascii():
        return text
    import unicodedata

    folded = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return folded.translate(_ASCII_FORMS).encode("ascii", "replace").decode("ascii")
