"""Files and answers in the shapes the services document or export, written for the tests:
Letterboxd's watchlist.csv (and the account export's zip), IMDb's list CSV in both header
layouts, Trakt's watchlist items, and calendars as Muspy and Radarr publish them."""

from __future__ import annotations

import io
import zipfile
from typing import Any

LETTERBOXD = (
    "Date,Name,Year,Letterboxd URI\r\n"
    "2026-11-02,Dune: Part Three,2026,https://boxd.it/AbC1\r\n"
    '2026-11-03,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/AbC2\r\n'
    "2026-11-04,Blade,1998,https://boxd.it/AbC3\r\n"
)
# The older export: no "Original Title", no "Your Rating" or "Date Rated".
IMDB_OLD = (
    "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n"
    "1,tt15239678,2026-11-01,2026-11-01,,Dune: Part Three,https://www.imdb.com/title/tt15239678/,"
    'movie,,,2026,"Action, Adventure, Drama",,2026-12-18,Denis Villeneuve\n'
    "2,tt0903747,2026-11-01,2026-11-01,,Breaking Bad,https://www.imdb.com/title/tt0903747/,"
    "tvSeries,9.5,49,2008,Drama,2000000,2008-01-20,\n"
)
# The newer export: "Original Title" after Title, "Your Rating" and "Date Rated" at the end,
# types spelled as words.
IMDB_NEW = (
    "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,"
    "IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,"
    "Date Rated\n"
    '1,tt15239678,2026-11-01,2026-11-01,"a note, with a comma",Dune: Part Three,'
    "Dune: Part Three,https://www.imdb.com/title/tt15239678/,Movie,,,2026,Action,,2026-12-18,"
    "Denis Villeneuve,,\n"
    "2,tt0944947,2026-11-01,2026-11-01,,Game of Thrones,Game of Thrones,"
    "https://www.imdb.com/title/tt0944947/,TV Series,9.2,57,2011,Drama,2300000,2011-04-17,,"
    "10,2026-11-01\n"
)

MUSPY_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Muspy//Muspy//EN\r\n"
    "X-WR-CALNAME:Muspy\r\n"
    "BEGIN:VEVENT\r\nUID:5b11f4ce-a62d-471e-81fc-a69a8278c7da@muspy.com\r\n"
    "DTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270507\r\n"
    "SUMMARY:Radiohead - Untitled\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:0383dadf-2a4e-4d10-a46a-e9e041da8eb3@muspy.com\r\n"
    "DTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20260301\r\n"
    "SUMMARY:Old Band - Old Album\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
# Radarr's feed: one event per release type, DATE-TIMEs late in the day in a zone east of
# UTC (converted to UTC they would fall on the day before).
RADARR_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//radarr.video//Radarr//EN\r\n"
    "X-WR-CALNAME:Radarr Movies Calendar\r\n"
    "BEGIN:VEVENT\r\nUID:Radarr_cinemas_42\r\nDTSTAMP:20261201T000000Z\r\n"
    "DTSTART;TZID=Asia/Tokyo:20270507T063000\r\nDTEND;TZID=Asia/Tokyo:20270507T083000\r\n"
    "SUMMARY:Dune: Part Three (Theatrical Release)\r\nCATEGORIES:Theatrical\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:Radarr_digital_42\r\nDTSTAMP:20261201T000000Z\r\n"
    "DTSTART:20270601T230000Z\r\nSUMMARY:Dune: Part Three (Digital Release)\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


def zipped(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


def trakt_item(rank: int, title: str, year: int, tmdb: int | None, imdb: str) -> dict[str, Any]:
    return {
        "rank": rank, "id": 1000 + rank, "listed_at": "2026-11-01T10:00:00.000Z", "notes": None,
        "type": "movie",
        "movie": {"title": title, "year": year, "ids": {
            "trakt": 500 + rank, "slug": title.lower().replace(" ", "-"), "imdb": imdb,
            "tmdb": tmdb,
        }},
    }  # fmt: skip
