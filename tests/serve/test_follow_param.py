"""`?follow=NAME` on /releases.json: the titles a follow added, as `list --follow` finds them."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_list_follow import REGISTRY
from tests.serve.conftest import Make


def test_the_follow_parameter_filters_by_origin(make_client: Make, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    client = make_client(path)
    answer = client.get("/releases.json?as_of=2029-01-01&follow=lorne-balfe&follow=zimmer")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == ["a", "b"]
    assert [row["id"] for row in client.get("/releases.json?as_of=2029-01-01").json()] == [
        "a",
        "b",
        "c",
    ]
