"""One-line templates for status bars and prompts: ``--format '{title} in {days} days'``.

One engine for every kind of row: a title of `list`/`next`/`people NAME` (``TITLE_FIELDS``)
and a person of `people` (``PERSON_FIELDS``), each naming its fields and how a row spells
them. The same limits hold for every kind: fields by name only (``{people.ROLE}`` is the one
dotted name, for titles), no attribute or index access, no fields nested in format specs, so a
template cannot reach into Python objects; widths and precisions stop at MAX_WIDTH, so one row
cannot grow to megabytes; the ``c`` type (a number as the character with that code: 27 days is
ESC) is refused; an unknown field is refused naming the known ones. A format spec that cannot
apply to one row's value (``{days:>4d}`` on a TBA title, any error Python's ``format`` raises)
renders that field empty, padded to the spec's width, for that row: the other rows print as
asked.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from release_countdown.core.rows import PersonRow, Row
from release_countdown.formats.csvrows import CSV_FIELDS, cell
from release_countdown.formats.jsonrows import row_json
from release_countdown.formats.peoplerows import PERSON_COLUMNS, person_fields

SHORTHANDS: Final = {
    "days": "days_remaining",
    "days_max": "days_remaining_max",
}
# The usual roles are fields of their own; any role is {people.ROLE}.
ROLE_FIELDS: Final = (
    "director", "composer", "writer", "cast", "developer", "showrunner", "producer", "creator",
    "author", "artist", "publisher", "studio",
)  # fmt: skip
FIELDS: Final = (*CSV_FIELDS, *SHORTHANDS, "in_days", *ROLE_FIELDS)
_PEOPLE_FIELD: Final = re.compile(r"people\.([A-Za-z0-9_-]{1,100})")
MAX_WIDTH: Final = 1000
# Python's format-spec mini-language, [[fill]align][sign][z][#][0][width][grouping][.precision]
# [grouping][type] (the grouping after the precision is Python 3.14's), any fill character.
_SPEC: Final = re.compile(
    r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>[0-9]+)?[,_]?(?:\.(?P<precision>[0-9]+))?[,_]?"
    r"(?P<type>[bcdeEfFgGnosxX%])?",
    re.DOTALL,
)


def in_days(row: Row) -> str:
    """ "in 209 days", "in 1 day", "today", "in 177–267 days", "3 days ago", "TBA"."""
    low, high = row.days_remaining, row.days_remaining_max
    if low is None or high is None:
        return "TBA"
    if low == high == 0:
        return "today"
    if row.status == "due":
        return f"due within {high} day{'s' if high != 1 else ''}"
    if high < 0:
        return f"{-high} day{'s' if high != -1 else ''} ago"
    span = str(low) if low == high else f"{low}–{high}"
    return f"in {span} day{'s' if span != '1' else ''}"


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class TemplateFields:
    """The fields a template may name for one kind of row, and the row's values for them."""

    names: tuple[str, ...]
    values: Callable[[Any], Mapping[str, object]]
    dotted: re.Pattern[str] | None = None  # more names (``people.ROLE``), any that match
    dotted_help: str = ""  # how the message names them: "{people.ROLE}"

    def knows(self, name: str) -> bool:
        return name in self.names or (self.dotted is not None and bool(self.dotted.fullmatch(name)))

    def listing(self) -> str:
        known = ", ".join(f"{{{name}}}" for name in self.names)
        return f"{known}, {self.dotted_help}" if self.dotted_help else known


@dataclass(frozen=True)
class Template:
    """A ``{field}`` template checked against the fields of one kind of row (``parse``)."""

    text: str
    fields: TemplateFields

    def render(self, row: Any) -> str:
        """One row as a line. A spec that cannot apply to its value leaves a blank field."""
        try:
            return _Lenient().vformat(self.text, (), self.fields.values(row))
        except (ValueError, TypeError, KeyError) as exc:
            raise TemplateError(f"cannot apply {self.text!r} to a row: {exc}") from None


def parse(template: str, fields: TemplateFields) -> Template:
    """``template`` as a Template for ``fields``; TemplateError saying what is wrong.

    Every ``{field}`` must be one of ``fields`` (named, no attribute or index access); format
    specs hold no nested ``{field}`` and no width or precision over MAX_WIDTH.
    """
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(f"{template!r} is not a valid template: {exc}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not fields.knows(field):
            if "." in field or "[" in field:
                also = f" (but {fields.dotted_help} is)" if fields.dotted_help else ""
                raise TemplateError(
                    f"{_where(f'{{{field}}}', template)}: attribute or index access is not "
                    f"supported{also}"
                )
            raise TemplateError(
                f"unknown field {{{field}}} in {template!r}; valid fields: {fields.listing()}"
            )
        if conversion not in (None, "s", "r"):
            raise TemplateError(f"conversion !{conversion} is not supported in {template!r}")
        if spec:
            _check_spec(field, spec, template)
    return Template(template, fields)


def _where(part: str, template: str) -> str:
    """The part of a template a message is about, and the template if there is more to it."""
    return part if part == template else f"{part} in {template!r}"


def _check_spec(field: str, spec: str, template: str) -> None:
    where = _where(f"{{{field}:{spec}}}", template)
    try:
        parts = list(string.Formatter().parse(spec))
    except ValueError as exc:
        raise TemplateError(f"{where} is not a valid format spec: {exc}") from None
    if any(nested is not None for _, nested, _, _ in parts):
        raise TemplateError(f"{where}: nested fields are not supported in format specs")
    # What Python would use once "{{" and "}}" are unescaped.
    plain = "".join(text for text, _, _, _ in parts)
    match = _SPEC.fullmatch(plain)
    if match is None:
        raise TemplateError(
            f"{where} is not a valid format spec (expected "
            "[[fill]align][sign][#][0][width][,][.precision][type], e.g. {days:>4})"
        )
    if match.group("type") == "c":
        raise TemplateError(
            f"{where}: the c type is not supported (a number as the character of that code: "
            "27 is ESC)"
        )
    for name in ("width", "precision"):
        # Compared by length first: int() refuses strings of over 4,300 digits.
        digits = (match.group(name) or "").lstrip("0")
        if len(digits) > len(str(MAX_WIDTH)) or (digits and int(digits) > MAX_WIDTH):
            raise TemplateError(f"{where}: a {name} over {MAX_WIDTH} is not supported")


class _TitleValues(Mapping[str, object]):
    """A title's template values, made as the template asks for them."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.json = row_json(row)

    def __getitem__(self, field: str) -> object:
        field = SHORTHANDS.get(field, field)
        if field == "in_days":
            return in_days(self.row)
        if field in ROLE_FIELDS or field.startswith("people."):
            return ", ".join(self.row.people.get(field.removeprefix("people."), ()))
        value = self.json[field]
        # Numbers stay numbers, so that {days:>4d} formats them; the rest is text.
        return value if isinstance(value, int) else cell(value)

    def __iter__(self) -> Iterator[str]:
        return iter(FIELDS)

    def __len__(self) -> int:
        return len(FIELDS)


def _person_values(person: PersonRow) -> dict[str, object]:
    """A person's flat fields; numbers stay numbers, lists are joined with ", "."""
    return {
        name: value
        if isinstance(value, int)
        else ", ".join(value)
        if isinstance(value, list)
        else cell(value)
        for name, value in person_fields(person).items()
    }


TITLE_FIELDS: Final = TemplateFields(FIELDS, _TitleValues, _PEOPLE_FIELD, "{people.ROLE}")
PERSON_FIELDS: Final = TemplateFields(PERSON_COLUMNS, _person_values)


def check_template(template: str) -> None:
    """Raise TemplateError unless ``template`` is a valid template of a title's fields (for
    callers that keep the text; commands receive a parsed Template from cli/formatting.py)."""
    parse(template, TITLE_FIELDS)


class _Lenient(string.Formatter):
    """Fields by name only ({people.ROLE} included); a spec that cannot apply gives blanks."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return format(value, format_spec)
        except (ValueError, TypeError, ArithmeticError):
            # e.g. a numeric spec on an empty value: {days:>4d} for a TBA title; any spec
            # Python cannot apply to this value (OverflowError included) is this case
            match = _SPEC.fullmatch(format_spec)
            width = int(match.group("width") or 0) if match else 0
            return " " * width
