"""What a followed TMDB person, collection or company is credited on (sources/tmdb.credits),
the people a name finds (people) and a person's default jobs (default_jobs), against a
local server answering like TMDB."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.follow import CAST, Credit
from release_countdown.core.record import Candidate, FetchOptions
from release_countdown.sources import tmdb
from release_countdown.sources.config import SourceSettings
from release_countdown.sources.http import Service
from tests.sources import follow_data as fd
from tests.sources.conftest import KEY


@pytest.fixture
def service(server: HTTPServer) -> Service:
    where = SourceSettings({"tmdb": server.url_for("/").rstrip("/")}, timeout=5, tmdb_key=KEY)
    return where.service("tmdb")


def person_server(server: HTTPServer) -> None:
    server.expect_request(f"/3/person/{fd.BALFE}/movie_credits").respond_with_json(
        fd.person_movies()
    )
    server.expect_request(f"/3/person/{fd.BALFE}/tv_credits").respond_with_json(fd.tv_credits())


def by_ref(credits: list[Credit]) -> dict[str, Credit]:
    found = {credit.ref: credit for credit in credits}
    assert len(found) == len(credits), "a title listed twice"
    return found


def test_a_person_s_credits_one_entry_per_title_with_every_job(
    server: HTTPServer, service: Service
) -> None:
    person_server(server)
    found = by_ref(tmdb.credits(service, f"person/{fd.BALFE}", FetchOptions()))
    assert found["tmdb:movie/401"] == Credit(
        "tmdb:movie/401", "Directed And Written", "film", "2027-05-07", jobs=("Director", "Writer")
    )
    # The job exactly as TMDB spells it: a follow filters by job, never by department.
    assert found["tmdb:movie/403"].jobs == ("Boom Operator",)
    assert found["tmdb:movie/402"].jobs == ("Original Music Composer",)
    assert found["tmdb:movie/404"].date == "TBA"  # release_date: ""
    assert found["tmdb:movie/405"].date == "2019-02-01"  # old titles are the follow's to drop
    assert found["tmdb:movie/501"].jobs == (CAST,)
    assert found["tmdb:tv/601"] == Credit(
        "tmdb:tv/601", "A Series", "series", "2027-02-14", jobs=("Original Music Composer",)
    )
    assert len(found) == 7
    for request, _ in server.log:
        assert request.args["api_key"] == KEY
        assert request.headers["User-Agent"].startswith("release-countdown/")


def test_the_same_film_in_cast_and_crew_is_one_credit(server: HTTPServer, service: Service) -> None:
    server.expect_request(f"/3/person/{fd.BALFE}/movie_credits").respond_with_json(
        fd.movie_credits(
            cast_=[fd.cast(401, "Both", "2027-05-07")],
            crew_=[fd.crew(401, "Both", "2027-05-07", "Director", "Directing")],
        )
    )
    server.expect_request(f"/3/person/{fd.BALFE}/tv_credits").respond_with_json(
        fd.movie_credits(cast_=[], crew_=[])
    )
    (credit,) = tmdb.credits(service, f"person/{fd.BALFE}", FetchOptions())
    assert credit.jobs == (CAST, "Director")


def test_a_date_the_gate_refuses_leaves_only_that_title_out(
    server: HTTPServer, service: Service
) -> None:
    server.expect_request(f"/3/person/{fd.BALFE}/movie_credits").respond_with_json(
        fd.movie_credits(
            cast_=[],
            crew_=[
                fd.crew(1, "Bad Date", "2027-02-30", "Director", "Directing"),
                fd.crew(2, "Year Only", "2027-01-01", "Director", "Directing"),
                fd.crew(3, "Good", "2027-06-01", "Director", "Directing"),
            ],
        )
    )
    server.expect_request(f"/3/person/{fd.BALFE}/tv_credits").respond_with_json(
        fd.movie_credits(cast_=[], crew_=[])
    )
    found = by_ref(tmdb.credits(service, f"person/{fd.BALFE}", FetchOptions()))
    # TMDB's editors write January 1 when only the year is known (the rule fetch follows).
    assert {ref: c.date for ref, c in found.items()} == {
        "tmdb:movie/2": "2027",
        "tmdb:movie/3": "2027-06-01",
    }


def test_a_collection_s_parts(server: HTTPServer, service: Service) -> None:
    server.expect_request("/3/collection/726871").respond_with_json(fd.collection())
    found = tmdb.credits(service, "collection/726871", FetchOptions())
    assert [(c.ref, c.title, c.kind, c.date, c.jobs) for c in found] == [
        ("tmdb:movie/438631", "Dune", "film", "2021-09-15", ()),
        ("tmdb:movie/693134", "Dune: Part Two", "film", "2024-02-27", ()),
        ("tmdb:movie/1170608", "Dune: Part Three", "film", "TBA", ()),
    ]


def pages(total: int) -> Callable[[Request], Response]:
    def answer(request: Request) -> Response:
        page = int(request.args["page"])
        return Response(json.dumps(fd.discover(page, total)), content_type="application/json")

    return answer


def test_a_company_s_films_every_page_from_the_day_given(
    server: HTTPServer, service: Service
) -> None:
    server.expect_request("/3/discover/movie").respond_with_handler(pages(3))
    found = tmdb.credits(service, "company/420", FetchOptions(since=date(2026, 12, 7)))
    assert len(found) == 6
    assert found[0] == Credit("tmdb:movie/9010", "Studio Film 1.0", "film", "2027-01-10")
    asked = [request.args for request, _ in server.log]
    assert [args["page"] for args in asked] == ["1", "2", "3"]
    for args in asked:
        assert args["with_companies"] == "420"
        assert args["primary_release_date.gte"] == "2026-12-07"


def test_a_company_s_listing_stops_at_the_last_page_tmdb_serves(
    server: HTTPServer, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tmdb, "MAX_PAGES", 2)
    server.expect_request("/3/discover/movie").respond_with_handler(pages(10**6))
    assert len(tmdb.credits(service, "company/420", FetchOptions())) == 4
    assert len(server.log) == 2
    assert "primary_release_date.gte" not in server.log[0][0].args


def test_only_people_collections_and_companies_are_followed(service: Service) -> None:
    with pytest.raises(Exception, match=r"TMDB: tmdb:movie/1: only a person") as caught:
        tmdb.credits(service, "movie/1", FetchOptions())
    assert getattr(caught.value, "exit_code", None) == 4


def test_people_by_name(server: HTTPServer, service: Service) -> None:
    server.expect_request("/3/search/person").respond_with_json(fd.search_person())
    assert tmdb.people(service, "Lorne Balfe") == [
        Candidate("tmdb:person/947", "Lorne Balfe", None, "person", note="Sound"),
        Candidate("tmdb:person/99947", "Lorne Balfe", None, "person", note="Acting"),
    ]
    assert server.log[0][0].args["query"] == "Lorne Balfe"


@pytest.mark.parametrize(
    ("department", "jobs"),
    [
        ("Sound", ("Original Music Composer",)),
        ("Directing", ("Director",)),
        ("Writing", ("Screenplay",)),
        ("Acting", (CAST,)),
        ("Crew", ()),
    ],
)
def test_default_jobs_are_the_known_for_department_s_main_job(
    server: HTTPServer, service: Service, department: str, jobs: tuple[str, ...]
) -> None:
    server.expect_request(f"/3/person/{fd.BALFE}").respond_with_json(fd.person(department))
    assert tmdb.default_jobs(service, f"person/{fd.BALFE}") == jobs
    assert tmdb.default_jobs(service, "collection/10") == ()
    assert len(server.log) == 1
