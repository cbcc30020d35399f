"""IGDB's access: a Twitch application's client-credentials token, fetched, cached, renewed.

The token (POST ``oauth2/token?client_id&client_secret&grant_type=client_credentials`` →
``{access_token, expires_in, token_type}``) is kept in a private file of the state folder
(``TokenCache``, written by writing/tokens.py, mode 0600) so that runs reuse it until it
expires. It is renewed when it has expired (or will within ``MARGIN`` seconds), and once
when IGDB answers 401 during a run (Twitch may revoke a token early); a second 401 is a
clear error, never a loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol

from release_countdown.core.errors import SourceError
from release_countdown.sources.http import Refused, Service

MARGIN: Final = 60.0  # seconds: a token this close to its end is renewed first
MAX_LIFE: Final = 365 * 24 * 3600.0  # seconds: a longer expires_in is not believed


class TokenCache(Protocol):
    """Where a token is kept between runs (writing/tokens.TokenFile)."""

    def read(self) -> Mapping[str, Any] | None: ...

    def write(self, document: Mapping[str, Any]) -> None: ...


class TokenService(Service):
    """IGDB's Service: every POST carries ``Authorization: Bearer`` with a valid token."""

    def __init__(
        self,
        *args: Any,
        tokens: Service,
        client_id: str,
        client_secret: str,
        cache: TokenCache | None,
        clock: Callable[[], float] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tokens = tokens  # Twitch's token endpoint
        self.client_id = client_id
        self.client_secret = client_secret
        self.cache = cache
        self.clock = clock
        self._lock = threading.Lock()
        self._token = ""
        self._renewed_on_refusal = False

    def post(
        self,
        path: str,
        body: str,
        ref: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        def send(token: str) -> Any:
            sent = {**(headers or {}), "Authorization": f"Bearer {token}"}
            return Service.post(self, path, body, ref, params=params, headers=sent)

        token = self.token()
        try:
            return send(token)
        except Refused as exc:
            if exc.status != 401:
                raise
            token = self._after_refusal(token, ref)
        try:
            return send(token)
        except Refused as exc:
            if exc.status != 401:
                raise
            raise self._refused_again(ref) from None

    def _after_refusal(self, token: str, ref: str) -> str:
        """The token to try again with after ``token`` was refused: one renewal a run."""
        with self._lock:
            if self._token == token:  # not renewed by another request meanwhile
                if self._renewed_on_refusal:
                    raise self._refused_again(ref)
                self._renewed_on_refusal = True
                self._renew()
            return self._token

    def _refused_again(self, ref: str) -> SourceError:
        said = self.redact(f"{self.label}: {ref}: refused again with a new token (HTTP 401)")
        return SourceError(said + self.refused_hint)  # the hint unmasked, as Service's

    def token(self) -> str:
        """The token in force: this run's, else the cached one while valid, else a new one."""
        with self._lock:
            if not self._token:
                cached = self._cached()
                if cached:
                    self._token = cached
                    self.add_secret(cached)
                else:
                    self._renew()
            return self._token

    def _cached(self) -> str | None:
        if self.cache is None or self.clock is None:
            return None
        found = self.cache.read()
        if not found or found.get("client_id") != self.client_id:
            return None  # another application's token is not ours to use
        token, until = found.get("access_token"), found.get("expires_at")
        if not isinstance(token, str) or not token or not isinstance(until, (int, float)):
            return None
        return token if float(until) - MARGIN > self.clock() else None

    def _renew(self) -> None:
        """A new token from Twitch, kept for this run and in the cache (lock held)."""
        ref = "the Twitch token"
        params = {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "grant_type": "client_credentials",
        }
        answer = self.tokens.post("", "", ref, params=params)
        token = answer.get("access_token") if isinstance(answer, dict) else None
        life = answer.get("expires_in") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token.strip() or type(life) is not int or life <= 0:
            raise self.tokens.fail(ref, "the answer is not what Twitch documents")
        self._token = token.strip()
        self.add_secret(self._token)
        self.tokens.add_secret(self._token)
        if self.cache is not None and self.clock is not None:
            until = self.clock() + min(float(life), MAX_LIFE)
            self.cache.write(
                {"client_id": self.client_id, "access_token": self._token, "expires_at": until}
            )
