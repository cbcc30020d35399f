"""HTTP for the sources: httpx, with each service's limits, retries, timeouts and no secrets.

One ``Service`` per source and process. Its limits hold across the threads that share it:
at most ``in_flight`` requests at once, and request starts at least ``interval`` seconds
apart (MusicBrainz: 1 a second; Wikidata: one at a time; TMDB: 20 in flight). 429 and 5xx
answers are retried a capped number of times, waiting as ``Retry-After`` says (capped) or
with doubling backoff. Every request has a timeout. Keys never appear in a message: the
service's secrets are replaced by ``***`` in every error it raises.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any, Final, NamedTuple

from release_countdown import __version__
from release_countdown.core.errors import SourceError, SourceNotFound, UsageError

PROJECT_URL: Final = "https://pypi.org/project/release-countdown/"
USER_AGENT: Final = f"release-countdown/{__version__} (+{PROJECT_URL})"
RETRIES: Final = 3  # after the first try: four tries at most
MAX_WAIT: Final = 30.0  # the longest a Retry-After is honoured for, in seconds
BACKOFF: Final = 1.0  # the first wait without Retry-After; doubles each time


class Limits(NamedTuple):
    in_flight: int  # requests at once
    interval: float  # seconds between the starts of two requests


def _httpx() -> Any:
    try:
        import httpx
    except ImportError:
        raise UsageError(
            "lookup, import and refresh need httpx, which is not installed: "
            "pip install 'release-countdown[sources]'"
        ) from None
    return httpx


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds, or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(moment.timestamp() - (time.time() if now is None else now), 0.0)


class Service:
    """One source's HTTP: a shared client, its limits, and its way of wording failures."""

    def __init__(
        self,
        label: str,
        base_url: str,
        limits: Limits,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secrets: tuple[str, ...] = (),
        timeout: float,
        refused_hint: str = "",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        httpx = _httpx()
        self.label = label
        self.base_url = base_url.rstrip("/")
        self.limits = limits
        self.params = dict(params or {})
        self.secrets = tuple(s for s in secrets if s)
        self.refused_hint = refused_hint
        self.sleep = sleep
        self._gate = threading.Semaphore(limits.in_flight)
        self._spacing = threading.Lock()
        self._next_start = 0.0
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            timeout=httpx.Timeout(timeout),  # seconds, for connecting and each read (settings.py)
            limits=httpx.Limits(max_connections=limits.in_flight),
            follow_redirects=True,
            trust_env=False,  # no proxy or netrc from the environment: keys go only here
        )
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def fail(self, ref: str, reason: str) -> SourceError:
        return SourceError(self.redact(f"{self.label}: {ref}: {reason}"))

    def _wait_turn(self) -> None:
        """Space request starts ``interval`` apart, across threads."""
        if self.limits.interval <= 0:
            return
        with self._spacing:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.limits.interval
        if start > now:
            self.sleep(start - now)

    def get(self, path: str, params: Mapping[str, str], ref: str) -> Any:
        """The JSON answer to GET ``path``; SourceNotFound for 404, SourceError otherwise."""
        httpx = _httpx()
        url = self.base_url + path
        query = {**self.params, **params}
        waited = BACKOFF
        for attempt in range(RETRIES + 1):
            with self._gate:
                self._wait_turn()
                self.requests += 1
                try:
                    response = self._client.get(url, params=query)
                except httpx.TimeoutException:
                    raise self.fail(ref, f"no answer in time from {self._host()}") from None
                except httpx.HTTPError as exc:
                    reason = str(exc) or type(exc).__name__
                    raise self.fail(ref, f"cannot reach {self._host()}: {reason}") from None
            status = response.status_code
            if status == 429 or status >= 500:
                if attempt == RETRIES:
                    raise self.fail(ref, f"{self._status(response)} after {RETRIES + 1} tries")
                told = retry_after(response.headers.get("Retry-After"))
                pause = min(told if told is not None else waited, MAX_WAIT)
                waited *= 2
                self.sleep(pause)
                continue
            if status == 404:
                raise SourceNotFound(self.redact(f"{self.label}: {ref}: not found (404)"))
            if status in (401, 403):
                raise self.fail(ref, f"refused: {self._status(response)}{self.refused_hint}")
            if status >= 400:
                raise self.fail(ref, self._status(response))
            try:
                return response.json()
            except ValueError:
                raise self.fail(ref, "the answer is not JSON") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _host(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.base_url).netloc or self.base_url

    def _status(self, response: Any) -> str:
        """``HTTP 401 (Invalid API key…)``: the status and the service's own words, if any."""
        words = ""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            for key in ("status_message", "error", "message"):
                found = body.get(key)
                if isinstance(found, str) and found.strip():
                    words = " ".join(found.split())[:200]
                    break
        return f"HTTP {response.status_code}" + (f" ({words})" if words else "")
