"""`people` rows flattened, for CSV and templates (JSON is formats/jsonrows.py person_json;
templates are formats/template.py PERSON_FIELDS).

The columns derive from ``PersonRow``'s fields: its plain fields, then those of its nested row
(``next``: the next release's ``Brief``) prefixed ``next_``. Two spellings are kept as the
columns were first published: ``titles`` is how many titles (the JSON lists their ids), and
``next_days`` is short for ``next_days_remaining``, as ``{days}`` is in title templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from release_countdown.core.rows import PersonRow
from release_countdown.formats.csvrows import cell, text_cell
from release_countdown.formats.fields import flat_fields, nested_fields
from release_countdown.formats.jsonrows import person_json

COUNTED: Final = frozenset({"titles"})
SHORT: Final = {"next_days_remaining": "next_days"}
# The next release's status says nothing its countdown does not; not a column (yet).
LEFT_OUT: Final = frozenset({"next_status"})


def _columns() -> tuple[tuple[str, str, str | None], ...]:
    """(column, JSON key, key inside the nested object or None) for each column, in order."""
    found: list[tuple[str, str, str | None]] = [(f, f, None) for f in flat_fields(PersonRow)]
    for field, row_type in nested_fields(PersonRow).items():
        for inner in row_type._fields:  # type: ignore[attr-defined]
            name = f"{field}_{inner}"
            if name not in LEFT_OUT:
                found.append((SHORT.get(name, name), field, inner))
    return tuple(found)


_PLAN: Final = _columns()
PERSON_COLUMNS: Final = tuple(column for column, _, _ in _PLAN)


def person_fields(person: PersonRow) -> dict[str, Any]:
    """A person's flat fields, by column: JSON values, ``titles`` counted, ``next_*`` the next
    release's (None when nothing is ahead)."""
    obj = person_json(person)
    fields: dict[str, Any] = {}
    for column, key, inner in _PLAN:
        value = obj[key] if inner is None else (obj[key] or {}).get(inner)
        fields[column] = len(value or ()) if column in COUNTED else value
    return fields


def people_csv(people: Sequence[PersonRow], *, raw: bool = False) -> str:
    """RFC 4180 CSV of people, one a line (formula-like cells defused unless ``raw``)."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PERSON_COLUMNS)
    to_cell = cell if raw else text_cell
    for person in people:
        fields = person_fields(person)
        writer.writerow([to_cell(fields[name]) for name in PERSON_COLUMNS])
    return buffer.getvalue()
