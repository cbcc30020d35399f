"""Following a show at TVmaze: its new seasons arrive as entries; an ended show stops."""

from __future__ import annotations

from pathlib import Path

import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tvmaze_data
from tests.sources.tvmaze_data import SHOW


def seasons_in(path: Path) -> list[object]:
    return [e["season"] for e in tomli.loads(path.read_text()).get("release", [])]


def test_a_followed_show_brings_its_seasons_then_a_new_one(
    tvmaze: HTTPServer, registry: Path
) -> None:
    aired = [tvmaze_data.season(1, "2022-02-18", "2022-04-08", 9)]
    tvmaze_data.serve(tvmaze, listed=aired)
    added = invoke("follow", "add", f"tvmaze:show/{SHOW}", "--mode", "add", "-r", str(registry))
    assert added.exit_code == 0, added.stderr
    assert "found Severance (tvmaze:show/44458, 1 seasons listed)" in added.stderr
    assert 'name = "severance"' in registry.read_text()
    checked = invoke("follow", "check", "-r", str(registry))
    assert checked.exit_code == 0, checked.stderr
    assert seasons_in(registry) == []  # season 1 has aired
    tvmaze_data.serve(tvmaze)  # seasons 2 (dated) and 3 (TBA) announced
    checked = invoke("follow", "check", "-r", str(registry))
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout.splitlines() == [
        f"severance\tadd\ttvmaze:show/{SHOW}/season/2\t2030-01-17\tSeverance — Season 2",
        f"severance\tadd\ttvmaze:show/{SHOW}/season/3\tTBA\tSeverance — Season 3",
    ]
    assert seasons_in(registry) == [2, 3]
    text = registry.read_text()
    assert text.count('origin = "follow:severance"') == 2
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    again = invoke("follow", "check", "-r", str(registry))  # known by (id, season) now
    assert again.exit_code == 0, again.stderr
    assert again.stdout == ""
    assert registry.read_text() == text


def test_an_ended_show_stops_the_follow_with_a_note(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    added = invoke("follow", "add", f"tvmaze:show/{SHOW}", "-r", str(registry))
    assert added.exit_code == 0, added.stderr
    tvmaze_data.serve(tvmaze, status="Ended")  # season 3 still listed, undated
    dry = invoke("follow", "check", "-r", str(registry), "--dry-run")
    assert "follow would be removed" in dry.stderr
    assert 'name = "severance"' in registry.read_text()  # a dry run writes nothing
    checked = invoke("follow", "check", "-r", str(registry))
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout == ""  # nothing proposed, not even the TBA season
    assert (
        "severance: TVmaze says 'Severance' has ended (status Ended); nothing more will come: "
        "follow removed (`countdown undo` brings it back)"
    ) in checked.stderr
    assert "[[follow]]" not in registry.read_text()  # the follow stopped
    assert invoke("undo", "-r", str(registry)).exit_code == 0
    assert 'name = "severance"' in registry.read_text()
