"""Fetching many refs at once, within each source's limits (sources/http.py holds the
limits across threads), for lookup, import and refresh."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Final, TypeVar

from release_countdown.core.errors import CountdownError, ExitCode, SourceError

if TYPE_CHECKING:
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.refs import Ref

# The sources lookup, import and refresh can use, in the order refresh prefers them.
SOURCES: Final = ("tmdb", "musicbrainz", "wikidata")
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
