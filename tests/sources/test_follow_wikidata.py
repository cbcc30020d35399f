"""The works a followed Wikidata person directed or scored (sources/wikidata.credits), asked
of a local server answering like the query service (SPARQL 1.1 JSON results), and the
endpoint's setting (COUNTDOWN_WIKIDATA_SPARQL_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from release_countdown.core.errors import SourceError, UsageError
from release_countdown.core.follow import Credit
from release_countdown.core.record import FetchOptions
from release_countdown.settings import SPARQL_URL, every_setting, read_settings
from release_countdown.sources import wikidata
from release_countdown.sources.config import SPARQL, SourceSettings
from release_countdown.sources.http import Service
from tests.sources import follow_data as fd
from tests.sources.follow_data import binding

ENDPOINT = "/bigdata/namespace/wdq/sparql"  # a mirror's path: the setting is the whole address


@pytest.fixture
def service(server: HTTPServer) -> Service:
    where = SourceSettings({SPARQL: server.url_for(ENDPOINT)}, timeout=5)
    return where.service(SPARQL)


def works(server: HTTPServer, service: Service, *rows: dict[str, object]) -> dict[str, Credit]:
    server.expect_request(ENDPOINT).respond_with_json(fd.sparql(*rows))
    found = wikidata.credits(service, fd.PERSON, FetchOptions())
    by_ref = {credit.ref: credit for credit in found}
    assert len(by_ref) == len(found)
    return by_ref


@pytest.mark.parametrize(
    ("time", "precision", "form"),
    [
        ("2027-01-01T00:00:00Z", 9, "2027"),  # a year: never 2027-01-01
        ("2027-05-01T00:00:00Z", 10, "2027-05"),
        ("2027-05-07T00:00:00Z", 11, "2027-05-07"),
    ],
)
def test_a_date_at_its_precision(
    server: HTTPServer, service: Service, time: str, precision: int, form: str
) -> None:
    found = works(server, service, binding("Q1", "A Film", date=time, precision=precision))
    assert found["wikidata:Q1"] == Credit(
        "wikidata:Q1", "A Film", "film", form, jobs=("Original Music Composer",)
    )


def test_the_query_asks_for_the_person_s_works(server: HTTPServer, service: Service) -> None:
    works(server, service)
    request, _ = server.log[0]
    assert request.args["format"] == "json"
    query = request.args["query"]
    assert "?work ?prop wd:Q123" in query
    assert "wdt:P57" in query
    assert "wdt:P86" in query
    assert "psv:P577" in query
    assert "wikibase:timePrecision" in query
    assert request.headers["Accept"] == "application/sparql-results+json"
    assert request.headers["User-Agent"].startswith("release-countdown/")


def test_one_credit_a_work_with_every_job_and_its_best_date(
    server: HTTPServer, service: Service
) -> None:
    found = works(
        server, service,
        binding("Q2", "Both", "P57", date="2027-09-01T00:00:00Z", precision=10),
        binding("Q2", "Both", "P86", date="2027-09-01T00:00:00Z", precision=10),
        binding("Q2", "Both", "P86", date="2027-06-01T00:00:00Z", precision=10, kind="Q5"),
        binding("Q3", "Preferred", date="2028-03-03T00:00:00Z", rank="PreferredRank"),
        binding("Q3", "Preferred", date="2027-01-05T00:00:00Z"),
        binding("Q4", "Deprecated", date="2020-01-05T00:00:00Z", rank="DeprecatedRank"),
        binding("Q5", "Announced", kind="Q7889"),
        binding("Q6", "Q6"),  # no English label: the label service names it by its id
        binding("Q7", "Year Zero", date="0000-01-01T00:00:00Z", precision=9),
        binding("Q8", "A Decade", date="2020-01-01T00:00:00Z", precision=8),
    )  # fmt: skip
    assert found["wikidata:Q2"] == Credit(
        "wikidata:Q2", "Both", "film", "2027-06", jobs=("Director", "Original Music Composer")
    )
    assert found["wikidata:Q3"].date == "2028-03-03"  # the preferred statement wins
    assert found["wikidata:Q4"].date == "TBA"  # a deprecated date is no date
    assert (found["wikidata:Q5"].date, found["wikidata:Q5"].kind) == ("TBA", "game")
    assert set(found) == {"wikidata:Q2", "wikidata:Q3", "wikidata:Q4", "wikidata:Q5"}


def test_only_a_person_s_item_is_followed(server: HTTPServer, service: Service) -> None:
    with pytest.raises(SourceError, match="only a person"):
        wikidata.credits(service, "Q1 } . ?s ?p ?o", FetchOptions())
    assert not server.log


def test_an_answer_of_another_shape_is_the_follow_s_error(
    server: HTTPServer, service: Service
) -> None:
    server.expect_request(ENDPOINT).respond_with_json({"head": {}, "results": {"bindings": 5}})
    with pytest.raises(SourceError, match="not what Wikidata documents"):
        wikidata.credits(service, fd.PERSON, FetchOptions())


def test_the_endpoint_setting(tmp_path: Path) -> None:
    none = {"COUNTDOWN_CONFIG": str(tmp_path / "config.toml")}
    assert read_settings(none).sources["wikidata"].sparql_url.value == SPARQL_URL
    env = {**none, "COUNTDOWN_WIKIDATA_SPARQL_URL": "http://user:hunter22@127.0.0.1:9/sparql"}
    found = read_settings(env)
    setting = found.sources["wikidata"].sparql_url
    assert (setting.value, setting.origin) == (
        "http://user:hunter22@127.0.0.1:9/sparql",
        "environment COUNTDOWN_WIKIDATA_SPARQL_URL",
    )
    shown = {name: (s, variable) for name, s, variable in every_setting(found)}
    value, variable = shown["sources.wikidata.sparql_url"]
    assert variable == "COUNTDOWN_WIKIDATA_SPARQL_URL"
    assert "hunter22" not in value.value  # a mirror's password masked like the other addresses
    with pytest.raises(UsageError, match=r"COUNTDOWN_WIKIDATA_SPARQL_URL.*query\.wikidata\.org"):
        read_settings({**env, "COUNTDOWN_WIKIDATA_SPARQL_URL": "ftp://x"})
    (tmp_path / "config.toml").write_text(
        '[sources.wikidata]\nsparql_url = "https://q.example/sparql"\n'
    )
    assert read_settings(none).sources["wikidata"].sparql_url.value == "https://q.example/sparql"
    assert not read_settings(none).warnings
    empty = {**none, "COUNTDOWN_WIKIDATA_SPARQL_URL": " "}  # VAR= leaves it to the config file
    assert read_settings(empty).sources["wikidata"].sparql_url.value == "https://q.example/sparql"
