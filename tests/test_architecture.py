"""The shape STYLE.md asks for, checked: a pure core, and no rich on the scripting paths."""

from __future__ import annotations

import subprocess
import sys

CORE = ("model", "dates", "registry", "query", "output", "text", "errors")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.splitlines()[-1].split())


def test_domain_core_imports_neither_typer_nor_rich() -> None:
    imports = "\n".join(f"import release_countdown.{name}" for name in CORE)
    modules = loaded_after(imports)
    assert not {m for m in modules if m.split(".")[0] in {"typer", "rich", "click"}}


def test_json_and_csv_paths_do_not_import_rich() -> None:
    for fmt in ("json", "csv"):
        code = (
            "import sys\n"
            f"sys.argv = ['countdown', 'list', '--all', '--format', '{fmt}']\n"
            "from release_countdown.cli import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
        )
        modules = loaded_after(code)
        assert "release_countdown.query" in modules
        assert not {m for m in modules if m.split(".")[0] == "rich"}, fmt


def test_piped_table_does_not_import_rich_but_show_does() -> None:
    code = (
        "import sys\nsys.argv = ['countdown', 'list', '--all']\n"
        "from release_countdown.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
    )
    modules = loaded_after(code)
    assert "release_countdown.biglist" in modules
    assert not {"rich.console", "rich.table", "rich.text"} & modules  # rich.cells measures text
    assert "rich.panel" in loaded_after(code.replace("'list', '--all'", "'show', 'argylle'"))


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "release_countdown", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("release-countdown ")
