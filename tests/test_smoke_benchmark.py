"""Issue 23: the CI smoke benchmark fails when `list --json` starts up slower than 1.2 x the
import floor, measured as a ratio in one run (benchmarks/smoke.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SMOKE = Path(__file__).resolve().parents[1] / "benchmarks" / "smoke.py"

pytestmark = pytest.mark.slow


def smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smoke", SMOKE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def product(tmp_path: Path, body: str) -> str:
    """An executable that does ``body`` and then what the import floor does."""
    script = tmp_path / "product"
    script.write_text(
        f"#!{sys.executable}\n{body}\nimport {smoke().FLOOR.removeprefix('import ')}\n"
    )
    script.chmod(0o755)
    return str(script)


def test_a_start_up_as_cheap_as_the_floor_passes(tmp_path: Path) -> None:
    command = product(tmp_path, "pass")
    assert smoke().main(["--countdown", command, "--pairs", "5", "--limit", "1.5"]) == 0


def test_a_slower_start_up_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    command = product(tmp_path, "import time; time.sleep(0.4)")
    assert smoke().main(["--countdown", command, "--pairs", "3"]) == 1
    assert "TOO SLOW" in capsys.readouterr().out
