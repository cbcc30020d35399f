"""Each source's Service (http.py) from the sources' settings.

settings.py reads and checks them (environment > config file > default, at file:line:col or
naming the variable); cli/ passes the values in. Nothing here reads the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final, NamedTuple

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
    # A library is one request (sources/lists/arr.py), to the user's own server.
    "radarr": Limits(in_flight=1, interval=0.0),
    "sonarr": Limits(in_flight=1, interval=0.0),
    "lidarr": Limits(in_flight=1, interval=0.0),
}
# The services whose library `import --from NAME URL` reads, at the address the user gives:
# their names as they spell them.
LIBRARIES: Final = {"radarr": "Radarr", "sonarr": "Sonarr", "lidarr": "Lidarr"}
# A library comes whole in one answer (a few KiB a title): more room and time than a lookup.
LIBRARY_BODY: Final = 64 * 1024 * 1024
LIBRARY_TIMEOUT: Final = 60.0  # seconds, at least: a large library takes a while to list
KEY_PAGE: Final = "https://www.themoviedb.org/settings/api"


class ApiKey(NamedTuple):
    value: str  # "" : not set
    variable: str  # the environment variable that sets it ("RADARR_API_KEY"), for messages


class SourceSettings:
    """What the commands know about the sources, read and checked by settings.py and given
    here as plain values: each source's address (and the SPARQL endpoint's, as ``SPARQL``),
    TMDB's credentials ("" : not set), the HTTP timeout, the config file to name when a key
    is missing, and the API key of each of LIBRARIES (``api_keys``, with its variable)."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float,
        tmdb_key: str = "",
        tmdb_token: str = "",
        config_file: Path | None = None,
        api_keys: Mapping[str, ApiKey] | None = None,
    ) -> None:
        self.urls = dict(urls)
        self.api_keys = dict(api_keys or {})  # LIBRARIES' keys
        self.tmdb_key = tmdb_key
        self.tmdb_token = tmdb_token
        self.timeout = timeout
        self.config_file = config_file
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

    def library(self, name: str, where: str) -> Service:
        """The Service of the Radarr, Sonarr or Lidarr (``name``, one of LIBRARIES) at the
        address ``where``, its API key in ``X-Api-Key``; UsageError naming the environment
        variable and the config file's key when none is set."""
        label = LIBRARIES[name]
        key = self.api_keys[name]
        if not key.value:
            raise UsageError(
                f"{label} needs its API key (in {label}: Settings > General > Security): set "
                f"{key.variable} in the environment, or write it in {self.config_file} as\n"
                f'  [sources.{name}]\n  api_key = "..."'
            )
        cached = f"{name} {where}"
        if cached not in self._services:
            hint = f"; check {key.variable} or [sources.{name}] api_key"
            service = Service(
                label, where, LIMITS[name], headers={"X-Api-Key": key.value},
                secrets=(key.value,), refused_hint=hint,
                timeout=max(self.timeout, LIBRARY_TIMEOUT), follow_redirects=False,
            )  # fmt: skip
            service.max_body = LIBRARY_BODY
            self._services[cached] = service
        return self._services[cached]

    def close(self) -> None:
        for service in self._services.values():
            service.close()
