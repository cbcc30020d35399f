"""Rows as CSV (RFC 4180): the JSON fields flattened, lists joined. Never imports rich.

Registry text that a spreadsheet would run as a formula gets a leading ' unless ``raw``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

from release_countdown.core.rows import Row
from release_countdown.formats.fields import flat_fields
from release_countdown.formats.jsonrows import row_json

LIST_SEPARATOR: Final = "; "
# The CSV columns: the row's fields that are one value or a list of values, in field order
# (people, typed dates, history and slip are nested; people come as people.ROLE columns).
CSV_FIELDS: Final = flat_fields(Row)
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


def csv_columns(roles: Iterable[str]) -> list[str]:
    """The default columns: the scalar fields, then ``people.<role>`` for each role, sorted."""
    return [*CSV_FIELDS, *(f"people.{role}" for role in sorted(set(roles)))]


def choose_columns(text: str) -> list[str]:
    """``"title,date,people.composer"`` as a list of columns; ValueError naming the unknown."""
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    if not chosen:
        raise ValueError("no columns named (e.g. --columns title,date,people.composer)")
    for name in chosen:
        role = name.removeprefix("people.")
        if name not in CSV_FIELDS and (role == name or not role):
            raise ValueError(
                f"{name!r} is not a column; columns: {', '.join(CSV_FIELDS)}, people.ROLE"
            )
    return chosen


def csv_table(
    rows: Sequence[Row],
    *,
    raw: bool = False,
    roles: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Header and cells: ``columns`` in their order, else the scalar fields and then one
    ``people.<role>`` column per role of ``roles`` (all the registry's, sorted: the same columns
    whatever the view holds; by default the roles of ``rows``).

    Unless ``raw``, text cells that would start a formula are defused (see ``defused``).
    """
    objects: list[dict[str, Any]] = [row_json(row) for row in rows]
    if roles is None:
        roles = (role for row in rows for role in row.people)
    header = list(columns) if columns is not None else csv_columns(roles)
    to_cell = cell if raw else text_cell

    def value(obj: dict[str, Any], name: str) -> object:
        if name in obj and name != "people":
            return obj[name]
        return obj["people"].get(name.removeprefix("people."))

    body = [[to_cell(value(obj, name)) for name in header] for obj in objects]
    return header, body


def to_csv(
    rows: Sequence[Row],
    *,
    raw: bool = False,
    roles: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes doubled); ``raw`` keeps formula-like cells verbatim;
    ``roles`` and ``columns`` as in ``csv_table``."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    header, body = csv_table(rows, raw=raw, roles=roles, columns=columns)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()
