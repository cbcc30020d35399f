"""Registry entries from a source's records: the new entry of `import` (in `fmt` canonical
form, at its place in a sorted file) and the changes of `refresh` (which write history).

Refresh updates only what the source provides (date, typed dates, title, the roles it
supplies) and removes nothing: typed dates, roles, names, notes
and sources a user added stay. Every change is listed as a FieldChange.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from release_countdown.core.dates import parse_date_text
from release_countdown.core.errors import SourceError
from release_countdown.core.matching import fold, free_id
from release_countdown.core.model import Release
from release_countdown.core.record import SourceDate, SourceRecord
from release_countdown.registry.format import ID_KEYS
from release_countdown.writing.edits import date_value

if TYPE_CHECKING:
    from tomlkit.items import Table

    from release_countdown.writing.change import NewText


class FieldChange(NamedTuple):
    field: str  # "date", "title", "dates.US.theatrical", "people.composer", "ids.imdb"
    old: Any
    new: Any


def seen_on(date_text: str, today: dt.date) -> dt.date:
    """The announcement day to record: today, or the date's last day when that is earlier
    (an announcement never comes after the date it announces)."""
    spec = parse_date_text(date_text)
    return min(today, spec.latest) if spec.latest is not None else today


def _names(release: Release) -> set[str]:
    return {fold(n) for n in (release.title, *release.aliases)}


def _table(items: Sequence[tuple[str, Any]]) -> Table:
    import tomlkit

    table = tomlkit.table()
    for key, value in items:
        if value is not None and value not in ([], ()):
            table.add(key, value)
    return table


def _typed_table(typed: SourceDate) -> Table:
    return _table([
        ("region", typed.region), ("type", typed.type), ("date", date_value(typed.date)),
        ("where", typed.where), ("note", typed.note),
    ])  # fmt: skip


def _history_table(date_text: str, today: dt.date, note: str, title: str | None = None) -> Table:
    return _table([
        ("announced", seen_on(date_text, today)), ("date", date_value(date_text)),
        ("title", title), ("note", note),
    ])  # fmt: skip


def entry_text(record: SourceRecord, releases: Sequence[Release], today: dt.date) -> str:
    """The new ``[[release]]`` block of ``record`` in canonical form, checked alone."""
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
    table = _table([
        ("id", release_id), ("title", title), ("aliases", aliases), ("kind", record.kind),
        ("date", date_value(record.date)), ("checked", today),
        ("sources", [record.page] if record.page else []),
    ])  # fmt: skip
    if record.people:
        table.add("people", _table([(role, list(names)) for role, names in record.people.items()]))
    table.add("ids", _table([(key, record.ids[key]) for key in ID_KEYS if key in record.ids]))
    entries = tomlkit.aot()
    for typed in record.dates:
        entries.append(_typed_table(typed))
    if record.dates:
        table.add("dates", entries)
    history = tomlkit.aot()
    history.append(_history_table(record.date, today, note))
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


def _typed_changes(table: Table, release: Release, record: SourceRecord) -> list[FieldChange]:
    """Typed dates: the source's (region, type) slots updated or added; others kept."""
    import tomlkit

    changes: list[FieldChange] = []
    existing = list(table.get("dates", []))
    used: set[int] = set()
    pending: list[SourceDate] = []
    for typed in record.dates:  # the same date already there: nothing to do
        wanted = parse_date_text(typed.date).iso()
        match = next(
            (i for i, d in enumerate(release.dates)
             if i not in used and (d.region, d.type) == (typed.region, typed.type)
             and d.date.iso() == wanted),
            None,
        )  # fmt: skip
        if match is None:
            pending.append(typed)
        else:
            used.add(match)
    for typed in pending:
        name = f"dates.{typed.region}.{typed.type}"
        match = next(
            (i for i, d in enumerate(release.dates)
             if i not in used and (d.region, d.type) == (typed.region, typed.type)),
            None,
        )  # fmt: skip
        if match is not None and match < len(existing):
            used.add(match)
            existing[match]["date"] = date_value(typed.date)
            changes.append(FieldChange(name, release.dates[match].date.iso(), typed.date))
            continue
        if "dates" not in table:
            table.add("dates", tomlkit.aot())
        table["dates"].append(_typed_table(typed))
        changes.append(FieldChange(name, None, typed.date))
    return changes


def refresh_entry(
    table: Table,
    release: Release,
    record: SourceRecord,
    owners: Mapping[str, str],
    today: dt.date,
) -> tuple[list[FieldChange], str | None]:
    """Bring ``table`` (the entry of ``release``) up to ``record``; the changes made and a
    problem worth telling (a new title that names another entry), if any. ``owners`` maps
    every folded title and alias of the registry to its release's id."""
    import tomlkit

    changes: list[FieldChange] = []
    problem: str | None = None
    note = f"from {record.label}"
    new_date = parse_date_text(record.date)
    date_moved = new_date.iso() != release.date.iso()
    title = record.title if record.title != release.title else None
    if title is not None and owners.get(fold(title), release.id) != release.id:
        problem = f"the new title {title!r} already names another entry; the title is kept"
        title = None
    if date_moved or title is not None:
        if "history" not in table:
            table.add("history", tomlkit.aot())
        if not release.history:  # the date in force until now, so the slip is told
            first = _table([
                ("announced", date_value(release.announced.iso()) if release.announced else None),
                ("date", date_value(release.date.iso())),
            ])  # fmt: skip
            table["history"].append(first)
        table["history"].append(_history_table(record.date, today, note, title))
    if date_moved:
        table["date"] = date_value(record.date)
        changes.append(FieldChange("date", release.date.iso(), new_date.iso()))
    if title is not None:
        if "id" not in table:  # the id was derived from the old title: keep it
            table.add("id", release.id)
        table["title"] = title
        if fold(release.title) not in {fold(a) for a in release.aliases}:
            if "aliases" not in table:
                table.add("aliases", [])
            table["aliases"].append(release.title)
        changes.append(FieldChange("title", release.title, title))
    changes += _typed_changes(table, release, record)
    for role, names in record.people.items():
        have = list(release.people.get(role, ()))
        added = [n for n in names if fold(n) not in {fold(h) for h in have}]
        if not added:
            continue
        if "people" not in table:
            table.add("people", tomlkit.table())
        if role in table["people"]:
            for name in added:
                table["people"][role].append(name)
        else:
            table["people"].add(role, list(added))
        changes.append(FieldChange(f"people.{role}", have, [*have, *added]))
    table["checked"] = today
    return changes, problem


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


def link_entry(
    table: Table, release: Release, record: SourceRecord, owners: Mapping[str, str], today: dt.date
) -> EntryRefreshed:
    """Attach ``record``'s ids that ``release`` lacks to its entry ``table``, then refresh it."""
    import tomlkit

    if "ids" not in table:
        table.add("ids", tomlkit.table())
    added = [key for key in ID_KEYS if key in record.ids and key not in release.ids]
    for key in added:
        table["ids"][key] = record.ids[key]
    if record.page and record.page not in release.sources:
        if "sources" not in table:
            table.add("sources", [])
        table["sources"].append(record.page)
    changes, problem = refresh_entry(table, release, record, owners, today)
    ids = [FieldChange(f"ids.{key}", None, record.ids[key]) for key in added]
    return EntryRefreshed(ids + changes, problem)


class EntryRefreshed(NamedTuple):
    changes: list[FieldChange]
    problem: str | None  # worth telling, not an error (a new title that names another entry)


@dataclass(frozen=True)
class Refreshes:
    """What ``refresh_entries`` did, by release id (the edit's result on its Change)."""

    entries: dict[str, EntryRefreshed]


def refresh_entries(
    document: Any, current: Sequence[Release], records: Mapping[str, SourceRecord], today: dt.date
) -> NewText:
    """The edit of `refresh`: each release of ``records`` (by id) brought up to its record in
    ``document``, the registry as the write read it (``current`` its releases). Ids no longer
    in the file are skipped. The new text, with a ``Refreshes`` as its result."""
    from release_countdown.writing.change import NewText
    from release_countdown.writing.edits import release_table

    text: str = document.as_string()  # nothing parsed yet: the text as read
    index = {r.id: i for i, r in enumerate(current)}
    owners = {fold(n): r.id for r in current for n in (r.title, *r.aliases)}
    done: dict[str, EntryRefreshed] = {}
    for release_id, record in records.items():
        at = index.get(release_id)
        if at is None:
            continue
        table = release_table(document, at)
        done[release_id] = EntryRefreshed(*refresh_entry(table, current[at], record, owners, today))
    changed = sum(bool(entry.changes) for entry in done.values())
    message = f"refreshed {len(done)} title(s), {changed} changed"
    return NewText(message, written_text(document, text, current), Refreshes(done))


def written_text(document: Any, old: str, releases: Sequence[Release]) -> str:
    """The edited document's text: in canonical form when ``old`` was (keep_canonical.py),
    else tidied as ``tidy_text`` does."""
    from release_countdown.writing.keep_canonical import kept_canonical

    canonical = kept_canonical(old, releases, document)
    return canonical if canonical is not None else tidy_text(document, old)


def tidy_text(document: Any, old: str) -> str:
    """The edited document's text, blank lines around inserted blocks as change.py's
    tidy_insertions makes them, tidied one release at a time: a refresh touches releases all
    over a large file, and one diff of the whole file would take quadratic time."""
    from release_countdown.writing.splice import SplicedDocument
    from release_countdown.writing.tidy import tidy_insertions

    if not isinstance(document, SplicedDocument) or document.appended or document.deleted:
        new = document.as_string()
        return tidy_insertions(old, new if new.endswith("\n") or not new else new + "\n")
    parts = [old[: document.chunks[0][1]]]
    for index, (start, end) in enumerate(document.chunks[1:]):
        before = old[start:end]
        found = document.parsed.get(index)
        if found is None:
            parts.append(before)
            continue
        after = found.as_string()
        if before.endswith("\n") and not after.endswith("\n"):
            after += "\n"
        parts.append(_header_spacing(tidy_insertions(before, after)))
    return "".join(parts)


def _header_spacing(text: str) -> str:
    """A blank line above each table header of a release refresh touched, as `fmt` writes
    them (a comment right above a header stays with it)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for line in lines:
        if (
            line.startswith("[")
            and out
            and out[-1].strip()
            and not out[-1].lstrip().startswith("#")
        ):
            out.append("\r\n" if out[-1].endswith("\r\n") else "\n")
        out.append(line)
    return "".join(out)
