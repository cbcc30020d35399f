"""Each source's Service (http.py) from the sources' settings.

settings.py reads and checks them (environment > config file > default, at file:line:col or
naming the variable); cli/ passes the values in. Nothing here reads the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final

from release_countdown.core.errors import UsageError
from release_countdown.core.record import LABELS
from release_countdown.sources.http import Limits, Service

# Wikidata's query service (follows of a person: sources/wikidata.credits): its own address,
# and one query at a time (the service allows five an address, and a minute of query time
# a minute).
SPARQL: Final = "wikidata-sparql"
LIMITS: Final = {
    "tmdb": Limits(in_flight=20, interval=0.0),
    # MusicBrainz allows one request a second per address; a little margin keeps the gap
    # measured at their server at a second or more.
    "musicbrainz": Limits(in_flight=1, interval=1.02),
    "wikidata": Limits(in_flight=1, interval=0.0),
    SPARQL: Limits(in_flight=1, interval=0.0),
    # TVmaze allows at least 20 calls every 10 s an address: starts half a second apart.
    "tvmaze": Limits(in_flight=4, interval=0.5),
}
KEY_PAGE: Final = "https://www.themoviedb.org/settings/api"


class SourceSettings:
    """What the commands know about the sources, read and checked by settings.py and given
    here as plain values: each source's address (and the SPARQL endpoint's, as ``SPARQL``),
    TMDB's credentials ("" : not set), the HTTP timeout, and the config file to name when a
    key is missing."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float,
        tmdb_key: str = "",
        tmdb_token: str = "",
        config_file: Path | None = None,
        platform: str | None = None,
    ) -> None:
        self.urls = dict(urls)
        self.tmdb_key = tmdb_key
        self.tmdb_token = tmdb_token
        self.timeout = timeout
        self.config_file = config_file
        # [sources] platform: the headline's platform when a source dates by platform.
        self.platform = platform
        self._services: dict[str, Service] = {}

    def tmdb_configured(self) -> bool:
        return bool(self.tmdb_key or self.tmdb_token)

    def url(self, source: str) -> str:
        return self.urls[source]

    def service(self, source: str) -> Service:
        if source not in self._services:
            self._services[source] = self._make(source)
        return self._services[source]

    def _make(self, source: str) -> Service:
        if source == SPARQL:
            accept = {"Accept": "application/sparql-results+json"}
            return Service(LABELS["wikidata"], self.url(SPARQL), LIMITS[SPARQL], headers=accept,
                           timeout=self.timeout)  # fmt: skip
        if source != "tmdb":
            return Service(LABELS[source], self.url(source), LIMITS[source], timeout=self.timeout)
        key, token = self.tmdb_key, self.tmdb_token
        if not key and not token:
            raise UsageError(
                "TMDB needs an API key. Get one free at "
                f"{KEY_PAGE} (sign in, then API), then set TMDB_API_KEY (the v3 key) or "
                "TMDB_READ_ACCESS_TOKEN in the environment, or write it in "
                f'{self.config_file} as\n  [sources.tmdb]\n  api_key = "..."\n'
                "(lookup works without a key through Wikidata: --source wikidata)"
            )
        hint = "; check TMDB_API_KEY / TMDB_READ_ACCESS_TOKEN or [sources.tmdb]"
        if key:
            return Service(
                LABELS["tmdb"], self.url("tmdb"), LIMITS["tmdb"], params={"api_key": key},
                secrets=(key, token), refused_hint=hint, timeout=self.timeout,
            )  # fmt: skip
        return Service(
            LABELS["tmdb"], self.url("tmdb"), LIMITS["tmdb"],
            headers={"Authorization": f"Bearer {token}"}, secrets=(key, token),
            refused_hint=hint, timeout=self.timeout,
        )  # fmt: skip

    def close(self) -> None:
        for service in self._services.values():
            service.close()
