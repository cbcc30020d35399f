"""The user's marks on `serve` (issue 27 item 1): ``?mark=`` through the one query parser,
``mark`` in /releases.json, seen and skip left out of the default view, the marks file
followed as it changes (the marks are part of the answers' key)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed")
from starlette.testclient import TestClient

from release_countdown.cli.reading import loader
from release_countdown.serve.app import ServeConfig, create_app
from release_countdown.serve.state import RegistryState
from release_countdown.writing.marks import marks_reader, write_marks
from tests.serve.conftest import BASE

DAY = date(2023, 8, 1)  # Dead Reckoning released 20 days before, Gran Turismo upcoming


def test_marks_on_the_served_rows(registry_file: Path, tmp_path: Path) -> None:
    marks = tmp_path / "marks.json"
    config = ServeConfig(
        state=RegistryState([registry_file], loader([registry_file], no_cache=True)),
        today=lambda: DAY,
        marks=marks_reader(marks),
    )
    client = TestClient(create_app(config), base_url=BASE)
    before = {r["id"]: r["mark"] for r in client.get("/releases.json").json()}
    assert "mi-dead-reckoning-part-one" in before
    assert set(before.values()) == {None}
    write_marks(marks, {"mi-dead-reckoning-part-one": "seen", "gran-turismo": "wanted"})
    after = {r["id"]: r["mark"] for r in client.get("/releases.json").json()}
    assert "mi-dead-reckoning-part-one" not in after
    assert after["gran-turismo"] == "wanted"
    wanted = client.get("/releases.json?mark=wanted").json()
    assert [r["id"] for r in wanted] == ["gran-turismo"]
    seen = client.get("/releases.json?mark=seen").json()
    assert [r["id"] for r in seen] == ["mi-dead-reckoning-part-one"]
    bad = client.get("/releases.json?mark=later")
    assert bad.status_code == 400
    assert "mark: 'later' is not one of seen, owned, skip, wanted" in bad.text
    marks.write_text("not json", encoding="utf-8")  # corrupt: no marks, not a 500
    assert client.get("/releases.json").status_code == 200
