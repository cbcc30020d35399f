"""/digest.atom: `notify --digest` as a feed, one entry a period (replayed from the record),
with notify's filters and alerts, the token, and `period=daily|weekly`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.cli.test_notify_digest import REGISTRY
from tests.serve.conftest import Make

ATOM = "{http://www.w3.org/2005/Atom}"
TOKEN = "s3cret-token-value"


@pytest.fixture
def digest_registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


@pytest.fixture
def client(make_client: Make, digest_registry: Path) -> TestClient:
    return make_client(digest_registry)


def entries(client: TestClient, query: str) -> list[tuple[str, str, str, list[str]]]:
    """Each entry: its id, title, updated and content lines; the feed parsed as XML."""
    answer = client.get(f"/digest.atom?as_of=2027-03-12&lead=1d,0d&{query}")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(answer.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "http://127.0.0.1:8787/digest.atom"
    found = []
    for entry in feed.findall(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        assert content is not None
        assert content.get("type") == "text"
        found.append(
            (
                entry.findtext(f"{ATOM}id") or "",
                entry.findtext(f"{ATOM}title") or "",
                entry.findtext(f"{ATOM}updated") or "",
                (content.text or "").splitlines(),
            )
        )
    assert len({e[0] for e in found}) == len(found)
    return found


def test_one_entry_a_week_newest_first_with_stable_ids(client: TestClient) -> None:
    assert entries(client, "") == [
        (
            "urn:release-countdown:digest:weekly:2027-W10",
            "week 2027-W10 (2027-03-08 to 2027-03-12): 2 notices",  # the week so far
            "2027-03-12T00:00:00+00:00",
            [
                "1 upcoming, 1 released",
                "  2027-03-09  reminder  Beta  tomorrow (2027-03-10)",
                "  2027-03-10  released  Beta  today (2027-03-10)",
            ],
        ),
        (
            "urn:release-countdown:digest:weekly:2027-W09",
            "week 2027-W09 (2027-03-01 to 2027-03-07): 4 notices",
            "2027-03-07T00:00:00+00:00",
            [
                "1 upcoming, 2 released, 1 postponed",
                "  2027-03-01  released  Zero  today (2027-03-01)",
                "  2027-03-02  reminder  Alpha  tomorrow (2027-03-03)",
                "  2027-03-03  released  Alpha  today (2027-03-03)",
                "  2027-03-04  changed   Gamma  postponed from 2027-03-31 to 2027-Q2 (in 28 days – 4 months)",
            ],
        ),
        (
            "urn:release-countdown:digest:weekly:2027-W08",
            "week 2027-W08 (2027-02-22 to 2027-02-28): 1 notice",
            "2027-02-28T00:00:00+00:00",
            ["1 upcoming", "  2027-02-28  reminder  Zero  tomorrow (2027-03-01)"],
        ),
    ]  # four weeks, the current one included: W07 had nothing to tell
    # The same id the next day: a feed reader updates the entry rather than adding one.
    later = client.get("/digest.atom?as_of=2027-03-13&lead=1d,0d")
    assert "urn:release-countdown:digest:weekly:2027-W10" in later.text


def test_daily_periods_and_groups(client: TestClient) -> None:
    found = entries(client, "period=daily&group_by=person")
    assert [e[0].rsplit(":", 1)[1] for e in found] == ["2027-03-10", "2027-03-09"]  # 7 days
    assert found[0][3] == [
        "Hans Zimmer: 1 released",
        "  2027-03-10  released  Beta  today (2027-03-10)",
    ]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("tag=imax", {"Alpha"}),
        ("on=postponed", {"Gamma"}),
        ("min_precision=day", {"Zero", "Alpha", "Beta"}),  # Gamma's quarter is vaguer
        ("kind=album", {"Beta"}),
    ],
)
def test_notifys_filters_and_alerts(client: TestClient, query: str, titles: set[str]) -> None:
    lines = [line for e in entries(client, query) for line in e[3] if line.startswith("  ")]
    assert {line.split()[2] for line in lines} == titles


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=monthly", "period: 'monthly' is not one of daily, weekly"),
        ("period=none", "period: 'none' is not one of daily, weekly"),
        (
            "group_by=persons",
            "group_by: 'persons' is not one of none, person, kind, follow; did you mean person?",
        ),
        ("on=soon", "on: 'soon' is not one of new,"),
        ("lead=soon", "lead: 'soon' is not a lead time"),
    ],
)
def test_a_bad_parameter_is_400_naming_it(client: TestClient, query: str, message: str) -> None:
    answer = client.get(f"/digest.atom?{query}")
    assert answer.status_code == 400
    assert answer.text.startswith(message)


@pytest.mark.parametrize("period", ["monthly", "none", "weekley"])
def test_a_bad_period_names_only_the_periods_the_feed_takes(
    client: TestClient, period: str
) -> None:
    """The feed has no "a notice at a time": its refusal does not offer ``none``."""
    answer = client.get(f"/digest.atom?period={period}")
    assert answer.status_code == 400
    assert "none" not in answer.text.removeprefix(f"period: '{period}'")


def test_the_token_guards_it(make_client: Make, digest_registry: Path) -> None:
    client = make_client(digest_registry, token=TOKEN)
    assert client.get("/digest.atom").status_code == 401
    answer = client.get(f"/digest.atom?token={TOKEN}")
    assert answer.status_code == 200
    assert TOKEN not in answer.text  # the feed's links do not repeat it
    etag = answer.headers["etag"]
    again = client.get(f"/digest.atom?token={TOKEN}", headers={"If-None-Match": etag})
    assert again.status_code == 304
