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


# --- item 20: retitles recorded; --source, --franchise, --remove-alias, --date-for ------------

UPCOMING = """\
schema = 1

[[release]]
id = "blade"
title = "Blade"
aliases = ["Marvel's Blade", "Blade 2025"]
kind = "film"
date = 2030-11-07
announced = 2019-07-20

[[release.dates]]
region = "US"
type = "theatrical"
date = 2030-11-07
"""


@pytest.fixture
def upcoming(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(UPCOMING, encoding="utf-8")
    return path


def release_json(path: Path, *args: str) -> dict[str, object]:
    import json

    result = invoke("show", "blade", "-r", str(path), "--json", *args)
    assert result.exit_code == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_retitle_is_recorded_in_the_history(upcoming: Path) -> None:
    result = invoke(
        "edit", "blade", "--title", "Blade: Day Walker", "--announced", "2024-05-01",
        "-r", str(upcoming),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "recorded in the history" in result.stderr
    text = upcoming.read_text()
    assert (
        '[[release.history]]\nannounced = 2019-07-20\ndate = 2030-11-07\ntitle = "Blade"\n\n'
        "[[release.history]]\nannounced = 2024-05-01\ndate = 2030-11-07\n"
        'title = "Blade: Day Walker"\n'
    ) in text
    now = release_json(upcoming)
    assert now["title"] == "Blade: Day Walker"
    assert "Blade" in now["aliases"]  # type: ignore[operator]
    assert release_json(upcoming, "--as-of", "2024-04-30")["title"] == "Blade"


def test_retitle_announced_today_by_default(upcoming: Path) -> None:
    import datetime as dt

    result = invoke("edit", "blade", "--title", "Blade: Day Walker", "-r", str(upcoming))
    assert result.exit_code == 0, result.stderr
    assert f"announced = {dt.date.today().isoformat()}\n" in upcoming.read_text()


def test_edit_sources_franchise_and_aliases(upcoming: Path) -> None:
    result = invoke(
        "edit", "blade", "--source", "https://example.org/one", "--source",
        "https://example.org/two", "--franchise", "Marvel Cinematic Universe",
        "--remove-alias", "blade 2025", "-r", str(upcoming),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = release_json(upcoming)
    assert found["sources"] == ["https://example.org/one", "https://example.org/two"]
    assert found["franchise"] == "Marvel Cinematic Universe"
    assert found["aliases"] == ["Marvel's Blade"]
    missing = invoke("edit", "blade", "--remove-alias", "nope", "-r", str(upcoming))
    assert missing.exit_code == 1
    assert "has no alias 'nope'" in missing.stderr


def test_edit_date_for_adds_and_changes_a_typed_date(upcoming: Path) -> None:
    def typed() -> list[tuple[object, ...]]:
        dates = release_json(upcoming)["dates"]
        return [(d["region"], d["type"], d["date"]) for d in dates]  # type: ignore[attr-defined,index]

    added = invoke("edit", "blade", "--date-for", "gb:digital", "2031-01-15", "-r", str(upcoming))
    assert added.exit_code == 0, added.stderr
    assert ("GB", "digital", "2031-01-15") in typed()
    changed = invoke(
        "edit", "blade", "--date-for", "US:theatrical", "2030-11-14", "-r", str(upcoming)
    )
    assert changed.exit_code == 0, changed.stderr
    assert ("US", "theatrical", "2030-11-14") in typed()
    assert ("US", "theatrical", "2030-11-07") not in typed()
    wrong = invoke(
        "edit", "blade", "--date-for", "US-theatrical", "2030-11-14", "-r", str(upcoming)
    )
    assert wrong.exit_code == 2
    assert "is not REGION:TYPE" in wrong.stderr


# --- item 19: a canonical file stays canonical; a hand-formatted one keeps its bytes ---------

CANONICAL = """\
# Our registry.
schema = 1

[[release]]
id = "alpha"
title = "Alpha"
kind = "film"
date = 2030-01-01

[release.people]
director = ["Dee Rector"]

[[release]]
id = "gamma"
title = "Gamma"
date = 2031-05-05
note = "last"
"""


def fmt_check(path: Path) -> int:
    return invoke("fmt", "--check", str(path)).exit_code


@pytest.fixture
def canonical(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(CANONICAL, encoding="utf-8")
    assert fmt_check(path) == 0
    return path


def test_add_to_a_canonical_file_keeps_it_canonical(canonical: Path) -> None:
    result = invoke(
        "add", "Beta", "--date", "2030-06-01", "--kind", "album", "--composer", "Cee",
        "--alias", "B", "--note", "n", "-r", str(canonical),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert fmt_check(canonical) == 0
    text = canonical.read_text()
    # at its place by id, between alpha and gamma, its keys in canonical order
    assert text.index('id = "alpha"') < text.index('id = "beta"') < text.index('id = "gamma"')
    assert (
        '[[release]]\nid = "beta"\ntitle = "Beta"\naliases = ["B"]\nkind = "album"\n'
        'date = 2030-06-01\nnote = "n"\n\n[release.people]\ncomposer = ["Cee"]\n\n[[release]]\n'
    ) in text


def test_edits_of_a_canonical_file_keep_it_canonical(canonical: Path) -> None:
    result = invoke(
        "edit", "alpha", "--title", "Alpha Prime", "--announced", "2025-01-01", "--franchise",
        "F", "--source", "https://example.org/a", "--date-for", "GB:digital", "2030-02-02",
        "-r", str(canonical),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert fmt_check(canonical) == 0
    text = canonical.read_text()
    assert text.endswith(
        '[[release]]\nid = "gamma"\ntitle = "Gamma"\ndate = 2031-05-05\nnote = "last"\n'
    )
    assert text.startswith(
        '# Our registry.\nschema = 1\n\n[[release]]\nid = "alpha"\ntitle = "Alpha Prime"\n'
        'aliases = ["Alpha"]\nkind = "film"\nfranchise = "F"\ndate = 2030-01-01\n'
        'sources = ["https://example.org/a"]\n'
    )


def test_a_hand_formatted_file_keeps_every_untouched_byte(tmp_path: Path) -> None:
    hand = CANONICAL.replace('title = "Gamma"', 'title   =   "Gamma"   # spaced')
    path = tmp_path / "reg.toml"
    path.write_text(hand, encoding="utf-8")
    assert invoke("add", "Aardvark", "--date", "2030-06-01", "-r", str(path)).exit_code == 0
    text = path.read_text()
    inserted = '[[release]]\nid = "aardvark"\ntitle = "Aardvark"\ndate = 2030-06-01\n\n'
    assert inserted in text  # sorted in: its neighbour and the order are canonical
    assert text.replace(inserted, "") == hand  # and every other byte kept
    other = tmp_path / "other.toml"
    other.write_text(hand.replace('id = "alpha"', 'id = "zulu"'), encoding="utf-8")  # unsorted
    assert invoke("add", "Aardvark", "--date", "2030-06-01", "-r", str(other)).exit_code == 0
    assert other.read_text().startswith(hand.replace('id = "alpha"', 'id = "zulu"'))
    assert invoke("edit", "gamma", "--note", "changed", "-r", str(path)).exit_code == 0
    assert 'title   =   "Gamma"   # spaced' in path.read_text()
