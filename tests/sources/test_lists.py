"""sources/lists: each reader on files in the documented layouts (BOM, quoted commas, both
IMDb headers, the Letterboxd zip), a fake Trakt checking its headers and pages, calendars as
Muspy and Radarr publish them; a file of another layout names the header it expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.errors import NotFoundError, UsageError
from release_countdown.core.listrow import ListRow
from release_countdown.sources.config import SourceSettings
from release_countdown.sources.lists import READERS, reader
from tests.sources import list_data

OFFLINE = SourceSettings({}, timeout=5.0)


def read(name: str, where: Path | str, settings: SourceSettings = OFFLINE) -> list[ListRow]:
    return reader(name)(str(where), settings)


def test_every_reader_is_in_the_table_and_has_read() -> None:
    assert set(READERS) >= {"letterboxd", "imdb", "trakt", "ics"}
    assert all(callable(reader(name)) for name in READERS)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_letterboxd_csv_with_or_without_bom_and_quoted_commas(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "watchlist.csv"
    path.write_bytes(bom + list_data.LETTERBOXD.encode())
    rows = read("letterboxd", path)
    assert [(r.line, r.title, r.year) for r in rows] == [
        ("watchlist.csv:2", "Dune: Part Three", 2026),
        ("watchlist.csv:3", "Crouching Tiger, Hidden Dragon", 2000),
        ("watchlist.csv:4", "Blade", 1998),
    ]
    assert {r.kind for r in rows} == {"film"}
    assert all(not r.ids for r in rows)


def test_letterboxd_account_export_zip(tmp_path: Path) -> None:
    path = tmp_path / "letterboxd-me-2026-12-07-00-00-utc.zip"
    path.write_bytes(list_data.zipped(**{
        "watched.csv": "Date,Name,Year,Letterboxd URI\n2026-01-01,Seen,2020,x\n",
        "watchlist.csv": list_data.LETTERBOXD,
        "deleted__watchlist.csv": "Date,Name,Year,Letterboxd URI\n2026-01-01,Gone,2020,x\n",
    }))  # fmt: skip
    rows = read("letterboxd", path)
    assert [r.title for r in rows] == [
        "Dune: Part Three",
        "Crouching Tiger, Hidden Dragon",
        "Blade",
    ]
    assert rows[0].line == f"{path.name}:watchlist.csv:2"


def test_a_zip_without_watchlist_csv_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(list_data.zipped(**{"ratings.csv": "Date,Name,Year\n"}))
    with pytest.raises(UsageError, match=r"export\.zip: this zip holds no watchlist\.csv"):
        read("letterboxd", path)


def test_a_file_of_another_layout_names_the_header_expected(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(list_data.IMDB_OLD, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read("letterboxd", path)
    assert str(caught.value).startswith(
        "list.csv:1: not a Letterboxd watchlist: no 'Name' column (expected the header "
        '"Date,Name,Year,Letterboxd URI"; found "Position,Const,'
    )
    path.write_text(list_data.LETTERBOXD, encoding="utf-8")
    with pytest.raises(
        UsageError, match=r"no 'Const', 'Title' columns \(expected the header \"Position,"
    ):
        read("imdb", path)


def test_a_bad_year_and_a_file_not_utf8_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "watchlist.csv"
    path.write_text("Date,Name,Year,Letterboxd URI\n2026-01-01,X,soon,u\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"watchlist\.csv:2: Year 'soon' is not a year"):
        read("letterboxd", path)
    path.write_bytes("Date,Name,Year,Letterboxd URI\n2026-01-01,Café,2020,u\n".encode("latin-1"))
    with pytest.raises(UsageError, match=r"watchlist\.csv: not UTF-8 text"):
        read("letterboxd", path)
    with pytest.raises(UsageError, match="no such file"):
        read("letterboxd", tmp_path / "missing.csv")


@pytest.mark.parametrize("text", [list_data.IMDB_OLD, list_data.IMDB_NEW])
def test_imdb_both_header_layouts(tmp_path: Path, text: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    rows = read("imdb", path)
    assert rows[0] == ListRow(
        line="list.csv:2", title="Dune: Part Three", year=2026, kind="film",
        ids={"imdb": "tt15239678"},
    )  # fmt: skip
    assert (rows[1].kind, rows[1].line) == ("series", "list.csv:3")


def test_trakt_sends_both_headers_and_reads_every_page(server: HTTPServer) -> None:
    pages = {
        "1": [list_data.trakt_item(1, "Dune: Part Three", 2026, 1170608, "tt15239678")],
        "2": [list_data.trakt_item(2, "Blade", 1998, 36647, "tt0120611"),
              {"rank": 3, "type": "show", "show": {"title": "A Show"}}],
    }  # fmt: skip
    seen: list[str] = []

    def answer(request: Request) -> Response:
        assert request.headers["trakt-api-key"] == "client-1234567890"
        assert request.headers["trakt-api-version"] == "2"
        page = request.args["page"]
        seen.append(page)
        import json

        headers = {"X-Pagination-Page": page, "X-Pagination-Page-Count": "2"}
        return Response(json.dumps(pages[page]), headers=headers, content_type="application/json")

    server.expect_request("/users/sean/watchlist/movies").respond_with_handler(answer)
    server.expect_request("/users/sean/lists/to-see/items/movies").respond_with_handler(answer)
    show = {"rank": 1, "type": "show", "show": {
        "title": "Severance", "year": 2022,
        "ids": {"trakt": 1, "slug": "severance", "tvdb": 371980, "imdb": "tt11280740",
                "tmdb": 95396}}}  # fmt: skip
    for path in ("/users/sean/watchlist/shows", "/users/sean/lists/to-see/items/shows"):
        server.expect_request(path).respond_with_json([show])
    settings = SourceSettings(
        {"trakt": server.url_for("/").rstrip("/")}, timeout=5.0, trakt_client_id="client-1234567890"
    )
    rows = read("trakt", "sean", settings)
    assert seen == ["1", "2"]
    assert [(r.title, r.kind, r.year, dict(r.ids)) for r in rows] == [
        ("Dune: Part Three", "film", 2026, {"tmdb": "movie/1170608", "imdb": "tt15239678"}),
        ("Blade", "film", 1998, {"tmdb": "movie/36647", "imdb": "tt0120611"}),
        ("Severance", "series", 2022, {"tmdb": "tv/95396", "imdb": "tt11280740", "tvdb": "371980"}),
    ]  # a show of the movies' pages is not read twice; the shows come from their own path
    assert rows[1].line == "trakt sean/watchlist #2"
    assert len(read("trakt", "sean/to-see", settings)) == 3
    assert len(read("trakt", "sean/watchlist", settings)) == 3
    settings.close()


def test_trakt_without_a_client_id_or_with_a_bad_name(server: HTTPServer) -> None:
    settings = SourceSettings({"trakt": server.url_for("/")}, timeout=5.0)
    with pytest.raises(UsageError, match=r"Trakt needs a client id.*TRAKT_CLIENT_ID"):
        read("trakt", "sean", settings)
    with pytest.raises(UsageError, match="not USER or USER/LIST"):
        read("trakt", "../etc", settings)
    server.expect_request("/users/nobody/watchlist/movies").respond_with_data("", status=404)
    settings = SourceSettings(
        {"trakt": server.url_for("/").rstrip("/")}, timeout=5.0, trakt_client_id="client-1234567890"
    )
    with pytest.raises(
        NotFoundError, match=r"Trakt: nobody/watchlist movies page 1: not found \(404\)"
    ):
        read("trakt", "nobody", settings)
    settings.close()


def test_muspy_calendar_each_event_a_row_with_its_uid(tmp_path: Path) -> None:
    path = tmp_path / "muspy.ics"
    path.write_text(list_data.MUSPY_ICS, encoding="utf-8")
    rows = read("ics", path)
    assert [(r.title, r.kind, r.date, r.uid) for r in rows] == [
        ("Radiohead - Untitled", "album", "2027-05-07",
         "5b11f4ce-a62d-471e-81fc-a69a8278c7da@muspy.com"),
        ("Old Band - Old Album", "album", "2026-03-01",
         "0383dadf-2a4e-4d10-a46a-e9e041da8eb3@muspy.com"),
    ]  # fmt: skip


def test_radarr_calendar_days_as_written_never_shifted_by_time_zone(server: HTTPServer) -> None:
    server.expect_request("/feed/v3/calendar/Radarr.ics").respond_with_data(
        list_data.RADARR_ICS, content_type="text/calendar"
    )
    url = server.url_for("/feed/v3/calendar/Radarr.ics") + "?apikey=s3cr3t"
    rows = read("ics", url)
    assert [(r.title, r.kind, r.date, r.uid) for r in rows] == [
        ("Dune: Part Three (Theatrical Release)", "film", "2027-05-07", "Radarr_cinemas_42"),
        ("Dune: Part Three (Digital Release)", "film", "2027-06-01", "Radarr_digital_42"),
    ]


def test_a_file_that_is_not_a_calendar(tmp_path: Path) -> None:
    path = tmp_path / "feed.ics"
    path.write_text("hello\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"feed\.ics: not an iCalendar file"):
        read("ics", path)
