"""Item 7 of issue 16: a people filter that names nobody says so, with a suggestion."""

from __future__ import annotations

from pathlib import Path

from release_countdown.core.matching import close_names
from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke

ZIMER = "countdown: nobody named 'zimer' in the registry; did you mean 'Hans Zimmer'?\n"


def test_a_typo_in_a_people_filter_is_named_with_a_suggestion(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--composer", "zimer")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", ZIMER)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--composer", "zimer", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", ZIMER)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--person", "zimer", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", ZIMER)


def test_timeline_and_export_say_it_too(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    for command in ("timeline", "export"):
        result = invoke(command, "-r", registry, "--as-of", AS_OF, "--composer", "zimer")
        assert (result.exit_code, result.stderr) == (0, ZIMER), command


def test_a_name_in_another_role_says_which_role_missed(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("list", "-r", registry, "--as-of", AS_OF, "--composer", "villeneuve")
    assert result.stderr == "countdown: no composer named 'villeneuve' in the registry\n"


def test_a_known_person_with_nothing_in_view_gets_the_usual_hint(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke(
        "list", "-r", registry, "--as-of", AS_OF, "--composer", "zimmer", "--kind", "game"
    )
    assert result.stderr.startswith("countdown: no titles in this view")


def test_close_names_look_at_each_word() -> None:
    names = ["Hans Zimmer", "Christopher Storer", "Christopher Larkin"]
    assert close_names(names, "zimer") == ["Hans Zimmer"]
    assert close_names(names, "storrer") == ["Christopher Storer"]
    assert close_names(names, "xyzzy") == []
