"""Refresh: fetch titles again from their sources and record what moved, in one write.

The registry file is read and parsed once: that parse chooses the titles, and the write
(writing/change.change_registry) reuses it unless the file changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from release_countdown.core.errors import CountdownError, UsageError
from release_countdown.workflows.fetching import SOURCES

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.sources.config import SourceSettings
    from release_countdown.writing.change import Change
    from release_countdown.writing.refreshing import FieldChange


class NoIds(UsageError):
    """A title named for refresh that has no ids of a source to refresh from."""

    def __init__(self, title: str, ids: Sequence[str] = ()) -> None:
        self.title = title
        if not ids:
            super().__init__(
                f"{title!r} has no [release.ids] to refresh from "
                "(import it with `countdown import REF`)"
            )
            return
        # Ids no source reads (a calendar event's ics, a list's imdb or tvdb): no import
        # would find the title again, a link or a postponement would.
        named = ", ".join(f"ids.{key}" for key in ids)
        verb = "is" if len(ids) == 1 else "are"
        super().__init__(
            f"{title!r} has no id of a source to refresh from ({named} {verb} not one): "
            "`countdown link TITLE REF` attaches a source's title, `countdown postpone` "
            "records a new date"
        )


@dataclass(frozen=True)
class TitleRefreshed:
    """One chosen title: what changed, a warning worth telling, or why its fetch failed."""

    id: str
    changes: tuple[FieldChange, ...] = ()
    problem: str | None = None
    error: CountdownError | None = None
    notes: tuple[str, ...] = ()  # told, not problems: "no longer listed by TMDB: US digital …"
    rechosen: bool = False  # the headline was chosen anew (refresh --region): not a move

    def told(self) -> list[str]:
        """What refresh says of this title, a line each: a failure, each change (a date's
        with its kind, core/changes.py), each note, a warning."""
        from release_countdown.core.changes import Kind, text_change_words

        lines = [f"failed: {self.error}"] if self.error is not None else []
        for c in (c for c in self.changes if not c.field.endswith(".unlisted")):  # in notes
            dated = c.field == "date" or c.field.startswith("dates.")
            moved = text_change_words(c.old, c.new) if dated else ""
            if c.field == "date" and self.rechosen:
                moved = Kind.RECHOSEN.value
            lines.append(
                f"{c.field}: {_shown(c.old)} → {_shown(c.new)}{', ' if moved else ''}{moved}"
            )
        lines += self.notes
        return lines + ([f"warning: {self.problem}"] if self.problem else [])


@dataclass(frozen=True)
class Refreshed:
    titles: tuple[TitleRefreshed, ...]  # every title chosen, in the order chosen
    change: Change | None  # the write (or the dry run's); None when nothing was fetched

    @property
    def errors(self) -> list[CountdownError]:
        return [title.error for title in self.titles if title.error is not None]


def refreshable(release: Release) -> bool:
    return any(key in SOURCES for key in release.ids)


def choose(
    releases: Sequence[Release], names: Sequence[str], *, due: bool, today: date
) -> list[Release]:
    """The titles to refresh: those named (each must have ids), else every one with ids;
    with ``due``, only those the --due policy says are due (core/record.refresh_due)."""
    from release_countdown.core.record import refresh_due
    from release_countdown.writing.edits import find_release

    if names:
        picked = dict.fromkeys(find_release(releases, name) for name in names)
        chosen = [releases[i] for i in picked]
        for release in chosen:
            if not refreshable(release):
                raise NoIds(release.title, tuple(release.ids))
        return [r for r in chosen if not due or refresh_due(r, today, named=True)]
    return [r for r in releases if refreshable(r) and (not due or refresh_due(r, today))]


def refresh(
    path: Path,
    names: Sequence[str],
    *,
    where: SourceSettings,
    region: str | None,
    rechoose: str | None = None,
    due: bool,
    today: date,
    dry_run: bool,
    lock_timeout: float,
) -> Refreshed:
    """Fetch the chosen titles of the registry at ``path`` and write what changed (a new
    date or title is a history entry announced ``today``). Titles whose fetch fails are
    reported in the result; the others are written.

    Each title is asked on its own recorded basis (``headline``), whatever ``region`` (the
    one in force) says; a title without one on ``region``, which is then recorded.
    ``rechoose`` (``refresh --region``) asks every title on that region on purpose: a new
    basis is written as a re-choice, never as a move."""
    from release_countdown.core.record import FetchOptions, SourceRecord, basis_region
    from release_countdown.core.seasons import ref_ident
    from release_countdown.sources.refs import Ref
    from release_countdown.workflows.fetching import fetch_all, fetch_region, prepare_writes
    from release_countdown.writing.change import change_registry, read_snapshot
    from release_countdown.writing.refreshing import EntryRefreshed, Refreshes, refresh_entries

    snapshot = read_snapshot(path)
    chosen = choose(snapshot.releases, names, due=due, today=today)
    # An entry known to TMDB and to Wikidata is refreshed from TMDB when a key is set (and
    # one known to IGDB and to Steam from IGDB when its credentials are).
    order: tuple[str, ...] = SOURCES
    if not where.tmdb_configured():
        order = (*(name for name in order if name != "tmdb"), "tmdb")
    if not where.igdb_configured():
        order = (*(name for name in order if name != "igdb"), "igdb")
    refs = [
        next(Ref(key, ref_ident(key, r.ids[key], r.season)) for key in order if key in r.ids)
        for r in chosen
    ]
    asked = [
        FetchOptions(
            region=fetch_region(rechoose or basis_region(release.headline) or region),
            regions=frozenset(d.region for d in release.dates if d.origin == ref.source),
            platform=where.platform,
        )
        for release, ref in zip(chosen, refs, strict=True)
    ]
    results: list[SourceRecord | CountdownError] = [CountdownError("not fetched")] * len(refs)
    for each in dict.fromkeys(asked):  # usually few: one concurrent fetch each
        at = [i for i, wanted in enumerate(asked) if wanted == each]
        found = fetch_all(where, [refs[i] for i in at], each, prepare_writes)
        for i, result in zip(at, found, strict=True):
            results[i] = result
    records = {
        release.id: result
        for release, result in zip(chosen, results, strict=True)
        if isinstance(result, SourceRecord)
    }
    kept = {
        release.id: f"{records[release.id].label} gives no date now; {release.date.iso()} is kept"
        for release in chosen
        if release.id in records and records[release.id].date == "TBA" and not release.date.tba
    }
    for ident in kept:  # a known date never becomes TBA because a source stopped giving one
        record = records[ident]
        records[ident] = record._replace(date=_date_of(snapshot.releases, ident))
    change = None
    done: Refreshes = Refreshes({})
    if records:
        change = change_registry(
            path,
            lambda document, current: refresh_entries(
                document, current, records, today, rechoose=rechoose is not None
            ),
            dry_run=dry_run,
            lock_timeout=lock_timeout,
            snapshot=snapshot,
        )
        if isinstance(change.result, Refreshes):
            done = change.result
    titles = []
    for release, result in zip(chosen, results, strict=True):
        if isinstance(result, CountdownError):
            titles.append(TitleRefreshed(release.id, error=result))
            continue
        entry = done.entries.get(release.id, EntryRefreshed([], None))
        problems = [p for p in (kept.get(release.id), entry.problem) if p]
        titles.append(
            TitleRefreshed(
                release.id, tuple(entry.changes), "; ".join(problems) or None,
                notes=entry.notes, rechosen=entry.rechosen,
            )
        )  # fmt: skip
    return Refreshed(tuple(titles), change)


def _date_of(releases: Sequence[Release], ident: str) -> str:
    return next(r.date.iso() for r in releases if r.id == ident)


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)
