"""What lookup, import and refresh share: the sources' settings, and fetching many refs at
once within each source's limits (sources/http.py holds the limits across threads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Final

from release_countdown.core.errors import CountdownError, ExitCode, SourceError

if TYPE_CHECKING:
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.refs import Ref

# The sources lookup, import and refresh can use, in the order refresh prefers them.
SOURCES: Final = ("tmdb", "musicbrainz", "wikidata")
# Requests in flight across all sources (each source's own limit applies within it).
WORKERS: Final = 24


def source_settings() -> SourceSettings:
    from release_countdown.cli.reading import settings
    from release_countdown.sources.config import SourceSettings

    found = settings()
    tmdb = found.sources["tmdb"]
    return SourceSettings(
        {name: source.url.value for name, source in found.sources.items()},
        tmdb_key=tmdb.api_key.value,
        tmdb_token=tmdb.read_access_token.value,
        timeout=found.http_timeout.value,
        config_file=found.config_file,
    )


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
    from concurrent.futures import ThreadPoolExecutor

    for ref in refs:
        if ref.source not in SOURCES:
            raise SourceError(f"{ref}: {ref.source} is not supported yet by this version")
    services = {ref.source: where.service(ref.source) for ref in refs}  # exit 2 before any fetch

    def one(ref: Ref) -> SourceRecord | CountdownError:
        try:
            record: SourceRecord = module(ref.source).fetch(
                services[ref.source], ref.ident, options
            )
        except CountdownError as exc:
            return exc
        return record

    with ThreadPoolExecutor(max_workers=min(WORKERS, len(refs))) as pool:
        futures = [pool.submit(one, ref) for ref in refs]
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
