"""Item 4 of issue 19: one --format/--json pair for `list`, `next`, `people` and `export`, with
the same names, the same refusals in the same words, and the same case rules everywhere."""

from __future__ import annotations

import json

import pytest

from tests.conftest import AS_OF, invoke
from tests.test_architecture import loaded_after, run_command

# Each command that prints rows, as it is run in these tests (`people NAME` lists titles).
COMMANDS = {
    "list": ("list", "--as-of", AS_OF),
    "next": ("next", "--as-of", AS_OF, "--limit", "3"),
    "people": ("people", "--as-of", AS_OF),
    "people-name": ("people", "Lorne Balfe", "--as-of", AS_OF),
    "export": ("export", "--as-of", AS_OF),
}
ROWS = [name for name in COMMANDS if name != "export"]  # the ones that take templates
CONFLICT = "--json asks for JSON, --format 'csv' for something else: use one"


def error_line(stderr: str) -> str:
    """The message, without the usage lines before it (they name the command)."""
    return stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("command", COMMANDS)
def test_json_beside_another_format_is_refused_in_the_same_words(command: str) -> None:
    result = invoke(*COMMANDS[command], "--json", "--format", "csv")
    assert (result.exit_code, result.stdout) == (2, "")
    assert error_line(result.stderr) == f"Error: Invalid value for '--json': {CONFLICT}"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("spelling", ["JSON", "Json", "json"])
def test_format_names_are_case_insensitive_everywhere(command: str, spelling: str) -> None:
    result = invoke(*COMMANDS[command], "--format", spelling)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == invoke(*COMMANDS[command], "--json").stdout
    assert invoke(*COMMANDS[command], "--json", "--format", spelling).stdout == result.stdout
    json.loads(result.stdout.splitlines()[0] if command == "next" else result.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_csv_is_written_by_every_command(command: str) -> None:
    result = invoke(*COMMANDS[command], "--format", "CSV")
    assert result.exit_code == 0, result.stderr
    header = result.stdout_bytes.split(b"\r\n")[0]
    assert header.startswith(b"name,roles" if command == "people" else b"id,title,aliases")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_format_is_refused_naming_the_command_s_formats(command: str) -> None:
    result = invoke(*COMMANDS[command], "--format", "hello")
    assert (result.exit_code, result.stdout) == (2, "")
    names = "ics, csv, json" if command == "export" else "table, json, csv"
    also = "" if command == "export" else ", nor a template with {fields}"
    assert f"Invalid value for '--format': 'hello' is not one of {names}{also}" in result.stderr


def test_export_takes_no_templates() -> None:
    result = invoke(*COMMANDS["export"], "--format", "{title}")
    assert result.exit_code == 2
    assert "'{title}' is not one of ics, csv, json" in result.stderr


@pytest.mark.parametrize("command", ROWS)
@pytest.mark.parametrize(
    ("template", "why"),
    [
        pytest.param("{%s:>99999}", "a width over 1000 is not supported", id="width"),
        pytest.param("{%s:.1001}", "a precision over 1000 is not supported", id="precision"),
        pytest.param("{%s:>{%s}}", "nested fields are not supported", id="nested"),
        pytest.param("{%s.__class__}", "attribute or index access is not supported", id="attr"),
        pytest.param("{%s[0]}", "attribute or index access is not supported", id="index"),
        pytest.param("{%s!a}", "conversion !a is not supported", id="conversion"),
    ],
)
def test_every_template_has_the_same_limits(command: str, template: str, why: str) -> None:
    field = "name" if command == "people" else "title"
    result = invoke(*COMMANDS[command], "--format", template.replace("%s", field))
    assert (result.exit_code, result.stdout) == (2, ""), result.stdout[:200]
    assert "Invalid value for '--format'" in result.stderr
    assert why in result.stderr


@pytest.mark.parametrize(
    ("command", "field", "known"),
    [
        ("list", "name", "{countdown}"),
        ("next", "name", "{countdown}"),
        ("people-name", "name", "{people.ROLE}"),
        ("people", "title", "{next_title}"),
    ],
)
def test_an_unknown_field_is_refused_naming_the_known_ones(
    command: str, field: str, known: str
) -> None:
    result = invoke(*COMMANDS[command], "--format", f"{{{field}}}")
    assert result.exit_code == 2
    assert f"unknown field {{{field}}}" in result.stderr
    assert known in result.stderr


def test_people_name_takes_the_fields_of_titles() -> None:
    result = invoke(*COMMANDS["people-name"], "--format", "{days:>5d} {title}|{composer}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith("|Lorne Balfe")


def test_next_writes_what_list_writes_for_the_same_rows() -> None:
    listed = invoke("list", "--as-of", AS_OF, "--status", "upcoming", "--status", "today",
                    "--limit", "3", "--format", "csv")  # fmt: skip
    assert invoke(*COMMANDS["next"], "--format", "csv").stdout == listed.stdout
    table = invoke(*COMMANDS["next"], "--format", "table")
    assert table.exit_code == 0, table.stderr
    assert "Mission: Impossible" in table.stdout
    help_text = invoke("next", "--help").stdout
    assert "table, csv, or json" in " ".join(help_text.split())


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--format", "{title}"],
        ["next", "--format", "csv"],
        ["next", "--json"],
        ["people", "--format", "{name}"],
        ["people", "--format", "csv"],
        ["people", "Lorne Balfe", "--json"],
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
    ],
    ids=" ".join,
)
def test_text_formats_do_not_import_rich(argv: list[str]) -> None:
    loaded = loaded_after(run_command([*argv, "--as-of", AS_OF]))
    assert "release_countdown.formats.choice" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "rich"}
