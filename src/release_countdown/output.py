"""Machine-readable outputs made from rows: JSON and CSV. Never imports rich."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from release_countdown.query import Row

LIST_SEPARATOR: Final = "; "
# The row's scalar (and list-of-string) fields, in the order CSV columns appear.
CSV_FIELDS: Final = (
    "id", "title", "aliases", "kind", "franchise", "date", "precision", "earliest", "latest",
    "days_remaining", "days_remaining_max", "status", "countdown", "region", "release_type",
    "announced", "checked", "sources", "note", "source",
)  # fmt: skip


def to_json(rows: Sequence[Row]) -> str:
    return "".join(json_lines(rows))


def json_lines(rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array with one row a line (like taskwarrior's export): greppable, diffable,
    streamable, and written by json's C encoder, which pretty-printing would bypass."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return json_array_lines(encode(row) for row in rows)


def json_array_lines(texts: Iterable[str]) -> Iterator[str]:
    """The array around rows already encoded (``json_lines`` and the parse cache's rows)."""
    first = True
    for text in texts:
        yield ("[\n" if first else ",\n") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def csv_table(rows: Sequence[Row]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: the scalar fields, then one ``people.<role>`` column per role in view."""
    roles = list(dict.fromkeys(role for row in rows for role in row["people"]))
    header = [*CSV_FIELDS, *(f"people.{role}" for role in roles)]
    body = [
        [_cell(row[name]) for name in CSV_FIELDS] + [_cell(row["people"].get(r)) for r in roles]
        for row in rows
    ]
    return header, body


def to_csv(rows: Sequence[Row]) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled)."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, body = csv_table(rows)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()
