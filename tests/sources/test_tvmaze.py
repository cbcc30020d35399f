"""Series from TVmaze against a local server answering like it: one entry per season."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import tvmaze_data
from tests.sources.aging import recorded_earlier
from tests.sources.tvmaze_data import SHOW


def entries(path: Path) -> list[dict[str, object]]:
    found: list[dict[str, object]] = tomli.loads(path.read_text()).get("release", [])
    return found


def test_import_writes_one_entry_per_upcoming_season(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    result = invoke("import", f"tvmaze:show/{SHOW}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    second, third = entries(registry)  # season 1 has aired: no entry
    assert second["title"] == "Severance — Season 2"
    assert (second["kind"], second["season"]) == ("series", 2)
    assert second["date"] == date(2030, 1, 17)
    # The finale is the tenth episode's calendar day (airdate), not its instant in UTC
    # (airstamp 2030-03-22T02:00Z), nor the special listed after it.
    assert second["dates"] == [
        {"region": "WW", "type": "finale", "date": date(2030, 3, 21), "origin": "tvmaze",
         "note": "Apple TV+"},
    ]  # fmt: skip
    assert second["ids"] == {"imdb": "tt11280740", "tvdb": "371980", "tvmaze": f"show/{SHOW}"}
    assert second["sources"] == [f"https://www.tvmaze.com/shows/{SHOW}"]
    assert "headline" not in second  # a premiere is chosen by no region
    assert third["title"] == "Severance — Season 3"
    assert third["season"] == 3
    assert third["date"] == "TBA"  # listed with premiereDate null
    assert "dates" not in third  # no episode listed: no finale
    assert third["ids"] == second["ids"]  # a show's id, told apart by season
    assert invoke("check", str(registry)).exit_code == 0
    formatted = invoke("fmt", "--check", str(registry))
    assert formatted.exit_code == 0, formatted.stderr + formatted.stdout


def test_seasons_next_imports_the_next_season_only(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    url = f"https://www.tvmaze.com/shows/{SHOW}/severance"
    result = invoke("import", url, "--seasons", "next", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert [e["season"] for e in entries(registry)] == [2]


def test_a_season_ref_imports_that_season_and_a_show_again_only_what_is_new(
    tvmaze: HTTPServer, registry: Path
) -> None:
    tvmaze_data.serve(tvmaze)
    result = invoke("import", f"tvmaze:show/{SHOW}/season/3", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert [e["season"] for e in entries(registry)] == [3]
    result = invoke("import", f"tvmaze:show/{SHOW}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert f"tvmaze:show/{SHOW}/season/3 is already in the registry" in result.stderr
    assert sorted(e["season"] for e in entries(registry)) == [2, 3]  # type: ignore[type-var]
    assert invoke("check", str(registry)).exit_code == 0


def test_a_season_the_show_does_not_list_is_not_found(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    result = invoke("import", f"tvmaze:show/{SHOW}/season/9", "-r", str(registry))
    assert result.exit_code == 1
    assert "lists no season 9 (seasons: 1, 2, 3)" in result.stderr
    assert entries(registry) == []


def test_refresh_records_a_season_dated_later(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    assert invoke("import", f"tvmaze:show/{SHOW}", "-r", str(registry)).exit_code == 0
    recorded_earlier(registry)
    tvmaze_data.serve(tvmaze, third="2031-01-10")
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    # The kind of change is core/changes.py's: TBA → a day is "dated"; the season stays
    # followed by refresh whatever it was (Sonarr #8756 cannot happen: nothing to monitor).
    assert "date: TBA → 2031-01-10, dated" in result.stderr
    assert "refreshed 2 titles, 1 changed" in result.stderr
    second, third = entries(registry)
    assert third["date"] == date(2031, 1, 10)
    assert [h["date"] for h in third["history"]] == ["TBA", date(2031, 1, 10)]  # type: ignore[attr-defined]
    assert second["date"] == date(2030, 1, 17)
    assert invoke("check", str(registry)).exit_code == 0


def test_the_premiere_scheduled_as_the_next_episode_dates_a_season_listed_without_one(
    tvmaze: HTTPServer, registry: Path
) -> None:
    nextepisode = tvmaze_data.episode(3, 1, "2031-02-07", "2031-02-08T02:00:00+00:00")
    tvmaze_data.serve(tvmaze, nextepisode=nextepisode)
    assert invoke("import", f"tvmaze:show/{SHOW}/season/3", "-r", str(registry)).exit_code == 0
    assert entries(registry)[0]["date"] == date(2031, 2, 7)  # the airdate, not the airstamp


def test_an_ended_show_has_no_season_to_import(tvmaze: HTTPServer, registry: Path) -> None:
    aired = [tvmaze_data.season(1, "2022-02-18", "2022-04-08", 9)]
    tvmaze_data.serve(tvmaze, status="Ended", listed=aired)
    result = invoke("import", f"tvmaze:show/{SHOW}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert "TVmaze lists no season to come; nothing to import" in result.stderr
    assert entries(registry) == []


def test_429_is_retried_after_a_pause(tvmaze: HTTPServer, registry: Path) -> None:
    tvmaze_data.serve(tvmaze)
    # TVmaze answers 429 without Retry-After: the doubling back-off (1 s first) applies.
    tvmaze.expect_oneshot_request(f"/shows/{SHOW}/seasons").respond_with_data(
        "Too Many Requests", status=429
    )
    result = invoke("import", f"tvmaze:show/{SHOW}", "--seasons", "next", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert [e["season"] for e in entries(registry)] == [2]
    assert sum("/seasons" in str(r.url) for r, _ in tvmaze.log) >= 2


def test_lookup_kind_series_asks_tvmaze_by_default(tvmaze: HTTPServer) -> None:
    tvmaze.expect_request("/search/shows", query_string="q=severance").respond_with_json(
        tvmaze_data.search()
    )
    result = invoke("lookup", "severance", "--kind", "series", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(c["ref"], c["date"], c["kind"], c["note"]) for c in found] == [
        (f"tvmaze:show/{SHOW}", "2022-02-18", "series", "Apple TV+, Running"),
        ("tvmaze:show/7", "2006-05-12", "series", "BBC One, Ended"),
    ]
    result = invoke("lookup", "severance", "--kind", "series", "--year", "2006", "--json")
    assert [c["ref"] for c in json.loads(result.stdout)] == ["tvmaze:show/7"]


def test_requests_start_half_a_second_apart_so_twenty_take_ten_seconds() -> None:
    from release_countdown.sources.config import LIMITS

    assert LIMITS["tvmaze"].interval * 20 >= 10.0


def test_tvmaze_has_no_films(tvmaze: HTTPServer) -> None:
    result = invoke("lookup", "severance", "--source", "tvmaze", "--kind", "film")
    assert result.exit_code == 1
    assert "no TVmaze candidates for 'severance'" in result.stderr
    assert tvmaze.log == []  # not asked


def test_a_season_typed_by_hand_is_linked_not_doubled(tvmaze: HTTPServer, registry: Path) -> None:
    registry.write_text(
        'schema = 1\n\n[[release]]\nid = "sev3"\ntitle = "Severance — Season 3"\n'
        'kind = "series"\nseason = 3\ndate = "TBA"\n\n'
        '[[release]]\nid = "sev2-other"\ntitle = "Severance — Season 2"\nkind = "series"\n'
        'season = 9\ndate = "TBA"\n',
        encoding="utf-8",
    )
    tvmaze_data.serve(tvmaze)
    result = invoke("import", f"tvmaze:show/{SHOW}", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert f'linked tvmaze:show/{SHOW}/season/3 to "Severance — Season 3" (sev3)' in result.stderr
    found = {e["id"]: e for e in entries(registry)}
    assert found["sev3"]["ids"] == {
        "imdb": "tt11280740",
        "tvdb": "371980",
        "tvmaze": f"show/{SHOW}",
    }
    assert "ids" not in found["sev2-other"]  # another season: not this one, whatever its title
    assert sorted(e["season"] for e in entries(registry) if "ids" in e) == [2, 3]  # type: ignore[type-var]
    assert invoke("check", str(registry)).exit_code == 0
