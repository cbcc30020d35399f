"""Each source's Service (http.py) from the sources' settings.

settings.py reads and checks them (environment > config file > default, at file:line:col or
naming the variable); cli/ passes the values in. Nothing here reads the environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from release_countdown.core.errors import UsageError
from release_countdown.core.record import LABELS
from release_countdown.sources.http import Limits, Service

if TYPE_CHECKING:
    from release_countdown.sources.twitch import TokenCache

# Wikidata's query service (follows of a person: sources/wikidata.credits): its own address,
# and one query at a time (the service allows five an address, and a minute of query time
# a minute).
SPARQL: Final = "wikidata-sparql"
# Twitch's token endpoint: IGDB's credentials are a Twitch application's (sources/twitch.py).
TWITCH: Final = "twitch-token"
LIMITS: Final = {
    "tmdb": Limits(in_flight=20, interval=0.0),
    # MusicBrainz allows one request a second per address; a little margin keeps the gap
    # measured at their server at a second or more.
    "musicbrainz": Limits(in_flight=1, interval=1.02),
    "wikidata": Limits(in_flight=1, interval=0.0),
    SPARQL: Limits(in_flight=1, interval=0.0),
    # TVmaze allows at least 20 calls every 10 s an address: starts half a second apart.
    "tvmaze": Limits(in_flight=4, interval=0.5),
    # IGDB allows 4 requests a second (and 8 open); a little margin as for MusicBrainz.
    "igdb": Limits(in_flight=4, interval=0.26),
    # The Steam store answers about 200 appdetails requests in 5 minutes: one each 1.5 s.
    "steam": Limits(in_flight=1, interval=1.5),
    TWITCH: Limits(in_flight=1, interval=0.0),
    # Trakt allows 1000 GET requests every 5 minutes: a list's pages, one after another.
    "trakt": Limits(in_flight=1, interval=0.0),
    # A library is one request (sources/lists/arr.py), to the user's own server.
    "radarr": Limits(in_flight=1, interval=0.0),
    "sonarr": Limits(in_flight=1, interval=0.0),
    "lidarr": Limits(in_flight=1, interval=0.0),
}
TRAKT_APPS: Final = "https://trakt.tv/oauth/applications"
# The services whose library `import --from NAME URL` reads, at the address the user gives:
# their names as they spell them.
LIBRARIES: Final = {"radarr": "Radarr", "sonarr": "Sonarr", "lidarr": "Lidarr"}
# A library comes whole in one answer (a few KiB a title): more room and time than a lookup.
LIBRARY_BODY: Final = 64 * 1024 * 1024
LIBRARY_TIMEOUT: Final = 60.0  # seconds, at least: a large library takes a while to list
KEY_PAGE: Final = "https://www.themoviedb.org/settings/api"
IGDB_PAGE: Final = "https://api-docs.igdb.com/#account-creation"


class ApiKey(NamedTuple):
    value: str  # "" : not set
    variable: str  # the environment variable that sets it ("RADARR_API_KEY"), for messages


class SourceSettings:
    """What the commands know about the sources, read and checked by settings.py and given
    here as plain values: each source's address (and the SPARQL endpoint's, as ``SPARQL``;
    Twitch's token endpoint, as ``TWITCH``), TMDB's and IGDB's credentials ("" : not set),
    the HTTP timeout, the config file to name when a key is missing, and the API key of each
    of LIBRARIES (``api_keys``, with its variable). IGDB's token is kept in ``token_cache``
    and timed with ``clock`` (seconds, as time.time; cli/ hands it in)."""

    def __init__(
        self,
        urls: Mapping[str, str],
        *,
        timeout: float,
        tmdb_key: str = "",
        tmdb_token: str = "",
        config_file: Path | None = None,
        platform: str | None = None,
        igdb_client_id: str = "",
        igdb_client_secret: str = "",
        token_cache: TokenCache | None = None,
        clock: Callable[[], float] | None = None,
        trakt_client_id: str = "",
        api_keys: Mapping[str, ApiKey] | None = None,
    ) -> None:
        self.urls = dict(urls)
        self.igdb_client_id = igdb_client_id
        self.igdb_client_secret = igdb_client_secret
        self.token_cache = token_cache
        self.clock = clock
        self.trakt_client_id = trakt_client_id
        self.api_keys = dict(api_keys or {})  # LIBRARIES' keys
        self.tmdb_key = tmdb_key
        self.tmdb_token = tmdb_token
        self.timeout = timeout
        self.config_file = config_file
        # [sources] platform: the headline's platform when a source dates by platform.
        self.platform = platform
        self._services: dict[str, Service] = {}

    def tmdb_configured(self) -> bool:
        return bool(self.tmdb_key or self.tmdb_token)

    def igdb_configured(self) -> bool:
        return bool(self.igdb_client_id and self.igdb_client_secret)

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
        if source == "igdb":
            return self._igdb()
        if source == "trakt":
            return self._trakt()
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

    def _igdb(self) -> Service:
        from release_countdown.sources.twitch import TokenService

        client, secret = self.igdb_client_id, self.igdb_client_secret
        if not client or not secret:
            raise UsageError(
                "IGDB needs a Twitch application's client id and secret (free: "
                f"{IGDB_PAGE}), then set IGDB_CLIENT_ID and IGDB_CLIENT_SECRET in the "
                f"environment, or write them in {self.config_file} as\n  [sources.igdb]\n  "
                'client_id = "..."\n  client_secret = "..."'
            )
        hint = "; check IGDB_CLIENT_ID / IGDB_CLIENT_SECRET or [sources.igdb]"
        tokens = Service(
            LABELS["igdb"], self.url(TWITCH), LIMITS[TWITCH], secrets=(secret,),
            refused_hint=hint, timeout=self.timeout,
        )  # fmt: skip
        self._services[TWITCH] = tokens  # closed with the others
        return TokenService(
            LABELS["igdb"], self.url("igdb"), LIMITS["igdb"], headers={"Client-ID": client},
            secrets=(secret,), refused_hint=hint, timeout=self.timeout, tokens=tokens,
            client_id=client, client_secret=secret, cache=self.token_cache, clock=self.clock,
        )  # fmt: skip

    def _trakt(self) -> Service:
        """Trakt's API: its client id in ``trakt-api-key`` and version 2, on every request."""
        key = self.trakt_client_id
        if not key:
            raise UsageError(
                f"Trakt needs a client id. Create an API app at {TRAKT_APPS}, then set "
                f"TRAKT_CLIENT_ID in the environment, or write it in {self.config_file} as\n"
                '  [sources.trakt]\n  client_id = "..."'
            )
        headers = {"trakt-api-key": key, "trakt-api-version": "2"}
        hint = "; check TRAKT_CLIENT_ID or [sources.trakt] client_id"
        return Service("Trakt", self.url("trakt"), LIMITS["trakt"], headers=headers,
                       secrets=(key,), timeout=self.timeout, refused_hint=hint)  # fmt: skip

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
