"""`premieres=true` on /calendar.ics and /releases.json: season premieres only, as
`list --premieres` (Sonarr's premieresOnly); a season's finale is no premiere."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_premieres import registry
from tests.serve.conftest import Make


def test_calendar_premieres_parameter(make_client: Make, tmp_path: Path) -> None:
    client = make_client(registry(tmp_path))
    answer = client.get("/calendar.ics?as_of=2029-12-01&premieres=true&region=US")
    assert answer.status_code == 200
    assert "SUMMARY:Show — Season 2" in answer.text
    assert "finale" not in answer.text
    assert "A Film" not in answer.text
    assert "Miniseries" not in answer.text
    answer = client.get("/calendar.ics?as_of=2029-12-01&region=US")
    assert "SUMMARY:Show — Season 2 (US finale)" in answer.text
    rows = client.get("/releases.json?as_of=2029-12-01&premieres=true").json()
    assert [row["id"] for row in rows] == ["show-s2", "show-s3"]
    assert client.get("/releases.json?premieres=maybe").status_code == 400
