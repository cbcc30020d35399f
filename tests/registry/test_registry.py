"""The registry format: data-driven valid and invalid fixtures, merging, and hostile files."""

from __future__ import annotations

import json
from datetime import date, timezone
from pathlib import Path
from typing import Any

import pytest

from release_countdown.core.errors import RegistryError
from release_countdown.core.query import Query, select
from release_countdown.core.rows import release_row
from release_countdown.formats.jsonrows import row_json
from release_countdown.registry.load import load_registry
from release_countdown.registry.locations import bundled_registry
from release_countdown.registry.positions import Locator
from tests.conftest import DATA, invoke, validate_rows

VALID = sorted((DATA / "valid").glob("*.toml"))
INVALID = sorted((DATA / "invalid").glob("*.toml"))
FIXTURE_DAY = date(2024, 1, 1)


def fixture_rows(path: Path) -> list[dict[str, Any]]:
    registry = load_registry([path], tz=timezone.utc)
    found = [
        row_json(release_row(s, FIXTURE_DAY))
        for s in select(registry.releases, Query(show_all=True), FIXTURE_DAY)
    ]
    for row in found:
        del row["source"]  # the path differs between checkouts
    return found


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_registry(path: Path, row_schema: dict[str, Any]) -> None:
    found = fixture_rows(path)
    expected = path.with_suffix(".json")
    assert found == json.loads(expected.read_text(encoding="utf-8"))
    for row in found:
        row["source"] = str(path)
    validate_rows(found, row_schema)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_registry(path: Path) -> None:
    result = invoke("list", "--registry", str(path))
    assert result.exit_code == 3, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    for fragment in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        assert fragment in result.stderr


def test_every_invalid_fixture_has_expectations() -> None:
    assert len(INVALID) >= 25
    for path in INVALID:
        assert path.with_suffix(".expected").read_text(encoding="utf-8").strip(), path


def test_bundled_registry_is_valid_and_complete() -> None:
    registry = load_registry([bundled_registry()])
    assert registry.warnings == ()
    assert {r.id for r in registry.releases} == {
        "mi-dead-reckoning-part-one",
        "mi-dead-reckoning-part-one-soundtrack",
        "mi-the-final-reckoning",
        "gran-turismo",
        "argylle",
    }
    by_id = {r.id: r for r in registry.releases}
    assert by_id["gran-turismo"].people["director"] == ("Neill Blomkamp",)
    assert "Lorne Balfe" not in by_id["mi-the-final-reckoning"].people["composer"]
    assert all(r.checked == date(2026, 11, 25) and r.sources for r in registry.releases)


# --- files that cannot be read ----------------------------------------------------------------


def test_missing_file_and_directory(tmp_path: Path) -> None:
    result = invoke("list", "-r", str(tmp_path / "nope.toml"))
    assert (result.exit_code, result.stdout) == (3, "")
    assert "nope.toml: no such registry file" in result.stderr
    result = invoke("list", "-r", str(tmp_path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert "is a directory" in result.stderr


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text("")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)  # root can read anything: simulate it
    result = invoke("list", "-r", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert "secret.toml: permission denied" in result.stderr


def test_extremely_long_strings(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(f'[[release]]\ntitle = "{"x" * 1_000_000}"\ndate = 2024-01-01\n')
    result = invoke("list", "-r", str(path))
    assert result.exit_code == 3
    assert "title is 1,000,000 characters long; at most 1,000 allowed" in result.stderr
    assert len(result.stderr) < 1000  # the message does not echo the string back


def test_deeply_nested_arrays(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = invoke("list", "-r", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert "nested too deeply" in result.stderr or "TOML syntax error" in result.stderr


@pytest.mark.slow
def test_large_registry_reports_errors_at_the_right_line(tmp_path: Path) -> None:
    block = '[[release]]\ntitle = "T{n}"\ndate = 2030-01-01\nnote = "{pad}"\n\n'
    pad = "p" * 400
    parts = [block.format(n=n, pad=pad) for n in range(45_000)]  # about 20 MB
    parts.append('[[release]]\ntitle = "Broken"\ndate = "2030-13-01"\n')
    path = tmp_path / "big.toml"
    path.write_text("".join(parts))
    assert path.stat().st_size > 20_000_000
    result = invoke("list", "-r", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert f'big.toml:{45_000 * 5 + 3}:8: release "Broken"' in result.stderr


# --- warnings ---------------------------------------------------------------------------------


def test_unknown_keys_warn_and_suggest(tmp_path: Path) -> None:
    path = tmp_path / "warn.toml"
    path.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\ncomposer = ["X"]\nzzz = 1\n')
    result = invoke("list", "-r", str(path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["title"] == "A"
    assert '4:12: warning: release "A": unknown key "composer"' in result.stderr
    assert 'did you mean "people"' not in result.stderr
    assert 'unknown key "zzz" is ignored (known keys: id, title' in result.stderr
    path.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\naliasses = ["B"]\n')
    assert 'did you mean "aliases"?' in invoke("list", "-r", str(path)).stderr


# --- several registries -----------------------------------------------------------------------


def test_duplicate_id_across_files_and_override(tmp_path: Path) -> None:
    team = tmp_path / "team.toml"
    mine = tmp_path / "mine.toml"
    team.write_text('[[release]]\nid = "x"\ntitle = "Team X"\ndate = 2030-01-01\n')
    mine.write_text('[[release]]\nid = "x"\ntitle = "My X"\ndate = 2031-01-01\n')
    result = invoke("list", "-r", str(team), "-r", str(mine), "--json")
    assert result.exit_code == 0, result.stderr  # issue 22 item 9: the first file listed wins
    assert [r["title"] for r in json.loads(result.stdout)] == ["Team X"]
    warning = f'{mine}:1:1: warning: release "My X": id "x" is also defined at {team}:1 '
    assert result.stderr.count(warning) == 1
    strict = invoke("check", "--strict", str(team), str(mine))
    assert strict.exit_code == 3
    assert warning in strict.stderr
    assert invoke("check", str(team), str(mine)).exit_code == 0
    mine.write_text('[[release]]\nid = "x"\ntitle = "My X"\ndate = 2031-01-01\noverride = true\n')
    result = invoke("list", "-r", str(team), "-r", str(mine), "--json")
    assert result.exit_code == 0, result.stderr
    assert [(r["title"], r["source"]) for r in json.loads(result.stdout)] == [("My X", str(mine))]


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    one.write_text('[[release]]\ntitle = "A"\ndate = "soon"\n')
    two.write_text('[[release]]\ntitle = "B"\n')
    with pytest.raises(RegistryError) as caught:
        load_registry([one, two])
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert messages[0].startswith(f"{one}:3:8:")
    assert messages[1].startswith(f"{two}:1:1:")


# --- the locator ------------------------------------------------------------------------------


def test_locator_positions() -> None:
    text = (
        'schema = 1\n[[release]]\ntitle = "A"\n[release.people]\ncomposer = ["x"]\n'
        '[[release.dates]]\nregion = "US"\n[[release]]\nnote = """\n[[release]]\n"""\n'
        "cast = [\n  1,\n]\ndate = 2024-01-01\n"
    )
    locator = Locator(text)
    assert locator.find(("schema",)) == (1, 10)
    assert locator.find(("release", 0, "title")) == (3, 9)
    assert locator.find(("release", 0, "people", "composer")) == (5, 12)
    assert locator.find(("release", 0, "dates", 0, "region")) == (7, 10)
    assert locator.find(("release", 1)) == (8, 1)
    assert locator.find(("release", 1, "date")) == (15, 8)  # past a multi-line string and array
    assert locator.find(("release", 1, "missing")) == (8, 1)  # falls back to the table
    assert locator.find(("release", 2)) == (None, None)


def test_override_without_an_earlier_entry_warns(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[[release]]\nid = "x"\ntitle = "X"\ndate = 2030-01-01\noverride = true\n')
    result = invoke("list", "-r", str(path), "--json")
    assert result.exit_code == 0
    assert (
        f'{path}:1:1: warning: release "X": override = true, but no earlier registry'
        in result.stderr
    )


def test_stale_warnings_point_at_the_entry_after_an_override(tmp_path: Path) -> None:
    """`override` puts b.toml's x where a.toml's x stood; the warning must still point at the
    line of b.toml's x, not at whatever release has the same place in b.toml."""
    a = tmp_path / "a.toml"
    a.write_text(
        '[[release]]\nid = "x"\ntitle = "X"\ndate = 2030-01-01\nchecked = 2020-01-01\n\n'
        '[[release]]\nid = "y"\ntitle = "Y"\ndate = 2030-01-01\nchecked = 2020-01-01\n'
    )
    b = tmp_path / "b.toml"
    b.write_text(
        '[[release]]\nid = "z"\ntitle = "Z"\ndate = 2030-01-01\nchecked = 2020-01-01\n\n'
        '[[release]]\nid = "x"\ntitle = "X again"\ndate = 2031-01-01\noverride = true\n'
        "checked = 2020-02-02\n"
    )
    result = invoke("check", str(a), str(b), "--stale", "30d", "--as-of", "2026-01-01")
    lines = [line for line in result.stderr.splitlines() if "last checked" in line]
    assert f'{b}:12:11: warning: release "X again": last checked 2020-02-02' in "\n".join(lines)
    assert f'{b}:5:11: warning: release "Z": last checked 2020-01-01' in "\n".join(lines)
    assert f'{a}:11:11: warning: release "Y"' in "\n".join(lines)
