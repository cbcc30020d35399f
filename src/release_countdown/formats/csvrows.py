"""Rows as CSV (RFC 4180): the JSON fields flattened, lists joined. Never imports rich.

Registry text that a spreadsheet would run as a formula gets a leading ' unless ``raw``.
"""

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
# OWASP's CSV-injection list: a cell starting with one of these may be run as a formula by a
# spreadsheet.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A JSON value as text: nothing for null, lists joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def defused(text: str) -> str:
    """``text`` with a leading ' if a spreadsheet would run it as a formula (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def text_cell(value: object) -> str:
    """A cell for people: text and lists of text defused; numbers, computed here, as they are."""
    text = cell(value)
    return defused(text) if isinstance(value, (str, list)) else text


def csv_table(rows: Sequence[Row], *, raw: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and cells: the scalar fields, then one ``people.<role>`` column per role in view.

    Unless ``raw``, text cells that would start a formula are defused (see ``defused``).
    """
    objects: list[dict[str, Any]] = [row_json(row) for row in rows]
    roles = list(dict.fromkeys(role for row in rows for role in row.people))
    header = [*CSV_FIELDS, *(f"people.{role}" for role in roles)]
    to_cell = cell if raw else text_cell
    body = [
        [to_cell(obj[name]) for name in CSV_FIELDS] + [to_cell(obj["people"].get(r)) for r in roles]
        for obj in objects
    ]
    return header, body


def to_csv(rows: Sequence[Row], *, raw: bool = False) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled); ``raw`` keeps formula-like cells verbatim."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, body = csv_table(rows, raw=raw)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()
