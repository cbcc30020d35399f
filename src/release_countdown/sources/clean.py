"""Text and dates from a source, made fit for the registry: no control or bidi-override
characters, whitespace collapsed, within the format's limits; calendar days as written."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Final

from release_countdown.core.errors import SourceError
from release_countdown.core.model import region_code
from release_countdown.registry.format import MAX_LONG_TEXT, MAX_SHORT_TEXT

_BIDI: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
_DAY: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def text(value: Any, limit: int = MAX_SHORT_TEXT) -> str | None:
    """A source's string as registry text, or None when it is not a string or is empty."""
    if not isinstance(value, str):
        return None
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value if c not in _BIDI
    )
    words = " ".join(kept.split())
    if not words:
        return None
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def note(value: Any) -> str | None:
    return text(value, MAX_LONG_TEXT)


def day(value: Any) -> date | None:
    """The calendar day a source wrote: ``"2023-07-12T00:00:00.000Z"`` is 2023-07-12 in every
    time zone (the date part is taken, never converted to local time)."""
    if not isinstance(value, str):
        return None
    found = _DAY.match(value.strip())
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def region(value: Any) -> str | None:
    """A source's region as the registry keeps it ("UK" taken as GB), or None."""
    if not isinstance(value, str):
        return None
    try:
        return region_code(value)
    except ValueError:
        return None


def names(values: list[str], limit: int | None = None) -> tuple[str, ...]:
    """Distinct names in order (case-insensitively), at most ``limit``."""
    from release_countdown.core.matching import fold

    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        if fold(value) not in seen:
            seen.add(fold(value))
            kept.append(value)
    return tuple(kept[:limit] if limit is not None else kept)


def unexpected(label: str, ref: str, exc: BaseException) -> SourceError:
    """An answer whose shape is not the documented one."""
    return SourceError(
        f"{label}: {ref}: the answer is not what {label} documents ({type(exc).__name__})"
    )
