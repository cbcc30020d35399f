"""Issue 25 tried from the installed command (review25): what a user met, fixed."""

from __future__ import annotations

from pathlib import Path

import tomli

from tests.conftest import invoke

GAME = """\
schema = 1

[[release]]
id = "judas"
title = "Judas"
kind = "game"
date = "2027"

[[release.dates]]
region = "WW"
type = "digital"
platform = "Xbox Series X and Series S"
date = "2027"

[[release.dates]]
region = "WW"
type = "digital"
platform = "PlayStation 5"
date = 2027-03-05
"""


def test_date_for_leaves_each_platforms_date_alone(tmp_path: Path) -> None:
    registry = tmp_path / "games.toml"
    registry.write_text(GAME, encoding="utf-8")
    result = invoke("edit", "judas", "--date-for", "WW:digital", "2028-01", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    # REGION:TYPE names the date on no platform (refresh's slot: region, type, platform), so
    # neither the Xbox date nor the PS5 one is silently changed: a date of its own is added.
    dates = tomli.loads(registry.read_text())["release"][0]["dates"]
    assert [(d.get("platform"), str(d["date"])) for d in dates] == [
        ("Xbox Series X and Series S", "2027"),
        ("PlayStation 5", "2027-03-05"),
        (None, "2028-01"),
    ]
    assert "WW digital date 2028-01 added" in result.stderr
    again = invoke("edit", "judas", "--date-for", "WW:digital", "2028-02", "-r", str(registry))
    assert again.exit_code == 0, again.stderr
    dates = tomli.loads(registry.read_text())["release"][0]["dates"]
    assert [str(d["date"]) for d in dates] == ["2027", "2027-03-05", "2028-02"]
    assert invoke("check", str(registry)).exit_code == 0


def test_a_show_imported_from_either_source_reaches_sonarr(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """TVmaze's externals.thetvdb and TMDB's external_ids.tvdb_id are kept as ids.tvdb, the
    key of Sonarr's list: a series imported by its seasons is not left out of sonarr-list."""
    import json

    from pytest_httpserver import HTTPServer

    from release_countdown.sources.config import LIMITS
    from release_countdown.sources.http import Limits
    from tests.sources import tmdb_tv_data, tvmaze_data

    registry = tmp_path / "series.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    with HTTPServer(host="127.0.0.1", port=0) as server:
        url = server.url_for("/").rstrip("/")
        monkeypatch.setenv("COUNTDOWN_TVMAZE_URL", url)
        monkeypatch.setenv("COUNTDOWN_TMDB_URL", url)
        monkeypatch.setenv("TMDB_API_KEY", "k3y")
        monkeypatch.setitem(LIMITS, "tvmaze", Limits(in_flight=4, interval=0.0))
        tvmaze_data.serve(server)
        result = invoke("import", f"tvmaze:show/{tvmaze_data.SHOW}", "-r", str(registry))
        assert result.exit_code == 0, result.stderr
        tmdb_tv_data.serve(server)
        result = invoke("import", f"tmdb:tv/{tmdb_tv_data.SHOW}", "-r", str(registry))
        assert result.exit_code == 0, result.stderr
    found = tomli.loads(registry.read_text())["release"]
    assert [(e["season"], e["ids"].get("tvdb")) for e in found] == [
        (2, "371980"), (3, "371980"), (2, "400"), (3, "400"),
    ]  # fmt: skip
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    listed = invoke("export", "--format", "sonarr-list", "-r", str(registry))
    assert listed.exit_code == 0, listed.stderr
    assert [s["tvdbId"] for s in json.loads(listed.stdout)] == [371980, 400]


def test_a_platform_with_no_close_name_is_told_the_registry_s_platforms(tmp_path: Path) -> None:
    registry = tmp_path / "games.toml"
    registry.write_text(GAME, encoding="utf-8")
    done = invoke("list", "--platform", "dreamcast", "-r", str(registry))
    assert (done.exit_code, done.stdout) == (0, "")
    # A name that is no part of any platform's, and close to none: the message says which
    # names would do.
    assert done.stderr == (
        "countdown: no title is dated on the platform 'dreamcast' (the registry's platforms: "
        "PlayStation 5, Xbox Series X and Series S)\n"
    )
    xbox = invoke("list", "--platform", "xbox", "-r", str(registry))  # a part of a name
    assert "Judas" in xbox.stdout


def test_premieres_in_a_registry_without_seasons_says_why(tmp_path: Path) -> None:
    registry = tmp_path / "games.toml"
    registry.write_text(GAME, encoding="utf-8")
    done = invoke("list", "--premieres", "-r", str(registry))
    assert (done.exit_code, done.stdout) == (0, "")
    # Not "try --all, or --as-of DATE", which would show no premiere either.
    assert done.stderr == (
        "countdown: no title is a season premiere: --premieres keeps series entries with a "
        "season (`countdown import tvmaze:show/ID` writes one per season)\n"
    )
    done = invoke("next", "--premieres", "-r", str(registry))
    assert done.exit_code == 1
    assert "no title is a season premiere" in done.stderr


HAND_TYPED = """\
schema = 1

[[release]]
id = "sev"
title = "Severance S3"
kind = "series"
date = "TBA"
"""


def test_link_to_a_season_writes_the_season(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without ``season`` the entry named the show, not a season: refresh then failed on it
    for good (exit 4), --premieres left it out and import of the show refused the title."""
    from pytest_httpserver import HTTPServer

    from release_countdown.sources.config import LIMITS
    from release_countdown.sources.http import Limits
    from tests.sources import tvmaze_data

    registry = tmp_path / "series.toml"
    registry.write_text(HAND_TYPED + "season = 2\n", encoding="utf-8")
    with HTTPServer(host="127.0.0.1", port=0) as server:
        monkeypatch.setenv("COUNTDOWN_TVMAZE_URL", server.url_for("/").rstrip("/"))
        monkeypatch.setitem(LIMITS, "tvmaze", Limits(in_flight=4, interval=0.0))
        tvmaze_data.serve(server)
        ref = f"tvmaze:show/{tvmaze_data.SHOW}/season/3"
        refused = invoke("link", "sev", ref, "-r", str(registry))
        assert refused.exit_code == 2
        assert f"'Severance S3' (id sev) is season 2; {ref} is season 3" in refused.stderr
        registry.write_text(HAND_TYPED, encoding="utf-8")
        linked = invoke("link", "sev", ref, "-r", str(registry))
        assert linked.exit_code == 0, linked.stderr
        entry = tomli.loads(registry.read_text())["release"][0]
        assert (entry["season"], entry["ids"]["tvmaze"]) == (3, f"show/{tvmaze_data.SHOW}")
        assert invoke("check", str(registry)).exit_code == 0
        formatted = invoke("fmt", "--check", str(registry))
        assert formatted.exit_code == 0, formatted.stderr
        refreshed = invoke("refresh", "-r", str(registry))
        assert refreshed.exit_code == 0, refreshed.stderr
        assert invoke("list", "--premieres", "-r", str(registry)).stdout.count("Season 3") == 1


def test_link_to_a_whole_show_is_a_usage_error(tmp_path: Path) -> None:
    registry = tmp_path / "series.toml"
    registry.write_text(HAND_TYPED, encoding="utf-8")
    # Refused before any request (no server here): exit 2, not 4 (no service failed).
    done = invoke("link", "sev", "tvmaze:show/44458", "-r", str(registry))
    assert done.exit_code == 2, done.stderr
    assert (
        "tvmaze:show/44458 is a show, which has one entry per season: link one season "
        "(tvmaze:show/44458/season/N), or `countdown import tvmaze:show/44458`"
    ) in done.stderr
    assert registry.read_text() == HAND_TYPED


def test_a_show_s_id_on_an_entry_without_a_season_is_refused(tmp_path: Path) -> None:
    """A show's id without ``season`` names the whole show: refresh failed on it for good."""
    registry = tmp_path / "series.toml"
    registry.write_text(HAND_TYPED, encoding="utf-8")
    done = invoke("edit", "sev", "--id", "tvmaze=show/44458", "-r", str(registry))
    assert done.exit_code == 2
    assert (
        "tvmaze=show/44458 names a show, and 'Severance S3' (id sev) no season: "
        "`countdown link sev tvmaze:show/44458/season/N` attaches one season"
    ) in done.stderr
    assert registry.read_text() == HAND_TYPED
    # Seasons share their show's ids (core/seasons.keyed_ids): season 2 holding it is no owner.
    registry.write_text(
        HAND_TYPED + 'season = 3\n\n[[release]]\nid = "s2"\ntitle = "Severance — Season 2"\n'
        'kind = "series"\nseason = 2\ndate = "TBA"\n\n[release.ids]\ntmdb = "tv/1399"\n',
        encoding="utf-8",
    )
    done = invoke("edit", "sev", "--id", "tmdb=tv/1399", "-r", str(registry))
    assert done.exit_code == 0, done.stderr
    assert invoke("check", str(registry)).exit_code == 0
    done = invoke("edit", "s2", "--id", "tvmaze=show/44458", "-r", str(registry))
    assert done.exit_code == 0, done.stderr


def test_check_warns_of_a_show_s_id_without_a_season(tmp_path: Path) -> None:
    registry = tmp_path / "series.toml"
    registry.write_text(HAND_TYPED + '\n[release.ids]\ntvmaze = "show/44458"\n', encoding="utf-8")
    done = invoke("check", str(registry))
    assert done.exit_code == 0  # a warning: the entry still counts down
    assert (
        'series.toml:10:10: warning: release "Severance S3": ids.tvmaze "show/44458" names a '
        "whole show, which refresh cannot date: add season = N (one entry per season)"
    ) in done.stderr
    shown = invoke("list", "--no-cache", "-r", str(registry))  # the fast path defers to check
    assert "names a whole show" in shown.stderr
    registry.write_text(
        HAND_TYPED + 'season = 3\n\n[release.ids]\ntvmaze = "show/44458"\n', encoding="utf-8"
    )
    assert "whole show" not in invoke("check", str(registry)).stderr


def test_import_help_says_how_a_game_s_headline_is_chosen() -> None:
    # It said "its earliest date on any platform, anywhere": Wikidata's is the region's first,
    # and [sources] platform narrows both (tests/sources/test_wikidata_games.py, test_igdb.py).
    shown = " ".join(invoke("import", "--help").stdout.split())
    assert "earliest date on any platform, anywhere" not in shown
    assert "earliest date on the platform `[sources] platform` prefers" in shown
    assert "Wikidata's in your region, else worldwide, else anywhere" in shown


def test_follow_list_words_a_show_s_follow(tmp_path: Path) -> None:
    registry = tmp_path / "series.toml"
    registry.write_text(
        'schema = 1\n\n[[follow]]\nname = "severance"\nref = "tvmaze:show/44458"\n'
        'since = 2026-12-07\ntba = true\nmode = "inbox"\n'
        + HAND_TYPED.removeprefix("schema = 1\n")
        + 'season = 3\norigin = "follow:severance"\n',
        encoding="utf-8",
    )
    shown = invoke("follow", "list", "-r", str(registry))
    assert shown.exit_code == 0, shown.stderr
    # A show brings its seasons ("every credit" is a person's words), and 1 title is singular.
    assert shown.stdout == (
        "severance            tvmaze:show/44458        inbox   1 title   every season; "
        "since 2026-12-07\n"
    )
