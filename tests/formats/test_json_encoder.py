"""The compiled JSON encoder writes what the row's types say, in one call a plain row."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from release_countdown.core.dates import DateSpec
from release_countdown.core.query import Query, select
from release_countdown.core.rows import Row, RowView
from release_countdown.formats.fields import json_encoder
from release_countdown.formats.jsonrows import row_json
from release_countdown.registry.load import load_registry
from release_countdown.registry.locations import bundled_registry

TODAY = dt.date(2026, 3, 1)
GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def plain(value: Any) -> Any:
    """The JSON value of anything a row holds, spelled out (the reference)."""
    if value is None or (
        isinstance(value, str | int | float | bool) and not isinstance(value, Enum)
    ):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, DateSpec):
        return value.iso()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: plain(v) for name, v in zip(value._fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    raise TypeError(value)


def rows(path: Path) -> list[Row]:
    releases = load_registry([path]).releases
    return list(RowView(select(releases, Query(show_all=True), TODAY), TODAY))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "registry.toml"
    with path.open("w") as out:
        subprocess.run([sys.executable, str(GENERATE), "400"], stdout=out, check=True)
    return path


def test_every_row_is_written_as_its_fields_say(generated: Path) -> None:
    found = rows(generated) + rows(bundled_registry())
    assert all(any(getattr(r, f) for r in found) for f in ("history", "dates", "slip", "announced"))
    for row in found:
        obj = row_json(row)
        assert obj == plain(row)
        assert list(obj) == list(Row._fields)


def test_days_and_date_forms_are_written_inline() -> None:
    """Days and date forms written inline, not through a converter a field."""
    row = rows(bundled_registry())[0]._replace(dates=(), history=(), slip=None)
    assert all((row.checked, row.earliest, row.people))
    encode = json_encoder(Row)
    calls = []

    def count(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            calls.append(frame.f_code.co_name)

    sys.setprofile(count)
    try:
        encode(row)
    finally:
        sys.setprofile(None)
    assert calls.count("encode") == 1, calls
    assert not {"_iso", "_optional_iso", "_optional_isoformat"} & set(calls), calls
