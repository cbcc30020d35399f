"""What follows bring, on `serve`: arrivals in /changes.atom and the inbox count on the
page, both following the inbox as it changes (its entries are part of the answers' key)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from release_countdown.cli.reading import loader
from release_countdown.core.follow import InboxEntry
from release_countdown.serve.app import ServeConfig, create_app
from release_countdown.serve.state import RegistryState
from release_countdown.writing.inbox import inbox_reader, write_inbox
from tests.serve.conftest import BASE

ENTRY = InboxEntry("tmdb:movie/101", "X & Y", "film", "TBA", "lorne-balfe", date(2023, 7, 7))


def client_of(registry_file: Path, inbox: Path) -> TestClient:
    config = ServeConfig(
        state=RegistryState([registry_file], loader([registry_file], no_cache=True)),
        today=lambda: date(2023, 7, 8),
        inbox=inbox_reader(inbox),
    )
    return TestClient(create_app(config), base_url=BASE)


def test_arrivals_and_the_inbox_count_follow_the_inbox(registry_file: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox.json"
    client = client_of(registry_file, inbox)
    assert "in the inbox" not in client.get("/").text
    assert "new:" not in client.get("/changes.atom").text
    write_inbox(inbox, [ENTRY, ENTRY._replace(ref="tmdb:movie/102", title="Z")])
    page = client.get("/").text
    assert '<p class="inbox" id="inbox">2 titles in the inbox (countdown inbox)</p>' in page
    feed = client.get("/changes.atom").text
    assert '<title>Lorne Balfe: new film "X &amp; Y", TBA</title>' in feed
    assert "<id>urn:release-countdown:new:tmdb%3Amovie/101</id>" in feed
    inbox.write_text("not json", encoding="utf-8")  # corrupt: an empty inbox, not a 500
    assert client.get("/").status_code == 200
