"""The values of our private state files (the notify state and its digest, the inbox, the
marks): each checker returns the value or raises ValueError saying where and what is wrong."""

from __future__ import annotations

import re
from datetime import date, datetime

_SURROGATE = re.compile("[\ud800-\udfff]")


def day_of(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where} {value!r} is not a date (YYYY-MM-DD)") from None


def text_of(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a string")
    if _SURROGATE.search(value):  # valid JSON ("\ud800"), but no text: it cannot be written
        raise ValueError(f"{where} holds a lone surrogate, which is not text")
    return value


def instant_of(value: object, where: str) -> datetime:
    if isinstance(value, str):
        try:
            found = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if found.tzinfo is not None:
                return found
    raise ValueError(f"{where} is not an instant (YYYY-MM-DDTHH:MM:SS+00:00)")
