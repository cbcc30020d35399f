"""Letterboxd: the account export (a .zip holding watchlist.csv) or its watchlist.csv.

watchlist.csv's header is ``Date,Name,Year,Letterboxd URI``: a title and its year, no other
id, so each row is searched on TMDB by name and year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from release_countdown.core.errors import UsageError
from release_countdown.core.listrow import ListRow
from release_countdown.sources.lists.files import MAX_FILE, csv_rows, file_bytes, year_of

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings

HEADER: Final = "Date,Name,Year,Letterboxd URI"
WATCHLIST: Final = "watchlist.csv"
_ZIP: Final = b"PK\x03\x04"


def read(where: str, settings: SourceSettings) -> list[ListRow]:
    from pathlib import PurePath

    data = file_bytes(where)
    name = PurePath(where).name
    if data.startswith(_ZIP):
        name, data = f"{name}:{WATCHLIST}", _watchlist(data, where)
    rows = csv_rows(
        data, name, needed=("Name", "Year"), header=HEADER, layout="a Letterboxd watchlist"
    )
    return [
        ListRow(line=line, title=cells["Name"], year=year_of(cells.get("Year"), line))
        for line, cells in rows
        if cells.get("Name")
    ]


def _watchlist(data: bytes, where: str) -> bytes:
    """watchlist.csv from the account export's zip (at its top, or the shallowest one)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = sorted(
                (i for i in archive.infolist() if i.filename.rsplit("/", 1)[-1] == WATCHLIST),
                key=lambda i: i.filename.count("/"),
            )
            if not found:
                raise UsageError(
                    f"{where}: this zip holds no {WATCHLIST}; give the Letterboxd account "
                    f"export (Settings > Data > Export your data) or its {WATCHLIST}"
                )
            if found[0].file_size > MAX_FILE:
                raise UsageError(f"{where}: its {WATCHLIST} is larger than {MAX_FILE >> 20} MiB")
            with archive.open(found[0]) as member:
                return member.read(MAX_FILE + 1)[:MAX_FILE]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        raise UsageError(f"{where}: not a readable zip ({exc})") from None
