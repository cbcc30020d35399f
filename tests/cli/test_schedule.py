"""`countdown schedule install|status|remove|run` (issue 27 item 6): unit files written into a
temporary XDG_CONFIG_HOME with systemctl replaced by a fake on PATH that records its calls;
systemd-analyze's verdict on them where it is installed; the crontab line elsewhere; status
before and after a run; remove."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from release_countdown.cli import scheduling
from tests.conftest import invoke

TIMER = "release-countdown.timer"
SERVICE = "release-countdown.service"
FAKE = """#!/bin/sh
echo "$*" >> "$FAKE_SYSTEMCTL_LOG"
case "$*" in
  *"show release-countdown.timer"*)
    printf 'NextElapseUSecRealtime=Mon 2026-12-07 18:00:00 UTC\\nActiveState=active\\n' ;;
  *"enable"*) [ -n "$FAKE_SYSTEMCTL_REFUSE" ] && { echo "Failed to enable unit" >&2; exit 1; } ;;
esac
exit 0
"""


@pytest.fixture(autouse=True)
def user_registry(tmp_path: Path) -> Path:
    """The user's registry, which the job refreshes when no --registry is given."""
    path = tmp_path / "xdg-data" / "release-countdown" / "releases.toml"
    path.parent.mkdir(parents=True)
    path.write_text("schema = 1\n", encoding="utf-8")
    return path


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """systemd "running" (its marker a folder of ours) with a fake systemctl first on PATH;
    the file its calls are recorded in."""
    marker = tmp_path / "run-systemd-system"
    marker.mkdir()
    monkeypatch.setattr(scheduling, "SYSTEMD_MARK", marker)
    bin_ = tmp_path / "fake-bin"
    bin_.mkdir()
    fake = bin_ / "systemctl"
    fake.write_text(FAKE, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "systemctl.log"
    monkeypatch.setenv("FAKE_SYSTEMCTL_LOG", str(log))
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.fixture
def no_systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scheduling, "SYSTEMD_MARK", tmp_path / "no-such-folder")


def units_folder(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "systemd" / "user"


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.mark.slow  # the fake systemctl is a process
def test_install_writes_the_units_and_enables_the_timer(systemd: Path, tmp_path: Path) -> None:
    registry = tmp_path / "films.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    done = invoke("schedule", "install", "--every", "6h", "--notify", "--registry", str(registry))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == (
        f"countdown: {TIMER} runs every 6h (in {units_folder(tmp_path)}); see `countdown "
        "schedule status`\n"
    )
    assert calls(systemd) == [
        "--user show-environment", "--user daemon-reload", f"--user enable --now {TIMER}",
    ]  # fmt: skip
    timer = (units_folder(tmp_path) / TIMER).read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 00/6:00:00\nPersistent=true\n" in timer
    service = (units_folder(tmp_path) / SERVICE).read_text(encoding="utf-8")
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    words = exec_start.removeprefix("ExecStart=").split()
    assert Path(words[0]).is_absolute()
    assert words[-5:] == ["schedule", "run", "--notify", "--registry", str(registry)]
    # the state folder the job writes in is the one this shell uses
    assert f"Environment=XDG_STATE_HOME={tmp_path / 'xdg-state'}\n" in service


@pytest.mark.slow
def test_installing_again_replaces_the_units_and_restarts_the_timer(
    systemd: Path, tmp_path: Path
) -> None:
    assert invoke("schedule", "install", "--every", "1d").exit_code == 0
    first = {p.name: p.read_bytes() for p in units_folder(tmp_path).iterdir()}
    assert invoke("schedule", "install", "--every", "1d").exit_code == 0
    again = {p.name: p.read_bytes() for p in units_folder(tmp_path).iterdir()}
    assert again == first  # the same two files, the same bytes: no temporaries left
    assert invoke("schedule", "install", "--every", "30min").exit_code == 0
    timer = (units_folder(tmp_path) / TIMER).read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* *:00/30:00\n" in timer
    assert calls(systemd).count(f"--user restart {TIMER}") == 2


@pytest.mark.slow
def test_a_systemctl_failure_is_exit_4_with_its_words(
    systemd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_SYSTEMCTL_REFUSE", "1")
    done = invoke("schedule", "install")
    assert done.exit_code == 4
    assert done.stderr == (
        f"countdown: `systemctl --user enable --now {TIMER}` failed (exit 1): Failed to enable "
        "unit\n"
    )


@pytest.mark.slow
def test_systemd_analyze_verify_accepts_the_units(systemd: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here: the units cannot be verified")
    assert invoke("schedule", "install", "--every", "6h", "--notify").exit_code == 0
    folder = units_folder(tmp_path)
    service = (folder / SERVICE).read_text(encoding="utf-8")
    program = service.split("ExecStart=", 1)[1].split()[0].strip('"')
    assert os.access(program, os.X_OK), "verify checks that ExecStart's program exists"
    done = subprocess.run(
        [analyze, "verify", "--man=no", str(folder / SERVICE), str(folder / TIMER)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stderr.splitlines() if "release-countdown" in line]


@pytest.mark.slow
def test_status_names_the_timer_its_next_run_and_remove_takes_it_away(
    systemd: Path, tmp_path: Path
) -> None:
    before = invoke("schedule", "status")
    assert (before.exit_code, before.stdout) == (
        1, "installed: no\nnext run:  -\nlast run:  never\n"
    )  # fmt: skip
    assert invoke("schedule", "install", "--every", "6h").exit_code == 0
    found = invoke("schedule", "status", "--json")
    assert found.exit_code == 0
    status = json.loads(found.stdout)
    assert status | {"last": None} == {
        "installed": True, "how": "systemd", "every": "6h",
        "where": str(units_folder(tmp_path) / TIMER), "next": "2026-12-07T18:00:00",
        "active": "active", "last": None, "note": "",
    }  # fmt: skip
    assert invoke("schedule", "status").stdout == (
        f"installed: systemd every 6h ({units_folder(tmp_path) / TIMER})\n"
        "next run:  2026-12-07T18:00:00\nlast run:  never\n"
    )
    removed = invoke("schedule", "remove")
    assert removed.exit_code == 0, removed.stderr
    assert not list(units_folder(tmp_path).iterdir())
    assert calls(systemd)[-2:] == [f"--user disable --now {TIMER}", "--user daemon-reload"]
    assert invoke("schedule", "status").exit_code == 1
    again = invoke("schedule", "remove")
    assert again.exit_code == 1
    assert again.stderr.startswith("countdown: no schedule is installed")


def test_without_systemd_install_prints_the_crontab_line(no_systemd: None, tmp_path: Path) -> None:
    done = invoke("schedule", "install", "--every", "1d", "--notify")
    assert done.exit_code == 0, done.stderr
    line = done.stdout.removesuffix("\n")
    assert "\n" not in line
    assert line.startswith("0 7 * * * ")
    assert line.endswith(" schedule run --notify")
    assert f"XDG_STATE_HOME={tmp_path / 'xdg-state'} " in line
    assert done.stderr.startswith("countdown: add this line to your crontab: `crontab -e`")
    assert not units_folder(tmp_path).exists()


def test_cron_is_asked_for_where_systemd_runs_too(systemd: Path, tmp_path: Path) -> None:
    done = invoke("schedule", "install", "--cron", "--every", "15min")
    assert done.exit_code == 0
    assert done.stdout.startswith("*/15 * * * * ")
    assert calls(systemd) == []
    assert not units_folder(tmp_path).exists()


def test_a_secret_in_the_environment_is_not_given_to_the_job(
    no_systemd: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMDB_API_KEY", "k3y-s3cr3t-0123456789")
    monkeypatch.setenv("COUNTDOWN_REGION", "DE")
    done = invoke("schedule", "install")
    assert "k3y-s3cr3t" not in done.stdout
    assert "COUNTDOWN_REGION=DE " in done.stdout
    assert "warning: TMDB_API_KEY is set in this shell only" in done.stderr


@pytest.mark.parametrize("every", ["15m", "5min", "5h", "often"])
def test_a_bad_interval_is_exit_2_naming_the_option(no_systemd: None, every: str) -> None:
    done = invoke("schedule", "install", "--every", every)
    assert done.exit_code == 2
    assert "Invalid value for '--every': " in done.stderr
    assert done.stdout == ""


def test_cron_status_computes_the_next_run_and_remove_prints_the_line(
    no_systemd: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduling, "in_crontab", lambda: True)
    line = invoke("schedule", "install", "--every", "6h").stdout
    found = json.loads(invoke("schedule", "status", "--json").stdout)
    assert (found["installed"], found["how"], found["where"]) == (True, "cron", "crontab")
    assert found["next"].endswith(":00:00")
    assert int(found["next"][11:13]) % 6 == 0
    removed = invoke("schedule", "remove")
    assert (removed.exit_code, removed.stdout) == (0, line)
    assert "delete this line from your crontab" in removed.stderr
    monkeypatch.setattr(scheduling, "in_crontab", lambda: False)
    assert invoke("schedule", "status").exit_code == 1


@pytest.mark.slow  # the job runs refresh and notify as processes
def test_status_shows_the_last_run(no_systemd: None, tmp_path: Path) -> None:
    registry = tmp_path / "films.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    assert "last run:  never\n" in invoke("schedule", "status").stdout
    env = {"PYTHONPATH": os.pathsep.join(sys.path)}
    ran = invoke("schedule", "run", "--notify", "--registry", str(registry), env=env)
    assert ran.exit_code == 0, ran.stderr
    last = json.loads(invoke("schedule", "status", "--json").stdout)["last"]
    assert last["exit"] == 0
    assert last["summary"] == (
        "refresh --due: ok (nothing to refresh (no title is due)); notify: ok (first run: 0 "
        "earlier reminders skipped; none is due later)"
    )
    assert last["steps"] == [["refresh --due", 0], ["notify", 0]]
    assert last["started"] <= last["ended"]
    registry.write_text("schema = 1\n[[release]]\n", encoding="utf-8")  # invalid now
    failed = invoke("schedule", "run", "--registry", str(registry), env=env)
    assert failed.exit_code == 3
    shown = invoke("schedule", "status").stdout.splitlines()[-1]
    assert shown.startswith("last run:  ")
    assert ", exit 3: refresh --due: exit 3 (" in shown


def test_install_warns_when_the_job_has_no_registry_to_refresh(
    no_systemd: None, user_registry: Path
) -> None:
    user_registry.unlink()
    done = invoke("schedule", "install")
    assert done.exit_code == 0
    assert done.stderr.startswith(
        f"countdown: warning: there is no user registry yet ({user_registry}): the job fails "
        "until `countdown init` makes one (or install with --registry PATH)\n"
    )


def test_a_path_with_a_line_break_is_refused(no_systemd: None, tmp_path: Path) -> None:
    registry = tmp_path / "a\nb.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    done = invoke("schedule", "install", "--registry", str(registry))
    assert done.exit_code == 2
    assert "holds a line break, which a crontab line cannot hold" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--refresh", "5min"], "Invalid value for '--refresh': '5min' is too often"),
        (["--refresh", "6h", "-r", "a.toml", "-r", "b.toml"], "give --registry once"),
    ],
)
def test_serve_refresh_refuses_before_listening(
    args: list[str], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.toml", "b.toml"):
        (tmp_path / name).write_text("schema = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = invoke("serve", "--port", "0", *args)
    assert done.exit_code == 2
    assert words in done.stderr
    assert "serving" not in done.stderr


def test_the_crontab_hint_installs_the_same_schedule_again(
    no_systemd: None, tmp_path: Path
) -> None:
    """The one-liner offered to replace an older line repeats --every, --notify and
    --registry: without them it would put in a different schedule."""
    registry = tmp_path / "my films.toml"
    registry.write_text("schema = 1\n", encoding="utf-8")
    done = invoke("schedule", "install", "--every", "1d", "--notify", "--registry", str(registry))
    assert done.exit_code == 0, done.stderr
    assert (
        "`(crontab -l | grep -v ' schedule run'; countdown schedule install --cron --every 1d "
        f"--notify --registry '{registry}') | crontab -`"
    ) in done.stderr
    plain = invoke("schedule", "install")
    assert "countdown schedule install --cron --every 6h) | crontab -`" in plain.stderr


@pytest.mark.slow  # the fake systemctl is a process
def test_installing_cron_over_a_timer_takes_the_timer_away(systemd: Path, tmp_path: Path) -> None:
    """ "Installing again replaces the schedule": a timer left behind would run the job as
    well as the crontab line, and status would name it."""
    assert invoke("schedule", "install", "--every", "1d").exit_code == 0
    done = invoke("schedule", "install", "--cron", "--every", "6h")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("0 */6 * * * ")
    assert not list(units_folder(tmp_path).iterdir())
    assert calls(systemd)[-2:] == [f"--user disable --now {TIMER}", "--user daemon-reload"]
    assert f"countdown: removed {units_folder(tmp_path) / TIMER}\n" in done.stderr
    status = json.loads(invoke("schedule", "status", "--json").stdout)
    assert (status["how"], status["every"]) == ("cron", "6h")


@pytest.mark.slow
def test_installing_a_timer_over_a_crontab_line_says_to_delete_the_line(
    systemd: Path, tmp_path: Path
) -> None:
    line = invoke("schedule", "install", "--cron", "--every", "1d").stdout.removesuffix("\n")
    done = invoke("schedule", "install", "--every", "6h")
    assert done.exit_code == 0, done.stderr
    assert (
        "countdown: the crontab line installed before runs the job too: delete it from your "
        f"crontab (`crontab -e`): {line}\n"
    ) in done.stderr


@pytest.mark.slow
def test_a_refused_enable_leaves_a_record_of_the_units_written(
    systemd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """systemctl refusing (exit 4) after the new units are written: status tells of those
    units (every 2h), not of the schedule they replaced."""
    assert invoke("schedule", "install", "--every", "1d").exit_code == 0
    monkeypatch.setenv("FAKE_SYSTEMCTL_REFUSE", "1")
    assert invoke("schedule", "install", "--every", "2h").exit_code == 4
    assert "OnCalendar=*-*-* 00/2:00:00\n" in (units_folder(tmp_path) / TIMER).read_text("utf-8")
    assert json.loads(invoke("schedule", "status", "--json").stdout)["every"] == "2h"
