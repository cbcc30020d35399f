"""The sources' settings for lookup, import and refresh, from the settings in force
(fetching many refs at once lives in workflows/fetching.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings


def source_settings() -> SourceSettings:
    from release_countdown.cli.reading import settings
    from release_countdown.settings import SOURCE_KEYS
    from release_countdown.sources.config import LIBRARIES, SPARQL, ApiKey, SourceSettings

    found = settings()
    tmdb = found.sources["tmdb"]
    urls = {name: source.url.value for name, source in found.sources.items() if source.url.value}
    return SourceSettings(
        urls | {SPARQL: found.sources["wikidata"].sparql_url.value},
        tmdb_key=tmdb.api_key.value,
        tmdb_token=tmdb.read_access_token.value,
        timeout=found.http_timeout.value,
        config_file=found.config_file,
        api_keys={
            name: ApiKey(found.sources[name].api_key.value, SOURCE_KEYS[name]["api_key"])
            for name in LIBRARIES
        },
    )
