"""Every source text passes one cleaner, every source date one gate (issue 20, items 3, 4, 5,
9): a lone surrogate or an invisible character never reaches the registry or a terminal; a
date the registry refuses is that title's problem (exit 4, its date kept, never TBA, never
blamed on --date); a source that gives no date leaves a known date alone."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import tomli

from tests.conftest import invoke
from tests.sources import hostile as h
from tests.sources import musicbrainz_data as mb
from tests.sources import tmdb_data
from tests.sources import wikidata_data as wd
from tests.sources.hostile import HostileServer


def entries(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomli.loads(path.read_text())["release"]
    return found


def film(number: int, us: str | None = "2027-05-07T00:00:00.000Z", **fields: Any) -> Any:
    data = tmdb_data.movie(number)
    if us is not None:
        data["release_dates"]["results"][0]["release_dates"][0]["release_date"] = us
    data.update(fields)
    return data


def imported(rogue: HostileServer, registry: Path, *numbers: int) -> None:
    for number in numbers:
        rogue.answers = [h.answer(film(number))]
        result = invoke("import", f"tmdb:movie/{number}", "-r", str(registry))
        assert result.exit_code == 0, result.stderr


# --- text -----------------------------------------------------------------------------------


def test_a_lone_surrogate_is_replaced_in_import(rogue: HostileServer, registry: Path) -> None:
    rogue.answers = [h.answer(film(1, title="Film \ud800 One", original_title="\udfff"))]
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert entries(registry)[0]["title"] == "Film \ufffd One"


def test_a_lone_surrogate_in_lookup(rogue: HostileServer) -> None:
    rogue.answers = [h.answer(tmdb_data.search((7, "Film \ud800", "2027-01-01")))]
    result = invoke("lookup", "film", "--source", "tmdb")
    assert result.exit_code == 0, result.stderr
    assert "Film \ufffd" in result.stdout


def test_raw_surrogate_bytes_in_an_answer(rogue: HostileServer, registry: Path) -> None:
    text = json.dumps(film(1, title="Film One")).replace("Film One", "Film \\ud800\\udc00X")
    raw = text.encode().replace(b"X", b"\xed\xa0\x80")  # UTF-8 of U+D800: not UTF-8
    rogue.answers = [h.answer(raw)]
    assert invoke("import", "tmdb:movie/1", "-r", str(registry)).exit_code == 0
    assert entries(registry)[0]["title"] == "Film \U00010000\ufffd\ufffd\ufffd"


def test_one_surrogate_title_does_not_stop_a_refresh(rogue: HostileServer, registry: Path) -> None:
    imported(rogue, registry, 1, 2)
    rogue.routes = {"/3/movie/1": h.answer(film(1, title="New \ud800")),
                    "/3/movie/2": h.answer(film(2, title="Two"))}  # fmt: skip
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert sorted(e["title"] for e in entries(registry)) == ["New \ufffd", "Two"]


def test_an_invisible_character_does_not_make_a_new_title(
    rogue: HostileServer, registry: Path
) -> None:
    rogue.answers = [h.answer(film(1, title="Film 1001\u200b\u2060\ufeff\U000e0041"))]
    assert invoke("import", "tmdb:movie/1", "-r", str(registry)).exit_code == 0
    assert entries(registry)[0]["title"] == "Film 1001"
    assert entries(registry)[0]["id"] == "film-1001"


# --- dates ----------------------------------------------------------------------------------

REFUSED_TMDB = ["2027-02-30T00:00:00.000Z", "99999-01-01", "0999-05-01T00:00:00.000Z",
                "2027-13-01", "0000-00-00", "soon", 20270507]  # fmt: skip


@pytest.mark.parametrize("when", REFUSED_TMDB)
def test_import_refuses_a_tmdb_date_the_registry_refuses(
    rogue: HostileServer, registry: Path, when: Any
) -> None:
    rogue.answers = [h.answer(film(1, us=when))]
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: release_dates US: " in result.stderr
    assert "the registry keeps its own" in result.stderr
    assert "--date" not in result.stderr
    assert registry.read_text() == "schema = 1\n"


@pytest.mark.parametrize("first", ["2027-13", "0000-00-00", "2027-02-30", "0000", "27-05"])
def test_import_refuses_a_musicbrainz_date_the_registry_refuses(
    rogue: HostileServer, registry: Path, first: str
) -> None:
    rogue.answers = [h.answer(mb.group(first=first))]
    result = invoke("import", f"musicbrainz:{mb.MBID}", "-r", str(registry))
    assert result.exit_code == 4
    assert f"first-release-date: {first!r} is not a date" in result.stderr
    assert "--date" not in result.stderr
    assert registry.read_text() == "schema = 1\n"


@pytest.mark.parametrize(
    ("time", "precision"),
    [("+2027-13-01T00:00:00Z", 11), ("+2027-13-00T00:00:00Z", 10), ("+0000-00-00T00:00:00Z", 9),
     ("+2027-02-30T00:00:00Z", 11), ("-0044-03-15T00:00:00Z", 11)],
)  # fmt: skip
def test_import_refuses_a_wikidata_date_the_registry_refuses(
    rogue: HostileServer, registry: Path, time: str, precision: int
) -> None:
    rogue.answers = [h.answer(wd.film([wd.time(time, precision)])), h.answer(wd.labels())]
    result = invoke("import", f"wikidata:{wd.FILM}", "-r", str(registry))
    assert result.exit_code == 4
    assert f"Wikidata: wikidata:{wd.FILM}: P577: " in result.stderr
    assert "--date" not in result.stderr
    assert registry.read_text() == "schema = 1\n"


@pytest.mark.parametrize("when", ["2027-02-30T00:00:00.000Z", "99999-01-01", "0000-00-00"])
def test_refresh_keeps_the_date_when_the_source_s_is_refused(
    rogue: HostileServer, registry: Path, when: str
) -> None:
    imported(rogue, registry, 1, 2)
    before = copy.deepcopy(entries(registry))
    rogue.routes = {"/3/movie/1": h.answer(film(1, us=when)),
                    "/3/movie/2": h.answer(film(2, us="2027-09-03"))}  # fmt: skip
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 4
    assert "Traceback" not in result.stderr
    assert "the registry keeps its own" in result.stderr
    after = entries(registry)
    assert after[0] == before[0]  # untouched: no TBA, no history entry
    assert str(after[1]["date"]) == "2027-09-03"  # the other title is refreshed


def test_refresh_keeps_a_known_date_when_the_source_gives_none(
    rogue: HostileServer, registry: Path
) -> None:
    imported(rogue, registry, 1)
    history = entries(registry)[0]["history"]
    rogue.answers = [h.answer(film(1, us=None, release_date="", release_dates={"results": []}))]
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "TMDB gives no date now; 2027-05-07 is kept" in result.stderr
    assert str(entries(registry)[0]["date"]) == "2027-05-07"
    assert entries(registry)[0]["history"] == history  # no TBA announcement for notify


def test_lookup_shows_no_date_for_a_refused_one(rogue: HostileServer) -> None:
    rogue.answers = [h.answer(tmdb_data.search((7, "Film", "2027-02-30"), (8, "Other", "")))]
    result = invoke("lookup", "film", "--source", "tmdb", "--json")
    assert result.exit_code == 0, result.stderr
    assert [c.get("date") for c in json.loads(result.stdout)] == [None, None]
