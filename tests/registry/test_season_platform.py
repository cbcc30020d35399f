"""Issue 25's registry keys: a series entry's ``season``, a typed date's ``platform`` and
``type = "finale"``, and the ids of the new sources. The checker, the fast path, the cache and
the shipped schema agree (one rule: registry/format.season_of, ID_FORMS)."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from release_countdown.accel.fastpath import quick_release
from release_countdown.registry.checker import check_release
from release_countdown.registry.positions import LazyLocator
from release_countdown.registry.values import Reporter
from tests.registry.test_predicates import base, careful


def _schema() -> dict[str, Any]:
    text = resources.files("release_countdown").joinpath("schemas/registry.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _series(**keys: Any) -> dict[str, Any]:
    return {**base(), "kind": "series", **keys}


@pytest.mark.parametrize(
    ("value", "season"),
    [(1, 1), (2, 2), (9999, 9999), (0, None), (-1, None), (10000, None), ("2", None),
     (True, None), (2.0, None)],
)  # fmt: skip
def test_season_checker_fast_path_and_schema_agree(value: Any, season: int | None) -> None:
    table = _series(season=value)
    checked, fast = careful(table), quick_release(table, "t.toml", None)
    assert (checked is not None) == (season is not None)
    if checked is not None:
        assert checked.season == season
        assert fast == checked
    else:
        assert fast is None
    rule = _schema()["definitions"]["release"]["properties"]["season"]
    fits = type(value) is int and rule["minimum"] <= value <= rule["maximum"]
    assert fits == (season is not None)


def test_a_season_outside_a_series_is_a_warning_the_fast_path_leaves_to_the_checker() -> None:
    table = {**base(), "season": 2}  # kind film
    reporter = Reporter("t.toml", LazyLocator(""))
    release = check_release(reporter, 0, table, "t.toml", None)
    assert release is not None
    assert release.season == 2
    assert [p.warning for p in reporter.problems] == [True]
    assert 'kind = "series"' in reporter.problems[0].message
    assert quick_release(table, "t.toml", None) is None


def test_no_season_is_none() -> None:
    release = careful(base())
    assert release is not None
    assert release.season is None


def test_platform_and_finale_on_typed_dates() -> None:
    dates = [
        {"region": "US", "type": "digital", "platform": "PS5", "date": "2027-03-02"},
        {"region": "WW", "type": "finale", "date": "2027-05"},
    ]
    table = _series(dates=dates)
    checked, fast = careful(table), quick_release(table, "t.toml", None)
    assert checked is not None
    assert fast == checked
    assert [(d.type, d.platform) for d in checked.dates] == [("digital", "PS5"), ("finale", None)]
    props = _schema()["definitions"]["release"]["properties"]["dates"]["items"]["properties"]
    assert "finale" in props["type"]["enum"]
    assert "platform" in props


@pytest.mark.parametrize("platform", ["", "   ", "x" * 1001, 5])
def test_a_bad_platform_is_an_error(platform: Any) -> None:
    dates = [{"region": "US", "type": "digital", "platform": platform, "date": "2027-03-02"}]
    assert careful({**base(), "dates": dates}) is None
    assert quick_release({**base(), "dates": dates}, "t.toml", None) is None


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [("tmdb", "tv/1399", True), ("tmdb", "person/1", False), ("tvmaze", "show/82", True),
     ("tvmaze", "82", False), ("igdb", "game/1942", True), ("igdb", "game/0", False),
     ("steam", "app/1245620", True), ("steam", "1245620", False)],
)  # fmt: skip
def test_ids_of_the_new_sources(key: str, value: str, ok: bool) -> None:
    table = {**base(), "ids": {key: value}}
    checked = careful(table)
    assert (checked is not None and checked.ids.get(key) == value) == ok
    pattern = _schema()["definitions"]["release"]["properties"]["ids"]["properties"][key]
    assert bool(re.fullmatch(pattern["pattern"].strip("^$"), value)) == ok


def test_fmt_keeps_season_and_platform(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from release_countdown.cli.app import app

    path = tmp_path / "r.toml"
    path.write_text(
        '[[release]]\ntitle = "Show — Season 2"\ndate = 2027-03-01\nkind = "series"\n'
        'season = 2\n\n[[release.dates]]\nregion = "US"\ntype = "finale"\nplatform = "Web"\n'
        "date = 2027-05-03\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["fmt", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.index("kind =") < text.index("season = 2") < text.index("date = 2027-03-01")
    assert (
        text.index('type = "finale"')
        < text.index('platform = "Web"')
        < text.index("date = 2027-05-03")
    )
    check = CliRunner().invoke(app, ["check", str(path)])
    assert check.exit_code == 0, check.output
