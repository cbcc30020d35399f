"""Every read command prints, byte for byte, what it printed before the reshaping.

The expected files under tests/golden/expected/ were recorded once by tests/golden/make.py (see
its docstring). This test reads the cases back from them, runs each as
``python -m release_countdown ARGS`` in a subprocess with the same pinned environment, and
compares the exit code, stdout (whole, or its SHA-256 for the synthetic registries) and stderr.
It must pass unchanged after a refactor.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from tests.golden import make

pytestmark = pytest.mark.slow

CASES = [
    (registry, name, entry)
    for registry in make.REGISTRIES
    for name, entry in make.load_expected(registry).items()
]
DIFF_LINES = 200


@pytest.fixture(scope="session")
def registry_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The registry path of each case's ``<REGISTRY>``: the synthetic ones made once."""
    folder = tmp_path_factory.mktemp("golden-registries")
    paths = {"bundled": make.BUNDLED}
    paths.update({name: str(make.generate(size, folder)) for name, size in make.SIZES.items()})
    return paths


def diff(expected: str, actual: str, what: str) -> str:
    """A unified diff with carriage returns shown, so that a CRLF change is visible."""
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        f"expected {what}",
        f"actual {what}",
    )
    shown = [line.rstrip("\n").replace("\r", "\\r") for line in lines]
    if len(shown) > DIFF_LINES:
        shown = [*shown[:DIFF_LINES], f"... {len(shown) - DIFF_LINES} more diff lines"]
    return "\n".join(shown)


def compare(expected: dict[str, Any], outcome: make.Outcome) -> list[str]:
    problems = []
    if outcome.exit != expected["exit"]:
        problems.append(f"exit code {outcome.exit}, expected {expected['exit']}")
    if "stdout" in expected:
        if outcome.stdout != expected["stdout"]:
            problems.append(diff(expected["stdout"], outcome.stdout, "stdout"))
    else:
        actual = make.digest(outcome.stdout)
        if actual["stdout_sha256"] != expected["stdout_sha256"]:
            problems.append(
                f"stdout differs: {actual['stdout_lines']} lines, expected "
                f"{expected['stdout_lines']}; first lines:\n"
                + diff("".join(expected["stdout_head"]), "".join(actual["stdout_head"]), "head")
            )
    if outcome.stderr != expected["stderr"]:
        problems.append(diff(expected["stderr"], outcome.stderr, "stderr"))
    return problems


@pytest.mark.parametrize(
    ("registry", "name", "expected"), CASES, ids=[f"{r}:{n}" for r, n, _ in CASES]
)
def test_golden_output(
    registry: str,
    name: str,
    expected: dict[str, Any],
    registry_paths: dict[str, str],
    tmp_path: Path,
) -> None:
    outcome = make.run(expected["args"], registry_paths[registry], tmp_path, expected.get("env"))
    problems = compare(expected, outcome)
    if problems:
        command = " ".join(["countdown", *expected["args"]])
        pytest.fail(f"{registry}:{name}: {command}\n" + "\n\n".join(problems), pytrace=False)


def test_expected_files_hold_the_recorded_cases() -> None:
    """The expected files were written by make.py from its cases, none missing or edited."""
    for registry, cases in make.all_cases().items():
        recorded = make.load_expected(registry)
        assert list(recorded) == [case.name for case in cases], registry
        for case in cases:
            assert recorded[case.name]["args"] == list(case.args), case.id
            assert recorded[case.name].get("env", {}) == dict(case.env), case.id
