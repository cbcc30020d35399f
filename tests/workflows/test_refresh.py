"""workflows.refresh called as a function: its results are return values, the registry file
is parsed once for the write, and a hand-written entry keeps its old date in the history."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.errors import SourceError
from release_countdown.workflows.refresh import NoIds, Refreshed, refresh
from release_countdown.writing.sourced import FieldChange
from tests.sources import tmdb_data
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 1)
TITLE = "Mission: Impossible - Dead Reckoning Part One"
# Written by hand: ids, a date, no history (and no `checked`, no `announced`).
HAND_WRITTEN = f"""schema = 1

[[release]]
title = "{TITLE}"
kind = "film"
date = 2027-07-12

[release.ids]
tmdb = "movie/575264"
"""


def answer(server: HTTPServer, us_theatrical: str) -> None:
    server.expect_request("/3/movie/575264").respond_with_json(
        tmdb_data.movie(us_theatrical=f"{us_theatrical}T00:00:00.000Z")
    )


def run(server: HTTPServer, path: Path, *names: str, dry_run: bool = False) -> Refreshed:
    where = tmdb_settings(server)
    try:
        return refresh(
            path, names, where=where, region=None, due=False, today=TODAY, dry_run=dry_run,
            lock_timeout=5.0,
        )  # fmt: skip
    finally:
        where.close()


def entry(path: Path) -> dict[str, Any]:
    found: dict[str, Any] = tomli.loads(path.read_text(encoding="utf-8"))["release"][0]
    return found


def test_a_hand_written_entry_keeps_its_old_date_as_the_first_history_entry(
    server: HTTPServer, registry: Path
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-09-03")
    done = run(server, registry)
    assert done.titles[0].changes[0] == FieldChange("date", "2027-07-12", "2027-09-03")
    found = entry(registry)
    assert found["date"] == date(2027, 9, 3)
    assert found["history"] == [
        {"date": date(2027, 7, 12)},  # the date in force until now (when it was announced: unknown)
        {"announced": TODAY, "date": date(2027, 9, 3), "note": "from TMDB"},
    ]


def test_results_are_returned_per_title(server: HTTPServer, registry: Path) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-09-03")
    done = run(server, registry)
    assert [t.id for t in done.titles] == ["mission-impossible-dead-reckoning-part-one"]
    (title,) = done.titles
    assert (title.problem, title.error) == (None, None)
    assert title.changes[0] == FieldChange("date", "2027-07-12", "2027-09-03")
    assert FieldChange("dates.US.theatrical", None, "2027-09-03") in title.changes
    assert done.change is not None
    assert done.change.message == "refreshed 1 title, 1 changed"
    assert done.errors == []


def test_a_failed_fetch_is_in_the_result_and_nothing_is_written(
    server: HTTPServer, registry: Path
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    server.expect_request("/3/movie/575264").respond_with_data("garbage{", status=200)
    done = run(server, registry)
    assert done.change is None
    (error,) = done.errors
    assert isinstance(error, SourceError)
    assert str(error) == "TMDB: tmdb:movie/575264: the answer is not JSON"
    assert registry.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_dry_run_returns_the_change_and_writes_nothing(
    server: HTTPServer, registry: Path
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-09-03")
    done = run(server, registry, "dead reckoning", dry_run=True)
    assert done.change is not None
    assert "date = 2027-09-03" in done.change.new
    assert registry.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_named_title_without_ids_is_refused(server: HTTPServer, registry: Path) -> None:
    registry.write_text('schema = 1\n\n[[release]]\ntitle = "Hand Made"\ndate = 2027-01-01\n')
    with pytest.raises(NoIds, match=r"'Hand Made' has no \[release.ids\]"):
        run(server, registry, "hand made")
    assert server.log == []


def test_a_calendar_event_is_refused_naming_its_ids_and_the_way_on(
    server: HTTPServer, registry: Path
) -> None:
    # What `import --from ics` writes: ids, but no source's (the old words said it had none).
    registry.write_text(
        'schema = 1\n\n[[release]]\ntitle = "Radiohead - Untitled"\nkind = "album"\n'
        'date = 2027-05-07\n\n[release.ids]\nics = "5b11f4ce@muspy.com"\n'
    )
    with pytest.raises(NoIds) as caught:
        run(server, registry, "radiohead")
    assert str(caught.value) == (
        "'Radiohead - Untitled' has no id of a source to refresh from (ids.ics is not one): "
        "`countdown link TITLE REF` attaches a source's title, `countdown postpone` records "
        "a new date"
    )
    assert server.log == []


def spy_on_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts handed to the registry parser, in order."""
    from release_countdown.registry import parse

    parsed: list[str] = []
    real = parse.parse_registry

    def spy(text: str, path: str, **kwargs: Any) -> Any:
        parsed.append(text)
        return real(text, path, **kwargs)

    monkeypatch.setattr(parse, "parse_registry", spy)  # registry/load.py imports it at each parse
    return parsed


def test_the_file_is_parsed_once_for_the_write(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-09-03")
    parsed = spy_on_parses(monkeypatch)
    done = run(server, registry)
    assert done.change is not None
    # The file as read, once (to choose the titles, reused by the write); then the new text,
    # validated before it replaces the file.
    assert parsed == [HAND_WRITTEN, registry.read_text(encoding="utf-8")]


def test_a_file_edited_while_the_source_answers_is_parsed_again_and_kept(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    edited = HAND_WRITTEN.replace('kind = "film"', 'kind = "film"\nnote = "mine"')

    def meanwhile(request: Request) -> Response:
        registry.write_text(edited, encoding="utf-8")  # an editor saves during the fetch
        body = tmdb_data.movie(us_theatrical="2027-09-03T00:00:00.000Z")
        return Response(json.dumps(body), content_type="application/json")

    server.expect_request("/3/movie/575264").respond_with_handler(meanwhile)
    parsed = spy_on_parses(monkeypatch)
    run(server, registry)
    assert parsed[:2] == [HAND_WRITTEN, edited]  # the snapshot is stale: parsed again
    assert len(parsed) == 3
    found = entry(registry)
    assert (found["note"], found["date"]) == ("mine", date(2027, 9, 3))
