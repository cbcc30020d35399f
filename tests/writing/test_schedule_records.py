"""The schedule's records in the state folder (issue 27 item 6): written whole by a rename,
read back the same; a corrupt or planted file is named (exit 3), never reset."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from release_countdown.core.errors import StateError
from release_countdown.writing.schedule import (
    Installed,
    LastRun,
    read_installed,
    read_last_run,
    write_installed,
    write_last_run,
)
from tests.conftest import invoke

RUN = LastRun(
    "2026-12-07T12:00:00+01:00", "2026-12-07T12:00:09+01:00", 4,
    "refresh --due: exit 4 (1 of 3 titles failed); notify: ok", (("refresh --due", 4), ("notify", 0)),
)  # fmt: skip


def test_records_round_trip_and_a_missing_one_is_none(tmp_path: Path) -> None:
    run_file, installed_file = tmp_path / "state" / "run.json", tmp_path / "state" / "s.json"
    assert read_last_run(run_file) is None
    assert read_installed(installed_file) is None
    write_last_run(run_file, RUN)
    installed = Installed(
        "cron", "6h", ("/bin/countdown", "schedule", "run"), {"XDG_STATE_HOME": "/s"},
        "crontab", "0 */6 * * * /bin/countdown schedule run", "2026-12-07T10:00:00+01:00",
    )  # fmt: skip
    write_installed(installed_file, installed)
    assert read_last_run(run_file) == RUN
    assert read_installed(installed_file) == installed
    assert os.stat(run_file).st_mode & 0o777 == 0o600
    assert sorted(p.name for p in run_file.parent.iterdir()) == ["run.json", "s.json"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{", "not JSON"),
        ('{"format": "release-countdown marks", "version": 1}', "not a schedule record"),
        ('{"format": "release-countdown schedule run", "version": 2}', "version 2 is not 1"),
        (
            '{"format": "release-countdown schedule run", "version": 1, "started": "", '
            '"ended": "", "summary": "", "exit": "4"}',
            '"exit" is not a number',
        ),
    ],
)
def test_a_corrupt_record_is_named_and_left_alone(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "run.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StateError, match=why) as refused:
        read_last_run(path)
    assert str(refused.value).startswith(f"{path}: the schedule's last run is corrupt or foreign")
    assert path.read_text(encoding="utf-8") == text


def test_a_link_at_the_records_name_is_replaced_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "bashrc"
    target.write_text("keep me\n", encoding="utf-8")
    path = tmp_path / "run.json"
    path.symlink_to(target)
    write_last_run(path, RUN)
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not path.is_symlink()


def test_status_with_a_corrupt_record_is_exit_3(tmp_path: Path) -> None:
    state = tmp_path / "xdg-state" / "release-countdown"
    state.mkdir(parents=True)
    (state / "schedule-run.json").write_text("[]", encoding="utf-8")
    done = invoke("schedule", "status")
    assert done.exit_code == 3
    assert "schedule-run.json: the schedule's last run is corrupt or foreign" in done.stderr
