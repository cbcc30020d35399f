"""`?tag=TAG` on /releases.json: titles with any of the tags named, as `list --tag` finds
them; a bad tag is a 400 naming the parameter."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_tags import REGISTRY
from tests.serve.conftest import Make


def test_the_tag_parameter_filters_by_tag(make_client: Make, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    client = make_client(path)
    answer = client.get("/releases.json?as_of=2030-01-01&tag=vinyl&tag=imax")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == ["a", "b"]
    assert [row["tags"] for row in answer.json()] == [["imax", "must-see"], ["vinyl"]]
    bad = client.get("/releases.json?as_of=2030-01-01&tag=must%20see")
    assert bad.status_code == 400
    assert "tag: 'must see' is not a tag" in bad.text
