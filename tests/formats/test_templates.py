"""Item 10 of issue 16: a spec that cannot apply renders that field empty for that row; every
role is a field; `next --limit N` prints the next N."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke


def test_a_numeric_spec_leaves_a_tba_row_blank_not_the_command_failed(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--format", "{days:>4d} {title}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "  23 Avengers: Doomsday\n"
        "  23 Dune: Part Three\n"
        " 127 The Bear (Season 5)\n"
        " 184 Star Wars: Starfighter\n"
        " 234 The Odyssey (Original Motion Picture Soundtrack)\n"
        "     Hollow Knight: Silksong – Sea of Sorrow\n"
    )


def test_every_role_is_a_field(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke(
        "list", "-r", registry, "--as-of", AS_OF, "--kind", "game,series",
        "--format", "{title}|{developer}|{showrunner}|{people.showrunner}|{people.cast}",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "The Bear (Season 5)||Christopher Storer|Christopher Storer|"
        "Jeremy Allen White, Ayo Edebiri, Catherine O'Hara\n"
        "Hollow Knight: Silksong – Sea of Sorrow|Team Cherry|||\n"
    )


def test_people_fields_are_the_only_dotted_ones(tmp_path: Path) -> None:
    result = invoke("list", "--format", "{people.cast.__class__}")
    assert result.exit_code == 2
    assert "attribute or index access is not supported (but {people.ROLE} is)" in result.stderr


def test_next_limit_prints_the_next_n(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke(
        "next", "-r", registry, "--as-of", AS_OF, "--limit", "3", "--format", "{days:>4d}  {title}"
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "  23  Avengers: Doomsday\n  23  Dune: Part Three\n 127  The Bear (Season 5)\n",
    )
    result = invoke("next", "-r", registry, "--as-of", AS_OF, "--limit", "2", "--json")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "avengers-doomsday",
        "dune-part-three",
    ]
    result = invoke("next", "-r", registry, "--as-of", AS_OF)
    assert result.stdout == "Avengers: Doomsday in 23 days (2026-12-18)\n"
