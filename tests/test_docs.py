"""The README's promises: two copy-paste commands on the first screen, and CI runs the second."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def first_screen_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme.split("\n---\n", 1)[0]
    assert len(first_screen.splitlines()) <= 25
    return re.findall(r"```sh\n(.*?)\n```", first_screen, flags=re.DOTALL)


def test_readme_first_screen_has_exactly_two_commands() -> None:
    install_and_run, run_tests = first_screen_commands()
    assert "pip install ." in install_and_run
    assert install_and_run.endswith("countdown list --all")
    assert "'.[test]'" in run_tests
    assert run_tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, run_tests = first_screen_commands()
    install = run_tests.split("&&")[-2].strip()  # pip install -e '.[test]'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"{install.replace('pip install', 'pip install --quiet')} && pytest" in ci


def test_changelog_has_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog


def test_readme_says_how_to_install_for_everyday_use() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    below = readme.split("\n---\n", 1)[1]
    install = below.split("## Installing\n", 1)[1].split("\n## ", 1)[0]
    assert "pipx install .        # or: uv tool install ." in install
    assert "for trying it from a clone" in install
    assert "for contributors" in install
