"""The sources' settings for lookup, import and refresh, from the settings in force
(fetching many refs at once lives in workflows/fetching.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings


def source_settings() -> SourceSettings:
    import time

    from release_countdown.cli.reading import settings
    from release_countdown.settings import SOURCE_KEYS
    from release_countdown.sources.config import (
        LIBRARIES,
        SPARQL,
        TWITCH,
        ApiKey,
        SourceSettings,
    )  # fmt: skip
    from release_countdown.writing.tokens import TokenFile, token_file

    found = settings()
    tmdb, igdb = found.sources["tmdb"], found.sources["igdb"]
    urls = {name: source.url.value for name, source in found.sources.items() if source.url.value}
    return SourceSettings(
        urls | {SPARQL: found.sources["wikidata"].sparql_url.value, TWITCH: igdb.token_url.value},
        tmdb_key=tmdb.api_key.value,
        tmdb_token=tmdb.read_access_token.value,
        timeout=found.http_timeout.value,
        config_file=found.config_file,
        platform=found.sources_platform.value,
        igdb_client_id=igdb.client_id.value,
        igdb_client_secret=igdb.client_secret.value,
        token_cache=TokenFile(token_file("igdb")),
        clock=time.time,  # when IGDB's token expires (the one clock of the sources)
        trakt_client_id=found.sources["trakt"].client_id.value,
        api_keys={
            name: ApiKey(found.sources[name].api_key.value, SOURCE_KEYS[name]["api_key"])
            for name in LIBRARIES
        },
    )
