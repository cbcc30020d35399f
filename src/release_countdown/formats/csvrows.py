"""Rows as CSV (RFC 4180): the JSON fields flattened, lists joined. Never imports rich."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from release_countdown.core.rows import Row
from release_countdown.formats.jsonrows import row_json

LIST_SEPARATOR: Final = "; "
# The row's scalar (and list-of-string) fields, in the order CSV columns appear.
CSV_FIELDS: Final = (
    "id", "title", "aliases", "kind", "franchise", "date", "precision", "earliest", "latest",
    "days_remaining", "days_remaining_max", "status", "countdown", "region", "release_type",
    "announced", "checked", "sources", "note", "source",
)  # fmt: skip


def cell(value: object) -> str:
    """A JSON value as text: nothing for null, lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def csv_table(rows: Sequence[Row]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: the scalar fields, then one ``people.<role>`` column per role in view."""
    objects: list[dict[str, Any]] = [row_json(row) for row in rows]
    roles = list(dict.fromkeys(role for row in rows for role in row.people))
    header = [*CSV_FIELDS, *(f"people.{role}" for role in roles)]
    body = [
        [cell(obj[name]) for name in CSV_FIELDS] + [cell(obj["people"].get(r)) for r in roles]
        for obj in objects
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
