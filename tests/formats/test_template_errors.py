"""Issue 20, item 21: no format spec is a traceback. A spec Python's ``format`` cannot apply to
one row's value is the engine's "cannot apply" case (a blank as wide as asked); the ``c`` type,
which makes a number of days a character (27 is ESC), is refused up front."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from release_countdown.formats import template
from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke


@pytest.mark.parametrize("spec", ["{days:c}", "{days:>5c}", "{days_max:,c}", "{in_days} {days:c}"])
@pytest.mark.parametrize("as_of", [AS_OF, "2035-01-01"])  # days to come, and days gone by
def test_the_c_type_is_refused_up_front(tmp_path: Path, spec: str, as_of: str) -> None:
    registry = daily_registry(tmp_path)
    for command in (["list", "--all"], ["next"]):
        result = invoke(*command, "-r", registry, "--as-of", as_of, "--format", spec)
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert "the c type is not supported (a number as the character of that code" in (
            result.stderr
        )
        assert result.stdout == ""


def test_the_c_type_is_refused_for_people_too(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("people", "-r", registry, "--as-of", AS_OF, "--format", "{next_days:c}")
    assert result.exit_code == 2
    assert "the c type is not supported" in result.stderr


def test_a_fill_character_c_is_no_type(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--format", "{days:c>4}|")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "cc23|"


@pytest.mark.parametrize(
    ("value", "spec"),
    [(10**400, ">6e"), (10**400, "f"), (-(10**400), ">6g"), (10**400, "%")],
)
def test_an_overflowing_spec_is_the_cannot_apply_case(value: int, spec: str) -> None:
    with pytest.raises(OverflowError):
        format(value, spec)  # what Python does with it
    width = int(spec[1]) if spec.startswith(">") else 0
    assert template._Lenient().format_field(value, spec) == " " * width


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("Q4 2027", "2027-Q4"), ("December 2027", "2027-12"), ("2027/12/18", "2027-12-18")],
)
def test_edit_takes_a_typed_date_with_a_new_title(tmp_path: Path, typed: str, stored: str) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("edit", "dune-part-three", "-r", registry, "--title", "Dune 3", "--date", typed)
    assert result.exit_code == 0, result.stderr
    assert f"date set to {stored}" in result.stderr
    shown = invoke("list", "--json", "--all", "-r", registry)  # as of today: after the edit
    row = next(r for r in json.loads(shown.stdout) if r["id"] == "dune-part-three")
    assert (row["title"], row["date"]) == ("Dune 3", stored)
