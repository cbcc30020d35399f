"""`add --season N` and `edit --season N`: a season typed by hand (issue 25: one entry a
season), written where `fmt` puts it, and a season out of range refused before any write."""

from __future__ import annotations

from pathlib import Path

import tomli

from tests.conftest import invoke


def test_add_and_edit_a_season(tmp_path: Path) -> None:
    registry = tmp_path / "r.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    added = invoke(
        "add", "Show — Season 3", "--date", "2027-Q2", "--kind", "series", "--season", "3",
        "-r", str(registry),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]["season"] == 3
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    edited = invoke("edit", "show season 3", "--season", "4", "-r", str(registry))
    assert edited.exit_code == 0, edited.stderr
    assert "season set to 4" in edited.stderr
    assert tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]["season"] == 4
    shown = invoke("list", "--premieres", "-r", str(registry), "--json", "--as-of", "2026-12-07")
    assert '"season": 4' in shown.stdout
    before = registry.read_bytes()
    refused = invoke("add", "Other", "--date", "2027", "--season", "0", "-r", str(registry))
    assert refused.exit_code == 2
    assert "--season" in refused.stderr
    assert registry.read_bytes() == before
