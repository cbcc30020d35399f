"""A fast check of well-formed release tables, with few, cheap tests.

``quick_release`` returns the Release that the checker (registry/checker.py) would build, or
None at the first thing that is unusual in any way; the checker then handles that release and
words its problems. It never accepts what the checker rejects (tests compare the two over
generated and fuzzed registries, and check that it does take the usual tables). It reads the
format's keys and limits from registry/format.py.
"""

from __future__ import annotations

import sys
from datetime import date, tzinfo
from typing import Any

from release_countdown.core.dates import (
    DateFormError,
    DateSpec,
    Precision,
    day_spec,
    parse_date_text,
)
from release_countdown.core.matching import slugify
from release_countdown.core.model import NO_IDS, HistoryEntry, Release, TypedDate
from release_countdown.core.seasons import is_show
from release_countdown.registry.checker import ordered_history
from release_countdown.registry.format import (
    DATE_KEYS,
    HISTORY_KEYS,
    ID_FORMS,
    ID_PATTERN,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    MAX_TAG,
    OPTIONAL_TEXTS,
    ORIGINS,
    RELEASE_KEYS,
    TEXT_LISTS,
    date_type_of,
    fits_text,
    headline_of,
    kind_of,
    leads_of,
    origin_of,
    region_of,
    season_of,
    tag_of,
)

_RELEASE_KEYS = frozenset(RELEASE_KEYS)
_DATE_KEYS = frozenset(DATE_KEYS)
_HISTORY_KEYS = frozenset(HISTORY_KEYS)
SHORT, LONG = MAX_SHORT_TEXT, MAX_LONG_TEXT
_TEXT_LISTS = tuple(TEXT_LISTS.items())
_OPTIONAL_TEXTS = tuple(OPTIONAL_TEXTS.items())
# The keys most tables hold. A table with no other key skips the checks of the rest (each
# would find its key absent and give the field's default); a key added to the format later is
# outside these sets, so its table takes the whole way until it is added here.
_PLAIN_RELEASE = frozenset({
    "id", "title", "aliases", "kind", "franchise", "date", "announced", "checked", "sources",
    "note", "people", "dates", "history",
})  # fmt: skip
_PLAIN_DATE = frozenset(("region", "type", "date"))
_PLAIN_ENTRY = frozenset(("announced", "date"))


# One object for equal strings: a large registry repeats roles, names and regions thousands
# of times (100k titles: about 85 MiB less at the peak).
_shared = sys.intern


class _Unusual(Exception):
    """Leave this release to the careful checker."""


def _headline(table: dict[str, Any]) -> str | None:
    written = table.get("headline")
    if written is None:
        return None
    found = headline_of(written) if type(written) is str else None
    if found is None or found != written:
        raise _Unusual
    return found


def _origin(table: dict[str, Any]) -> str | None:
    origin = table.get("origin")
    if origin is not None and origin not in ORIGINS:
        raise _Unusual
    return origin


def _lead(table: dict[str, Any]) -> tuple[int, ...]:
    if "lead" not in table:
        return ()
    found = leads_of(table["lead"])
    if found is None:
        raise _Unusual  # the checker words the problem
    return found


def _follow_origin(table: dict[str, Any]) -> str | None:
    origin = table.get("origin")
    if origin is not None and (type(origin) is not str or origin_of(origin) is None):
        raise _Unusual
    return origin


def _tags(table: dict[str, Any]) -> tuple[str, ...]:
    tags = _texts(table, "tags", MAX_TAG)
    for tag in tags:
        if tag_of(tag) is None:
            raise _Unusual
    if len(set(tags)) != len(tags):
        raise _Unusual
    return tags


def _season(table: dict[str, Any]) -> int | None:
    value = table.get("season")
    if value is not None and (season_of(value) is None or table.get("kind") != "series"):
        raise _Unusual  # the checker words the problem (or the warning)
    return value


def _show_without_season(ids: dict[str, str], season: int | None) -> None:
    if season is None and any(is_show(key, value) for key, value in ids.items()):
        raise _Unusual  # the checker words the warning (registry/lists.show_needs_season)


def _unlisted(table: dict[str, Any]) -> date | None:
    day = table.get("unlisted")
    if day is not None and type(day) is not date:
        raise _Unusual  # a string day is rare: the careful path takes it
    return day


def _text(value: Any, limit: int = SHORT) -> str:
    if not fits_text(value, limit):
        raise _Unusual
    return value


def _optional_text(table: dict[str, Any], key: str, limit: int = SHORT) -> str | None:
    value = table.get(key)
    return None if value is None else _text(value, limit)


def _texts(table: dict[str, Any], key: str, limit: int = SHORT) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return ()
    if type(value) is not list:
        raise _Unusual
    for item in value:
        _text(item, limit)
    return tuple(value)


def _spec(value: Any, tz: tzinfo | None, *, allow_tba: bool = True) -> DateSpec:
    kind = type(value)
    if kind is date:
        return day_spec(value)
    if kind is str:
        try:
            spec = parse_date_text(value)
        except DateFormError:
            raise _Unusual from None
        if spec.precision is Precision.TIME:
            raise _Unusual  # the local day depends on tz: the careful path handles it
    else:
        raise _Unusual  # date-times and anything else
    if spec.earliest is None and not allow_tba:
        raise _Unusual
    return spec


def _announced(table: dict[str, Any], tz: tzinfo | None) -> DateSpec | None:
    announced = table.get("announced")
    return None if announced is None else _spec(announced, tz, allow_tba=False)


def _announcement_ok(spec: DateSpec, announced: DateSpec | None) -> None:
    if (
        announced is not None
        and spec.latest is not None
        and announced.earliest is not None
        and announced.earliest > spec.latest
    ):
        raise _Unusual


def _typed(value: Any, tz: tzinfo | None) -> TypedDate:
    if type(value) is not dict or not _DATE_KEYS.issuperset(value):
        raise _Unusual
    written = value.get("region")
    region = region_of(written) if type(written) is str else None
    kind = date_type_of(value.get("type"))
    if region is None or kind is None:
        raise _Unusual
    spec = _spec(value.get("date"), tz)
    if _PLAIN_DATE.issuperset(value):  # region, type and date: nothing else to check
        return TypedDate(region=region, type=kind, date=spec)
    announced_spec = _announced(value, tz)
    _announcement_ok(spec, announced_spec)
    return TypedDate(
        region=region,
        type=kind,
        date=spec,
        where=_optional_text(value, "where"),
        announced=announced_spec,
        note=_optional_text(value, "note", LONG),
        origin=_origin(value),
        unlisted=_unlisted(value),
        platform=_optional_text(value, "platform"),
    )


def _entry(value: Any, tz: tzinfo | None) -> HistoryEntry:
    if type(value) is not dict or not _HISTORY_KEYS.issuperset(value):
        raise _Unusual
    spec = _spec(value.get("date"), tz)
    announced_spec = _announced(value, tz)
    _announcement_ok(spec, announced_spec)
    if _PLAIN_ENTRY.issuperset(value):  # a date and its announcement: nothing else to check
        return HistoryEntry(date=spec, announced=announced_spec)
    return HistoryEntry(
        date=spec,
        announced=announced_spec,
        title=_optional_text(value, "title"),
        note=_optional_text(value, "note", LONG),
        headline=_headline(value),
    )


def _ids(value: Any) -> dict[str, str]:
    if type(value) is not dict or not value:
        raise _Unusual
    for key, text in value.items():
        form = ID_FORMS.get(key)
        if form is None or type(text) is not str or not form[0].fullmatch(text):
            raise _Unusual
    return value


def quick_release(table: Any, source: str, tz: tzinfo | None) -> Release | None:
    try:
        return _release(table, source, tz)
    except _Unusual:
        return None


def _release(table: Any, source: str, tz: tzinfo | None) -> Release:
    if type(table) is not dict or not _RELEASE_KEYS.issuperset(table):
        raise _Unusual
    title = _text(table.get("title"))
    explicit_id = table.get("id")
    if explicit_id is None:
        release_id = slugify(title)
        if not release_id:
            raise _Unusual
    else:
        release_id = _text(explicit_id)
        if not ID_PATTERN.fullmatch(release_id):
            raise _Unusual
    kind = kind_of(table.get("kind", "other"))
    if kind is None:
        raise _Unusual
    spec = _spec(table.get("date"), tz)
    announced_spec = _announced(table, tz)
    checked = table.get("checked")
    if checked is not None and type(checked) is not date:
        raise _Unusual  # strings such as "2026-11-25" are rare: the careful path takes them
    people_value = table.get("people")
    people: dict[str, tuple[str, ...]] = {}
    if people_value is not None:
        if type(people_value) is not dict:
            raise _Unusual
        for role, names in people_value.items():
            if not fits_text(role, SHORT) or type(names) is not list:
                raise _Unusual
            for name in names:
                if not fits_text(name, SHORT):
                    raise _Unusual
            if names:
                people[_shared(role)] = tuple([_shared(name) for name in names])
    plain = _PLAIN_RELEASE.issuperset(table)
    override = False if plain else table.get("override", False)
    if type(override) is not bool:
        raise _Unusual
    dates_value = table.get("dates", ())
    history_value = table.get("history", ())
    if type(dates_value) not in (list, tuple) or type(history_value) not in (list, tuple):
        raise _Unusual
    history, positions = ordered_history([_entry(entry, tz) for entry in history_value])
    fields: dict[str, Any] = {
        "id": release_id,
        "title": title,
        "date": spec,
        "kind": kind,
        "announced": announced_spec,
        "checked": checked,
        "people": people,
        "dates": tuple([_typed(d, tz) for d in dates_value]),
        "history": history,
        "source": source,
        "override": override,
        "derived_id": "id" not in table,
        "history_positions": positions,
    }
    if not plain:  # the keys few tables hold (absent from a plain table: their defaults)
        ids_value = table.get("ids")
        fields["headline"] = _headline(table)
        fields["origin"] = _follow_origin(table)
        fields["lead"] = _lead(table)
        fields["tags"] = _tags(table)
        fields["season"] = _season(table)
        fields["ids"] = NO_IDS if ids_value is None else _ids(ids_value)
        _show_without_season(fields["ids"], fields["season"])
    for key, limit in _TEXT_LISTS:
        if key in table:
            fields[key] = _texts(table, key, limit)
    for key, limit in _OPTIONAL_TEXTS:
        if key in table:
            fields[key] = _optional_text(table, key, limit)
    return Release(**fields)
