"""Rows as JSON: the form `list --json` prints and rows.schema.json describes. Never imports
rich. CSV and templates take their values from here too, so every text output spells a
value the same way."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from release_countdown.core.dates import DateSpec
from release_countdown.core.rows import PersonRow, Row


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _spec(spec: DateSpec | None) -> str | None:
    return spec.iso() if spec is not None else None


def row_json(row: Row) -> dict[str, Any]:
    """The JSON object of one row (keys in the documented order)."""
    return {
        "id": row.id,
        "title": row.title,
        "aliases": list(row.aliases),
        "kind": row.kind,
        "franchise": row.franchise,
        "date": row.date,
        "precision": row.precision,
        "earliest": _iso(row.earliest),
        "latest": _iso(row.latest),
        "days_remaining": row.days_remaining,
        "days_remaining_max": row.days_remaining_max,
        "status": row.status,
        "countdown": row.countdown,
        "region": row.region,
        "release_type": row.release_type,
        "announced": _spec(row.announced),
        "checked": _iso(row.checked),
        "people": {role: list(names) for role, names in row.people.items()},
        "dates": [
            {
                "region": d.region,
                "type": d.type,
                "date": d.date,
                "precision": d.precision,
                "earliest": _iso(d.earliest),
                "latest": _iso(d.latest),
                "days_remaining": d.days_remaining,
                "days_remaining_max": d.days_remaining_max,
                "where": d.where,
                "announced": _spec(d.announced),
                "note": d.note,
            }
            for d in row.dates
        ],
        "history": [
            {
                "announced": _spec(h.announced),
                "date": h.date,
                "precision": h.precision,
                "earliest": _iso(h.earliest),
                "latest": _iso(h.latest),
                "title": h.title,
                "note": h.note,
            }
            for h in row.history
        ],
        "slip": row.slip._asdict() if row.slip is not None else None,
        "sources": list(row.sources),
        "note": row.note,
        "source": row.source,
    }


def person_json(person: PersonRow) -> dict[str, Any]:
    return {
        "name": person.name,
        "roles": list(person.roles),
        "titles": list(person.titles),
        "next": person.next._asdict() if person.next is not None else None,
    }


def json_lines(rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array with one row a line (like taskwarrior's export): greppable, diffable,
    streamable, and written by json's C encoder, which pretty-printing would bypass."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    first = True
    for row in rows:
        yield ("[\n" if first else ",\n") + encode(row_json(row))
        first = False
    yield "[]\n" if first else "\n]\n"


def to_json(rows: Sequence[Row]) -> str:
    return "".join(json_lines(rows))


def pretty(value: Any) -> str:
    """One object or array, indented (for `show --json`, `next --json`, `people --json`)."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
