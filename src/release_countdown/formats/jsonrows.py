"""Rows as JSON: the form `list --json` prints and rows.schema.json describes. Never imports
rich. CSV and templates take their values from here too, so every text output spells a
value the same way."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from release_countdown.core.rows import PersonRow, Row
from release_countdown.formats.fields import json_encoder

if TYPE_CHECKING:  # `list --json` needs none of it (statistics, fractions)
    from release_countdown.core.slips import Slips


def row_json(row: Row) -> dict[str, Any]:
    """The JSON object of one row: its fields in order (see formats/fields.py)."""
    return _ROW(row)


def person_json(person: PersonRow) -> dict[str, Any]:
    """The JSON object of one person of `people`: its fields in order."""
    return _PERSON(person)


def slips_json(result: Slips) -> dict[str, Any]:
    """The JSON object of `slips`: its fields in order, each group an object."""
    from release_countdown.core import slips

    return json_encoder(slips.Slips)(result)


_ROW = json_encoder(Row)
_PERSON = json_encoder(PersonRow)


def json_lines(rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array with one row a line (like taskwarrior's export): greppable, diffable,
    streamable, and written by json's C encoder, which pretty-printing would bypass."""
    return object_lines(map(row_json, rows))


def object_lines(objects: Iterable[Any]) -> Iterator[str]:
    """A JSON array of ``objects``, one a line (`list --json`, the Radarr and Sonarr lists)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    first = True
    for value in objects:
        yield ("[\n" if first else ",\n") + encode(value)
        first = False
    yield "[]\n" if first else "\n]\n"


def to_json(rows: Sequence[Row]) -> str:
    return "".join(json_lines(rows))


def pretty(value: Any) -> str:
    """One object or array, indented (for `show --json`, `next --json`, `people --json`)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
