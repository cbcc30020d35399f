"""The registry format in one place: its keys, their order, its limits, patterns and the
predicates that say whether a value is fit (``fits_text``, ``kind_of``, ``date_type_of``;
regions, a headline's REGION:TYPE and tags: ``core.model.region_of``, ``headline_of`` and
``tag_of``, which core needs too: the cache decoder reads them from the model's types).

The checker (which words each problem), the fast path (accel/fastpath.py, which leaves the
table to the checker), the cache decoder (accel/cache.py, which rejects the entry), `fmt`
(writing/canonical.py) and the shipped JSON Schema (schemas/registry.schema.json, compared
with these in a test) all read them here.
"""

from __future__ import annotations

import re
from typing import Final, TypeGuard

from release_countdown.core.follow import FOLLOW_MODES, REF_FORMS, follow_ref
from release_countdown.core.model import (
    DATE_TYPES,
    ID_PATTERN,
    KINDS,
    MAX_TAG,
    TAG_PATTERN,
    WORLDWIDE,
    DateType,
    Kind,
    headline_of,
    origin_of,
    region_of,
    tag_of,
)

SCHEMA_VERSION: Final = 1
TOP_KEYS: Final = ("schema", "release", "follow")
# In canonical order: `fmt` writes a release's keys in this order.
RELEASE_KEYS: Final = (
    "id", "title", "aliases", "kind", "season", "franchise", "tags", "date", "headline",
    "announced", "checked", "sources", "note", "origin", "lead", "people", "ids", "dates",
    "history", "override",
)  # fmt: skip
SUBTABLES: Final = ("people", "ids", "dates", "history")
DATE_KEYS: Final = (
    "region", "type", "platform", "date", "where", "announced", "origin", "unlisted", "note",
)  # fmt: skip
HISTORY_KEYS: Final = ("announced", "date", "headline", "title", "note")
# A [[follow]] table's keys, in canonical order (core/follow.Follow's fields).
FOLLOW_KEYS: Final = ("name", "ref", "jobs", "types", "kinds", "since", "tba", "mode", "ignore")
FOLLOW_LISTS: Final = ("jobs", "types", "kinds", "ignore")
# [release.ids]: where an entry came from (refresh fetches it again from there), each form's
# pattern and an example for messages. imdb and tvdb are kept when a source or a list gives
# them, never fetched from.
ID_FORMS: Final = {
    "tmdb": (re.compile(r"(?:movie|tv)/[1-9][0-9]{0,11}"), "movie/575264"),
    "wikidata": (re.compile(r"Q[1-9][0-9]{0,11}"), "Q104123925"),
    "musicbrainz": (
        re.compile(r"release-group/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        "release-group/6f2f1b8e-1c4a-4f6e-9a39-2f0d5c3e7b11",
    ),
    "imdb": (re.compile(r"tt[0-9]{7,12}"), "tt9603212"),
    "tvmaze": (re.compile(r"show/[1-9][0-9]{0,11}"), "show/82"),
    "igdb": (re.compile(r"game/[1-9][0-9]{0,11}"), "game/1942"),
    "steam": (re.compile(r"app/[1-9][0-9]{0,11}"), "app/1245620"),
    # A calendar event's UID (`import --from ics`): kept so that the same feed imported
    # again finds its entries; any text on one line, never fetched from.
    "ics": (re.compile(r"[^\u0000-\u001f\u007f]+"), "20270507-dune@example.org"),
    # TheTVDB's series id (Sonarr's key, `export --format sonarr-list`); kept, not fetched from.
    "tvdb": (re.compile(r"[1-9][0-9]{0,11}"), "81189"),
}
ID_KEYS: Final = tuple(ID_FORMS)
# The sources a typed date may name as its ``origin`` (those import and refresh fetch from).
ORIGINS: Final = ("tmdb", "wikidata", "musicbrainz", "tvmaze", "igdb", "steam")

MAX_SHORT_TEXT: Final = 1_000  # titles, names, aliases, ids, places
MAX_LONG_TEXT: Final = 20_000  # notes and sources

# A release's optional keys of one text, or of a list of texts, with their limits: the checker
# and the fast path read each of them from here into the Release field of the same name (a
# new optional text is a line here, a field of Release and the schema's key).
TEXT_LISTS: Final = {"aliases": MAX_SHORT_TEXT, "sources": MAX_LONG_TEXT}
OPTIONAL_TEXTS: Final = {"franchise": MAX_SHORT_TEXT, "note": MAX_LONG_TEXT}

# The schema's looser form of region_of (a JSON Schema cannot hold the ISO table tidily).
REGION_PATTERN: Final = re.compile(r"[A-Za-z]{2}")


def fits_text(value: object, limit: int) -> TypeGuard[str]:
    """The text rule: a string that is not empty or only whitespace, of at most ``limit``
    characters (MAX_SHORT_TEXT or MAX_LONG_TEXT)."""
    # ``not value or value.isspace()`` is ``not value.strip()`` without making a string.
    return type(value) is str and 0 < len(value) <= limit and not value.isspace()


# The model's own strings, one object each; a lookup is also the check of the value.
_KINDS: Final[dict[str, Kind]] = {kind: kind for kind in KINDS}
_DATE_TYPES: Final[dict[str, DateType]] = {kind: kind for kind in DATE_TYPES}


def id_of(key: str, value: object) -> str | None:
    """The ``[release.ids]`` value ``value`` of source ``key`` when it has the source's form
    (``ID_FORMS``), else None: what an id, a ref to import and a credit to follow must fit."""
    form = ID_FORMS.get(key)
    if form is None or not isinstance(value, str) or form[0].fullmatch(value) is None:
        return None
    return value


def leads_of(value: object) -> tuple[int, ...] | None:
    """``lead = ["30d", "1d"]``: a release's own lead times in days, largest first (the one
    lead rule, core.leads.parse_leads, one lead an item), or None."""
    if type(value) is not list or not value:
        return None
    if not all(type(item) is str and "," not in item for item in value):
        return None
    from release_countdown.core.leads import parse_leads

    try:
        return parse_leads(value)
    except ValueError:
        return None


# A series entry's season: a whole number from 1 (specials, season 0, are not entries).
MAX_SEASON: Final = 9_999


def season_of(value: object) -> int | None:
    """``season = 2``: the season number when ``value`` is one (an integer, not a bool, from 1
    to MAX_SEASON), else None."""
    return value if type(value) is int and 1 <= value <= MAX_SEASON else None


def kind_of(value: object) -> Kind | None:
    """The kind ``value`` names (the model's own string), or None."""
    return _KINDS.get(value) if type(value) is str else None


def date_type_of(value: object) -> DateType | None:
    """The release type ``value`` names (the model's own string), or None."""
    return _DATE_TYPES.get(value) if type(value) is str else None


__all__ = [
    "DATE_KEYS",
    "DATE_TYPES",
    "FOLLOW_KEYS",
    "FOLLOW_LISTS",
    "FOLLOW_MODES",
    "HISTORY_KEYS",
    "ID_FORMS",
    "ID_KEYS",
    "ID_PATTERN",
    "KINDS",
    "MAX_LONG_TEXT",
    "MAX_SEASON",
    "MAX_SHORT_TEXT",
    "MAX_TAG",
    "OPTIONAL_TEXTS",
    "ORIGINS",
    "REF_FORMS",
    "REGION_PATTERN",
    "RELEASE_KEYS",
    "SCHEMA_VERSION",
    "SUBTABLES",
    "TAG_PATTERN",
    "TEXT_LISTS",
    "TOP_KEYS",
    "WORLDWIDE",
    "date_type_of",
    "fits_text",
    "follow_ref",
    "headline_of",
    "kind_of",
    "leads_of",
    "origin_of",
    "region_of",
    "season_of",
    "tag_of",
]  # fmt: skip
