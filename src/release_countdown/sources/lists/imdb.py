"""IMDb: a list or watchlist exported as CSV (the list's "Export" menu).

Two header layouts are in use, and both are read by column name: the older
``Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,Runtime
(mins),Year,Genres,Num Votes,Release Date,Directors`` and the newer one, which adds
"Original Title" after Title and "Your Rating", "Date Rated" at the end. ``Const`` is the
tt id, resolved through TMDB's /find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from release_countdown.core.listrow import ListRow
from release_countdown.registry.format import id_of
from release_countdown.sources.lists.files import csv_rows, file_bytes, year_of

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings

HEADER: Final = (
    "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"
)
# "Title Type" as either layout spells it (lower case, spaces dropped) -> the kind.
KINDS: Final = {
    "movie": "film", "tvmovie": "film", "short": "film", "tvshort": "film", "video": "film",
    "tvspecial": "film", "tvseries": "series", "tvminiseries": "series", "videogame": "game",
}  # fmt: skip


def read(where: str, settings: SourceSettings) -> list[ListRow]:
    from pathlib import PurePath

    rows = csv_rows(
        file_bytes(where), PurePath(where).name, needed=("Const", "Title", "Year"),
        header=HEADER, layout="an IMDb list export",
    )  # fmt: skip
    found = []
    for line, cells in rows:
        ident = id_of("imdb", cells.get("Const", ""))
        title = cells.get("Title") or cells.get("Original Title") or ""
        if not title and ident is None:
            continue
        kind = KINDS.get(cells.get("Title Type", "").lower().replace(" ", ""), "film")
        found.append(
            ListRow(
                line=line, title=title or str(ident), year=year_of(cells.get("Year"), line),
                kind=kind, ids={"imdb": ident} if ident else {},
            )
        )  # fmt: skip
    return found
