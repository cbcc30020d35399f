"""Follow check: fetch what each follow is credited on, keep what is new and to come, then
import it (mode add: one locked write, each release with its ``origin``) or propose it in
the inbox (mode inbox: the state folder's inbox file, locked)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from release_countdown.core.errors import CountdownError, NotFoundError

if TYPE_CHECKING:
    from release_countdown.core.follow import Credit, Follow, InboxEntry
    from release_countdown.core.model import Release
    from release_countdown.sources.config import SourceSettings
    from release_countdown.workflows.import_ import Imported
    from release_countdown.writing.change import Change


@dataclass(frozen=True)
class Followed:
    follow: Follow
    kept: tuple[Credit, ...]  # new and to come: imported or proposed (or would be, dry run)
    # Credits no source here can import yet (a TMDB series: tmdb:tv/ID), set aside.
    unsupported: tuple[Credit, ...] = ()
    # The source says nothing more will come (a show that has ended): nothing is kept.
    ended: str | None = None


@dataclass(frozen=True)
class Checked:
    followed: tuple[Followed, ...]  # each follow checked, in the order named
    failed: tuple[CountdownError, ...]  # fetches that failed: then nothing is written
    proposed: tuple[InboxEntry, ...]  # put in the inbox by this run
    imported: Imported | None  # mode add's import (None: nothing to import)
    stopped: Change | None = None  # the follows of shows that have ended, removed


def importable(ref: str) -> bool:
    """Whether ``ref`` names a title a source here imports (sources/refs.parse_ref reads it)."""
    from release_countdown.core.errors import UsageError
    from release_countdown.sources.refs import parse_ref

    try:
        parse_ref(ref)
    except UsageError:
        return False
    return True


def registry_follows(path: Path) -> tuple[Follow, ...]:
    """The ``[[follow]]`` tables of the registry at ``path``."""
    from release_countdown.registry.load import load_registry

    return load_registry([path]).follows


def chosen(follows: Sequence[Follow], names: Sequence[str]) -> list[Follow]:
    """The follows ``names`` names (all of them for none); NotFoundError for a name none has."""
    from release_countdown.core.matching import did_you_mean

    if not names:
        return list(follows)
    by_name = {f.name: f for f in follows}
    for name in names:
        if name not in by_name:
            known = did_you_mean(by_name, name) if by_name else "; there is no [[follow]] yet"
            raise NotFoundError(f"no follow named {name!r}{known} (see `countdown follow list`)")
    return [by_name[name] for name in dict.fromkeys(names)]


def known_refs(releases: Sequence[Release]) -> set[str]:
    """The refs the registry has: every ``[release.ids]`` entry as "source:ident" (a
    season's ref for a show's id: core/seasons.refs_of)."""
    from release_countdown.core.seasons import refs_of

    return {ref for r in releases for ref in refs_of(r.ids, r.season)}


def linked_refs(releases: Sequence[Release], credits: Sequence[Credit]) -> set[str]:
    """The credits import would link to an entry typed by hand (writing/sourced's rule)."""
    from release_countdown.core.record import SourceRecord, label
    from release_countdown.core.seasons import split_season
    from release_countdown.writing.sourced import link_target

    found = set()
    for credit in credits:
        source, _, ident = credit.ref.partition(":")
        record = SourceRecord(
            source=source, label=label(source), ref=credit.ref, title=credit.title,
            kind=credit.kind, date=credit.date, season=split_season(ident)[1],
        )  # fmt: skip
        if link_target(releases, record) is not None:
            found.add(credit.ref)
    return found


def check(
    path: Path,
    names: Sequence[str],
    *,
    where: SourceSettings,
    today: date,
    dry_run: bool,
    lock_timeout: float,
    follows: Sequence[Follow] | None = None,
    inbox: Path | None = None,
    region: str | None = None,
) -> Checked:
    """Check the follows ``names`` (all for none) of the registry at ``path``: what each is
    credited on, kept by core/follow.kept, imported (mode add) or proposed in ``inbox``
    (mode inbox). ``follows``: the registry's (read from ``path`` when None). If any fetch
    fails, nothing is written; with ``dry_run`` nothing is written either."""
    from release_countdown.core.follow import kept, proposed
    from release_countdown.core.record import FetchOptions
    from release_countdown.registry.locations import inbox_file
    from release_countdown.workflows.fetching import fetch_credits, fetch_region
    from release_countdown.writing.change import read_snapshot
    from release_countdown.writing.inbox import read_inbox

    inbox = inbox or inbox_file()
    wanted = chosen(registry_follows(path) if follows is None else follows, names)
    if not wanted:
        return Checked((), (), (), None)
    snapshot = read_snapshot(path)
    waiting = {e.ref for e in read_inbox(inbox)}
    results = fetch_credits(where, wanted, FetchOptions(region=fetch_region(region)))
    failed = tuple(r for r in results if isinstance(r, CountdownError))
    registered = known_refs(snapshot.releases)
    followed = []
    for follow, result in zip(wanted, results, strict=True):
        if isinstance(result, CountdownError):
            continue
        known = registered | waiting
        if follow.mode == "inbox":
            known |= linked_refs(snapshot.releases, result)
        ended: str | None = getattr(result, "ended", None)
        found = [] if ended else kept(follow, result, today, known)
        usable = [c for c in found if importable(c.ref)]
        others = tuple(c for c in found if c not in usable)
        followed.append(Followed(follow, tuple(usable), others, ended))
    if failed:
        return Checked(tuple(followed), failed, (), None)
    entries = [
        e for f in followed if f.follow.mode == "inbox" for e in proposed(f.follow, f.kept, today)
    ]
    imported = _import(
        path, followed, where=where, today=today, dry_run=dry_run, lock_timeout=lock_timeout,
        region=region,
    )  # fmt: skip
    if imported is not None and imported.failed:
        return Checked(tuple(followed), imported.failed, (), imported)
    if entries and not dry_run:
        entries = _propose(inbox, entries, lock_timeout)
    stopped = _stop(path, [f.follow.name for f in followed if f.ended], dry_run, lock_timeout)
    return Checked(tuple(followed), (), tuple(entries), imported, stopped)


def _stop(path: Path, names: Sequence[str], dry_run: bool, lock_timeout: float) -> Change | None:
    """A show that has ended stops its follow: the follows ``names`` removed, in one write
    (``countdown undo`` brings them back)."""
    if not names:
        return None
    from release_countdown.writing.change import change_registry
    from release_countdown.writing.follows import on_follows, remove_follow

    return change_registry(
        path, on_follows(lambda document: [remove_follow(document, n) for n in names], "; ".join),
        dry_run=dry_run, lock_timeout=lock_timeout,
    )  # fmt: skip


def _propose(inbox: Path, entries: list[InboxEntry], lock_timeout: float) -> list[InboxEntry]:
    """Add ``entries`` to the inbox under its lock; those it did not have yet."""
    from release_countdown.writing.inbox import added, inbox_lock, read_inbox, write_inbox

    with inbox_lock(inbox, lock_timeout):
        before = read_inbox(inbox)
        after = added(before, entries)
        write_inbox(inbox, after)
    return after[len(before) :]


def _import(
    path: Path,
    followed: Sequence[Followed],
    *,
    where: SourceSettings,
    today: date,
    dry_run: bool,
    lock_timeout: float,
    region: str | None,
) -> Imported | None:
    """Mode add's titles of every follow, imported in one write, each with its origin."""
    from release_countdown.sources.refs import Ref
    from release_countdown.workflows.import_ import import_refs

    origins = {c.ref: f.follow.origin for f in followed if f.follow.mode == "add" for c in f.kept}
    if not origins:
        return None
    refs = [Ref(*ref.split(":", 1)) for ref in origins]  # a season's: "tvmaze", "show/82/season/3"
    return import_refs(
        path, refs, where=where, region=region, all_dates=False, today=today,
        dry_run=dry_run, lock_timeout=lock_timeout, origins=origins,
    )  # fmt: skip
