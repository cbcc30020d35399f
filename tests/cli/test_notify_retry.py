"""`countdown notify`: "it is retried next run" holds for a reminder whose next run falls on
the release day (a failed --exec 1-day reminder is sent then, before "released")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_notify import ARGYLLE, RECORDER, before, exec_of, notify, recorded


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(ARGYLLE, encoding="utf-8")
    return path


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    (tmp_path / "recorded").mkdir()
    monkeypatch.setenv("OUT", str(tmp_path / "recorded"))
    return script


def test_a_failed_1d_reminder_is_delivered_on_the_release_day(
    registry: Path, recorder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "notify.json"
    run = ("--exec", exec_of(recorder), "--state", str(state))
    assert notify(registry, before(30), *run).exit_code == 0
    monkeypatch.setenv("EXIT_WITH", "1")
    failed = notify(registry, before(1), *run)
    assert failed.exit_code == 4
    assert "1 of 1 notice not delivered; it is retried next run" in failed.stderr
    kept = json.loads(state.read_text(encoding="utf-8"))["failed"]
    assert kept == [
        {"id": "argylle", "event": "reminder", "date": "2024-02-02", "lead": 1, "on": "2024-02-01"}
    ]
    monkeypatch.setenv("EXIT_WITH", "0")
    assert notify(registry, before(0), "--dry-run", *run).stdout == (
        "reminder  Argylle  today (2024-02-02)\nreleased  Argylle  today (2024-02-02)\n"
    )
    assert notify(registry, before(0), *run).exit_code == 0
    assert notify(registry, before(-1), *run).exit_code == 0
    sent = [(c["env"]["COUNTDOWN_EVENT"], c["env"]["COUNTDOWN_LEAD"]) for c in recorded(tmp_path)]
    assert sent == [
        ("reminder", "30d"),
        ("reminder", "1d"),  # failed
        ("reminder", "1d"),  # retried on the release day
        ("released", "0d"),
    ]
    assert "failed" not in json.loads(state.read_text(encoding="utf-8"))


def test_a_state_of_an_earlier_version_without_failures_reads(
    registry: Path, tmp_path: Path
) -> None:
    state = tmp_path / "notify.json"
    state.write_text(
        '{"format": "release-countdown notify state", "version": 1, "created": "2024-01-01",'
        ' "last_run": "2024-01-25", "sent": [], "seen": {}}',
        encoding="utf-8",
    )
    result = notify(registry, before(7), "--state", str(state))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "reminder  Argylle  in 7 days (2024-02-02)\n"
