"""The registry format in one place: its keys, their order, its limits and patterns.

The checker, the fast path (accel/fastpath.py), `fmt` (writing/canonical.py) and the shipped
JSON Schema (schemas/registry.schema.json, compared with these in a test) all read it here.
"""

from __future__ import annotations

import re
from typing import Final

from release_countdown.core.model import DATE_TYPES, KINDS

SCHEMA_VERSION: Final = 1
TOP_KEYS: Final = ("schema", "release")
# In canonical order: `fmt` writes a release's keys in this order.
RELEASE_KEYS: Final = (
    "id", "title", "aliases", "kind", "franchise", "date", "announced", "checked",
    "sources", "note", "people", "dates", "history", "override",
)  # fmt: skip
SUBTABLES: Final = ("people", "dates", "history")
DATE_KEYS: Final = ("region", "type", "date", "where", "announced", "note")
HISTORY_KEYS: Final = ("announced", "date", "title", "note")

MAX_SHORT_TEXT: Final = 1_000  # titles, names, aliases, ids, places
MAX_LONG_TEXT: Final = 20_000  # notes and sources

ID_PATTERN: Final = re.compile(r"[^\W_][\w.-]*")
REGION_PATTERN: Final = re.compile(r"[A-Za-z]{2}")

__all__ = [
    "DATE_KEYS", "DATE_TYPES", "HISTORY_KEYS", "ID_PATTERN", "KINDS", "MAX_LONG_TEXT",
    "MAX_SHORT_TEXT", "REGION_PATTERN", "RELEASE_KEYS", "SCHEMA_VERSION", "SUBTABLES", "TOP_KEYS",
]  # fmt: skip
