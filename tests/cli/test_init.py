"""Item 2 of issue 16: `init` starts an empty registry with a commented example."""

from __future__ import annotations

import os
from pathlib import Path

import tomli

from release_countdown.registry.locations import bundled_registry
from tests.conftest import invoke


def user_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"


def test_init_makes_an_empty_registry_with_a_commented_example() -> None:
    result = invoke("init")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"countdown: created {user_path()}\n"
    text = user_path().read_text(encoding="utf-8")
    assert tomli.loads(text) == {"schema": 1}
    assert "# [[release]]\n" in text
    assert '# title = "Dune: Part Three"\n' in text
    assert "fact sheet" not in text
    assert "shared/reference" not in text
    # The example is the format: uncommented, it is a valid release.
    example = "\n".join(
        line.removeprefix("# ")
        for line in text.splitlines()
        if line.startswith("# [") or " = " in line
    )
    assert tomli.loads(example)["release"][0]["title"] == "Dune: Part Three"
    assert invoke("list", "--all", "--json").stdout == "[]\n"
    assert invoke("fmt", "--check").exit_code == 0


def test_init_with_examples_copies_the_bundled_titles_without_the_project_header() -> None:
    result = invoke("init", "--with-examples")
    assert result.exit_code == 0, result.stderr
    text = user_path().read_text(encoding="utf-8")
    assert "fact sheet" not in text
    assert "shared/reference" not in text
    assert text.startswith("# My release-countdown registry, started from the bundled examples.")
    mine = tomli.loads(text)
    bundled = tomli.loads(bundled_registry().read_text(encoding="utf-8"))
    assert mine == bundled
    assert invoke("fmt", "--check").exit_code == 0


def test_init_empty_is_kept_as_an_alias_of_the_default(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    assert invoke("init", "--empty", "-r", str(target)).exit_code == 0
    assert tomli.loads(target.read_text(encoding="utf-8")) == {"schema": 1}
    both = invoke("init", "--empty", "--with-examples", "-r", str(tmp_path / "s.toml"))
    assert both.exit_code == 2
    assert "--with-examples and --empty ask for different things: use one" in both.stderr
