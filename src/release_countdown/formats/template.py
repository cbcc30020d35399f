"""One-line templates for status bars and prompts: ``--format '{title} in {days} days'``.

Fields are the row's scalar fields plus a few shorthands; no attribute or index access, so a
template cannot reach into Python objects.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping
from typing import Final

from release_countdown.core.rows import Row
from release_countdown.formats.csvrows import CSV_FIELDS, cell
from release_countdown.formats.jsonrows import row_json

SHORTHANDS: Final = {
    "days": "days_remaining",
    "days_max": "days_remaining_max",
}
ROLE_FIELDS: Final = ("director", "composer", "writer", "cast")
FIELDS: Final = (*CSV_FIELDS, *SHORTHANDS, "in_days", *ROLE_FIELDS)


def in_days(row: Row) -> str:
    """ "in 209 days", "in 1 day", "today", "in 177–267 days", "3 days ago", "TBA"."""
    low, high = row.days_remaining, row.days_remaining_max
    if low is None or high is None:
        return "TBA"
    if low == high == 0:
        return "today"
    if low < 0 and high >= 0:
        return f"due within {high} day{'s' if high != 1 else ''}"
    if high < 0:
        return f"{-high} day{'s' if high != -1 else ''} ago"
    span = str(low) if low == high else f"{low}–{high}"
    return f"in {span} day{'s' if span != '1' else ''}"


class TemplateError(ValueError):
    pass


def check_template(template: str) -> None:
    """Raise TemplateError unless every ``{field}`` of ``template`` is a known field."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"{template!r} is not a valid template: {exc}") from None
    for _, field, _, conversion in parsed:
        if field is None:
            continue
        if field not in FIELDS:
            raise TemplateError(
                f"unknown field {{{field}}} in {template!r}; valid fields: "
                + ", ".join(f"{{{f}}}" for f in FIELDS)
            )
        if conversion not in (None, "s", "r"):
            raise TemplateError(f"conversion !{conversion} is not supported in {template!r}")


class _Fields(Mapping[str, object]):
    def __init__(self, row: Row) -> None:
        self.row = row
        self.json = row_json(row)

    def __getitem__(self, field: str) -> object:
        field = SHORTHANDS.get(field, field)
        if field == "in_days":
            return in_days(self.row)
        if field in ROLE_FIELDS:
            return ", ".join(self.row.people.get(field, ()))
        value = self.json[field]
        # Numbers stay numbers, so that {days:>4d} formats them; the rest is text.
        return value if isinstance(value, int) else cell(value)

    def __iter__(self) -> Iterator[str]:
        return iter(FIELDS)

    def __len__(self) -> int:
        return len(FIELDS)


def render_template(template: str, row: Row) -> str:
    try:
        return string.Formatter().vformat(template, (), _Fields(row))
    except (ValueError, TypeError) as exc:
        # e.g. a numeric format spec on an empty value: {days:>4} for a TBA title
        raise TemplateError(f"cannot apply {template!r} to {row.id!r}: {exc}") from None
