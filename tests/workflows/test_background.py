"""`serve --refresh` (issue 27 item 6): rounds of `refresh --due` on a thread beside the
server, against a local server answering like TMDB; a failed round is logged and the next one
runs; the server's registry state sees the new file."""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path

import pytest
import tomli
from pytest_httpserver import HTTPServer

from release_countdown.core.errors import SourceError
from release_countdown.registry.load import load_registry
from release_countdown.serve.state import RegistryState
from release_countdown.workflows.background import refresh_every, refresh_round
from tests.workflows.conftest import KEY, tmdb_settings
from tests.workflows.test_refresh import HAND_WRITTEN, answer

TODAY = date(2026, 12, 1)


def test_a_round_refreshes_the_titles_due_and_says_what_moved(
    server: HTTPServer, registry: Path
) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-08-02")
    where = tmdb_settings(server)
    try:
        lines = refresh_round(registry, where=where, region=None, lock_timeout=5.0, today=TODAY)
    finally:
        where.close()
    assert lines[-1] == "refresh: 1 due, 1 changed, 0 failed"
    assert any("date: 2027-07-12 → 2027-08-02" in line for line in lines)
    entry = tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]
    assert entry["date"] == date(2027, 8, 2)


def test_the_server_sees_what_a_round_wrote(server: HTTPServer, registry: Path) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    state = RegistryState([registry], lambda: load_registry([registry]))
    assert state.current().registry.releases[0].date.iso() == "2027-07-12"
    answer(server, "2027-08-02")
    where = tmdb_settings(server)
    try:
        refresh_round(registry, where=where, region=None, lock_timeout=5.0, today=TODAY)
    finally:
        where.close()
    assert state.current().registry.releases[0].date.iso() == "2027-08-02"


def test_rounds_run_now_and_every_interval_until_stopped_and_failures_do_not_stop_them() -> None:
    days: list[date] = []
    logged: list[str] = []
    stop = threading.Event()

    def round_(today: date) -> list[str]:
        days.append(today)
        if len(days) == 1:
            raise SourceError("TMDB: unreachable")
        if len(days) == 2:
            raise RuntimeError("a bug")
        if len(days) == 4:
            stop.set()
        return [f"round {len(days)}"]

    clock = iter([date(2026, 12, d) for d in range(1, 10)])
    rounds = refresh_every(0.01, round_, today=lambda: next(clock), stop=stop, log=logged.append)
    assert rounds == 4
    assert days == [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4)]
    assert logged == [
        "refresh failed: TMDB: unreachable; serving the registry as it is",
        "refresh failed unexpectedly: RuntimeError: a bug",
        "round 3",
        "round 4",
    ]


def test_a_round_waits_the_interval_and_stopping_ends_the_wait_at_once() -> None:
    stop = threading.Event()
    started = time.monotonic()
    thread = threading.Thread(
        target=refresh_every,
        args=(3600.0, lambda today: ["ran"]),
        kwargs={"today": lambda: TODAY, "stop": stop, "log": lambda line: None},
    )
    thread.start()
    time.sleep(0.05)
    assert thread.is_alive()  # waiting its hour
    stop.set()
    thread.join(timeout=1.0)
    assert not thread.is_alive()
    assert time.monotonic() - started < 1.0


def test_an_invalid_registry_is_logged_with_its_problems(tmp_path: Path) -> None:
    from release_countdown.sources.config import SourceSettings

    path = tmp_path / "releases.toml"
    path.write_text("schema = 1\n[[release]]\ntitle = 3\n", encoding="utf-8")
    where = SourceSettings({}, timeout=1.0, tmdb_key=KEY, config_file=Path("config.toml"))
    logged: list[str] = []
    stop = threading.Event()

    def round_(today: date) -> list[str]:
        stop.set()
        return refresh_round(path, where=where, region=None, lock_timeout=1.0, today=today)

    refresh_every(0.01, round_, today=lambda: TODAY, stop=stop, log=logged.append)
    where.close()
    assert logged[-1].startswith("refresh failed: ")
    assert logged[-1].endswith("; serving the registry as it is")
    assert any(line.startswith(f"refresh: {path}:3") for line in logged[:-1]), logged


@pytest.mark.slow  # a thread and a local server: under a second
def test_serve_refresh_starts_a_refresher_that_writes_and_stops(
    server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.cli.serve_refresh import refresher
    from release_countdown.core.schedule import Every

    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-08-02")
    monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("TMDB_API_KEY", KEY)
    logged: list[str] = []
    stop = refresher([registry], Every(15), logged.append)()
    try:
        for _ in range(100):
            if any(line.startswith("refresh: 1 due") for line in logged):
                break
            time.sleep(0.02)
    finally:
        stop()
    assert logged[0] == f"refresh: the titles due in {registry}, now and every 15min"
    assert "refresh: 1 due, 1 changed, 0 failed" in logged
    assert "date = 2027-08-02" in registry.read_text(encoding="utf-8")
