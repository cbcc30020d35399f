"""fetch_credits (workflows/fetching.py): every follow's credits at once, within each
source's limits, each follow's failure its own; 429 retried as Retry-After says, then exit 4."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.errors import CountdownError, SourceError, UsageError
from release_countdown.core.follow import Follow
from release_countdown.core.record import FetchOptions
from release_countdown.sources.config import SPARQL, SourceSettings
from release_countdown.workflows.fetching import fetch_credits
from tests.sources import follow_data as fd
from tests.sources.conftest import KEY


def settings(server: HTTPServer, *, key: str = KEY) -> SourceSettings:
    base = server.url_for("/").rstrip("/")
    urls = {"tmdb": base, "musicbrainz": base, "wikidata": base, SPARQL: base + "/sparql"}
    return SourceSettings(urls, timeout=5, tmdb_key=key)


def test_each_follow_s_credits_in_order_each_failure_its_own(server: HTTPServer) -> None:
    server.expect_request("/3/collection/726871").respond_with_json(fd.collection())
    server.expect_request("/3/collection/1").respond_with_json({"status_message": "no"}, 404)
    page = [fd.release_group(1, secondary=("Soundtrack",))]
    server.expect_request("/ws/2/release-group").respond_with_json(fd.browse(1, 0, page))
    server.expect_request("/sparql").respond_with_json(
        fd.sparql(fd.binding("Q9", "Scored", date="2027-01-01T00:00:00Z", precision=9))
    )
    follows = [
        Follow(name="dune", ref="tmdb:collection/726871"),
        Follow(name="gone", ref="tmdb:collection/1"),
        Follow(name="balfe-mb", ref=f"musicbrainz:artist/{fd.ARTIST}"),
        Follow(name="balfe-wd", ref=f"wikidata:{fd.PERSON}"),
        Follow(name="imdb", ref="imdb:nm1154632"),
    ]
    where = settings(server)
    try:
        found = fetch_credits(where, follows, FetchOptions())
    finally:
        where.close()
    dune, gone, artist, person, imdb = found
    assert not isinstance(dune, CountdownError)
    assert len(dune) == 3
    assert isinstance(gone, CountdownError)
    assert gone.exit_code == 1
    assert not isinstance(artist, CountdownError)
    assert artist[0].types == ("album", "soundtrack")
    assert not isinstance(person, CountdownError)
    assert person[0].date == "2027"
    assert isinstance(imdb, SourceError)
    assert "imdb cannot be followed" in str(imdb)


@pytest.mark.parametrize(
    ("given", "own", "asked"),
    [
        (None, date(2026, 12, 7), "2026-12-07"),
        (date(2027, 1, 1), date(2026, 12, 7), "2027-01-01"),
        (date(2026, 1, 1), date(2026, 12, 7), "2026-12-07"),
    ],
)
def test_a_listing_is_asked_from_the_later_day(
    server: HTTPServer, given: date | None, own: date, asked: str
) -> None:
    server.expect_request("/3/discover/movie").respond_with_json(fd.discover(1, 1))
    follow = Follow(name="studio", ref="tmdb:company/420", since=own)
    (found,) = fetch_credits(settings(server), [follow], FetchOptions(since=given))
    assert not isinstance(found, CountdownError)
    assert server.log[0][0].args["primary_release_date.gte"] == asked


def test_429_with_retry_after_is_retried_then_the_follow_fails_with_exit_4(
    server: HTTPServer,
) -> None:
    server.expect_request("/3/collection/726871").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0"}
    )
    follow = Follow(name="dune", ref="tmdb:collection/726871")
    (found,) = fetch_credits(settings(server), [follow], FetchOptions())
    assert isinstance(found, SourceError)
    assert found.exit_code == 4
    assert "HTTP 429 after 4 tries" in str(found)
    assert KEY not in str(found)
    assert len(server.log) == 4


def test_429_then_an_answer(server: HTTPServer) -> None:
    server.expect_ordered_request("/3/collection/726871").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    server.expect_ordered_request("/3/collection/726871").respond_with_json(fd.collection())
    follow = Follow(name="dune", ref="tmdb:collection/726871")
    started = time.monotonic()
    (found,) = fetch_credits(settings(server), [follow], FetchOptions())
    assert time.monotonic() - started >= 1.0
    assert not isinstance(found, CountdownError)
    assert len(found) == 3


def test_no_tmdb_key_is_exit_2_before_any_request(server: HTTPServer) -> None:
    follows = [Follow(name="balfe", ref="tmdb:person/947")]
    with pytest.raises(UsageError, match="TMDB needs an API key") as caught:
        fetch_credits(settings(server, key=""), follows, FetchOptions())
    assert caught.value.exit_code == 2
    assert not server.log


@pytest.fixture
def threaded() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        yield server
        server.clear()


def test_follows_are_fetched_at_once(threaded: HTTPServer) -> None:
    lock, now, most = threading.Lock(), [0], [0]

    def answer(request: Request) -> Response:
        with lock:
            now[0] += 1
            most[0] = max(most[0], now[0])
        time.sleep(0.2)
        with lock:
            now[0] -= 1
        return Response('{"id": 1, "parts": []}', content_type="application/json")

    threaded.expect_request("/3/collection/1").respond_with_handler(answer)
    follows = [Follow(name=f"f{n}", ref="tmdb:collection/1") for n in range(8)]
    found = fetch_credits(settings(threaded), follows, FetchOptions())
    assert found == [[]] * 8
    assert most[0] >= 4
