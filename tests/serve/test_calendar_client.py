"""Calendar clients over real HTTP: icalendar parses the feed, khal imports it, a second fetch
with the ETag gets 304, and after `countdown postpone` the feed has the new date, same UID.
And a load: 200 clients × 20 requests on a 1,000-title registry, no errors."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest

from tests.conftest import invoke
from tests.serve.conftest import ROOT, serving

pytestmark = pytest.mark.slow


def fetch(url: str, etag: str | None = None) -> tuple[int, bytes, str | None]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    headers = {"If-None-Match": etag} if etag else {}
    connection.request("GET", f"{parts.path}?{parts.query}", headers=headers)
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    return answer.status, body, answer.getheader("ETag")


def khal(tmp_path: Path, *args: str) -> str:
    calendar = tmp_path / "calendar"
    calendar.mkdir(exist_ok=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[releases]]\npath = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
    )
    done = subprocess.run(
        [str(Path(sys.executable).with_name("khal")), "-c", str(config), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(tmp_path), "TZ": "UTC"},
        check=True,
    )
    return done.stdout


def test_a_calendar_client_follows_the_feed(registry_file: Path, tmp_path: Path) -> None:
    with serving(registry_file, tmp_path) as (base, _):
        url = f"{base}/calendar.ics?composer=balfe&as_of=2024-01-01&futureDays=400"
        status, body, etag = fetch(url)
        assert status == 200
        assert etag
        events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
        assert events["argylle@release-countdown"]["dtstart"].dt == date(2024, 2, 2)
        feed = tmp_path / "feed.ics"
        feed.write_bytes(body)
        khal(tmp_path, "import", "--batch", "-a", "releases", str(feed))
        assert "Argylle" in khal(tmp_path, "list", "--format", "{title}", "2024-02-02", "1d")

        assert fetch(url, etag)[0] == 304  # nothing changed

        done = invoke(
            "postpone", "argylle", "2024-03-15", "--announced", "2023-12-01",
            "-r", str(registry_file),
        )  # fmt: skip
        assert done.exit_code == 0, done.stderr
        status, body, new_etag = fetch(url, etag)
        assert status == 200
        assert new_etag != etag
        events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
        assert events["argylle@release-countdown"]["dtstart"].dt == date(2024, 3, 15)
        feed.write_bytes(body)
        khal(tmp_path, "import", "--batch", "-a", "releases", str(feed))  # updates the event
        assert "Argylle" not in khal(tmp_path, "list", "--format", "{title}", "2024-02-02", "1d")
        assert "Argylle" in khal(tmp_path, "list", "--format", "{title}", "2024-03-15", "1d")


def test_load_200_clients_by_20_requests(tmp_path: Path) -> None:
    registry = tmp_path / "big.toml"
    with registry.open("w") as out:
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "1000"],
            stdout=out,
            check=True,
        )
    with serving(registry, tmp_path) as (base, _):
        paths = ["/calendar.ics", "/releases.json"]
        etags = {p: fetch(base + p)[2] for p in paths}

        def client(number: int) -> list[int]:
            statuses = []
            connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=120)
            for n in range(20):
                path = paths[(number + n) % 2]
                # Calendar apps revalidate: every fourth request sends the ETag it has.
                headers = {"If-None-Match": etags[path] or ""} if n % 4 == 3 else {}
                connection.request("GET", path, headers=headers)
                answer = connection.getresponse()
                answer.read()
                statuses.append(answer.status)
            connection.close()
            return statuses

        with ThreadPoolExecutor(max_workers=200) as pool:
            results = [s for statuses in pool.map(client, range(200)) for s in statuses]
    assert len(results) == 4000
    assert set(results) <= {200, 304}
    assert results.count(304) == 1000
