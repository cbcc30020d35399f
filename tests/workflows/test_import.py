"""workflows.import_ called as a function: refs already present are told and not fetched,
a failed fetch writes nothing, new entries are written once, in canonical form."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer

from release_countdown.core.model import Release
from release_countdown.sources.refs import Ref, parse_ref
from release_countdown.workflows.import_ import Imported, import_refs
from tests.sources import tmdb_data
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 1)


def run(server: HTTPServer, path: Path, *refs: str, dry_run: bool = False) -> Imported:
    told: list[tuple[Ref, Release]] = []
    where = tmdb_settings(server)
    try:
        done = import_refs(
            path, [parse_ref(r) for r in refs], where=where, region="GB", all_dates=False,
            today=TODAY, dry_run=dry_run, lock_timeout=5.0,
            on_present=lambda ref, owner: told.append((ref, owner)),
        )  # fmt: skip
    finally:
        where.close()
    assert list(done.present) == told  # told as found, and returned
    return done


def entries(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomli.loads(path.read_text(encoding="utf-8"))["release"]
    return found


def test_a_new_ref_is_written_and_a_present_one_is_not_fetched(
    server: HTTPServer, registry: Path
) -> None:
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    done = run(server, registry, "tmdb:movie/575264", "tmdb:movie/575264")  # once
    assert done.change is not None
    assert (done.failed, done.present) == ((), ())
    assert done.change.message == (
        'imported "Mission: Impossible - Dead Reckoning Part One" from TMDB '
        "(id mission-impossible-dead-reckoning-part-one)"
    )
    (entry,) = entries(registry)
    assert (entry["checked"], entry["date"]) == (TODAY, date(2023, 7, 10))  # GB's date
    server.clear()
    again = run(server, registry, "tmdb:movie/575264")
    assert [(str(ref), owner.id) for ref, owner in again.present] == [
        ("tmdb:movie/575264", "mission-impossible-dead-reckoning-part-one")
    ]
    assert (again.change, server.log) == (None, [])


def test_a_failed_fetch_writes_nothing(server: HTTPServer, registry: Path) -> None:
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    server.expect_request("/3/movie/1").respond_with_data("garbage{", status=200)
    done = run(server, registry, "tmdb:movie/575264", "tmdb:movie/1")
    assert done.change is None
    assert [str(e) for e in done.failed] == ["TMDB: tmdb:movie/1: the answer is not JSON"]
    assert registry.read_text(encoding="utf-8") == "schema = 1\n"


def test_the_file_is_parsed_once_and_the_new_text_once(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workflows.test_refresh import spy_on_parses

    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    parsed = spy_on_parses(monkeypatch)
    run(server, registry, "tmdb:movie/575264")
    new = registry.read_text(encoding="utf-8")
    assert [text for text in parsed if text.startswith("schema")] == ["schema = 1\n", new]


def test_two_titles_of_one_name_are_told_apart(server: HTTPServer, registry: Path) -> None:
    server.expect_request("/3/movie/1").respond_with_json(tmdb_data.movie(1, title="Dune"))
    server.expect_request("/3/movie/2").respond_with_json(tmdb_data.movie(2, title="Dune"))
    done = run(server, registry, "tmdb:movie/1", "tmdb:movie/2")
    assert done.change is not None
    assert [(e["id"], e["title"]) for e in entries(registry)] == [
        ("dune", "Dune"), ("dune-2023", "Dune (2023)"),
    ]  # fmt: skip
