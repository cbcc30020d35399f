"""The changes of `refresh` to one entry: its date (a history entry, one a day), title, typed
dates, people and ids, as a source's record gives them.

Refresh updates only what the source provides and removes nothing: typed dates, roles, names,
notes and sources a user added stay. A typed date the source listed (``origin``) and no longer
lists is marked ``unlisted`` (and told), never removed. The headline is asked for on the
entry's own basis (``headline``); a new basis (``refresh --region``) is a re-choice, recorded
as such in the history (core/changes.py). Every change is listed as a FieldChange.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from release_countdown.core.dates import parse_date_text
from release_countdown.core.matching import fold
from release_countdown.core.model import Release
from release_countdown.core.platforms import same_platform
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


class EntryRefreshed(NamedTuple):
    changes: list[FieldChange]
    problem: str | None  # worth telling, not an error (a new title that names another entry)
    notes: tuple[str, ...] = ()  # told, not problems: "no longer listed by TMDB: US digital …"
    rechosen: bool = False  # the headline was chosen anew on purpose (refresh --region)


@dataclass(frozen=True)
class Refreshes:
    """What ``refresh_entries`` did, by release id (the edit's result on its Change)."""

    entries: dict[str, EntryRefreshed]


def seen_on(date_text: str, today: dt.date) -> dt.date:
    """The announcement day to record: today, or the date's last day when that is earlier
    (an announcement never comes after the date it announces)."""
    spec = parse_date_text(date_text)
    return min(today, spec.latest) if spec.latest is not None else today


def item_table(items: Sequence[tuple[str, Any]]) -> Table:
    """A tomlkit table of ``items``, those without a value left out."""
    import tomlkit

    table = tomlkit.table()
    for key, value in items:
        if value is not None and value not in ([], ()):
            table.add(key, value)
    return table


def typed_table(typed: SourceDate, origin: str) -> Table:
    return item_table([
        ("region", typed.region), ("type", typed.type), ("platform", typed.platform),
        ("date", date_value(typed.date)),
        ("where", typed.where), ("origin", origin if typed.listed else None),
        ("note", typed.note),
    ])  # fmt: skip


def history_table(
    date_text: str, today: dt.date, note: str, title: str | None = None,
    *, headline: str | None = None,
) -> Table:  # fmt: skip
    return item_table([
        ("announced", seen_on(date_text, today)), ("date", date_value(date_text)),
        ("headline", headline), ("title", title), ("note", note),
    ])  # fmt: skip


def _typed_changes(
    table: Table, release: Release, record: SourceRecord, today: dt.date
) -> tuple[list[FieldChange], list[str]]:
    """Typed dates: the source's (region, type, platform) slots updated or added; others
    kept (a platform compared by core/platforms.same_platform). A date
    this source listed (its ``origin``) in a region it was asked about, and lists no longer,
    is marked ``unlisted`` today (and unmarked when listed again). The changes, and the
    notes to tell."""
    import tomlkit

    changes: list[FieldChange] = []
    notes: list[str] = []
    existing = list(table.get("dates", []))
    used: set[int] = set()
    pending: list[SourceDate] = []
    for typed in record.dates:  # the same date already there: nothing to do
        wanted = parse_date_text(typed.date).iso()
        match = next(
            (i for i, d in enumerate(release.dates)
             if i not in used and _slot(d, typed) and d.date.iso() == wanted),
            None,
        )  # fmt: skip
        if match is None:
            pending.append(typed)
        else:
            used.add(match)
    for typed in pending:
        name = _name(typed)
        match = next(
            (i for i, d in enumerate(release.dates) if i not in used and _slot(d, typed)),
            None,
        )  # fmt: skip
        if match is not None and match < len(existing):
            used.add(match)
            existing[match]["date"] = date_value(typed.date)
            _note_follows(existing[match], release.dates[match], typed, record.source)
            changes.append(FieldChange(name, release.dates[match].date.iso(), typed.date))
            continue
        if "dates" not in table:
            table.add("dates", tomlkit.aot())
        table["dates"].append(typed_table(typed, record.source))
        changes.append(FieldChange(name, None, typed.date))
    for i, d in enumerate(release.dates[: len(existing)]):
        name = _name(d)
        if i in used:  # listed: it is the source's now, and listed again if it was not
            if "origin" not in existing[i]:
                existing[i]["origin"] = record.source
            if d.unlisted is not None:
                del existing[i]["unlisted"]
                changes.append(FieldChange(f"{name}.unlisted", d.unlisted.isoformat(), None))
                notes.append(f"listed again by {record.label}: {d.region} {d.type} {d.date.iso()}")
        elif unlisted(d, record) and d.unlisted is None:
            existing[i]["unlisted"] = today
            changes.append(FieldChange(f"{name}.unlisted", None, today.isoformat()))
            notes.append(f"no longer listed by {record.label}: {d.region} {d.type} {d.date.iso()}")
    return changes, notes


def _note_follows(table: Any, old: Any, typed: SourceDate, source: str) -> None:
    """A slot's note goes with its new date: the source's, else none when this source wrote
    the slot (Steam's "Coming soon" goes with its TBA; a note typed by hand stays)."""
    if typed.note is not None:
        table["note"] = typed.note
    elif "note" in table and old.origin == source:
        del table["note"]


def _slot(held: Any, typed: SourceDate) -> bool:
    """Whether the entry's typed date ``held`` is the slot of the source's ``typed``."""
    return (held.region, held.type) == (typed.region, typed.type) and same_platform(
        held.platform, typed.platform
    )


def _name(typed: Any) -> str:
    """A typed date's name in refresh's changes: "dates.US.theatrical", "dates.WW.digital.PS5"."""
    return f"dates.{typed.region}.{typed.type}" + (f".{typed.platform}" if typed.platform else "")


def unlisted(typed: Any, record: SourceRecord) -> bool:
    """Whether ``record`` no longer lists ``typed`` (a TypedDate it does not hold): only a
    date this source listed (``origin``), in a region it was asked about (``covers``)."""
    asked = record.covers is None or typed.region in record.covers
    return typed.origin == record.source and asked


def _history(
    table: Table, release: Release, record: SourceRecord, today: dt.date,
    *, title: str | None, basis: str | None,
) -> None:  # fmt: skip
    """One history entry for this run's change of date, title or basis: the entry of the
    same announcement day amended (writing/fields.days_entry, as edits and postpone do),
    else a new one (after one for the date in force until now, so the change is told)."""
    import tomlkit

    from release_countdown.writing.fields import days_entry

    note = f"from {record.label}" + (f", re-chosen: {basis}" if basis else "")
    if "history" not in table:
        table.add("history", tomlkit.aot())
    day = seen_on(record.date, today)
    todays = days_entry(table, release, day)
    if todays is not None:  # one change a day: that day's entry takes this one
        todays["date"] = date_value(record.date)
        for key, value in (("headline", basis), ("title", title)):
            if value is not None:
                todays[key] = value
        todays["note"] = note
        return
    if not release.history:  # the date in force until now, so the change is told
        announced = date_value(release.announced.iso()) if release.announced else None
        first = [("announced", announced), ("date", date_value(release.date.iso()))]
        table["history"].append(item_table([*first, ("headline", release.headline)]))
    table["history"].append(history_table(record.date, today, note, title, headline=basis))


def refresh_entry(
    table: Table,
    release: Release,
    record: SourceRecord,
    owners: Mapping[str, str],
    today: dt.date,
    *,
    rechoose: bool = False,
) -> EntryRefreshed:
    """Bring ``table`` (the entry of ``release``) up to ``record``. ``owners`` maps every
    folded title and alias of the registry to its release's id. ``rechoose``: the record
    was asked on a basis given on purpose (``refresh --region``); a basis other than the
    entry's is then a re-choice, else the first basis recorded."""
    import tomlkit

    changes: list[FieldChange] = []
    problem: str | None = None
    new_date = parse_date_text(record.date)
    date_moved = new_date.iso() != release.date.iso()
    title = record.title if record.title != release.title else None
    if title is not None and owners.get(fold(title), release.id) != release.id:
        problem = f"the new title {title!r} already names another entry; the title is kept"
        title = None
    basis = record.headline
    new_basis = basis is not None and basis != release.headline
    rechosen = rechoose and new_basis and (date_moved or bool(release.history))
    if date_moved or title is not None or rechosen:
        _history(table, release, record, today, title=title, basis=basis if rechosen else None)
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
    if new_basis and (rechoose or release.headline is None):  # chosen now, or first recorded
        table["headline"] = basis
        changes.append(FieldChange("headline", release.headline, basis))
    typed, notes = _typed_changes(table, release, record, today)
    changes += typed
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
    return EntryRefreshed(changes, problem, tuple(notes), rechosen=new_basis and rechoose)


def link_entry(
    table: Table, release: Release, record: SourceRecord, owners: Mapping[str, str], today: dt.date
) -> EntryRefreshed:
    """Attach ``record``'s ids that ``release`` lacks to its entry ``table`` (and the season
    a season's record names: the show's ids alone would name the show), then refresh it."""
    import tomlkit

    season = []
    if record.season is not None and release.season is None:
        table["season"] = record.season
        season.append(FieldChange("season", None, record.season))

    if "ids" not in table:
        table.add("ids", tomlkit.table())
    added = [key for key in ID_KEYS if key in record.ids and key not in release.ids]
    for key in added:
        table["ids"][key] = record.ids[key]
    if record.page and record.page not in release.sources:
        if "sources" not in table:
            table.add("sources", [])
        table["sources"].append(record.page)
    done = refresh_entry(table, release, record, owners, today)
    ids = [FieldChange(f"ids.{key}", None, record.ids[key]) for key in added]
    return done._replace(changes=season + ids + done.changes)


def refresh_entries(
    document: Any,
    current: Sequence[Release],
    records: Mapping[str, SourceRecord],
    today: dt.date,
    *,
    rechoose: bool = False,
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
        done[release_id] = refresh_entry(
            table, current[at], record, owners, today, rechoose=rechoose
        )
    changed = sum(bool(entry.changes) for entry in done.values())
    message = f"refreshed {len(done)} title{'s' if len(done) != 1 else ''}, {changed} changed"
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
