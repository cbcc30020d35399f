"""What a hostile source does to `import` and `lookup` (issue 20, items 6, 7, 8, 10): each
request ends by its deadline, each answer within 8 MiB decoded, any JSON a clean exit 4, no
secret in a message; the registry untouched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from release_countdown.sources import http
from tests.conftest import invoke
from tests.sources import hostile as h
from tests.sources import tmdb_data, wikidata_data
from tests.sources.conftest import DEADLINE, KEY
from tests.sources.hostile import HostileServer


def timed_import(registry: Path) -> tuple[float, str, int]:
    start = time.monotonic()
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    return time.monotonic() - start, result.stderr, result.exit_code


@pytest.mark.parametrize("behaviour", [h.drip(0.5), h.drip_headers(0.05)], ids=["body", "headers"])
def test_a_dripped_answer_ends_by_the_deadline(
    rogue: HostileServer, registry: Path, behaviour: h.Behaviour
) -> None:
    # Each byte comes well within the read timeout: only an overall deadline ends it.
    rogue.answers = [behaviour]
    elapsed, stderr, code = timed_import(registry)
    assert code == 4
    assert "TMDB: tmdb:movie/1: no answer in time from 127.0.0.1:" in stderr
    assert f"(within {DEADLINE:g} s)" in stderr
    assert elapsed < DEADLINE + 1
    assert registry.read_text() == "schema = 1\n"


@pytest.mark.parametrize(
    "behaviour",
    [h.endless(), h.bomb(), h.huge(64 * 1024 * 1024)],
    ids=["endless-chunked", "gzip-bomb", "64-MiB"],
)
def test_an_answer_past_8_MiB_decoded_is_refused(
    rogue: HostileServer, registry: Path, behaviour: h.Behaviour
) -> None:
    rogue.answers = [behaviour]
    elapsed, stderr, code = timed_import(registry)
    assert code == 4
    assert "TMDB: tmdb:movie/1: the answer is larger than 8 MiB" in stderr
    assert elapsed < DEADLINE + 1
    assert registry.read_text() == "schema = 1\n"


def test_a_gzipped_answer_within_the_cap_is_read(rogue: HostileServer, registry: Path) -> None:
    rogue.answers = [h.gzipped(tmdb_data.movie(1))]
    assert timed_import(registry)[2] == 0
    assert 'tmdb = "movie/1"' in registry.read_text()


def test_deeply_nested_json_is_a_source_error(rogue: HostileServer, registry: Path) -> None:
    rogue.answers = [h.nested()]
    _, stderr, code = timed_import(registry)
    assert code == 4
    assert "TMDB: tmdb:movie/1: the JSON is nested too deeply" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("header", "wait"),
    [(b"\xb2", http.BACKOFF), (b"-1", http.BACKOFF), (b"soon", http.BACKOFF),
     (b"1e3", http.BACKOFF), (b"99999999999999999999", http.MAX_WAIT), (b"2", 2.0)],
)  # fmt: skip
def test_an_odd_retry_after_is_capped_or_ignored(
    rogue: HostileServer, header: bytes, wait: float
) -> None:
    waits: list[float] = []
    service = http.Service(
        "TMDB", rogue.url, http.Limits(1, 0.0), timeout=DEADLINE, sleep=waits.append
    )
    rogue.answers = [h.answer({}, 503, **{"Retry-After": header}), h.answer({"ok": 1})]
    try:
        assert service.get("/3/x", {}, "tmdb:x") == {"ok": 1}
    finally:
        service.close()
    assert waits == [wait]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 30.0), ("7", 7.0), (" 3 ", 3.0), ("0", 0.0), ("9" * 5000, 30.0), ("²", None),
     ("١٢", None), ("-5", None), ("1.5", None), ("", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
     ("Fri, 31 Dec 9999 23:59:59 GMT", 30.0), ("Mon, 99 Foo 2015 99:99:99 GMT", None)],
)  # fmt: skip
def test_retry_after_is_ascii_digits_or_an_http_date_capped(
    value: str, seconds: float | None
) -> None:
    assert http.retry_after(value) == seconds


def test_wikidata_entities_as_a_list_is_a_source_error(rogue: HostileServer) -> None:
    rogue.answers = [
        h.answer({"search": [{"id": wikidata_data.FILM, "label": "x"}]}),
        h.answer({"entities": [wikidata_data.FILM]}),
    ]
    result = invoke("lookup", "mission", "--source", "wikidata")
    assert result.exit_code == 4
    assert "Wikidata: search 'mission': the answer is not what Wikidata documents" in result.stderr


def test_a_mirror_url_s_credentials_are_never_printed(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", f"http://mirror-user:PA55w0rd-x@127.0.0.1:{port}/tm")
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert f"cannot reach 127.0.0.1:{port}" in result.stderr
    for secret in ("PA55w0rd-x", "mirror-user", KEY):
        assert secret not in result.stderr + result.stdout


@pytest.mark.parametrize(
    "echo",
    [KEY.upper(), KEY[:12] + "…", f"http://api.example/3/movie/1?api_key={KEY}&x=1"],
    ids=["upper-case", "truncated", "in-a-url"],
)  # fmt: skip
def test_a_key_a_server_echoes_in_any_form_is_masked(
    rogue: HostileServer, registry: Path, echo: str
) -> None:
    rogue.answers = [h.answer({"status_message": f"Invalid API key: {echo}"}, 401)]
    _, stderr, code = timed_import(registry)
    assert code == 4
    assert "refused: HTTP 401 (Invalid API key: " in stderr
    assert "***" in stderr
    assert KEY[:8].lower() not in stderr.lower()


def test_config_masks_a_mirror_url_s_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTDOWN_WIKIDATA_URL", "https://me:PA55w0rd-x@mirror.example/t0ken/")
    for args in (("config",), ("config", "--json")):
        result = invoke(*args)
        assert result.exit_code == 0
        assert "PA55w0rd-x" not in result.stdout
        assert "t0ken" not in result.stdout
        assert "https://***@mirror.example/***" in result.stdout
    assert '"https://musicbrainz.org"' in invoke("config").stdout  # a default is shown whole


@pytest.mark.parametrize(
    "url",
    [
        "http://me:PA55w0rd-x@127.0.0.1:99999999",
        "http://me:PA55w0rd-x@[::1",
        "http://me:PA55w0rd-x@/x",
    ],
)
def test_a_mirror_url_that_is_no_address_is_a_usage_error(
    url: str, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", url)
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 2
    assert "is not an http(s) address with a host" in result.stderr
    assert "PA55w0rd-x" not in result.stderr
