"""Fetching many refs at once, within each source's limits (sources/http.py holds the
limits across threads), for lookup, import, refresh and follows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Final, TypeVar

from release_countdown.core.errors import CountdownError, ExitCode, SourceError

if TYPE_CHECKING:
    from release_countdown.core.follow import Credit, Follow
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.refs import Ref

# The sources lookup, import and refresh can use, in the order refresh prefers them.
SOURCES: Final = ("tmdb", "musicbrainz", "wikidata", "tvmaze", "igdb", "steam")
# Requests in flight across all sources (each source's own limit applies within it).
WORKERS: Final = 24

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def fetch_region(region: str | None) -> str:
    """The region a source is asked about: the one given, US for none or worldwide."""
    return "US" if not region or region == "WW" else region


def module(source: str) -> ModuleType:
    import importlib

    return importlib.import_module(f"release_countdown.sources.{source}")


def fetch_all(
    where: SourceSettings,
    refs: Sequence[Ref],
    options: FetchOptions,
    meanwhile: Callable[[], object] | None = None,
) -> list[SourceRecord | CountdownError]:
    """Each ref's record, or the error that stopped it, in the order given. ``meanwhile``
    runs while the requests are out (imports the write will need, say)."""
    if not refs:
        return []
    for ref in refs:
        if ref.source not in SOURCES:
            raise SourceError(f"{ref}: {ref.source} is not supported yet by this version")
    services = {ref.source: where.service(ref.source) for ref in refs}  # exit 2 before any fetch

    def one(ref: Ref) -> SourceRecord:
        record: SourceRecord = module(ref.source).fetch(services[ref.source], ref.ident, options)
        return record

    return at_once(one, refs, meanwhile)


def fetch_seasons(
    where: SourceSettings, refs: Sequence[Ref], options: FetchOptions
) -> list[list[SourceRecord] | CountdownError]:
    """Each show's records, a season each (``seasons`` of its source: those not yet
    premiered on ``options.since``), or the error that stopped it, in the order given."""
    services = {ref.source: where.service(ref.source) for ref in refs}  # exit 2 before any fetch

    def one(ref: Ref) -> list[SourceRecord]:
        found: list[SourceRecord] = module(ref.source).seasons(
            services[ref.source], ref.ident, options
        )
        return found

    return at_once(one, refs)


def fetch_credits(
    where: SourceSettings, follows: Sequence[Follow], options: FetchOptions
) -> list[list[Credit] | CountdownError]:
    """What each follow's ref is credited on (``credits`` of its source), or the error that
    stopped it, in the order given, fetched concurrently within each source's limits. A
    listing is asked from the later of ``options.since`` and the follow's ``since``."""
    from release_countdown.core.follow import FOLLOW_KINDS
    from release_countdown.sources.config import SPARQL

    sources = {follow.ref.partition(":")[0] for follow in follows}
    # Wikidata answers a person's works through its query service, not the entity API.
    names = {source: SPARQL if source == "wikidata" else source for source in sources}
    services = {s: where.service(names[s]) for s in sources if s in FOLLOW_KINDS}  # exit 2 first

    def one(follow: Follow) -> list[Credit]:
        source, _, ident = follow.ref.partition(":")
        if source not in services:
            raise SourceError(f"{follow.ref}: {source} cannot be followed by this version")
        days = [day for day in (options.since, follow.since) if day is not None]
        asked = options._replace(since=max(days, default=None))
        found: list[Credit] = module(source).credits(services[source], ident, asked)
        return found

    return at_once(one, follows)


def at_once(
    call: Callable[[_Item], _Result],
    items: Sequence[_Item],
    meanwhile: Callable[[], object] | None = None,
) -> list[_Result | CountdownError]:
    """``call`` of each item, or the CountdownError that stopped it, in the order given; the
    calls run concurrently (the sources' Services keep each source within its limits)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(item: _Item) -> _Result | CountdownError:
        try:
            return call(item)
        except CountdownError as exc:
            return exc

    if not items:
        return []
    with ThreadPoolExecutor(max_workers=min(WORKERS, len(items))) as pool:
        futures = [pool.submit(one, item) for item in items]
        if meanwhile is not None:
            meanwhile()
        return [future.result() for future in futures]


def worst(errors: Sequence[CountdownError]) -> ExitCode:
    """The exit code of several failures: a failed source (4) before a missing title (1)."""
    codes = {error.exit_code for error in errors}
    for code in (ExitCode.SOURCE, ExitCode.USAGE, ExitCode.NOT_FOUND):
        if code in codes:
            return code
    return ExitCode.SOURCE


def prepare_writes() -> None:
    """Import what a write needs (tomlkit, the lock, the write path) while waiting."""
    import release_countdown.writing.change
    import release_countdown.writing.sourced  # noqa: F401
