"""Each source's Service (http.py) from the environment and the config file's [sources.*].

Precedence as for every setting: environment > config file > default. The config file's
values were checked by settings.py (strings, at file:line:col); here they are only read.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from release_countdown.core.errors import UsageError
from release_countdown.sources.http import Limits, Service

DEFAULT_URLS: Final = {
    "tmdb": "https://api.themoviedb.org",
    "musicbrainz": "https://musicbrainz.org",
    "wikidata": "https://www.wikidata.org",
}
URL_ENV: Final = {
    "tmdb": "COUNTDOWN_TMDB_URL",
    "musicbrainz": "COUNTDOWN_MUSICBRAINZ_URL",
    "wikidata": "COUNTDOWN_WIKIDATA_URL",
}
LIMITS: Final = {
    "tmdb": Limits(in_flight=20, interval=0.0),
    # MusicBrainz allows one request a second per address; a little margin keeps the gap
    # measured at their server at a second or more.
    "musicbrainz": Limits(in_flight=1, interval=1.02),
    "wikidata": Limits(in_flight=1, interval=0.0),
}
LABELS: Final = {"tmdb": "TMDB", "musicbrainz": "MusicBrainz", "wikidata": "Wikidata"}
KEY_PAGE: Final = "https://www.themoviedb.org/settings/api"


class SourceSettings:
    """What the commands know about the sources: the environment and ``[sources.*]``."""

    def __init__(
        self, tables: Mapping[str, Any], config_file: Path, env: Mapping[str, str] | None = None
    ) -> None:
        self.env = os.environ if env is None else env
        sources = tables.get("sources", {})
        self.tables: Mapping[str, Any] = sources if isinstance(sources, dict) else {}
        self.config_file = config_file
        self._services: dict[str, Service] = {}

    def _value(self, source: str, key: str, variable: str) -> str:
        text = self.env.get(variable, "").strip()
        if text:
            return text
        table = self.tables.get(source, {})
        found = table.get(key, "") if isinstance(table, dict) else ""
        return found.strip() if isinstance(found, str) else ""

    def tmdb_configured(self) -> bool:
        return bool(self._tmdb_credentials() != ("", ""))

    def _tmdb_credentials(self) -> tuple[str, str]:
        return (
            self._value("tmdb", "api_key", "TMDB_API_KEY"),
            self._value("tmdb", "read_access_token", "TMDB_READ_ACCESS_TOKEN"),
        )

    def url(self, source: str) -> str:
        text = self.env.get(URL_ENV[source], "").strip() or self._value(source, "url", "")
        url = text or DEFAULT_URLS[source]
        if not url.startswith(("http://", "https://")):
            raise UsageError(
                f"{URL_ENV[source]}={url!r}: not an http(s) address (e.g. {DEFAULT_URLS[source]})"
            )
        return url

    def service(self, source: str) -> Service:
        if source not in self._services:
            self._services[source] = self._make(source)
        return self._services[source]

    def _make(self, source: str) -> Service:
        if source != "tmdb":
            return Service(LABELS[source], self.url(source), LIMITS[source])
        key, token = self._tmdb_credentials()
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
                "TMDB", self.url("tmdb"), LIMITS["tmdb"], params={"api_key": key},
                secrets=(key, token), refused_hint=hint,
            )  # fmt: skip
        return Service(
            "TMDB", self.url("tmdb"), LIMITS["tmdb"],
            headers={"Authorization": f"Bearer {token}"}, secrets=(key, token),
            refused_hint=hint,
        )  # fmt: skip

    def close(self) -> None:
        for service in self._services.values():
            service.close()
