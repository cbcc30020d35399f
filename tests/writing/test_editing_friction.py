"""Editing friction of a daily user (issue 16, items 18-20): ids pinned, canonical files kept
canonical, retitles recorded, the new `edit` options."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke

PLAIN = """\
schema = 1

[[release]]
id = "x"
title = "X"
date = 2030-01-01

[[release]]
title = "No Id"
date = 2030-01-01
"""


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(PLAIN, encoding="utf-8")
    return path


# --- item 18: add pins the id; check --strict warns about derived ids --------------------------


def test_add_pins_the_id(plain: Path) -> None:
    result = invoke("add", "New Film", "--date", "2031-02-02", "-r", str(plain))
    assert result.exit_code == 0, result.stderr
    assert 'id = "new-film"\ntitle = "New Film"' in plain.read_text()
    # A later fix of the title keeps the id (and so the calendar UID).
    text = plain.read_text().replace('title = "New Film"', 'title = "New Film (2031)"')
    plain.write_text(text)
    shown = invoke("show", "new-film", "-r", str(plain), "--json")
    assert shown.exit_code == 0, shown.stderr


def test_check_strict_warns_about_every_entry_without_an_id(plain: Path) -> None:
    loose = invoke("check", str(plain))
    assert loose.exit_code == 0
    assert "no explicit id" not in loose.stderr
    strict = invoke("check", str(plain), "--strict")
    assert strict.exit_code == 3
    lines = [line for line in strict.stderr.splitlines() if "no explicit id" in line]
    assert lines == [
        f'{plain}:8:1: warning: release "No Id": no explicit id; the derived id "no-id" '
        '(and the calendar UID) changes if the title is fixed: add id = "no-id"'
    ]
