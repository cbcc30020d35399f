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
    "sources", "note", "people", "ids", "dates", "history", "override",
)  # fmt: skip
SUBTABLES: Final = ("people", "ids", "dates", "history")
DATE_KEYS: Final = ("region", "type", "date", "where", "announced", "note")
HISTORY_KEYS: Final = ("announced", "date", "title", "note")
# [release.ids]: where an entry came from (refresh fetches it again from there), each form's
# pattern and an example for messages. imdb is kept when a source gives it, never fetched from.
ID_FORMS: Final = {
    "tmdb": (re.compile(r"movie/[1-9][0-9]{0,11}"), "movie/575264"),
    "wikidata": (re.compile(r"Q[1-9][0-9]{0,11}"), "Q104123925"),
    "musicbrainz": (
        re.compile(r"release-group/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        "release-group/6f2f1b8e-1c4a-4f6e-9a39-2f0d5c3e7b11",
    ),
    "imdb": (re.compile(r"tt[0-9]{7,12}"), "tt9603212"),
}
ID_KEYS: Final = tuple(ID_FORMS)

MAX_SHORT_TEXT: Final = 1_000  # titles, names, aliases, ids, places
MAX_LONG_TEXT: Final = 20_000  # notes and sources

ID_PATTERN: Final = re.compile(r"[^\W_][\w.-]*")
REGION_PATTERN: Final = re.compile(r"[A-Za-z]{2}")

__all__ = [
    "DATE_KEYS", "DATE_TYPES", "HISTORY_KEYS", "ID_FORMS", "ID_KEYS", "ID_PATTERN", "KINDS",
    "MAX_LONG_TEXT", "MAX_SHORT_TEXT", "REGION_PATTERN", "RELEASE_KEYS", "SCHEMA_VERSION",
    "SUBTABLES", "TOP_KEYS",
]  # fmt: skip
