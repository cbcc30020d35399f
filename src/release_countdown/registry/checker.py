"""The registry format's rules: each ``[[release]]`` table checked and turned into a Release.

Every problem is reported (with its position) and checking goes on, so one pass finds them
all. The format's keys and limits come from format.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from typing import Any

from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.follow import Follow
from release_countdown.core.matching import slugify
from release_countdown.core.model import NO_IDS, HistoryEntry, Release, TypedDate
from release_countdown.registry import lists
from release_countdown.registry.format import (
    DATE_KEYS,
    DATE_TYPES,
    FOLLOW_KEYS,
    FOLLOW_LISTS,
    FOLLOW_MODES,
    HISTORY_KEYS,
    ID_FORMS,
    ID_KEYS,
    ID_PATTERN,
    KINDS,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    OPTIONAL_TEXTS,
    ORIGINS,
    REF_FORMS,
    RELEASE_KEYS,
    TEXT_LISTS,
    date_type_of,
    fits_text,
    follow_ref,
    headline_of,
    kind_of,
    origin_of,
    region_of,
)
from release_countdown.registry.positions import Where
from release_countdown.registry.values import Fields, Reporter, clip, closest, type_name

SHORT, LONG = MAX_SHORT_TEXT, MAX_LONG_TEXT


def _people(fields: Fields, where: Where, value: object) -> dict[str, tuple[str, ...]]:
    table = fields.table_of((*where, "people"), value, "people")
    if table is None:
        return {}
    people: dict[str, tuple[str, ...]] = {}
    for role, names in table.items():
        if not fits_text(role, SHORT):
            fields.report((*where, "people"), "people has an empty or overlong role name")
            continue
        if isinstance(names, str):
            fields.report(
                (*where, "people", role),
                f"people.{role} must be a list of names, not a string "
                f'(e.g. {role} = ["{clip(names)}"])',
            )
            continue
        found = fields.texts((*where, "people"), table, role, limit=SHORT, shown=f"people.{role}")
        if found:
            people[role] = found
    return people


def _ids(fields: Fields, where: Where, value: object) -> dict[str, str]:
    """[release.ids]: each known id in its one form; unknown keys are warnings."""
    table = fields.table_of((*where, "ids"), value, "ids")
    if table is None:
        return {}
    fields.unknown_keys((*where, "ids"), table, ID_KEYS)
    ids: dict[str, str] = {}
    for key in ID_KEYS:
        text = fields.text((*where, "ids"), table, key, limit=SHORT)
        if text is None:
            continue
        pattern, example = ID_FORMS[key]
        if not pattern.fullmatch(text):
            fields.report(
                (*where, "ids", key),
                f'ids.{key} "{clip(text)}" is not a {key} id (e.g. {key} = "{example}")',
            )
            continue
        ids[key] = text
    return ids


def _announcement(
    fields: Fields, where: Where, spec: DateSpec | None, announced: DateSpec | None
) -> None:
    if spec is None or announced is None or spec.latest is None or announced.earliest is None:
        return
    if announced.earliest > spec.latest:
        fields.report(
            (*where, "announced"),
            f'announced "{announced.iso()}" is after the date it announces ("{spec.iso()}"); '
            "an announcement comes before its release date",
        )


def _headline(fields: Fields, where: Where, table: Mapping[str, Any]) -> str | None:
    """``headline = "US:theatrical"``: how a date was chosen (core.model.headline_of)."""
    written = fields.text(where, table, "headline", limit=SHORT)
    found = None if written is None else headline_of(written)
    if written is not None and found != written:
        fields.report(
            (*where, "headline"),
            f'headline "{clip(written)}" is not REGION:TYPE '
            f'(e.g. "US:theatrical"; types: {", ".join(DATE_TYPES)})',
        )
        return None
    return found


def _origin(fields: Fields, where: Where, table: Mapping[str, Any]) -> str | None:
    """``origin = "follow:NAME"``: the follow that added the release (core.model.origin_of)."""
    written = fields.text(where, table, "origin", limit=SHORT)
    if written is not None and origin_of(written) is None:
        fields.report(
            (*where, "origin"),
            f'origin "{clip(written)}" is not "follow:" and a follow\'s name '
            '(e.g. origin = "follow:lorne-balfe")',
        )
        return None
    return written


def _day(fields: Fields, where: Where, table: Mapping[str, Any], key: str) -> date | None:
    """An exact day (``checked``, ``unlisted``)."""
    spec = fields.date_spec(where, table, key, allow_tba=False)
    if spec is not None and spec.precision is not Precision.DAY:
        fields.report((*where, key), f"{key} must be an exact day (e.g. {key} = 2026-11-25)")
        return None
    return spec.earliest if spec is not None else None


def _typed_date(fields: Fields, where: Where, value: object) -> TypedDate | None:
    table = fields.table_of(where, value, "each [[release.dates]] entry")
    if table is None:
        return None
    fields.unknown_keys(where, table, DATE_KEYS)
    written = fields.text(where, table, "region", required=True, limit=SHORT)
    region = None if written is None else region_of(written)
    if written is not None and region is None:
        fields.report(
            (*where, "region"),
            'region "UK" is not ISO 3166-1: use "GB"'
            if written.upper() == "UK"
            else f'region "{clip(written)}" is not an ISO 3166-1 alpha-2 code '
            '(e.g. "US", "GB") or "WW" for worldwide',
        )
    named = fields.text(where, table, "type", required=True, limit=SHORT)
    kind = None if named is None else date_type_of(named)
    if named is not None and kind is None:
        fields.report(
            (*where, "type"),
            f'type "{clip(named)}" is not a release type '
            f"({closest(named, DATE_TYPES, 'expected one of')})",
        )
    spec = fields.date_spec(where, table, "date", required=True)
    announced = fields.date_spec(where, table, "announced", allow_tba=False)
    _announcement(fields, where, spec, announced)
    platform = fields.text(where, table, "platform", limit=SHORT)
    place = fields.text(where, table, "where", limit=SHORT)
    note = fields.text(where, table, "note", limit=LONG)
    origin = fields.text(where, table, "origin", limit=SHORT)
    if origin is not None and origin not in ORIGINS:
        fields.report(
            (*where, "origin"),
            f'origin "{clip(origin)}" is not a source '
            f"({closest(origin, ORIGINS, 'expected one of')})",
        )
        origin = None
    unlisted = _day(fields, where, table, "unlisted")
    if region is None or kind is None or spec is None:
        return None
    return TypedDate(
        region=region, type=kind, date=spec, where=place, announced=announced, note=note,
        origin=origin, unlisted=unlisted, platform=platform,
    )  # fmt: skip


def _history_entry(fields: Fields, where: Where, value: object) -> HistoryEntry | None:
    table = fields.table_of(where, value, "each [[release.history]] entry")
    if table is None:
        return None
    fields.unknown_keys(where, table, HISTORY_KEYS)
    spec = fields.date_spec(where, table, "date", required=True)
    announced = fields.date_spec(where, table, "announced", allow_tba=False)
    _announcement(fields, where, spec, announced)
    title = fields.text(where, table, "title", limit=SHORT)
    note = fields.text(where, table, "note", limit=LONG)
    headline = _headline(fields, where, table)
    if spec is None:
        return None
    return HistoryEntry(date=spec, announced=announced, title=title, note=note, headline=headline)


def history_order(entry: HistoryEntry) -> date:
    """History is ordered by announcement: unannounced first, then file order within a day."""
    announced = entry.announced
    return announced.earliest if announced and announced.earliest else date.min


def ordered_history(
    entries: Sequence[HistoryEntry | None],
) -> tuple[tuple[HistoryEntry, ...], tuple[int, ...]]:
    """The history in the model's order (``history_order``, a stable sort), and each entry's
    index in the file; no indexes when the file's order is the model's."""
    if len(entries) < 2 and None not in entries:  # most releases: nothing to sort
        return tuple(entries), ()  # type: ignore[arg-type]  # no None in them
    kept = [(i, entry) for i, entry in enumerate(entries) if entry is not None]
    kept.sort(key=lambda item: history_order(item[1]))
    positions = tuple(i for i, _ in kept)
    in_order = positions == tuple(range(len(entries)))
    return tuple(entry for _, entry in kept), () if in_order else positions


def check_release(
    reporter: Reporter, index: int, value: object, source: str, tz: tzinfo | None
) -> Release | None:
    """The Release of the ``index``-th ``[[release]]`` table, or None after reporting why not."""
    where: Where = ("release", index)
    fields = Fields(reporter, f"release #{index + 1}", tz)
    table = fields.table_of(where, value, "each [[release]]")
    if table is None:
        return None
    title = fields.text(where, table, "title", required=True, limit=SHORT)
    if title is not None:  # from here on, messages name the release by its title
        fields = Fields(reporter, f'release "{clip(title)}"', tz)
    fields.unknown_keys(where, table, RELEASE_KEYS)
    explicit_id = fields.text(where, table, "id", limit=SHORT)
    if explicit_id is not None and not ID_PATTERN.fullmatch(explicit_id):
        suggestion = slugify(explicit_id)
        fields.report(
            (*where, "id"),
            f'id "{clip(explicit_id)}" may hold only letters, digits, ".", "-" and "_"'
            + (f' (e.g. id = "{suggestion}")' if suggestion else ""),
        )
        explicit_id = None
    named = fields.text(where, table, "kind", limit=SHORT)
    kind = None if named is None else kind_of(named)
    if named is not None and kind is None:
        fields.report(
            (*where, "kind"),
            f'kind "{clip(named)}" is not a kind of release '
            f"({closest(named, KINDS, 'expected one of')})",
        )
    spec = fields.date_spec(where, table, "date", required=True)
    announced = fields.date_spec(where, table, "announced", allow_tba=False)
    checked = _day(fields, where, table, "checked")
    headline = _headline(fields, where, table)
    texts: dict[str, Any] = {
        key: fields.texts(where, table, key, limit=limit) for key, limit in TEXT_LISTS.items()
    }
    for key, limit in OPTIONAL_TEXTS.items():
        texts[key] = fields.text(where, table, key, limit=limit)
    origin = _origin(fields, where, table)
    lead = lists.lead(fields, where, table)
    tags = lists.tags(fields, where, table)
    season = lists.season(fields, where, table)
    people = _people(fields, where, table["people"]) if "people" in table else {}
    ids = _ids(fields, where, table["ids"]) if "ids" in table else {}
    lists.show_needs_season(fields, where, ids, season)
    override: Any = table.get("override", False)
    if not isinstance(override, bool):
        fields.report(
            (*where, "override"), f"override must be true or false, not {type_name(override)}"
        )
        override = False
    dates = [
        _typed_date(fields, (*where, "dates", i), item)
        for i, item in enumerate(fields.array_of_tables(where, table, "dates"))
    ]
    entries = [
        _history_entry(fields, (*where, "history", i), item)
        for i, item in enumerate(fields.array_of_tables(where, table, "history"))
    ]
    if title is None or spec is None:
        return None
    release_id = explicit_id or slugify(title)
    if not release_id:
        fields.report((*where, "title"), 'no id can be derived from this title: add id = "..."')
        return None
    history, positions = ordered_history(entries)
    return Release(
        id=release_id,
        title=title,
        date=spec,
        kind=kind or "other",
        announced=announced,
        checked=checked,
        headline=headline,
        origin=origin,
        lead=lead,
        tags=tags,
        season=season,
        people=people,
        dates=tuple(d for d in dates if d is not None),
        history=history,
        source=source,
        override=override,
        ids=ids or NO_IDS,
        derived_id="id" not in table,
        history_positions=positions,
        **texts,
    )


def check_follow(reporter: Reporter, index: int, value: object, tz: tzinfo | None) -> Follow | None:
    """The Follow of the ``index``-th ``[[follow]]`` table, or None after reporting why not."""
    where: Where = ("follow", index)
    errors = sum(not p.warning for p in reporter.problems)
    fields = Fields(reporter, f"follow #{index + 1}", tz)
    table = fields.table_of(where, value, "each [[follow]]")
    if table is None:
        return None
    name = fields.text(where, table, "name", required=True, limit=SHORT)
    if name is not None:
        fields = Fields(reporter, f'follow "{clip(name)}"', tz)
        if not ID_PATTERN.fullmatch(name):
            suggestion = slugify(name) or "lorne-balfe"
            fields.report(
                (*where, "name"),
                'name may hold only letters, digits, ".", "-" and "_" '
                f'(e.g. name = "{suggestion}")',
            )
            name = None
    fields.unknown_keys(where, table, FOLLOW_KEYS)
    written = fields.text(where, table, "ref", required=True, limit=SHORT)
    ref = None if written is None else follow_ref(written)
    if written is not None and ref != written:
        fields.report(
            (*where, "ref"),
            f'ref "{clip(written)}" is not a ref to follow (expected one of: '
            f"{', '.join(REF_FORMS[:5])})"
            if ref is None
            else f'ref "{clip(written)}" is written ref = "{ref}" in a registry',
        )
        ref = None
    lists = {key: fields.texts(where, table, key, limit=SHORT) for key in FOLLOW_LISTS}
    for kind in lists["kinds"]:
        if kind_of(kind) is None:
            fields.report(
                (*where, "kinds"),
                f'kinds: "{clip(kind)}" is not a kind of release '
                f"({closest(kind, KINDS, 'expected one of')})",
            )
    since = _day(fields, where, table, "since")
    tba: Any = table.get("tba", True)
    if not isinstance(tba, bool):
        fields.report((*where, "tba"), f"tba must be true or false, not {type_name(tba)}")
    mode = fields.text(where, table, "mode", limit=SHORT) or "inbox"
    if mode not in FOLLOW_MODES:
        fields.report(
            (*where, "mode"),
            f'mode "{clip(mode)}" is not a mode ({closest(mode, FOLLOW_MODES, "expected one of")})',
        )
    if name is None or ref is None or sum(not p.warning for p in reporter.problems) > errors:
        return None
    line = reporter.locator.find(where)[0] or 0
    return Follow(
        name=name, ref=ref, since=since, tba=tba, mode=mode,  # type: ignore[arg-type]  # checked
        line=line, **lists,
    )  # fmt: skip
