"""workflows/import_list: a list's rows resolved against a local fake TMDB (/search/movie,
/find, /movie/ID), imported in one write or proposed in the inbox; unresolved rows kept in
the inbox with their reason; a failure half way writes nothing and names the row."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.listrow import ListRow
from release_countdown.sources.lists.ics import rows_of
from release_countdown.workflows.import_list import (
    ListImported,
    ListMode,
    Only,
    import_list,
    mode_for,
)
from release_countdown.writing.inbox import read_inbox
from tests.sources import list_data, tmdb_data, tmdb_tv_data
from tests.sources.tmdb_tv_data import SHOW
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 1)
FILMS = {  # TMDB id -> (title, US theatrical day)
    1170608: ("Dune: Part Three", "2026-12-18"),
    146: ("Crouching Tiger, Hidden Dragon", "2000-12-08"),
    900: ("Blade", "2027-03-01"),  # a remake: not the 1998 film the list means
}
MISSING = 404404  # a film TMDB answers 404 for
THEATRICAL_ONLY = 4242  # a film TMDB dates in theatres only


def fake_tmdb(server: HTTPServer) -> list[str]:
    """TMDB answering /search/movie, /find and /movie/ID from FILMS; the paths asked, kept."""
    asked: list[str] = []

    def answer(request: Request) -> Response:
        asked.append(request.path)
        found: Any
        if request.path == "/3/search/movie":
            query = request.args["query"]
            found = tmdb_data.search(*[
                (n, t, d) for n, (t, d) in FILMS.items() if t.lower() == query.lower()
            ])  # fmt: skip
        elif request.path.startswith("/3/find/"):
            imdb = request.path.rsplit("/", 1)[1]
            external = request.args["external_source"]
            assert external == ("tvdb_id" if imdb.isdigit() else "imdb_id")
            movies = [{"id": 1170608}] if imdb == "tt15239678" else []
            show = {"tt0903747": 1396, "tt1234567": SHOW, "400": SHOW}.get(imdb)
            shows = [{"id": show}] if show else []
            found = {"movie_results": movies, "tv_results": shows, "person_results": []}
        elif request.path.startswith("/3/tv/"):  # SHOW between seasons; 1396 has ended
            parts = request.path.split("/")
            if parts[3] == "1396":
                found = {
                    **tmdb_tv_data.show(),
                    "id": 1396,
                    "name": "Breaking Bad",
                    "status": "Ended",
                    "seasons": [tmdb_tv_data.season(1, "2008-01-20", 7)],
                }
            elif len(parts) == 4:
                found = tmdb_tv_data.show()
            elif parts[5] == "2":
                found = tmdb_tv_data.season_two()
            else:
                found = {
                    "air_date": None,
                    "episodes": [],
                    "name": "Season 3",
                    "id": 3603,
                    "season_number": 3,
                }
        else:
            number = int(request.path.rsplit("/", 1)[1])
            if number == MISSING:
                return Response("{}", status=404)
            title, day = FILMS.get(number, (f"Film {number}", "2027-06-01"))
            found = tmdb_data.movie(number, title=title, us_theatrical=f"{day}T00:00:00.000Z")
            found["release_dates"]["results"] = found["release_dates"]["results"][:1]  # US only
            if number == THEATRICAL_ONLY:
                us = found["release_dates"]["results"][0]
                us["release_dates"] = [d for d in us["release_dates"] if d["type"] == 3]
        return Response(json.dumps(found), content_type="application/json")

    server.expect_request(re.compile(r"/3/.*")).respond_with_handler(answer)
    return asked


def run(
    server: HTTPServer, path: Path, rows: list[ListRow], *, mode: ListMode = "add",
    only: Only = "upcoming", dry_run: bool = False, name: str = "letterboxd",
) -> ListImported:  # fmt: skip
    where = tmdb_settings(server)
    try:
        return import_list(
            path, rows, list_name=name, where=where, inbox=path.parent / "inbox.json",
            today=TODAY, mode=mode, only=only, region="US", dry_run=dry_run, lock_timeout=5.0,
        )  # fmt: skip
    finally:
        where.close()


def letterboxd_rows() -> list[ListRow]:
    return [
        ListRow("watchlist.csv:2", "Dune: Part Three", 2026),
        ListRow("watchlist.csv:3", "Crouching Tiger, Hidden Dragon", 2000),
        ListRow("watchlist.csv:4", "Blade", 1998),
    ]


def entries(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomli.loads(path.read_text(encoding="utf-8")).get("release", [])
    return found


def test_rows_resolve_by_title_and_year_released_left_out_unresolved_to_the_inbox(
    server: HTTPServer, registry: Path
) -> None:
    fake_tmdb(server)
    done = run(server, registry, letterboxd_rows())
    assert (done.failed, done.imported) == ((), ("Dune: Part Three",))
    assert done.released == ("Crouching Tiger, Hidden Dragon",)
    assert [e["ids"]["tmdb"] for e in entries(registry)] == ["movie/1170608"]
    (waiting,) = read_inbox(registry.parent / "inbox.json")
    assert waiting.reason == 'no TMDB match for "Blade" (1998)'
    assert (waiting.ref, waiting.source, waiting.date) == (
        "letterboxd:blade-1998", "letterboxd watchlist.csv:4", "1998",
    )  # fmt: skip
    assert done.unresolved == (waiting,)


def test_the_same_list_again_is_already_there_and_all_keeps_the_released(
    server: HTTPServer, registry: Path
) -> None:
    fake_tmdb(server)
    run(server, registry, letterboxd_rows())
    again = run(server, registry, letterboxd_rows(), only="all")
    assert again.present == ("Dune: Part Three",)
    assert (again.imported, again.released) == (("Crouching Tiger, Hidden Dragon",), ())
    assert len(read_inbox(registry.parent / "inbox.json")) == 1  # Blade once


def test_imdb_ids_go_through_find_and_a_series_brings_its_seasons_to_come(
    server: HTTPServer, registry: Path
) -> None:
    asked = fake_tmdb(server)
    rows = [
        ListRow("list.csv:2", "Dune: Part Three", 2026, ids={"imdb": "tt15239678"}),
        ListRow("list.csv:3", "The Long Winter", 2022, kind="series", ids={"imdb": "tt1234567"}),
        ListRow("list.csv:4", "Breaking Bad", 2008, kind="series", ids={"imdb": "tt0903747"}),
    ]
    done = run(server, registry, rows, name="imdb")
    assert "/3/search/movie" not in asked
    # A show is an entry a season to come, as `import tmdb:tv/ID`; one that has ended brings
    # nothing and counts as released.
    assert done.imported == (
        "Dune: Part Three", "The Long Winter — Season 2", "The Long Winter — Season 3",
    )  # fmt: skip
    assert done.released == ("Breaking Bad",)
    assert done.unresolved == ()
    seasons = [r for r in tomli.loads(registry.read_text())["release"] if r["kind"] == "series"]
    assert [(r["season"], r["ids"]["tmdb"]) for r in seasons] == [
        (2, f"tv/{SHOW}"),
        (3, f"tv/{SHOW}"),
    ]
    again = run(server, registry, rows, name="imdb")  # nothing twice
    assert again.imported == ()
    assert "The Long Winter — Season 3" in again.present


def test_a_title_typed_by_hand_is_linked(server: HTTPServer, registry: Path) -> None:
    fake_tmdb(server)
    registry.write_text(
        'schema = 1\n\n[[release]]\nid = "dune-3"\ntitle = "Dune: Part Three"\nkind = "film"\n'
        'date = "2026-12"\n',
        encoding="utf-8",
    )
    done = run(server, registry, letterboxd_rows()[:1])
    assert (done.linked, done.imported) == (("Dune: Part Three",), ())
    (entry,) = entries(registry)
    assert (entry["id"], entry["ids"]["tmdb"]) == ("dune-3", "movie/1170608")


def test_mode_inbox_proposes_and_a_dry_run_writes_nothing(
    server: HTTPServer, registry: Path
) -> None:
    fake_tmdb(server)
    before = registry.read_bytes()
    dry = run(server, registry, letterboxd_rows(), mode="inbox", dry_run=True)
    assert [e.ref for e in dry.proposed] == ["tmdb:movie/1170608"]
    assert not (registry.parent / "inbox.json").exists()
    done = run(server, registry, letterboxd_rows(), mode="inbox")
    assert registry.read_bytes() == before
    assert [e.ref for e in read_inbox(registry.parent / "inbox.json")] == [
        "tmdb:movie/1170608", "letterboxd:blade-1998",
    ]  # fmt: skip
    assert done.proposed[0].source == "letterboxd watchlist.csv:2"
    assert run(server, registry, letterboxd_rows(), mode="inbox").proposed == ()


def test_500_rows_import_in_one_write(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.writing import change

    fake_tmdb(server)
    writes: list[Path] = []
    real = change.change_registry

    def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
        writes.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(change, "change_registry", counted)
    rows = [ListRow(f"trakt sean/watchlist #{n}", f"Film {n}", 2027, ids={"tmdb": f"movie/{n}"})
            for n in range(10001, 10501)]  # fmt: skip
    done = run(server, registry, rows, name="trakt")
    assert (len(done.imported), writes) == (500, [registry])
    assert len(entries(registry)) == 500


def test_a_failure_half_way_writes_nothing_and_names_the_row(
    server: HTTPServer, registry: Path
) -> None:
    fake_tmdb(server)
    before = registry.read_bytes()
    rows = [ListRow(f"list.csv:{n + 1}", f"Film {n}", 2027, ids={"tmdb": f"movie/{n}"})
            for n in range(1, 301)]  # fmt: skip
    rows[249] = rows[249]._replace(ids={"tmdb": f"movie/{MISSING}"})
    done = run(server, registry, [*rows, ListRow("list.csv:999", "Blade", 1998)], name="imdb")
    (failed,) = done.failed
    assert str(failed).startswith("list.csv:251: 'Film 250': TMDB: tmdb:movie/404404: not found")
    assert registry.read_bytes() == before
    assert not (registry.parent / "inbox.json").exists()


def test_calendar_events_are_entries_of_their_own_with_their_uid(
    server: HTTPServer, registry: Path
) -> None:
    rows = rows_of(list_data.MUSPY_ICS.encode(), "muspy.ics")
    done = run(server, registry, rows, name="ics")
    assert (done.imported, done.released) == (("Radiohead - Untitled",), ("Old Band - Old Album",))
    (entry,) = entries(registry)
    assert (entry["kind"], entry["date"]) == ("album", date(2027, 5, 7))
    assert entry["ids"] == {"ics": "5b11f4ce-a62d-471e-81fc-a69a8278c7da@muspy.com"}
    assert entry["history"][0]["note"] == "from the calendar"
    assert run(server, registry, rows, name="ics").present == ("Radiohead - Untitled",)


def test_calendar_events_proposed_in_the_inbox_are_accepted_as_they_are(
    server: HTTPServer, registry: Path
) -> None:
    from release_countdown.workflows.inbox import accept

    text = list_data.MUSPY_ICS.replace("UID:0383dadf-2a4e-4d10-a46a-e9e041da8eb3@muspy.com\r\n", "")
    rows = rows_of(text.encode(), "muspy.ics")
    assert rows[1].uid == "old-band-old-album-2026-03-01"  # no UID: its title and day
    done = run(server, registry, rows, name="ics", mode="inbox", only="all")
    assert [e.ref for e in done.proposed] == [
        "ics:5b11f4ce-a62d-471e-81fc-a69a8278c7da@muspy.com", "ics:old-band-old-album-2026-03-01",
    ]  # fmt: skip
    where = tmdb_settings(server)
    accepted = accept(
        registry, None, inbox=registry.parent / "inbox.json", where=where, today=TODAY,
        dry_run=False, lock_timeout=5.0,
    )  # fmt: skip
    where.close()
    assert accepted.imported.failed == ()
    assert [e["ids"]["ics"] for e in entries(registry)] == [
        "old-band-old-album-2026-03-01", "5b11f4ce-a62d-471e-81fc-a69a8278c7da@muspy.com",
    ]  # fmt: skip
    assert read_inbox(registry.parent / "inbox.json") == []


def test_a_list_of_more_than_20_rows_is_proposed_unless_a_mode_is_asked() -> None:
    rows = [ListRow(f"l:{n}", f"T{n}", 2027) for n in range(21)]
    assert (mode_for(rows[:20], None), mode_for(rows, None)) == ("add", "inbox")
    assert (mode_for(rows, "add"), mode_for(rows[:1], "inbox")) == ("add", "inbox")


def test_radarr_s_own_dates_fill_the_types_tmdb_does_not_date(
    server: HTTPServer, registry: Path
) -> None:
    from release_countdown.core.record import SourceDate

    fake_tmdb(server)
    own = (
        SourceDate("US", "theatrical", "2026-12-20", note="from Radarr", listed=False),
        SourceDate("US", "digital", "2027-02-01", note="from Radarr", listed=False),
        SourceDate("US", "physical", "2027-03", note="from Radarr", listed=False),
    )
    row = ListRow("Radarr movie 1", "Film 4242", 2027, ids={"tmdb": f"movie/{THEATRICAL_ONLY}"},
                  dates=own)  # fmt: skip
    done = run(server, registry, [row], name="radarr")
    assert done.imported == ("Film 4242",)
    (entry,) = tomli.loads(registry.read_text(encoding="utf-8"))["release"]
    # TMDB's own date wins (theatrical); Radarr's fill the types TMDB does not date, with no
    # origin: the user's own, never "unlisted" by refresh.
    assert entry["dates"] == [
        {"region": "US", "type": "theatrical", "date": date(2027, 6, 1), "origin": "tmdb"},
        {"region": "US", "type": "digital", "date": date(2027, 2, 1), "note": "from Radarr"},
        {"region": "US", "type": "physical", "date": "2027-03", "note": "from Radarr"},
    ]


def test_a_series_with_only_thetvdb_s_id_is_found_through_find(
    server: HTTPServer, registry: Path
) -> None:
    asked = fake_tmdb(server)
    row = ListRow("Sonarr series 7", "The Long Winter", 2022, kind="series", ids={"tvdb": "400"})
    done = run(server, registry, [row], name="sonarr")
    assert "/3/find/400" in asked
    assert "/3/search/tv" not in asked
    assert done.imported == ("The Long Winter — Season 2", "The Long Winter — Season 3")
