"""The read pipeline's warnings (registry/load.py): `check --stale AGE` calls an entry stale
once its `checked` day plus AGE is before the day asked, and not a day sooner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke


def checked_on(tmp_path: Path, day: str) -> str:
    path = tmp_path / "r.toml"
    path.write_text(
        f'schema = 1\n\n[[release]]\ntitle = "A"\ndate = 2030-01-01\nchecked = {day}\n',
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(
    ("checked", "age", "as_of", "stale"),
    [
        ("2026-10-26", "30d", "2026-11-25", False),  # exactly 30 days ago: still fresh
        ("2026-10-25", "30d", "2026-11-25", True),  # 31 days ago
        ("2026-10-27", "30d", "2026-11-25", False),
        ("2026-11-18", "1w", "2026-11-25", False),
        ("2026-11-17", "1w", "2026-11-25", True),
        ("2026-09-25", "2m", "2026-11-25", False),
        ("2026-09-24", "2m", "2026-11-25", True),
        ("2025-11-25", "1y", "2026-11-25", False),
        ("2025-11-24", "1y", "2026-11-25", True),
        ("2026-11-25", "0d", "2026-11-25", False),  # checked today
        ("2026-11-24", "0d", "2026-11-25", True),
    ],
)
def test_the_stale_boundary(
    tmp_path: Path, checked: str, age: str, as_of: str, stale: bool
) -> None:
    result = invoke("check", checked_on(tmp_path, checked), "--stale", age, "--as-of", as_of)
    assert result.exit_code == 0, result.stderr
    said = f'release "A": last checked {checked}, more than {age} ago' in result.stderr
    assert said is stale, result.stderr
