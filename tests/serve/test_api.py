"""/releases.json, /calendar.ics, /changes.atom and /healthz: the CLI's rows and events over HTTP."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from starlette.testclient import TestClient

from tests.conftest import invoke, validate_rows
from tests.serve.conftest import AS_OF

ATOM = "{http://www.w3.org/2005/Atom}"


def events_of(body: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    "query",
    [
        f"as_of={AS_OF}",
        f"as_of={AS_OF}&all=1",
        f"as_of={AS_OF}&composer=balfe&sort=title&reverse=true",
        f"as_of={AS_OF}&kind=film,album&limit=2",
        f"as_of={AS_OF}&kind=film&kind=album&within=60d",
        f"as_of={AS_OF}&status=released&status=upcoming&region=GB&search=mission",
        "as_of=2025-01-01&director=mcquarrie&person=cruise&all=yes",
    ],
)
def test_releases_json_is_list_json(
    client: TestClient, registry_file: Path, row_schema: dict[str, Any], query: str
) -> None:
    answer = client.get(f"/releases.json?{query}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    rows = answer.json()
    validate_rows(rows, row_schema)
    args: list[str] = []
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        option = {"as_of": "--as-of", "all": "--all", "reverse": "--reverse"}.get(key, f"--{key}")
        args += [option] if key in ("all", "reverse") else [option, value]
    cli = invoke("list", "--json", "-r", str(registry_file), *args)
    assert cli.exit_code == 0, cli.stderr
    assert rows == json.loads(cli.stdout)
    assert rows  # every case shows something


@pytest.mark.parametrize(
    ("query", "option", "value"),
    [
        ("kind=banana", "--kind", "banana"),
        ("status=soon", "--status", "soon"),
        ("within=3x", "--within", "3x"),
        ("limit=0", "--limit", "0"),
        ("limit=ten", "--limit", "ten"),
        ("as_of=2023-13-01", "--as-of", "2023-13-01"),
        ("as_of=03/04/2023", "--as-of", "03/04/2023"),
        ("region=ZZZ", "--region", "ZZZ"),
        ("sort=foo", "--sort", "foo"),
    ],
)
@pytest.mark.parametrize("path", ["/releases.json", "/calendar.ics", "/", "/changes.atom"])
def test_a_bad_filter_is_400_naming_the_parameter_with_the_cli_problem(
    client: TestClient, path: str, query: str, option: str, value: str
) -> None:
    """The parameter's name, never a CLI flag, then the problem the CLI words for the same
    value (one converter for both: core/params.py)."""
    answer = client.get(f"{path}?{query}")
    assert answer.status_code == 400
    message = answer.text.strip()
    name = query.partition("=")[0]
    assert message.startswith(f"{name}: ")
    assert "--" not in message
    assert "Invalid value" not in message
    cli = invoke("list", option, value)
    assert cli.exit_code == 2
    problem = message.removeprefix(f"{name}: ")
    assert f"Invalid value for '{option}': {problem}" in " ".join(cli.stderr.split())


def test_a_400_names_the_parameter(client: TestClient) -> None:
    answer = client.get("/releases.json?within=3%20lightyears")
    assert answer.status_code == 400
    assert answer.text == (
        "within: '3 lightyears' is not a duration (expected a number and a unit: 30d, 6w, "
        "3m or 1y)\n"
    )
    twice = client.get("/releases.json?sort=date&sort=title")
    assert (twice.status_code, twice.text) == (400, "sort: given 2 times; give it once\n")
    flag = client.get("/releases.json?reverse=maybe")
    assert flag.text == "reverse: 'maybe' is not one of 1, true, yes, 0, false, no\n"


def test_calendar_has_exports_events_and_uids(client: TestClient, registry_file: Path) -> None:
    answer = client.get(f"/calendar.ics?as_of={AS_OF}&pastDays=3660&futureDays=3660")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    served = events_of(answer.content)
    exported = invoke("export", "--all", "-r", str(registry_file), "--as-of", AS_OF)
    assert set(served) == set(events_of(exported.stdout_bytes))
    assert "argylle@release-countdown" in served


def _event_shapes(body: bytes) -> dict[str, tuple[Any, ...]]:
    """Each event's UID → what a calendar shows of it (DTSTAMP, the time made, aside)."""
    shapes = {}
    for uid, e in events_of(body).items():
        alarms = tuple(
            (str(a["TRIGGER"].to_ical()), str(a["DESCRIPTION"])) for a in e.walk("VALARM")
        )
        cats = tuple(str(c) for c in e["CATEGORIES"].cats)
        end = e.decoded("DTEND") if "DTEND" in e else None
        shapes[uid] = (str(e["SUMMARY"]), e.decoded("DTSTART"), end, cats, alarms)
    return shapes


@pytest.mark.parametrize("region", [None, "GB", "US"])
def test_calendar_events_are_exports_events(
    make_client: Any, registry_file: Path, monkeypatch: pytest.MonkeyPatch, region: str | None
) -> None:
    """/calendar.ics and `export` are built by one function: the same events, whether the
    region comes from the query, the option or the `region` setting (here its variable)."""
    wide = f"/calendar.ics?as_of={AS_OF}&pastDays=3660&futureDays=3660&alarm=0d,1d"
    args = ("export", "--all", "-r", str(registry_file), "--as-of", AS_OF, "--alarm", "0d,1d")
    if region is not None:
        args += ("--region", region)
    exported = _event_shapes(invoke(*args).stdout_bytes)
    asked = f"{wide}&region={region}" if region else wide
    assert _event_shapes(make_client(registry_file).get(asked).content) == exported
    if region is not None:
        monkeypatch.setenv("COUNTDOWN_REGION", region)
        served = make_client(registry_file).get(wide).content
        assert _event_shapes(served) == exported
    assert exported["argylle@release-countdown"][0] == "Argylle"  # whatever the region


def test_calendar_window_of_days(client: TestClient) -> None:
    # As of 2023-07-08: MI 7 (07-12, in 4 days), Gran Turismo (08-25), Argylle (2024-02-02).
    near = events_of(client.get(f"/calendar.ics?as_of={AS_OF}&futureDays=10").content)
    assert "mi-dead-reckoning-part-one@release-countdown" in near
    assert "argylle@release-countdown" not in near
    year = events_of(client.get(f"/calendar.ics?as_of={AS_OF}").content)  # default 365
    assert "argylle@release-countdown" in year
    later = events_of(client.get("/calendar.ics?as_of=2023-07-20&pastDays=7").content)
    assert "mi-dead-reckoning-part-one@release-countdown" not in later  # 8 days ago
    later = events_of(client.get("/calendar.ics?as_of=2023-07-20&pastDays=8").content)
    assert "mi-dead-reckoning-part-one@release-countdown" in later


def test_calendar_types_region_and_fuzzy(client: TestClient) -> None:
    wide = f"/calendar.ics?as_of={AS_OF}&pastDays=1000&futureDays=1000"
    premieres = events_of(client.get(f"{wide}&types=premiere").content)
    assert "argylle.gb.premiere@release-countdown" in premieres
    assert "argylle.ww.streaming@release-countdown" not in premieres
    both = events_of(client.get(f"{wide}&types=premiere,streaming").content)
    assert "argylle.ww.streaming@release-countdown" in both
    gb = events_of(client.get(f"{wide}&region=GB").content)
    assert gb["argylle@release-countdown"]["dtstart"].dt == date(2024, 2, 1)  # GB theatrical
    assert "argylle.gb.theatrical@release-countdown" not in gb  # the title's event shows it
    assert "argylle.gb.premiere@release-countdown" in gb
    assert "argylle.us.theatrical@release-countdown" not in gb
    for bad, word in (
        ("types=opera", "types"),
        ("fuzzy=maybe", "fuzzy"),
        ("pastDays=-1", "pastDays"),
        ("futureDays=many", "futureDays"),
        ("alarm=7x", "alarm"),
    ):
        answer = client.get(f"{wide}&{bad}")
        assert answer.status_code == 400
        assert answer.text.startswith(f"{word}: ")  # the parameter, named as the filters are


def test_calendar_alarms_are_export_alarms(client: TestClient) -> None:
    """`alarm=7d,1d` adds the VALARMs `countdown export --alarm 7d,1d` adds."""
    import icalendar

    feed = client.get(f"/calendar.ics?as_of={AS_OF}&alarm=7d,1d")
    assert feed.status_code == 200
    calendar = icalendar.Calendar.from_ical(feed.content)
    argylle = next(
        e for e in calendar.walk("VEVENT") if str(e["UID"]) == "argylle@release-countdown"
    )
    triggers = sorted(str(a["TRIGGER"].to_ical().decode()) for a in argylle.walk("VALARM"))
    assert triggers == ["-P6DT15H", "-PT15H"]  # 09:00 a week and a day before
    assert all(str(a["ACTION"]) == "DISPLAY" for a in argylle.walk("VALARM"))
    plain = icalendar.Calendar.from_ical(client.get(f"/calendar.ics?as_of={AS_OF}").content)
    assert not list(plain.walk("VALARM"))


def test_calendar_fuzzy_as_span(client: TestClient, registry_file: Path) -> None:
    text = registry_file.read_text(encoding="utf-8")
    registry_file.write_text(
        text + '\n[[release]]\nid = "vague"\ntitle = "Vague"\ndate = "late 2023"\n',
        encoding="utf-8",
    )
    base = f"/calendar.ics?as_of={AS_OF}"
    assert "vague@release-countdown" not in events_of(client.get(base).content)
    spans = events_of(client.get(f"{base}&fuzzy=as-span").content)
    assert spans["vague@release-countdown"]["dtstart"].dt == date(2023, 9, 1)


def test_etag_and_last_modified_give_304(client: TestClient) -> None:
    for path in ("/calendar.ics?composer=balfe", "/releases.json", "/changes.atom"):
        first = client.get(path)
        etag = first.headers["etag"]
        assert etag.startswith('"')
        assert first.headers["last-modified"].endswith(" GMT")
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        other = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200


def test_postpone_changes_the_date_and_keeps_the_uid(
    client: TestClient, registry_file: Path
) -> None:
    url = "/calendar.ics?as_of=2024-01-01&futureDays=400"
    first = client.get(url)
    before = events_of(first.content)["argylle@release-countdown"]
    assert before["dtstart"].dt == date(2024, 2, 2)
    done = invoke(
        "postpone", "argylle", "2024-03-15", "--announced", "2023-12-01", "-r", str(registry_file)
    )
    assert done.exit_code == 0, done.stderr
    second = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200  # the old ETag no longer matches
    after = events_of(second.content)["argylle@release-countdown"]
    assert after["dtstart"].dt == date(2024, 3, 15)


def test_changes_atom_lists_moves_newest_first(client: TestClient) -> None:
    answer = client.get("/changes.atom")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(answer.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    updated = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert updated == sorted(updated, reverse=True)
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert any(t.endswith(": postponed") for t in titles)
    assert any(t.endswith(": retitled") for t in titles)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)
    link = entries[0].find(f"{ATOM}link")
    assert link is not None
    assert link.get("href", "").startswith("http://127.0.0.1:8787/title/")


def test_healthz(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "titles": 5, "errors": []}
