"""Reading the files users export from other services: bytes with a cap, UTF-8 with or
without a BOM, CSV with quoted commas and a header checked by name (columns in any order,
extra columns ignored), and the row's line for every message."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from release_countdown.core.errors import UsageError

MAX_FILE: Final = 64 << 20  # bytes: a list of 100,000 titles is a few MiB


def file_bytes(where: str) -> bytes:
    """The bytes of the file ``where``; UsageError naming it when it cannot be read."""
    path = Path(where).expanduser()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise UsageError(f"{where}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{where}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE:
        raise UsageError(f"{where}: larger than {MAX_FILE >> 20} MiB; is it the right file?")
    return data


def text_of(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text, a byte order mark dropped; UsageError when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name}: not UTF-8 text (byte {exc.start + 1}); export the file again, or save "
            "it as UTF-8"
        ) from None


def csv_rows(
    data: bytes, name: str, *, needed: Sequence[str], header: str, layout: str
) -> Iterator[tuple[str, dict[str, str]]]:
    """Each data row of the CSV ``data`` as its line ("watchlist.csv:12") and its cells by
    column name. A file without the ``needed`` columns is a UsageError naming the ``header``
    the ``layout`` has."""
    import csv
    import io

    from release_countdown.core.text import plain_text

    text = text_of(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip() for c in next(reader, [])]
        missing = [c for c in needed if c not in columns]
        if missing:
            found = plain_text(",".join(columns))[:200] or "nothing"
            word = "columns" if len(missing) > 1 else "column"
            raise UsageError(
                f"{name}:1: not {layout}: no {', '.join(map(repr, missing))} {word} (expected "
                f'the header "{header}"; found "{found}")'
            )
        start = reader.line_num + 1
        for cells in reader:
            line, start = f"{name}:{start}", reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                raise UsageError(f"{line}: {len(cells)} cells for {len(columns)} columns")
            yield line, dict(zip(columns, (plain_text(c).strip() for c in cells), strict=False))
    except csv.Error as exc:
        raise UsageError(f"{name}:{reader.line_num}: not CSV ({exc})") from None


def year_of(text: str | None, where: str) -> int | None:
    """The Year cell: four digits, or empty (None); UsageError otherwise."""
    if not text:
        return None
    if len(text) == 4 and text.isascii() and text.isdigit():
        return int(text)
    raise UsageError(f"{where}: Year {text[:20]!r} is not a year (e.g. 1998)")
