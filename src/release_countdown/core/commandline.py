"""Commands a message suggests, written so that pasting them into a shell runs them.

Every hint that names a command (`add … --id …`, `edit … --checked today`) is built here from
its words, so the quoting is one rule: a word of plain characters stays bare, a word with
spaces or other shell characters gets double quotes (what a person types), and a word holding
``"``, ``$``, backquote, backslash or ``!`` (which double quotes would not keep) single quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_BARE: Final = re.compile(r"[\w@%+=:,./-]+")
_NOT_IN_DOUBLE_QUOTES: Final = frozenset('"$`\\!')


def shell_word(word: str) -> str:
    """``word`` as one shell word."""
    import shlex

    if _BARE.fullmatch(word):
        return word
    if not _NOT_IN_DOUBLE_QUOTES.intersection(word):
        return f'"{word}"'
    return shlex.quote(word)


def command_line(words: Iterable[str]) -> str:
    """``countdown`` and ``words``, each quoted by ``shell_word``."""
    return " ".join(["countdown", *(shell_word(w) for w in words)])
