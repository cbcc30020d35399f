"""`?platform=` on /releases.json and /calendar.ics: titles with a date on the platform, as
`list --platform` finds them; a bad name is a 400 naming the parameter."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_platforms import REGISTRY
from tests.serve.conftest import Make


def test_the_platform_parameter_filters_by_platform(make_client: Make, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    client = make_client(path)
    answer = client.get("/releases.json?as_of=2026-12-01&platform=PS5")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == ["judas"]
    calendar = client.get("/calendar.ics?as_of=2027-03-01&platform=ps-5")
    assert calendar.status_code == 200
    assert "SUMMARY:Judas" in calendar.text
    assert "A Film" not in client.get("/calendar.ics?as_of=2027-01-01&platform=ps5").text
    assert "A Film" in client.get("/calendar.ics?as_of=2027-01-01").text
    bad = client.get("/releases.json?as_of=2026-12-01&platform=%21")
    assert bad.status_code == 400
    assert "platform: '!' is not a platform's name" in bad.text
