"""Import: add titles from a source, complete, in `fmt` canonical form, in one write."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from release_countdown.core.errors import CountdownError
from release_countdown.core.record import label

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.record import SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.refs import Ref
    from release_countdown.writing.change import Change, NewText


@dataclass(frozen=True)
class Imported:
    present: tuple[tuple[Ref, Release], ...]  # refs already in the registry: not fetched
    failed: tuple[CountdownError, ...]  # fetches that failed: then nothing is written
    change: Change | None  # the write (or the dry run's); None when nothing was written
    notes: tuple[str, ...] = ()  # for stderr: a show with no season to come


def import_refs(
    path: Path,
    refs: Sequence[Ref],
    *,
    where: SourceSettings,
    region: str | None,
    all_dates: bool,
    today: date,
    dry_run: bool,
    lock_timeout: float,
    new: bool = False,
    on_present: Callable[[Ref, Release], object] | None = None,
    origins: Mapping[str, str] | None = None,
    seasons: str = "upcoming",
    own: Sequence[SourceRecord] = (),
) -> Imported:
    """Fetch the refs not yet in the registry at ``path`` and add each as a new entry where
    `fmt` would put it (checked ``today``), or links it to the entry of the same title typed
    by hand (writing/sourced.link_target) unless ``new``. ``on_present`` hears of each ref
    already there before anything is fetched. If any fetch fails, nothing is written.
    ``origins``: a new entry's ``origin`` by its ref ("follow:NAME", for a follow's titles).
    A show's ref (``tvmaze:show/82``) imports one entry per season not yet premiered
    ``today``, or the next one only (``seasons``: core/seasons.SEASON_CHOICES).

    ``own``: records of titles no source has (a calendar's events), added as they are."""
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.core.seasons import is_show, refs_of
    from release_countdown.sources.refs import Ref
    from release_countdown.workflows.fetching import fetch_all, fetch_region, fetch_seasons
    from release_countdown.writing.change import change_registry, read_snapshot

    snapshot = read_snapshot(path)
    owners = {ref: r for r in snapshot.releases for ref in refs_of(r.ids, r.season)}
    present, fresh = [], []
    wanted = list(dict.fromkeys(refs))
    shows = [ref for ref in wanted if is_show(ref.source, ref.ident)]
    for ref in (ref for ref in wanted if ref not in shows):
        owner = owners.get(str(ref))
        if owner is None:
            fresh.append(ref)
            continue
        present.append((ref, owner))
        if on_present is not None:
            on_present(ref, owner)
    if not fresh and not shows and not own:
        return Imported(tuple(present), (), None)
    options = FetchOptions(
        region=fetch_region(region), all_dates=all_dates, since=today, platform=where.platform
    )
    results: list[Any] = fetch_all(where, fresh, options)
    notes = []
    for show, listed in zip(shows, fetch_seasons(where, shows, options), strict=True):
        if isinstance(listed, CountdownError):
            results.append(listed)
            continue
        if not listed:
            notes.append(f"{show}: {label(show.source)} lists no season to come; nothing to import")
        for record in listed[:1] if seasons == "next" else listed:
            owner = owners.get(record.ref)
            if owner is None:
                results.append(record)
                continue
            season_ref = Ref(record.source, record.ref.partition(":")[2])
            present.append((season_ref, owner))
            if on_present is not None:
                on_present(season_ref, owner)
    failed = tuple(r for r in results if isinstance(r, CountdownError))
    if failed:
        return Imported(tuple(present), failed, None, tuple(notes))
    records = [r for r in results if isinstance(r, SourceRecord)] + list(own)
    if not records:
        return Imported(tuple(present), (), None, tuple(notes))
    change = change_registry(
        path,
        lambda document, releases: add_entries(
            document, releases, records, today, path, new=new, origins=origins
        ),
        dry_run=dry_run,
        lock_timeout=lock_timeout,
        snapshot=snapshot,
    )
    return Imported(tuple(present), (), change, tuple(notes))


def add_entries(
    document: Any,
    releases: Sequence[Release],
    records: Sequence[SourceRecord],
    today: date,
    path: Path,
    *,
    new: bool = False,
    origins: Mapping[str, str] | None = None,
) -> NewText:
    """The edit of `import`: each record's entry inserted in the text as read, unless a
    release already has one of its ids (imported meanwhile, or from another source); a
    record naming an entry typed by hand is linked to it instead, unless ``new``. The
    result says what became of each record's ref: "imported", "linked" or "present"."""
    from release_countdown.registry.load import check_text
    from release_countdown.writing.change import NewText
    from release_countdown.writing.sourced import entry_place, entry_text, insert_entry

    text: str = document.as_string()  # the text as read, before any link parses a release
    links = [] if new else _link(document, releases, records, today)
    linked = {record.ref for record, _ in links}
    rest = [r for r in records if r.ref not in linked]
    if links:
        text = _written(document, text, releases)
    messages = [message for _, message in links]
    outcome = dict.fromkeys(linked, "linked")
    current, stale = list(releases), bool(links)
    for record in rest:
        if stale:  # the entries so far, in file order, for the next one's name and place
            current, stale = check_text(text, str(path))[0], False
        owner, key = _owner(current, record.ids, record.season)
        if owner is not None:
            messages.append(
                f"{record.ref}: already in the registry as {owner.title!r} (id {owner.id}, "
                f"same {label(key)} id); use `countdown refresh {owner.id}`"
            )
            outcome[record.ref] = "present"
            continue
        block = entry_text(record, current, today, origin=(origins or {}).get(record.ref))
        # The new entry alone, parsed, at its place: never the whole file again (500 titles
        # of a list would parse it 500 times).
        entry = check_text(block, str(path))[0][0]
        new_id = entry.id
        text = insert_entry(text, block, new_id, current)
        current.insert(entry_place(new_id, current), entry)
        messages.append(f'imported "{record.title}" from {record.label} (id {new_id})')
        outcome[record.ref] = "imported"
    return NewText("; ".join(messages) or "nothing to import", text, outcome)


def _link(
    document: Any, releases: Sequence[Release], records: Sequence[SourceRecord], today: date
) -> list[tuple[SourceRecord, str]]:
    """Link each record that names an entry typed by hand (and not yet linked) to it."""
    from release_countdown.writing.sourced import link_target

    done: list[tuple[SourceRecord, str]] = []
    taken: set[str] = set()
    for record in records:
        if _owner(releases, record.ids, record.season)[0] is not None:
            continue
        target = link_target([r for r in releases if r.id not in taken], record)
        if target is None:
            continue
        taken.add(target.id)
        done.append((record, _link_into(document, releases, target, record, today)))
    return done


def _link_into(
    document: Any, releases: Sequence[Release], target: Release, record: SourceRecord, today: date
) -> str:
    """Attach ``record`` to ``target``'s entry in ``document`` and refresh it; in words."""
    from release_countdown.core.changes import text_change_words
    from release_countdown.core.matching import fold
    from release_countdown.writing.edits import release_table
    from release_countdown.writing.sourced import link_entry

    owners = {fold(n): r.id for r in releases for n in (r.title, *r.aliases)}
    table = release_table(document, [r.id for r in releases].index(target.id))
    changes = link_entry(table, target, record, owners, today).changes
    said = f'linked {record.ref} to "{target.title}" ({target.id})'
    moved = next((c for c in changes if c.field == "date"), None)
    if moved is not None:
        said += f"; date {moved.old} → {moved.new}, {text_change_words(moved.old, moved.new)}"
    return said


def _owner(
    releases: Sequence[Release], ids: Mapping[str, str], season: int | None = None
) -> tuple[Release | None, str]:
    """The entry that already has one of ``ids`` (any source's) for the same ``season`` (a
    show's seasons share its ids: core/seasons.keyed_ids), and which key matched."""
    from release_countdown.core.seasons import keyed_ids

    wanted = keyed_ids(ids, season)
    for release in releases:
        held = set(keyed_ids(release.ids, release.season))
        for found in wanted:
            if found in held:
                return release, found[0]
    return None, ""


def link_ref(
    path: Path,
    name: str,
    ref: Ref,
    *,
    where: SourceSettings,
    region: str | None,
    today: date,
    dry_run: bool,
    lock_timeout: float,
) -> Change:
    """`countdown link`: fetch ``ref`` and attach it to the entry ``name`` (id, title or
    alias), whatever its title or date, then refresh that entry from it."""
    from release_countdown.core.errors import UsageError
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.core.seasons import is_show
    from release_countdown.workflows.fetching import fetch_all, fetch_region
    from release_countdown.writing.change import change_registry

    if is_show(ref.source, ref.ident):  # an entry is one season
        raise UsageError(
            f"{ref} is a show, which has one entry per season: link one season "
            f"({ref}/season/N), or `countdown import {ref}`"
        )
    (result,) = fetch_all(
        where, [ref], FetchOptions(region=fetch_region(region), platform=where.platform)
    )
    if not isinstance(result, SourceRecord):
        raise result
    record = result
    return change_registry(
        path,
        lambda document, releases: _link_one(document, releases, name, record, today),
        dry_run=dry_run,
        lock_timeout=lock_timeout,
    )


def _link_one(
    document: Any, releases: Sequence[Release], name: str, record: SourceRecord, today: date
) -> NewText:
    from release_countdown.core.errors import UsageError
    from release_countdown.writing.change import NewText
    from release_countdown.writing.edits import find_release

    text: str = document.as_string()  # the text as read, before the entry is parsed
    target = releases[find_release(releases, name)]
    owner, _ = _owner(releases, record.ids, record.season)
    if owner is not None and owner.id != target.id:  # every id it holds, not one at a time
        keys = [k for k, v in record.ids.items() if owner.ids.get(k) == v]
        named = " and ".join(filter(None, (", ".join(map(label, keys[:-1])), label(keys[-1]))))
        ids, belongs = ("ids", "belong") if len(keys) > 1 else ("id", "belongs")
        removes = " ".join(f"--remove-id {k}" for k in keys)
        raise UsageError(
            f'{record.ref}: its {named} {ids} already {belongs} to "{owner.title}" '
            f"(id {owner.id}); `countdown edit {owner.id} {removes}` first"
        )
    if target.ids.get(record.source) not in (None, record.ids.get(record.source)):
        raise UsageError(
            f"{target.title!r} (id {target.id}) already has a {record.label} id "
            f"({target.ids[record.source]}); `countdown edit {target.id} --remove-id "
            f"{record.source}` first"
        )
    if None not in (target.season, record.season) and target.season != record.season:
        from release_countdown.core.seasons import season_ident

        own = f"{record.source}:{season_ident(record.ids[record.source], target.season or 0)}"
        raise UsageError(
            f"{target.title!r} (id {target.id}) is season {target.season}; {record.ref} is "
            f"season {record.season}: link {own}, or another entry"
        )
    said = _link_into(document, releases, target, record, today)
    return NewText(said, _written(document, text, releases))


def _written(document: Any, old: str, releases: Sequence[Release]) -> str:
    from release_countdown.writing.sourced import written_text

    return written_text(document, old, releases)
