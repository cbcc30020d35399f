"""Item 4 of issue 19: the output format parsed once into a typed value; one template engine
over any row type; JSON keys and CSV columns derived from the rows' fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.rows import Brief, DateRow, HistoryRow, PersonRow, Row, Slip
from release_countdown.formats import template
from release_countdown.formats.choice import FormatError, Named, parse_output_format
from release_countdown.formats.csvrows import CSV_FIELDS
from release_countdown.formats.fields import flat_fields, json_encoder, nested_fields
from release_countdown.formats.jsonrows import person_json, row_json
from release_countdown.formats.peoplerows import PERSON_COLUMNS, people_csv

TABLE_JSON_CSV = (Named.TABLE, Named.JSON, Named.CSV)


def parse(
    text: str | None,
    as_json: bool = False,
    fields: Callable[[], template.TemplateFields] | None = lambda: template.TITLE_FIELDS,
) -> object:
    return parse_output_format(
        text, as_json=as_json, default="table", supported=TABLE_JSON_CSV, fields=fields
    )


# --- the option's value ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["csv", "CSV", "Csv"])
def test_names_are_case_insensitive(text: str) -> None:
    assert parse(text) is Named.CSV


def test_no_format_is_the_default_and_json_is_short_for_format_json() -> None:
    assert parse(None) is Named.TABLE
    assert parse(None, as_json=True) is Named.JSON
    assert parse("JSON", as_json=True) is Named.JSON


@pytest.mark.parametrize("text", ["table", "csv", "{title}"])
def test_json_beside_another_format_blames_json(text: str) -> None:
    with pytest.raises(FormatError) as caught:
        parse(text, as_json=True)
    assert caught.value.option == "--json"
    assert (
        str(caught.value) == f"--json asks for JSON, --format {text!r} for something else: use one"
    )


def test_a_name_the_command_does_not_write_is_refused() -> None:
    with pytest.raises(FormatError, match=r"^'ics' is not one of table, json, csv, nor a template"):
        parse("ics")
    with pytest.raises(FormatError, match=r"^'\{title\}' is not one of table, json, csv$"):
        parse("{title}", fields=None)


def test_the_fields_are_looked_up_only_for_a_template() -> None:
    def never() -> template.TemplateFields:
        raise AssertionError("fields looked up for a named format")

    assert parse("csv", fields=never) is Named.CSV
    made = parse("{name}", fields=lambda: template.PERSON_FIELDS)
    assert isinstance(made, template.Template)
    assert made.fields is template.PERSON_FIELDS


# --- one template engine, the same limits for every kind of row ------------------------------

KINDS = {"title": template.TITLE_FIELDS, "person": template.PERSON_FIELDS}
LIMITS = [
    ("{name:>1001}", "a width over 1000"),
    ("{name:>99999999}", "a width over 1000"),
    ("{name:.1001}", "a precision over 1000"),
    ("{name:>{name}}", "nested fields"),
    ("{name.__class__}", "attribute or index access"),
    ("{name[0]}", "attribute or index access"),
    ("{name!a}", "conversion !a"),
    ("{name", "not a valid template"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("text", "why"), LIMITS)
def test_every_kind_of_row_has_the_same_limits(kind: str, text: str, why: str) -> None:
    field = "name" if kind == "person" else "title"
    with pytest.raises(template.TemplateError, match=why):
        template.parse(text.replace("name", field), KINDS[kind])


@pytest.mark.parametrize("kind", KINDS)
def test_widths_up_to_the_limit_are_fine(kind: str) -> None:
    field = "name" if kind == "person" else "title"
    template.parse(f"{{{field}:>1000}}|{{{field}:.1000}}", KINDS[kind])


def test_unknown_fields_are_refused_naming_the_known_ones() -> None:
    with pytest.raises(template.TemplateError) as caught:
        template.parse("{title}", template.PERSON_FIELDS)
    assert str(caught.value) == (
        "unknown field {title} in '{title}'; valid fields: "
        + ", ".join(f"{{{c}}}" for c in PERSON_COLUMNS)
    )
    with pytest.raises(template.TemplateError, match=r"\{in_days\}.*\{people\.ROLE\}$"):
        template.parse("{next_title}", template.TITLE_FIELDS)
    with pytest.raises(template.TemplateError, match=r"not supported$"):
        template.parse("{people.composer}", template.PERSON_FIELDS)  # only titles have people


def person(next_days: int | None) -> PersonRow:
    upcoming = None
    if next_days is not None:
        upcoming = Brief("x", "X", "2027-01-01", next_days, f"in {next_days} days", "upcoming")
    return PersonRow("=Ann Lee", ("composer", "director"), ("x", "y"), upcoming)


def test_a_person_renders_through_the_same_engine() -> None:
    made = template.parse("{titles}|{roles}|{next_days:>4d}|{name}", template.PERSON_FIELDS)
    assert made.render(person(12)) == "2|composer, director|  12|=Ann Lee"
    # A spec that cannot apply leaves a blank as wide as asked, as it does for titles.
    assert made.render(person(None)) == "2|composer, director|    |=Ann Lee"


# --- JSON keys and CSV columns, derived from the rows' fields ---------------------------------


def row() -> Row:
    day = dt.date(2027, 7, 2)
    spec = DateSpec("2027-07-02", Precision.DAY, day, day)
    return Row(
        "id", "Title", ("Alias",), "film", None, "2027-07-02", "day", day, day, 10, 10,
        "upcoming", "in 10 days", None, None, spec, day, {"composer": ("A", "B")},
        (DateRow("GB", "theatrical", "2027-07-02", "day", day, day, 10, 10, None, None, None),),
        (HistoryRow(spec, "2027-07-02", "day", day, day, None, "n", None),),
        Slip("2027", 2, 1, 0, 182, 0, 0, 0, 0, 0, 0, "postponed"), "postponed",
        ("https://example.org",), None, "bundled",
    )  # fmt: skip


def test_json_keys_are_the_fields_of_the_rows() -> None:
    obj = row_json(row())
    assert list(obj) == list(Row._fields)
    assert list(obj["dates"][0]) == list(DateRow._fields)
    assert list(obj["history"][0]) == list(HistoryRow._fields)
    assert list(obj["slip"]) == list(Slip._fields)
    assert list(person_json(person(3))) == list(PersonRow._fields)
    assert list(person_json(person(3))["next"]) == list(Brief._fields)


def test_json_values_are_spelled_as_they_were() -> None:
    obj = row_json(row())
    assert (obj["aliases"], obj["earliest"], obj["announced"]) == (
        ["Alias"], "2027-07-02", "2027-07-02"
    )  # fmt: skip
    assert obj["people"] == {"composer": ["A", "B"]}
    assert obj["dates"][0]["announced"] is None
    assert obj["history"][0]["announced"] == "2027-07-02"
    assert obj["slip"] == {
        "first_date": "2027", "announcements": 2, "postponed": 1, "moved_up": 0, "days_later": 182,
        "dated": 0, "undated": 0, "narrowed": 0, "widened": 0, "shifted_later": 0,
        "shifted_earlier": 0, "since_first": "postponed", "rechosen": 0,
    }  # fmt: skip
    assert person_json(person(None))["next"] is None


def test_the_csv_columns_are_the_published_ones() -> None:
    assert CSV_FIELDS == (
        "id", "title", "aliases", "kind", "franchise", "date", "precision", "earliest", "latest",
        "days_remaining", "days_remaining_max", "status", "countdown", "region", "release_type",
        "announced", "checked", "change", "sources", "note", "source", "origin", "mark", "tags",
        "season",
    )  # fmt: skip
    assert PERSON_COLUMNS == (
        "name", "roles", "titles", "next_id", "next_title", "next_date", "next_days",
        "next_countdown",
    )  # fmt: skip
    assert people_csv([person(5)]) == (
        "name,roles,titles,next_id,next_title,next_date,next_days,next_countdown\r\n"
        "'=Ann Lee,composer; director,2,x,X,2027-01-01,5,in 5 days\r\n"
    )


class Inner(NamedTuple):
    day: dt.date


class Grown(NamedTuple):
    """A row with one field of each kind: what a new field of Row would be."""

    name: str
    count: int | None
    days: tuple[dt.date, ...]
    spec: DateSpec | None
    precision: Precision
    inner: Inner | None
    inners: tuple[Inner, ...]
    people: dict[str, tuple[str, ...]]


def test_a_new_field_reaches_json_and_csv_without_a_list_to_edit() -> None:
    day = dt.date(2030, 1, 2)
    grown = Grown("n", None, (day,), DateSpec("2030", Precision.YEAR), Precision.YEAR,
                  Inner(day), (Inner(day),), {"cast": ("A",)})  # fmt: skip
    assert json_encoder(Grown)(grown) == {
        "name": "n", "count": None, "days": ["2030-01-02"], "spec": "2030", "precision": "year",
        "inner": {"day": "2030-01-02"}, "inners": [{"day": "2030-01-02"}],
        "people": {"cast": ["A"]},
    }  # fmt: skip
    assert flat_fields(Grown) == ("name", "count", "days", "spec", "precision")
    assert nested_fields(Grown) == {"inner": Inner}


def test_csv_says_the_latest_change_of_date(tmp_path: Path) -> None:
    from tests.conftest import invoke

    path = tmp_path / "releases.toml"
    path.write_text(
        'schema = 1\n\n[[release]]\ntitle = "Year Film"\nkind = "film"\ndate = 2028-05-26\n\n'
        '[[release.history]]\nannounced = 2026-01-10\ndate = "2028"\n\n'
        "[[release.history]]\nannounced = 2026-09-01\ndate = 2028-05-26\n",
        encoding="utf-8",
    )
    result = invoke(
        "list", "-r", str(path), "--format", "csv", "--columns", "title,change",
        "--as-of", "2026-11-25",
    )  # fmt: skip
    assert result.stdout.splitlines() == ["title,change", "Year Film,narrowed"]
