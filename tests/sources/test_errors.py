"""How the sources fail: exit 2 (usage, no key, bad ref), 1 (404), 4 (the source failed),
with the source, the ref and the reason on one line, no key, and the registry untouched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import invoke
from tests.sources import tmdb_data
from tests.sources.conftest import KEY


def test_no_tmdb_key_says_how_to_get_one(registry: Path) -> None:
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 2
    assert "https://www.themoviedb.org/settings/api" in result.stderr
    assert "TMDB_API_KEY" in result.stderr
    assert "[sources.tmdb]" in result.stderr


def test_key_from_the_config_file(
    server: HTTPServer, tmp_path: Path, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[sources.tmdb]\nread_access_token = "t0ken-abc"\n')
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
    server.expect_request(
        "/3/movie/575264", headers={"Authorization": "Bearer t0ken-abc"}
    ).respond_with_json(tmdb_data.movie())
    result = invoke("import", "tmdb:movie/575264", "-r", str(registry))
    assert result.exit_code == 0, result.stderr


def test_a_bad_config_value_names_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[sources.tmdb]\napi_key = 42\n")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    result = invoke("lookup", "dune")
    assert result.exit_code == 2
    assert f"{config}:2:11: sources.tmdb.api_key must be a string" in result.stderr


@pytest.mark.parametrize(
    "ref", ["imdb:tt123", "tmdb:tv/1/season/0", "https://example.com/movie/1", "Q42"]
)
def test_unknown_ref_forms_are_listed(ref: str, registry: Path) -> None:
    result = invoke("import", ref, "-r", str(registry))
    assert result.exit_code == 2
    assert "tmdb:movie/ID" in result.stderr
    assert "https://www.wikidata.org/wiki/QID" in result.stderr


def test_not_found_exits_1(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/9").respond_with_json(
        {"status_code": 34, "status_message": "The resource you requested could not be found.",
         "success": False}, status=404)  # fmt: skip
    result = invoke("import", "tmdb:movie/9", "-r", str(registry))
    assert result.exit_code == 1
    assert "TMDB: tmdb:movie/9: not found (404)" in result.stderr
    assert registry.read_text() == "schema = 1\n"


def test_refused_key_exits_4_and_is_never_printed(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/1").respond_with_json(
        {"status_code": 7, "status_message": f"Invalid API key {KEY}: You must be granted a valid key.",
         "success": False}, status=401)  # fmt: skip
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: refused: HTTP 401" in result.stderr
    assert KEY not in result.stderr + result.stdout
    assert registry.read_text() == "schema = 1\n"


def test_garbage_json_exits_4(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/1").respond_with_data("<html>oops</html>", status=200)
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: the answer is not JSON" in result.stderr


def test_json_of_another_shape_exits_4(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/1").respond_with_json({"results": []})
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "the answer is not what TMDB documents" in result.stderr


def test_429_then_success(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_ordered_request("/3/movie/575264").respond_with_json(
        {"status_code": 25, "status_message": "Your request count is over the limit."},
        status=429, headers={"Retry-After": "1"},
    )  # fmt: skip
    tmdb.expect_ordered_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    started = time.monotonic()
    result = invoke("import", "tmdb:movie/575264", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started >= 1.0  # Retry-After honoured
    assert len(tmdb.log) == 2


def test_5xx_after_the_retries_exits_4(
    tmdb: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("release_countdown.sources.http.BACKOFF", 0.01)
    tmdb.expect_request("/3/movie/1").respond_with_data("down", status=502)
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: HTTP 502 after 4 tries" in result.stderr
    assert len(tmdb.log) == 4


def test_a_timeout_exits_4(
    tmdb: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COUNTDOWN_HTTP_TIMEOUT", "0.3")

    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    tmdb.expect_request("/3/movie/1").respond_with_handler(slow)
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: no answer in time from 127.0.0.1" in result.stderr
    assert registry.read_text() == "schema = 1\n"


def test_unreachable_exits_4(monkeypatch: pytest.MonkeyPatch, registry: Path) -> None:
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", "http://127.0.0.1:9")  # discard: nobody listens
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 4
    assert "TMDB: tmdb:movie/1: cannot reach 127.0.0.1:9" in result.stderr
    assert KEY not in result.stderr


def test_user_agent_names_the_project(tmdb: HTTPServer, registry: Path) -> None:
    tmdb.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    invoke("import", "tmdb:movie/575264", "-r", str(registry))
    request, _ = tmdb.log[0]
    assert request.headers["User-Agent"].startswith("release-countdown/")
    assert "(+https://" in request.headers["User-Agent"]


def test_tests_cannot_reach_the_internet() -> None:
    import socket

    with socket.socket() as sock, pytest.raises(OSError, match="may not connect"):
        sock.connect(("93.184.215.14", 80))


def test_without_httpx_the_commands_say_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, registry: Path
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "httpx", None)  # import httpx raises ImportError
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    result = invoke("import", "tmdb:movie/1", "-r", str(registry))
    assert result.exit_code == 2
    assert "pip install 'release-countdown[sources]'" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
def test_dates_are_calendar_days_in_every_zone(zone: str, tmdb: HTTPServer, registry: Path) -> None:
    """TMDB's "2023-07-12T00:00:00.000Z" is July 12 west and east of UTC alike."""
    import os
    import subprocess
    import sys

    import tomli

    tmdb.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "TZ": zone, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-m", "release_countdown", "import", "tmdb:movie/575264", "-r", str(registry)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entry = tomli.loads(registry.read_text())["release"][0]
    assert entry["date"].isoformat() == "2023-07-12"
    assert [d["date"].isoformat() for d in entry["dates"]][:2] == ["2023-06-19", "2023-07-12"]
