"""Albums from a local server answering like MusicBrainz: partial dates, roles, the rate
limit measured at the server, and 503 with Retry-After."""

from __future__ import annotations

import itertools
import json
import time
from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import invoke
from tests.sources import musicbrainz_data as mb
from tests.sources.aging import recorded_earlier


@pytest.fixture
def musicbrainz(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("COUNTDOWN_MUSICBRAINZ_URL", server.url_for("/").rstrip("/"))
    return server


def entry(path: Path) -> dict[str, object]:
    found: dict[str, object] = tomli.loads(path.read_text())["release"][0]
    return found


@pytest.mark.parametrize(
    ("first", "stored"),
    [("2027", "2027"), ("2027-03", "2027-03"), ("2027-03-19", date(2027, 3, 19)), ("", "TBA")],
)
def test_first_release_date_at_its_precision(
    musicbrainz: HTTPServer, registry: Path, first: str, stored: object
) -> None:
    musicbrainz.expect_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(
        mb.group(first=first)
    )
    ref = f"https://musicbrainz.org/release-group/{mb.MBID}"
    result = invoke("import", ref, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    found = entry(registry)
    assert found["date"] == stored
    assert found["kind"] == "album"
    assert found["ids"] == {"musicbrainz": f"release-group/{mb.MBID}"}
    assert found["sources"] == [f"https://musicbrainz.org/release-group/{mb.MBID}"]
    assert found["history"][0]["note"] == "from MusicBrainz"  # type: ignore[index]
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_credited_artists_are_composers_of_a_soundtrack(
    musicbrainz: HTTPServer, registry: Path
) -> None:
    musicbrainz.expect_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(mb.group())
    assert (
        invoke("import", f"musicbrainz:release-group/{mb.MBID}", "-r", str(registry)).exit_code == 0
    )
    assert entry(registry)["people"] == {"composer": ["Hans Zimmer", "Lorne Balfe"]}
    request, _ = musicbrainz.log[0]
    assert request.args["fmt"] == "json"
    assert request.headers["User-Agent"].startswith("release-countdown/")


def test_other_albums_credit_artists(musicbrainz: HTTPServer, registry: Path) -> None:
    musicbrainz.expect_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(
        mb.group(title="Album", secondary=())
    )
    assert invoke("import", f"musicbrainz:{mb.MBID}", "-r", str(registry)).exit_code == 0
    assert entry(registry)["people"] == {"artist": ["Hans Zimmer", "Lorne Balfe"]}


def test_lookup_albums(musicbrainz: HTTPServer) -> None:
    musicbrainz.expect_request("/ws/2/release-group").respond_with_json(
        mb.search(mb.group(), mb.group(mb.mbid(2), title="Older", first="2009"))
    )
    result = invoke("lookup", "dune: part three", "--kind", "album", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0] == {
        "ref": f"musicbrainz:release-group/{mb.MBID}",
        "title": "Dune: Part Three (Original Motion Picture Soundtrack)",
        "date": "2026-12", "kind": "album",
        "people": {"composer": ["Hans Zimmer", "Lorne Balfe"]}, "note": "Album + Soundtrack",
        "date_note": None,
    }  # fmt: skip
    request, _ = musicbrainz.log[0]
    assert request.args["query"] == r"releasegroup:(dune\: part three)"
    only_2009 = invoke("lookup", "dune", "--kind", "album", "--year", "2009", "--json")
    assert [c["title"] for c in json.loads(only_2009.stdout)] == ["Older"]


def test_refresh_records_the_album_slip(musicbrainz: HTTPServer, registry: Path) -> None:
    musicbrainz.expect_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(mb.group())
    assert invoke("import", f"musicbrainz:{mb.MBID}", "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    musicbrainz.clear()
    musicbrainz.expect_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(
        mb.group(first="2027-02-05")
    )
    result = invoke("refresh", "-r", str(registry), "--json")
    assert json.loads(result.stdout)[0]["changes"] == [
        {"field": "date", "old": "2026-12", "new": "2027-02-05"}
    ]
    assert [h["date"] for h in entry(registry)["history"]] == ["2026-12", date(2027, 2, 5)]  # type: ignore[attr-defined]


def test_503_with_retry_after_is_waited_for(musicbrainz: HTTPServer, registry: Path) -> None:
    musicbrainz.expect_ordered_request(f"/ws/2/release-group/{mb.MBID}").respond_with_data(
        "slow down", status=503, headers={"Retry-After": "2"}
    )
    musicbrainz.expect_ordered_request(f"/ws/2/release-group/{mb.MBID}").respond_with_json(
        mb.group()
    )
    started = time.monotonic()
    result = invoke("import", f"musicbrainz:{mb.MBID}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started >= 2.0
    assert len(musicbrainz.log) == 2


@pytest.mark.slow
def test_one_request_a_second_measured_at_the_server(
    musicbrainz: HTTPServer, registry: Path
) -> None:
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        ident = request.path.rsplit("/", 1)[-1]
        body = mb.group(ident, title=f"Album {ident[-2:]}", secondary=())
        return Response(json.dumps(body), content_type="application/json")

    for n in range(1, 6):
        musicbrainz.expect_request(f"/ws/2/release-group/{mb.mbid(n)}").respond_with_handler(answer)
    refs = [f"musicbrainz:{mb.mbid(n)}" for n in range(1, 6)]
    result = invoke("import", *refs, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert len(arrivals) == 5
    assert min(gaps) >= 1.0, gaps
