"""Help text: usage lines, option help, the root command list, -V."""

from __future__ import annotations

import re

import pytest

from release_countdown.cli.app import COMMANDS
from tests.conftest import invoke


@pytest.mark.parametrize("name", list(COMMANDS))
def test_usage_names_arguments_in_capitals_without_braces(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.stderr
    (usage,) = [line for line in result.stdout.splitlines() if line.startswith("Usage:")]
    assert "{" not in usage
    assert "}" not in usage
    assert not re.search(r"\[[a-z]", usage), usage


def test_usage_lines_of_title_commands() -> None:
    def usage(*args: str) -> str:
        return invoke(*args, "--help").stdout.splitlines()[0].split(" [OPTIONS]")[1]

    assert usage("show") == " TITLE"
    assert usage("edit") == " TITLE"
    assert usage("remove") == " TITLE"
    assert usage("watch") == " [TITLE]"
    assert usage("postpone") == " TITLE NEW_DATE"


def test_check_as_of_help_says_what_it_does() -> None:
    text = " ".join(invoke("check", "--help").stdout.split())
    assert "Show the countdown" not in text
    assert "--as-of YYYY-MM-DD Measure `checked` ages (--stale) from this day" in text


def test_root_command_summaries_are_whole_at_80_columns() -> None:
    result = invoke("--help", env={"COLUMNS": "80"})
    commands = result.stdout.split("Commands:")[1].splitlines()[1:]
    assert len([line for line in commands if line.strip()]) == len(COMMANDS)
    for line in commands:
        assert "..." not in line
        assert len(line) <= 80


def test_every_command_carries_its_summary_from_the_table() -> None:
    """The root help lists the table's summaries without loading a command; shell completion
    describes the loaded commands, which carry the same summaries."""
    import typer

    from release_countdown.cli.app import app

    group = typer.main.get_command(app)
    listed = invoke("--help", env={"COLUMNS": "200"}).stdout.split("Commands:")[1]
    for name, (_, summary) in COMMANDS.items():
        assert group.get_command(None, name).get_short_help_str() == summary  # type: ignore[arg-type]
        assert f"  {name} " in listed
        assert f" {summary}\n" in listed


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_version_flag(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("release-countdown ")
