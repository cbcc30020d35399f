"""The workflows layer prints nothing, reads no clock and knows no command-line framework."""

from __future__ import annotations

import ast
from pathlib import Path

import release_countdown.workflows

LAYER = Path(release_countdown.workflows.__file__).parent
FRAMEWORKS = {"typer", "click", "rich"}
CLOCK = {"today", "now", "utcnow", "time"}


def offences(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            found += [f"imports {n}" for n in names if n and n.split(".")[0] in FRAMEWORKS]
        elif isinstance(node, ast.Name) and node.id == "print":
            found.append("print")
        elif isinstance(node, ast.Attribute) and node.attr in CLOCK:
            found.append(f"reads the clock (.{node.attr})")
    return found


def test_workflows_print_nothing_read_no_clock_and_import_no_framework() -> None:
    modules = sorted(LAYER.glob("*.py"))
    assert len(modules) >= 5
    found = {p.name: o for p in modules if (o := offences(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_the_check_sees_each_offence() -> None:
    assert offences("import typer") == ["imports typer"]
    assert offences("from rich.console import Console") == ["imports rich.console"]
    assert offences("print('x')") == ["print"]
    assert offences("from datetime import date\nday = date.today()") == ["reads the clock (.today)"]
    assert offences("import time\nclock = time.time") == ["reads the clock (.time)"]
