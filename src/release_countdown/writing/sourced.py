"""Registry entries from a source's records: the new entry of `import` (in `fmt` canonical
form, at its place in a sorted file) and the entry an import links to. The changes of
`refresh` (which write history) are in writing/refreshing.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from release_countdown.core.dates import parse_date_text
from release_countdown.core.errors import SourceError
from release_countdown.core.matching import fold, free_id
from release_countdown.core.model import Release
from release_countdown.core.record import SourceRecord
from release_countdown.registry.format import ID_KEYS
from release_countdown.writing.edits import date_value
from release_countdown.writing.refreshing import (
    EntryRefreshed,
    FieldChange,
    Refreshes,
    history_table,
    item_table,
    link_entry,
    refresh_entries,
    seen_on,
    typed_table,
    written_text,
)

__all__ = [
    "EntryRefreshed", "FieldChange", "Refreshes", "entry_text", "insert_entry", "link_entry",
    "link_target", "refresh_entries", "seen_on", "written_text",
]  # fmt: skip


def _names(release: Release) -> set[str]:
    return {fold(n) for n in (release.title, *release.aliases)}


def entry_text(
    record: SourceRecord, releases: Sequence[Release], today: dt.date, *, origin: str | None = None
) -> str:
    """The new ``[[release]]`` block of ``record`` in canonical form, checked alone; ``origin``
    ("follow:NAME") for a title a follow added."""
    import tomlkit

    taken = {n for r in releases for n in _names(r)}
    year = record.date[:4] if record.date[:4].isdigit() else ""
    title = record.title
    if fold(title) in taken:  # "Dune" of 1984 and of 2021: the year tells them apart
        title = f"{title} ({year})" if year else title
        if fold(title) in taken:
            raise SourceError(
                f"{record.ref}: the title {record.title!r} already names another entry; "
                "rename that one first (countdown edit NAME --title NEW)"
            )
    aliases = [a for a in record.aliases if fold(a) not in taken and fold(a) != fold(title)]
    if title != record.title:
        aliases = aliases or []
    release_id = free_id(title, year, (r.id for r in releases))
    note = f"from {record.label}"
    table = item_table([
        ("id", release_id), ("title", title), ("aliases", aliases), ("kind", record.kind),
        ("season", record.season), ("franchise", record.franchise),
        ("date", date_value(record.date)), ("headline", record.headline), ("checked", today),
        ("sources", [record.page] if record.page else []), ("origin", origin),
    ])  # fmt: skip
    if record.people:
        table.add("people", item_table([(r, list(names)) for r, names in record.people.items()]))
    table.add("ids", item_table([(key, record.ids[key]) for key in ID_KEYS if key in record.ids]))
    entries = tomlkit.aot()
    for typed in record.dates:
        entries.append(typed_table(typed, record.source))
    if record.dates:
        table.add("dates", entries)
    history = tomlkit.aot()
    history.append(history_table(record.date, today, note, headline=record.headline))
    table.add("history", history)
    document = tomlkit.document()
    releases_aot = tomlkit.aot()
    releases_aot.append(table)
    document.append("release", releases_aot)
    return _canonical_block(document.as_string(), record)


def _canonical_block(text: str, record: SourceRecord) -> str:
    import tomlkit

    from release_countdown.registry.load import check_text
    from release_countdown.writing.canonical import canonical_text

    checked, problems = check_text(text, record.ref)
    errors = [p for p in problems if not p.warning]
    if errors or len(checked) != 1:
        reason = errors[0].message if errors else "no entry"
        raise SourceError(f"{record.ref}: the answer would make an invalid entry ({reason})")
    return canonical_text(text, tomlkit.parse(text), [release.id for release in checked])


def insert_entry(old: str, block: str, new_id: str, releases: Sequence[Release]) -> str:
    """``old`` with ``block`` where `fmt` would put it: before the first release whose id
    sorts after it when the file is sorted by id, else at the end."""
    from release_countdown.registry.positions import Locator
    from release_countdown.writing.tidy import line_ending

    eol = line_ending(old) if old else "\n"
    block = block.replace("\n", eol)
    ids = [r.id for r in releases]
    lines = old.splitlines(keepends=True)
    after = next((i for i, rid in enumerate(ids) if rid > new_id), None)
    if ids == sorted(ids) and after is not None:
        header = Locator(old).positions.get(("release", after))
        if header is not None:
            at = header[0] - 1
            while at > 0 and lines[at - 1].lstrip().startswith("#"):
                at -= 1
            return "".join([*lines[:at], block, eol, *lines[at:]])
    text = old
    if text and not text.endswith("\n"):
        text += eol
    if text.strip() and not text.endswith(eol + eol):
        text += eol
    return text + block


def link_target(releases: Sequence[Release], record: SourceRecord) -> Release | None:
    """The entry ``record`` names: the same title or alias (folded), the same kind, no id
    from the record's source yet, and a compatible date (core/changes.compatible)."""
    from release_countdown.core.changes import compatible

    title, when = fold(record.title), parse_date_text(record.date)
    found = [
        r for r in releases
        if r.kind == record.kind and record.source not in r.ids and title in _names(r)
        and compatible(r.date, when)
    ]  # fmt: skip
    dated = [r for r in found if r.date.earliest is not None]  # Blade 1998 before Blade TBA
    return next(iter(dated or found), None)
