"""`countdown import --from LIST SOURCE` end to end: the summary on stderr (data on stdout
with --json), the dry run's diff, exit codes for a bad file and a failed fetch, and the
unresolved rows waiting in `countdown inbox` with their reason."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from tests.conftest import invoke
from tests.sources import list_data
from tests.sources.conftest import KEY
from tests.workflows.test_import_list import fake_tmdb


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0) as httpserver:
        yield httpserver
        httpserver.clear()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    return path


@pytest.fixture
def tmdb(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    fake_tmdb(server)
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    monkeypatch.setenv("COUNTDOWN_REGION", "US")
    return server


@pytest.fixture
def watchlist(tmp_path: Path) -> Path:
    path = tmp_path / "watchlist.csv"
    path.write_bytes(b"\xef\xbb\xbf" + list_data.LETTERBOXD.encode())
    return path


def inbox_path() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "release-countdown" / "inbox.json"


def test_letterboxd_import_says_what_became_of_each_row(
    tmdb: HTTPServer, registry: Path, watchlist: Path
) -> None:
    result = invoke("import", "--from", "letterboxd", str(watchlist), "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f'countdown: letterboxd {watchlist.name}:4: no TMDB match for "Blade" (1998) (to the inbox as '
        "letterboxd:blade-1998)\n"
        f"countdown: letterboxd {watchlist}: 3 rows: 1 imported, 0 linked, 0 already there, "
        f"1 released (left out), 1 unresolved (in the inbox) in {registry}\n"
    )
    assert 'title = "Dune: Part Three"' in registry.read_text(encoding="utf-8")
    listed = invoke("inbox")
    assert listed.stdout == (
        f"letterboxd:blade-1998\t1998\tBlade\tletterboxd {watchlist.name}:4\t"
        'no TMDB match for "Blade" (1998)\n'
    )
    refused = invoke("inbox", "accept", "letterboxd:blade-1998", "-r", str(registry))
    assert refused.exit_code == 2
    assert "has no ref to import: no TMDB match" in refused.stderr
    dismissed = invoke("inbox", "dismiss", "letterboxd:blade-1998", "-r", str(registry))
    assert dismissed.exit_code == 0, dismissed.stderr
    assert invoke("inbox").stdout == ""


def test_json_is_data_on_stdout_and_a_dry_run_writes_nothing(
    tmdb: HTTPServer, registry: Path, watchlist: Path
) -> None:
    before = registry.read_bytes()
    args = ("import", "--from", "letterboxd", str(watchlist), "-r", str(registry), "--dry-run")
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"] == {
        "imported": 1, "linked": 0, "present": 0, "released": 1, "unresolved": 1, "proposed": 0,
        "followed": 0,
    }  # fmt: skip
    assert (data["rows"], data["mode"], data["dry_run"]) == (3, "add", True)
    assert data["unresolved"][0]["reason"] == 'no TMDB match for "Blade" (1998)'
    diff = invoke(*args)
    assert diff.stdout.startswith("---")
    assert '+title = "Dune: Part Three"' in diff.stdout
    assert diff.stderr.endswith("(dry run: nothing written)\n")
    assert registry.read_bytes() == before
    assert not inbox_path().exists()


def test_mode_inbox_proposes_rather_than_writes(
    tmdb: HTTPServer, registry: Path, watchlist: Path
) -> None:
    args = ("import", "--from", "letterboxd", str(watchlist), "-r", str(registry))
    result = invoke(*args, "--mode", "inbox", "--only", "all")
    assert result.exit_code == 0, result.stderr
    assert "2 proposed in the inbox, 0 already there, 0 released" in result.stderr
    assert "[[release]]" not in registry.read_text(encoding="utf-8")
    accepted = invoke("inbox", "accept", "--all", "-r", str(registry))
    assert accepted.exit_code == 0, accepted.stderr
    assert registry.read_text(encoding="utf-8").count("[[release]]") == 2
    assert [e["ref"] for e in json.loads(invoke("inbox", "--json").stdout)] == [
        "letterboxd:blade-1998"
    ]


def test_a_file_of_another_layout_exits_2_naming_the_header(
    tmdb: HTTPServer, registry: Path, watchlist: Path
) -> None:
    result = invoke("import", "--from", "imdb", str(watchlist), "-r", str(registry))
    assert result.exit_code == 2
    assert "not an IMDb list export: no 'Const', 'Title' columns (expected the header" in (
        result.stderr
    )


def test_a_failed_fetch_exits_4_names_the_row_and_writes_nothing(
    tmdb: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "list.csv"
    feed.write_text(list_data.IMDB_OLD, encoding="utf-8")
    # Dune's page is not found now
    monkeypatch.setattr("tests.workflows.test_import_list.MISSING", 1170608)
    before = registry.read_bytes()
    result = invoke("import", "--from", "imdb", str(feed), "-r", str(registry))
    assert result.exit_code == 1
    assert "list.csv:2: 'Dune: Part Three': TMDB: tmdb:movie/1170608: not found" in result.stderr
    assert result.stderr.endswith("(nothing was written; the inbox is unchanged)\n")
    assert registry.read_bytes() == before


def test_options_of_a_list_need_from_and_from_takes_one_source(registry: Path) -> None:
    alone = invoke("import", "tmdb:movie/1", "--mode", "add", "-r", str(registry))
    assert alone.exit_code == 2
    assert "--mode, --only and --json go with --from LIST" in alone.stderr
    helped = " ".join(invoke("import", "--help").stdout.split())
    assert "--json With --from: print what became of each row as JSON." in helped
    two = invoke("import", "--from", "imdb", "a.csv", "b.csv", "-r", str(registry))
    assert two.exit_code == 2
    assert "--from imdb takes one FILE, URL or USER[/LIST], not 2" in two.stderr
    unknown = invoke("import", "--from", "netflix", "a.csv", "-r", str(registry))
    assert unknown.exit_code == 2
    assert "letterboxd" in unknown.stderr


def test_a_long_import_draws_a_bar_on_a_terminal_only() -> None:
    import io

    from rich.console import Console

    from release_countdown.cli.import_list import BarSteps

    screen = io.StringIO()
    bar = BarSteps(Console(file=screen, force_terminal=True, width=60))
    with bar.progress:
        bar.begin("resolving", 2)
        bar.step()
        bar.begin("fetching", 1)
        bar.step()
    assert [task.description for task in bar.progress.tasks] == ["fetching"]
    assert bar.progress.tasks[0].finished
    assert "fetching" in screen.getvalue()


def test_no_bar_when_piped(tmdb: HTTPServer, registry: Path, watchlist: Path) -> None:
    result = invoke("import", "--from", "letterboxd", str(watchlist), "-r", str(registry))
    assert "resolving" not in result.stderr
    assert "\x1b" not in result.stderr


def test_a_lidarr_artist_becomes_a_musicbrainz_follow(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sources import arr_data

    monkeypatch.setenv("LIDARR_API_KEY", KEY)
    server.expect_request("/api/v1/artist").respond_with_json([arr_data.artist()])
    url = server.url_for("/").rstrip("/")
    before = registry.read_bytes()
    dry = invoke("import", "--from", "lidarr", url, "-r", str(registry), "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert f'+ref = "musicbrainz:artist/{arr_data.MBID}"' in dry.stdout  # the diff
    assert registry.read_bytes() == before  # a dry run writes nothing
    result = invoke("import", "--from", "lidarr", url, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert f"{url}: 1 row: 0 imported" in result.stderr
    assert "1 followed" in result.stderr
    (follow,) = tomli.loads(registry.read_text(encoding="utf-8"))["follow"]
    assert follow["name"] == "linkin-park"
    assert follow["ref"] == f"musicbrainz:artist/{arr_data.MBID}"
    assert follow["types"] == ["album", "ep", "soundtrack"]
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    again = invoke("import", "--from", "lidarr", url, "-r", str(registry), "--json")
    assert json.loads(again.stdout)["followed"] == []  # followed once


def test_a_feed_address_with_its_key_is_not_printed(server: HTTPServer, registry: Path) -> None:
    # Radarr's calendar feed carries its API key in the address (…/Radarr.ics?apikey=KEY).
    server.expect_request("/feed/v3/calendar/Radarr.ics").respond_with_data(
        list_data.RADARR_ICS, content_type="text/calendar"
    )
    url = server.url_for("/feed/v3/calendar/Radarr.ics") + "?apikey=s3cr3tk3y0123"
    result = invoke("import", "--from", "ics", url, "-r", str(registry), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "s3cr3tk3y0123" not in result.stderr + result.stdout
    assert "countdown: ics http://127.0.0.1:" in result.stderr
    assert "?apikey=***: 2 rows: 2 imported" in result.stderr
