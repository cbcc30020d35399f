"""`people` rows as CSV and ``{field}`` templates (JSON is formats/jsonrows.py person_json)."""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import Any, Final

from release_countdown.core.rows import PersonRow
from release_countdown.formats.csvrows import LIST_SEPARATOR, cell, text_cell

PERSON_FIELDS: Final = (
    "name", "roles", "titles", "next_id", "next_title", "next_date", "next_days",
    "next_countdown",
)  # fmt: skip


def person_fields(person: PersonRow) -> dict[str, Any]:
    """A person's flat fields: ``titles`` is the number of titles, ``next_*`` the next one's."""
    upcoming = person.next
    return {
        "name": person.name,
        "roles": list(person.roles),
        "titles": len(person.titles),
        "next_id": upcoming.id if upcoming else None,
        "next_title": upcoming.title if upcoming else None,
        "next_date": upcoming.date if upcoming else None,
        "next_days": upcoming.days_remaining if upcoming else None,
        "next_countdown": upcoming.countdown if upcoming else None,
    }


def people_csv(people: Sequence[PersonRow], *, raw: bool = False) -> str:
    """RFC 4180 CSV of people, one a line (formula-like cells defused unless ``raw``)."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PERSON_FIELDS)
    to_cell = cell if raw else text_cell
    for person in people:
        fields = person_fields(person)
        writer.writerow([to_cell(fields[name]) for name in PERSON_FIELDS])
    return buffer.getvalue()


class _Lenient(string.Formatter):
    """A field whose format spec cannot apply to its value (``{next_days:>4d}`` for someone
    with nothing ahead) is left empty; the other fields and people are written."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return ""


def check_person_template(template: str) -> None:
    """ValueError naming an unknown field or a broken template."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ValueError(f"{template!r} is not a template ({exc})") from None
    for name in names:
        if name not in PERSON_FIELDS:
            raise ValueError(f"unknown field {{{name}}}; fields: {', '.join(PERSON_FIELDS)}")


def render_person(template: str, person: PersonRow) -> str:
    fields = person_fields(person)
    values = {
        k: v if isinstance(v, int) else cell(v).replace(LIST_SEPARATOR, ", ")
        for k, v in fields.items()
    }
    return _Lenient().vformat(template, (), values)
