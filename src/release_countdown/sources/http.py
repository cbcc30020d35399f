"""HTTP for the sources: httpx, with each service's limits, retries, timeouts and no secrets.

One ``Service`` per source and process. Its limits hold across the threads that share it:
at most ``in_flight`` requests at once, and request starts at least ``interval`` seconds
apart (MusicBrainz: 1 a second; Wikidata: one at a time; TMDB: 20 in flight). 429 and 5xx
answers are retried a capped number of times, waiting as ``Retry-After`` says (ASCII
digits or an HTTP date, capped) or with doubling backoff.

What a server sends is bounded: each request ends by its overall deadline (the
``http_timeout`` setting, 10 s by default; transport.py), however slowly its bytes come; a
body is read streamed and refused past ``MAX_BODY`` bytes *after* decoding (a gzip bomb is
stopped at the cap, not inflated); JSON nested deeper than Python can parse is a clean
error; a lone surrogate in the answer becomes U+FFFD. Secrets never appear in a message: the
service's keys, and the userinfo, path and query of its address (a mirror's
``http://user:PASS@host``), are masked (core/redact.py) in every error it raises.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any, Final, NamedTuple

from release_countdown import __version__
from release_countdown.core.errors import SourceError, SourceNotFound, UsageError
from release_countdown.core.redact import MASK, redact_text
from release_countdown.core.text import plain_text
from release_countdown.sources.bodies import MAX_BODY, TooDeep, TooLarge, decoded_body, parse_json

PROJECT_URL: Final = "https://pypi.org/project/release-countdown/"
USER_AGENT: Final = f"release-countdown/{__version__} (+{PROJECT_URL})"
RETRIES: Final = 3  # after the first try: four tries at most
MAX_WAIT: Final = 30.0  # the longest a Retry-After is honoured for, in seconds
BACKOFF: Final = 1.0  # the first wait without Retry-After; doubles each time
ENCODINGS: Final = "gzip, deflate"  # the ones decoded here, within MAX_BODY


Params = Mapping[str, str] | None  # a request's own query values or headers


class Limits(NamedTuple):
    in_flight: int  # requests at once
    interval: float  # seconds between the starts of two requests


def _httpx() -> Any:
    try:
        import httpx
    except ImportError:
        from release_countdown.core.install import add_command

        raise UsageError(
            f"lookup, import and refresh need httpx, which is not installed: "
            f"{add_command('sources')}"
        ) from None
    return httpx


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: ASCII digits, or an HTTP date (a date past
    is 0); None for anything else ("²", "-1", "soon"). Capped at MAX_WAIT."""
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return min(float(text[:6]) if len(text) <= 6 else MAX_WAIT, MAX_WAIT)
    if not text.isascii() or len(text) > 64:
        return None
    try:
        moment = parsedate_to_datetime(text)
        seconds = moment.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(seconds, 0.0), MAX_WAIT)


SECRET_PREFIX: Final = 8  # characters of a key that, echoed, are masked with what follows


def masked(text: str, secret: str) -> str:
    """``text`` with ``secret`` masked wherever it appears in any case, whole or cut short
    after at least its first SECRET_PREFIX characters (or all of a shorter one)."""
    head = secret[:SECRET_PREFIX].lower()
    if not head:
        return text
    lower, out, start = text.lower(), [], 0
    at = lower.find(head)
    while at != -1:
        end, k = at + len(head), len(head)
        while end < len(text) and k < len(secret) and lower[end] == secret[k].lower():
            end, k = end + 1, k + 1
        out += [text[start:at], MASK]
        start = end
        at = lower.find(head, end)
    return "".join([*out, text[start:]])


class Refused(SourceError):
    """A 401 or 403 answer: the credentials were refused (``status`` says which)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


def _checked_url(label: str, url: str) -> str:
    """``url`` if httpx can request it; UsageError (secrets masked) otherwise."""
    from urllib.parse import urlsplit

    from release_countdown.core.redact import redact_url

    httpx = _httpx()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{label}: {redact_url(url)} is not an http(s) address with a host")
    return url


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
        follow_redirects: bool = True,
    ) -> None:
        httpx = _httpx()
        from release_countdown.sources.transport import DeadlineTransport

        self.label = label
        self.base_url = _checked_url(label, base_url.rstrip("/"))
        self.limits = limits
        self.params = dict(params or {})
        self.secrets = tuple(s for s in secrets if s)
        self.refused_hint = refused_hint
        self.sleep = sleep
        self.timeout = timeout  # the overall deadline of one request, in seconds
        self.max_body = MAX_BODY
        self._gate = threading.Semaphore(limits.in_flight)
        self._spacing = threading.Lock()
        self._next_start = 0.0
        self._client = httpx.Client(
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ENCODINGS,
                **(headers or {}),
            },
            timeout=httpx.Timeout(timeout),
            transport=DeadlineTransport(limits.in_flight),
            # False: a key in a header stays with the address given (httpx would carry it to
            # another host, a sign-in page, say); a redirect is then the title's error.
            follow_redirects=follow_redirects,
            trust_env=False,  # no proxy or netrc from the environment: keys go only here
        )
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def redact(self, text: str) -> str:
        """``text`` without this service's secrets: its keys (in any case, URL-encoded, or
        cut short after their first ``SECRET_PREFIX`` characters), the secret parts of its
        address, and every URL's userinfo, path and query (core/redact.py)."""
        from urllib.parse import quote

        text = redact_text(plain_text(text), [self.base_url])
        for secret in self.secrets:
            for form in dict.fromkeys((secret, quote(secret, safe=""))):
                text = masked(text, form)
        return text

    def add_secret(self, secret: str) -> None:  # a token fetched during the run
        if secret and secret not in self.secrets:
            self.secrets = (*self.secrets, secret)

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
        return self.get_with_headers(path, params, ref)[0]

    def post(self, path: str, body: str, ref: str, *, params: Params = None,
             headers: Params = None) -> Any:  # fmt: skip
        """The JSON answer to POST ``body`` (text) to ``path`` (IGDB's queries, Twitch's
        token): the same limits, retries, caps, redaction and wording as ``get``; ``headers``
        are this request's own (a token that changes during a run)."""
        got = self._request("POST", path, params or {}, ref, body=body, headers=headers)
        return self._parsed(*got, ref)[0]

    def get_with_headers(
        self, path: str, params: Mapping[str, str], ref: str
    ) -> tuple[Any, Mapping[str, str]]:
        """``get``'s JSON answer and the answer's headers (a service's paging)."""
        return self._parsed(*self.get_bytes(path, params, ref), ref)

    def get_bytes(
        self, path: str, params: Mapping[str, str], ref: str
    ) -> tuple[Mapping[str, str], bytes]:
        """The headers and body of GET ``path`` (a calendar file), with ``get``'s limits."""
        return self._request("GET", path, params, ref)

    def _parsed(
        self, headers: Mapping[str, str], body: bytes, ref: str
    ) -> tuple[Any, Mapping[str, str]]:
        try:
            return parse_json(body), headers
        except TooDeep as exc:
            raise self.fail(ref, str(exc)) from None
        except ValueError:
            raise self.fail(ref, "the answer is not JSON") from None

    def _request(self, method: str, path: str, params: Mapping[str, str], ref: str, *,
                 body: str | None = None, headers: Params = None,
                 ) -> tuple[Mapping[str, str], bytes]:  # fmt: skip
        url = self.base_url + path
        query = {**self.params, **params}
        sent = (method, body.encode("utf-8") if body is not None else None, headers or {})
        waited = BACKOFF
        for attempt in range(RETRIES + 1):
            with self._gate:
                self._wait_turn()
                self.requests += 1
                status, got, raw = self._exchange(url, query, ref, sent)
            if status == 429 or status >= 500:
                if attempt == RETRIES:
                    raise self.fail(ref, f"{self._status(status, raw)} after {RETRIES + 1} tries")
                told = retry_after(got.get("Retry-After"))
                pause = min(told if told is not None else waited, MAX_WAIT)
                waited *= 2
                self.sleep(pause)
                continue
            if status == 404:
                raise SourceNotFound(self.redact(f"{self.label}: {ref}: not found (404)"))
            if status in (401, 403):
                # The hint is countdown's own words: masking the address's pieces (a URL
                # base "/radarr") must not cut "[sources.radarr]" out of it.
                reason = self.redact(f"{self.label}: {ref}: refused: {self._status(status, raw)}")
                raise Refused(reason + self.refused_hint, status)
            if status >= 400:
                raise self.fail(ref, self._status(status, raw))
            return got, raw
        raise AssertionError("unreachable")  # pragma: no cover

    def _exchange(
        self, url: str, query: Mapping[str, str], ref: str, sent: tuple[str, Any, Params]
    ) -> tuple[int, Any, bytes]:
        """One request, its status, headers and decoded body, all by the deadline."""
        httpx = _httpx()
        from release_countdown.sources.transport import deadline

        late = f"no answer in time from {self._host()} (within {self.timeout:g} s)"
        with deadline(self.timeout):
            try:
                method, content, headers = sent
                with self._client.stream(
                    method, url, params=query, content=content, headers=headers
                ) as response:
                    if response.is_redirect:  # only when not following them
                        raise self.fail(ref, self._redirected(response))
                    encoding = response.headers.get("Content-Encoding", "")
                    body = decoded_body(self._in_time(response.iter_raw()), encoding, self.max_body)
                    return response.status_code, response.headers, body
            except httpx.TimeoutException:
                raise self.fail(ref, late) from None
            except TooLarge as exc:
                raise self.fail(ref, str(exc)) from None
            except ValueError as exc:  # an encoding not asked for, or corrupt
                raise self.fail(ref, str(exc)) from None
            except httpx.HTTPError as exc:
                reason = str(exc) or type(exc).__name__
                raise self.fail(ref, f"cannot reach {self._host()}: {reason}") from None

    def _in_time(self, chunks: Iterable[bytes]) -> Iterable[bytes]:
        from release_countdown.sources.transport import left

        httpx = _httpx()
        for chunk in chunks:
            if left() == 0:
                raise httpx.ReadTimeout("the request's deadline has passed")
            yield chunk

    def _redirected(self, response: Any) -> str:
        from urllib.parse import urljoin, urlsplit

        target = urlsplit(urljoin(str(response.url), response.headers.get("Location", "")))
        to = f"{target.scheme}://{target.netloc.rpartition('@')[2]}" if target.netloc else "?"
        return (
            f"HTTP {response.status_code}: the address redirects to {plain_text(to)[:100]}; give "
            "the address of the service itself (the API key goes only where it is told to)"
        )

    def _host(self) -> str:
        """The host and port of the service's address: never its userinfo."""
        from urllib.parse import urlsplit

        parts = urlsplit(self.base_url)
        try:
            port = parts.port
        except ValueError:
            port = None
        host = parts.hostname or MASK
        return f"{host}:{port}" if port else host

    def _status(self, status: int, body: bytes) -> str:
        """``HTTP 401 (Invalid API key…)``: the status and the service's own words, if any."""
        words = ""
        try:
            answer = parse_json(body) if body else None
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            for key in ("status_message", "error", "message"):
                found = answer.get(key)
                if isinstance(found, str) and (found := plain_text(found)):
                    words = found[:200]
                    break
        return f"HTTP {status}" + (f" ({words})" if words else "")
