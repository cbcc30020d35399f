"""Same-titled releases (Blade of 1998 and of 2027) coexist: ids tell them apart, a lookup by
the shared title lists each with its year, and `add`'s hint is a command that works."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from tests.conftest import invoke

TWO_BLADES = """\
schema = 1

[[release]]
id = "blade"
title = "Blade"
kind = "film"
date = 1998-08-21

[[release]]
id = "blade-2027"
title = "Blade"
aliases = ["The Vampire Hunter"]
kind = "film"
date = "2027"
"""

AMBIGUOUS = '"Blade" matches 2 titles: blade (1998), blade-2027 (2027); give the id'


def blades(tmp_path: Path) -> Path:
    path = tmp_path / "blades.toml"
    path.write_text(TWO_BLADES, encoding="utf-8")
    return path


def test_check_accepts_two_releases_of_one_title(tmp_path: Path) -> None:
    result = invoke("check", str(blades(tmp_path)))
    assert result.exit_code == 0, result.stderr


def test_a_lookup_by_the_shared_title_lists_each_with_its_year(tmp_path: Path) -> None:
    path = str(blades(tmp_path))
    for command in (
        ["show", "Blade"],
        ["postpone", "Blade", "2028"],
        ["edit", "Blade", "--note", "x"],
        ["remove", "Blade"],
    ):
        result = invoke(*command, "-r", path)
        assert result.exit_code == 1, (command, result.stderr)
        assert AMBIGUOUS in result.stderr, command
    assert (tmp_path / "blades.toml").read_text() == TWO_BLADES


def test_the_id_settles_it_even_when_it_is_also_a_title(tmp_path: Path) -> None:
    path = str(blades(tmp_path))
    result = invoke("show", "blade", "--json", "-r", path)  # "blade" is an id and both titles
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["date"] == "1998-08-21"
    result = invoke("show", "blade-2027", "--json", "-r", path)
    assert json.loads(result.stdout)["date"] == "2027"
    result = invoke("postpone", "blade-2027", "2028", "-r", path)
    assert result.exit_code == 0, result.stderr


def test_add_of_an_existing_title_hints_a_command_that_works(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('schema = 1\n\n[[release]]\nid = "blade"\ntitle = "Blade"\n'
                    'kind = "film"\ndate = 1998-08-21\n', encoding="utf-8")  # fmt: skip
    result = invoke("add", "Blade", "--date", "2027", "--kind", "film", "-r", str(path))
    assert result.exit_code == 2
    command = f"countdown add Blade --id blade-2027 --date 2027 --kind film --registry {path}\n"
    assert result.stderr.endswith(command)  # the whole command (issue 22 item 8)
    result = invoke(*shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert invoke("check", str(path)).exit_code == 0
    result = invoke("show", "Blade", "-r", str(path))
    assert result.exit_code == 1
    assert '"Blade" matches 2 titles: blade (1998), blade-2027 (2027); give the id' in (
        result.stderr
    )


def test_an_alias_may_name_another_release_too(tmp_path: Path) -> None:
    path = str(blades(tmp_path))
    result = invoke("edit", "blade", "--alias", "The Vampire Hunter", "-r", path)
    assert result.exit_code == 0, result.stderr
    assert invoke("check", path).exit_code == 0
    result = invoke("show", "the vampire hunter", "-r", path)
    assert result.exit_code == 1
    assert "blade (1998), blade-2027 (2027); give the id" in result.stderr
