"""What a followed MusicBrainz artist is credited on (sources/musicbrainz.credits): every
page of the release-group browse at one request a second, types carried in lower case,
undated groups as TBA; and artists found by name (people)."""

from __future__ import annotations

import itertools
import json
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.errors import SourceError
from release_countdown.core.follow import Credit
from release_countdown.core.record import Candidate, FetchOptions
from release_countdown.sources import musicbrainz
from release_countdown.sources.config import SourceSettings
from release_countdown.sources.http import Service
from tests.sources import follow_data as fd
from tests.sources.musicbrainz_data import mbid

COUNT = 103


@pytest.fixture
def service(server: HTTPServer) -> Service:
    where = SourceSettings({"musicbrainz": server.url_for("/").rstrip("/")}, timeout=5)
    return where.service("musicbrainz")


def catalogue() -> list[dict[str, object]]:
    """103 release groups: a dated soundtrack, a live album, an undated announcement, albums."""
    groups = [fd.release_group(n, first=f"20{n % 30:02d}") for n in range(COUNT)]
    groups[0] = fd.release_group(0, first="2027-05", secondary=("Soundtrack",))
    groups[1] = fd.release_group(1, first="2027-03-19", secondary=("Live",))
    groups[101] = fd.release_group(101, first="", primary="EP")
    return groups


def test_every_page_one_request_a_second(server: HTTPServer, service: Service) -> None:
    groups = catalogue()
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        offset = int(request.args["offset"])
        page = groups[offset : offset + int(request.args["limit"])]
        body = fd.browse(COUNT, offset, page)
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/ws/2/release-group").respond_with_handler(answer)
    found = musicbrainz.credits(service, f"artist/{fd.ARTIST}", FetchOptions())
    asked = [request.args for request, _ in server.log]
    assert [(a["artist"], a["limit"], a["offset"], a["fmt"]) for a in asked] == [
        (fd.ARTIST, "100", "0", "json"),
        (fd.ARTIST, "100", "100", "json"),
    ]
    assert all(r.headers["User-Agent"].startswith("release-countdown/") for r, _ in server.log)
    assert next(b - a for a, b in itertools.pairwise(arrivals)) >= 1.0
    assert len(found) == COUNT
    by_ref = {credit.ref: credit for credit in found}
    assert by_ref[f"musicbrainz:release-group/{mbid(0)}"] == Credit(
        f"musicbrainz:release-group/{mbid(0)}", "Release Group 0", "album", "2027-05",
        types=("album", "soundtrack"),
    )  # fmt: skip
    assert by_ref[f"musicbrainz:release-group/{mbid(1)}"].types == ("album", "live")
    assert by_ref[f"musicbrainz:release-group/{mbid(1)}"].date == "2027-03-19"
    assert by_ref[f"musicbrainz:release-group/{mbid(101)}"].date == "TBA"
    assert by_ref[f"musicbrainz:release-group/{mbid(101)}"].types == ("ep",)


def test_a_refused_date_leaves_only_that_group_out(server: HTTPServer, service: Service) -> None:
    page = [fd.release_group(1, first="0000-00-00"), fd.release_group(2, first="2027")]
    server.expect_request("/ws/2/release-group").respond_with_json(fd.browse(2, 0, page))
    found = musicbrainz.credits(service, f"artist/{fd.ARTIST}", FetchOptions())
    assert [(c.ref, c.date) for c in found] == [(f"musicbrainz:release-group/{mbid(2)}", "2027")]


def test_a_count_larger_than_what_comes_stops_at_an_empty_page(
    server: HTTPServer, service: Service
) -> None:
    server.expect_ordered_request("/ws/2/release-group").respond_with_json(
        fd.browse(5000, 0, [fd.release_group(1)])
    )
    server.expect_ordered_request("/ws/2/release-group").respond_with_json(fd.browse(5000, 1, []))
    found = musicbrainz.credits(service, f"artist/{fd.ARTIST}", FetchOptions())
    assert len(found) == 1
    assert len(server.log) == 2


def test_an_answer_of_another_shape_is_the_follow_s_error(
    server: HTTPServer, service: Service
) -> None:
    server.expect_request("/ws/2/release-group").respond_with_json({"release-groups": "none"})
    with pytest.raises(SourceError, match="not what MusicBrainz documents"):
        musicbrainz.credits(service, f"artist/{fd.ARTIST}", FetchOptions())


def test_only_an_artist_is_followed(server: HTTPServer, service: Service) -> None:
    with pytest.raises(SourceError, match="only an artist"):
        musicbrainz.credits(service, "artist/not-an-mbid", FetchOptions())
    assert not server.log


def test_artists_by_name(server: HTTPServer, service: Service) -> None:
    server.expect_request("/ws/2/artist").respond_with_json(fd.artist_search())
    assert musicbrainz.people(service, "Lorne Balfe") == [
        Candidate(f"musicbrainz:artist/{fd.ARTIST}", "Lorne Balfe", None, "person",
                  note="Scottish composer"),
        Candidate(f"musicbrainz:artist/{mbid(77)}", "Balfe", None, "person", note="Group"),
    ]  # fmt: skip
    args = server.log[0][0].args
    assert (args["query"], args["fmt"]) == ("artist:(Lorne Balfe)", "json")


def test_a_page_seen_already_ends_the_listing(server: HTTPServer, service: Service) -> None:
    page = [fd.release_group(1, first="0000-00-00"), fd.release_group(2)]
    server.expect_request("/ws/2/release-group").respond_with_json(fd.browse(5000, 0, page))
    found = musicbrainz.credits(service, f"artist/{fd.ARTIST}", FetchOptions())
    assert [c.ref for c in found] == [f"musicbrainz:release-group/{mbid(2)}"]
    assert len(server.log) == 2
