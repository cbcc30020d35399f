"""A feed URL gets pasted into cloud calendars: the server treats itself as exposed. Hostile
registry text in every field, the token, the Host header, traversal, headers, read-only."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from starlette.testclient import TestClient

from tests.conftest import invoke
from tests.serve.conftest import Make

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="x'
BOTH = SCRIPT + ATTR


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


HOSTILE = f"""
[[release]]
id = "hostile"
title = "{esc(BOTH)}"
aliases = ["{esc(BOTH)} alias"]
kind = "film"
franchise = "{esc(BOTH)} franchise"
date = 2023-09-01
note = "{esc(BOTH)} note"
sources = ["javascript:alert(1)", "https://example.org/?q=\\"><script>alert(2)</script>"]

[release.people]
director = ["{esc(BOTH)} director"]
composer = ["{esc(BOTH)} composer"]

[[release.dates]]
region = "GB"
type = "premiere"
date = 2023-08-20
where = "{esc(BOTH)} where"
note = "{esc(BOTH)} date note"

[[release.history]]
announced = 2023-01-01
date = 2023-06-01
title = "{esc(BOTH)} old title"
note = "{esc(BOTH)} history note"

[[release.history]]
announced = 2023-03-01
date = 2023-09-01
title = "{esc(BOTH)}"
"""


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend((tag, name, value or "") for name, value in attrs)


def attributes(html: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, value) of a page, as a browser's parser would see them."""
    parser = Attributes()
    parser.feed(html)
    return parser.found


PAGES = ("/?as_of=2023-07-08", "/title/hostile?as_of=2023-07-08")


@pytest.fixture
def hostile(make_client: Make, registry_file: Path) -> TestClient:
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + HOSTILE, "utf-8")
    return make_client(registry_file)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_text_in_html(hostile: TestClient, path: str) -> None:
    html = hostile.get(path).text
    assert "alert(1)" in html  # the text is there…
    assert "<script>alert" not in html  # …escaped
    assert ATTR not in html
    assert 'onmouseover="x' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x" in html
    assert 'href="javascript:' not in html
    # Only scripts served as files: no inline script, no event handler attributes.
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert not [name for _, name, _ in attributes(html) if name.startswith("on")]
    links = [v for _, name, v in attributes(html) if name in ("href", "src", "action")]
    assert links
    assert all(v.startswith(("/", "https://", "http://")) for v in links), links


def test_every_hostile_field_reaches_the_title_page_as_text(hostile: TestClient) -> None:
    html = hostile.get("/title/hostile?as_of=2023-07-08").text
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&#34; onmouseover=&#34;x"
    for suffix in (
        "alias", "franchise", "note", "director", "composer", "where", "date note",
        "old title", "history note",
    ):  # fmt: skip
        assert f"{escaped} {suffix}" in html, suffix
    # The slip chart's labels and the sources stay text too.
    assert "<svg" in html
    assert 'href="https://example.org/?q=&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html


def test_hostile_text_in_atom_json_and_ics(hostile: TestClient) -> None:
    feed = ET.fromstring(hostile.get("/changes.atom").content)
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"{BOTH}: retitled" in titles
    rows = {r["id"]: r for r in hostile.get("/releases.json?as_of=2023-07-08").json()}
    assert rows["hostile"]["title"] == BOTH
    body = hostile.get("/calendar.ics?as_of=2023-07-08").content
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert str(events["hostile@release-countdown"]["summary"]) == BOTH
    assert json.dumps(BOTH)  # sanity


def test_non_loopback_bind_without_token_is_refused(registry_file: Path) -> None:
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        result = invoke("serve", "--host", host, "-r", str(registry_file))
        assert result.exit_code == 2
        assert "give --token TOKEN" in result.stderr


def test_a_short_token_is_refused(registry_file: Path) -> None:
    result = invoke("serve", "--host", "0.0.0.0", "--token", "abc", "-r", str(registry_file))
    assert result.exit_code == 2
    assert "8 characters" in result.stderr


TOKEN = "s3cret-token-value"


@pytest.fixture
def guarded(make_client: Make, registry_file: Path) -> tuple[TestClient, list[str]]:
    lines: list[str] = []
    return make_client(registry_file, token=TOKEN, log=lines.append), lines


@pytest.mark.parametrize(
    "path",
    [
        "/", "/releases.json", "/calendar.ics", "/changes.atom", "/healthz", "/title/argylle",
        "/radarr.json", "/sonarr.json",
    ],
)  # fmt: skip
def test_token_required(guarded: tuple[TestClient, list[str]], path: str) -> None:
    client, lines = guarded
    assert client.get(path).status_code == 401
    sep = "&" if "?" in path else "?"
    assert client.get(f"{path}{sep}token=wrong-token-value").status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get(f"{path}{sep}token={TOKEN}").status_code == 200
    assert client.get(path, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert lines
    assert all(TOKEN not in line for line in lines)
    assert any(line.startswith(f"GET {path} 200 ") for line in lines)


@pytest.mark.parametrize(
    "given", [f"{TOKEN}x", f"{TOKEN}{TOKEN}", TOKEN[:-1], TOKEN.upper(), f"x{TOKEN}"]
)
def test_only_the_whole_token_opens(guarded: tuple[TestClient, list[str]], given: str) -> None:
    """A token that starts with the right one (or is one short of it) is a wrong token."""
    client, _ = guarded
    assert client.get("/healthz", params={"token": given}).status_code == 401
    assert client.get("/healthz", headers={"Authorization": f"Bearer {given}"}).status_code == 401
    assert client.get("/healthz", params={"token": TOKEN}).status_code == 200


def test_config_file_token(
    make_client: Make, registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[serve]\ntoken = "{TOKEN}"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    client = make_client(registry_file, host="0.0.0.0", base="http://192.168.1.10:8787")
    assert client.get("/healthz").status_code == 401
    assert client.get(f"/healthz?token={TOKEN}").status_code == 200


def test_config_file_hosts(
    make_client: Make, registry_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """[serve] hosts (read by settings.py) are allowed beside the bound address."""
    config = tmp_path / "config.toml"
    config.write_text('[serve]\nhosts = ["countdown.example"]\n', encoding="utf-8")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    client = make_client(registry_file)
    assert client.get("/healthz", headers={"Host": "countdown.example"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "other.example"}).status_code == 400


def test_pages_keep_the_token_in_their_links(guarded: tuple[TestClient, list[str]]) -> None:
    client, _ = guarded
    html = client.get(f"/?token={TOKEN}&as_of=2023-07-08&all=1").text
    assert f'/static/countdown.js?token={TOKEN}"' in html
    assert f'/title/argylle?token={TOKEN}"' in html
    assert f'name="token" value="{TOKEN}"' in html


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8787", "127.0.0.1.evil.example", "[::2]:8787"]
)
def test_foreign_host_is_400(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8787", "localhost:8787", "[::1]:8787", "localhost"])
def test_loopback_hosts_are_fine(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e%2fapp.py",
        "/static/app.py",
        "/static/templates/base.html",
        "/title/..%2f..%2fetc%2fpasswd",
        "/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/etc/passwd",
        "/releases.toml",
    ],
)
def test_traversal_is_404(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert "[tool" not in answer.text
    assert "root:" not in answer.text


@pytest.mark.parametrize("path", ["/", "/releases.json", "/calendar.ics", "/nowhere", "/healthz"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_read_only(client: TestClient, registry_file: Path, method: str) -> None:
    before = registry_file.read_bytes()
    assert client.request(method, "/releases.json").status_code == 405
    assert registry_file.read_bytes() == before


def test_log_line_per_request_without_token(make_client: Make, registry_file: Path) -> None:
    lines: list[str] = []
    client = make_client(registry_file, token=TOKEN, log=lines.append)
    client.get(f"/calendar.ics?composer=balfe&token={TOKEN}")
    client.get("/nowhere%0A", headers={"Authorization": f"Bearer {TOKEN}"})
    assert len(lines) == 2
    assert re.fullmatch(r"GET /calendar\.ics\?composer=balfe 200 \d+\.\dms", lines[0])
    assert re.fullmatch(r"GET /nowhere\\n 404 \d+\.\dms", lines[1])
