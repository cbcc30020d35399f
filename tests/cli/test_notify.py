"""`countdown notify`: time travel with --as-of, state, --exec, --to (a local server), errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke

ARGYLLE = 'schema = 1\n\n[[release]]\nid = "argylle"\ntitle = "Argylle"\nkind = "film"\ndate = 2024-02-02\n'
RELEASE_DAY = date(2024, 2, 2)
# Writes its environment and stdin to a new file in OUT; exits with $EXIT_WITH (default 0).
RECORDER = """\
import json, os, sys, time
out = os.environ["OUT"]
n = len(os.listdir(out))
env = {k: v for k, v in os.environ.items() if k.startswith("COUNTDOWN_")}
with open(os.path.join(out, f"{os.getpid()}-{time.monotonic_ns()}.json"), "w") as f:
    json.dump({"env": env, "stdin": sys.stdin.read(), "argv": sys.argv[1:]}, f)
sys.exit(int(os.environ.get("EXIT_WITH", "0")))
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(ARGYLLE, encoding="utf-8")
    return path


@pytest.fixture
def recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A script for --exec and the folder it records into."""
    script = tmp_path / "record.py"
    script.write_text(RECORDER, encoding="utf-8")
    out = tmp_path / "recorded"
    out.mkdir()
    monkeypatch.setenv("OUT", str(out))
    return script


def exec_of(script: Path, *args: str) -> str:
    return " ".join([sys.executable, str(script), *args])


def recorded(tmp_path: Path) -> list[dict[str, Any]]:
    files = sorted((tmp_path / "recorded").iterdir(), key=lambda p: p.stat().st_mtime_ns)
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def write_config(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "xdg-config" / "release-countdown" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")
    return config


def state_file(tmp_path: Path) -> Path:
    return tmp_path / "xdg-state" / "release-countdown" / "notify.json"


def notify(registry: Path, day: date, *args: str) -> Any:
    return invoke("notify", "-r", str(registry), "--as-of", day.isoformat(), *args)


def before(n: int) -> date:
    return RELEASE_DAY - timedelta(days=n)


# --- time travel --------------------------------------------------------------------------


def test_daily_runs_send_30d_7d_1d_and_released_exactly(registry: Path, tmp_path: Path) -> None:
    outputs = []
    for n in (31, 30, 8, 7, 1, 0):
        result = notify(registry, before(n))
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs == [
        "",
        "reminder  Argylle  in 30 days (2024-02-02)\n",
        "",
        "reminder  Argylle  in 7 days (2024-02-02)\n",
        "reminder  Argylle  tomorrow (2024-02-02)\n",
        "released  Argylle  today (2024-02-02)\n",
    ]
    assert state_file(tmp_path).exists()
    assert notify(registry, before(0)).stdout == ""  # again the same day: nothing twice


def test_a_skipped_run_sends_the_smallest_lead_once(registry: Path) -> None:
    assert notify(registry, before(10)).stdout == ""
    assert notify(registry, before(5)).stdout == "reminder  Argylle  in 5 days (2024-02-02)\n"
    assert notify(registry, before(4)).stdout == ""


def test_a_postpone_sends_changed_and_rearms_the_leads(registry: Path) -> None:
    assert "in 7 days" in notify(registry, before(7)).stdout
    moved = invoke(
        "postpone", "argylle", "2024-03-08", "--announced", before(6).isoformat(),
        "-r", str(registry),
    )  # fmt: skip
    assert moved.exit_code == 0, moved.stderr
    result = notify(registry, before(6), "--json")
    (change,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert change == {
        "event": "changed", "id": "argylle", "title": "Argylle", "date": "2024-03-08",
        "days_remaining": 41, "lead": None, "countdown": "in 1 month",
        "old_date": "2024-02-02", "new_date": "2024-03-08", "change": "postponed",
    }  # fmt: skip
    again = invoke(
        "postpone", "argylle", "2024-03-09", "--announced", before(5).isoformat(),
        "-r", str(registry),
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert notify(registry, before(5)).stdout == (
        "changed   Argylle  postponed from 2024-03-08 to 2024-03-09 (in 1 month)\n"
    )
    new_day = date(2024, 3, 9)
    assert notify(registry, new_day - timedelta(days=31)).stdout == ""
    assert "in 1 month" in notify(registry, new_day - timedelta(days=30)).stdout
    assert "in 7 days (2024-03-09)" in notify(registry, new_day - timedelta(days=7)).stdout


def test_first_run_sends_only_what_is_due_today(registry: Path, tmp_path: Path) -> None:
    assert notify(registry, before(20)).stdout == ""  # the 30d lead passed ten days ago
    assert state_file(tmp_path).exists()
    assert notify(registry, before(19)).stdout == ""  # and is not sent late
    assert "in 7 days" in notify(registry, before(7)).stdout


def test_a_first_run_says_what_it_skipped_and_when_the_next_is_sent(registry: Path) -> None:
    """Once: the first run sends nothing here (the 30d lead passed ten days ago), and a new
    user learns it works; the words are on stderr, stdout is the notices' alone."""
    first = notify(registry, before(20))
    assert first.exit_code == 0
    assert first.stdout == ""
    assert first.stderr == (
        "countdown: first run: 1 earlier reminder skipped; the next will be sent on 2024-01-26\n"
    )
    second = notify(registry, before(19))
    assert (second.stdout, second.stderr) == ("", "")


def test_a_first_run_with_nothing_ahead_says_so(registry: Path) -> None:
    result = notify(registry, RELEASE_DAY + timedelta(days=30), "--json")
    assert result.stdout == ""
    assert result.stderr == (
        "countdown: first run: 0 earlier reminders skipped; none is due later\n"
    )


def test_json_objects_carry_the_documented_keys(registry: Path) -> None:
    result = notify(registry, before(7), "--json")
    assert json.loads(result.stdout) == {
        "event": "reminder", "id": "argylle", "title": "Argylle", "date": "2024-02-02",
        "days_remaining": 7, "lead": "7d", "countdown": "in 7 days",
    }  # fmt: skip


def test_filters_apply(registry: Path) -> None:
    assert notify(registry, before(7), "--kind", "album").stdout == ""
    assert notify(registry, before(7), "--search", "argy").stdout.startswith("reminder")


# --- --exec -------------------------------------------------------------------------------


def test_exec_gets_environment_and_stdin(registry: Path, recorder: Path, tmp_path: Path) -> None:
    result = notify(registry, before(7), "--exec", exec_of(recorder, "--flag", "two words"))
    assert (result.exit_code, result.stdout) == (0, "")
    (call,) = recorded(tmp_path)
    assert call["argv"] == ["--flag", "two", "words"]  # split with shlex, no shell
    env = call["env"]
    assert {k: env[k] for k in env if k in EXEC_KEYS} == {
        "COUNTDOWN_EVENT": "reminder", "COUNTDOWN_ID": "argylle", "COUNTDOWN_TITLE": "Argylle",
        "COUNTDOWN_DATE": "2024-02-02", "COUNTDOWN_DAYS": "7", "COUNTDOWN_COUNTDOWN": "in 7 days",
    }  # fmt: skip
    assert json.loads(call["stdin"])["lead"] == "7d"


EXEC_KEYS = {
    "COUNTDOWN_EVENT", "COUNTDOWN_ID", "COUNTDOWN_TITLE", "COUNTDOWN_DATE", "COUNTDOWN_DAYS",
    "COUNTDOWN_COUNTDOWN",
}  # fmt: skip


def test_a_failing_exec_is_retried_next_run(
    registry: Path, recorder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXIT_WITH", "1")
    failed = notify(registry, before(7), "--exec", exec_of(recorder))
    assert failed.exit_code == 4
    assert "exited 1" in failed.stderr
    assert "1 of 1 notice not delivered; it is retried next run" in failed.stderr
    monkeypatch.setenv("EXIT_WITH", "0")
    assert notify(registry, before(6), "--exec", exec_of(recorder)).exit_code == 0
    assert notify(registry, before(5), "--exec", exec_of(recorder)).exit_code == 0
    calls = recorded(tmp_path)
    assert [c["env"]["COUNTDOWN_DAYS"] for c in calls] == ["7", "6"]  # tried, then delivered


def test_hostile_title_reaches_the_script_verbatim_and_runs_nothing(
    tmp_path: Path, recorder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "keep").write_text("still here")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    title = "$(rm -rf ~) `touch pwned` $(touch pwned2) \"double\" 'single'; touch pwned3\nline two"
    text = ARGYLLE.replace('title = "Argylle"', f"title = {json.dumps(title)}")
    registry = tmp_path / "hostile.toml"
    registry.write_text(text, encoding="utf-8")
    result = notify(registry, before(7), "--exec", exec_of(recorder))
    assert result.exit_code == 0, result.stderr
    (call,) = recorded(tmp_path)
    assert call["env"]["COUNTDOWN_TITLE"] == title
    assert json.loads(call["stdin"])["title"] == title
    assert not list(tmp_path.glob("pwned*"))
    assert (home / "keep").read_text() == "still here"
    # On stdout the newline is a visible stand-in: one notice, one line.
    assert len(notify(registry, before(1)).stdout.splitlines()) == 1


def test_exec_command_not_found_is_a_usage_error(registry: Path, tmp_path: Path) -> None:
    result = notify(registry, before(7), "--exec", "no-such-command-here --x")
    assert result.exit_code == 2
    assert "'no-such-command-here' is not a command found" in result.stderr
    assert not state_file(tmp_path).exists()


# --- --to: Apprise against a local server ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_to_json_url_reaches_a_local_server(
    registry: Path, tmp_path: Path, httpserver: Any
) -> None:
    down = free_port()
    failed = notify(registry, before(7), "--to", f"json://127.0.0.1:{down}/hook")
    assert failed.exit_code == 4, failed.stderr
    assert "not delivered" in failed.stderr
    assert json.loads(state_file(tmp_path).read_text())["sent"] == []  # nothing recorded
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    url = f"json://127.0.0.1:{httpserver.port}/hook"
    result = notify(registry, before(6), "--to", url)
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    (request, _response), *_ = httpserver.log
    body = json.loads(request.get_data())
    assert body["title"] == "Argylle"
    assert body["message"] == "reminder: in 6 days (2024-02-02)"
    assert len(httpserver.log) == 1
    assert notify(registry, before(5), "--to", url).exit_code == 0
    assert len(httpserver.log) == 1  # delivered once


def test_to_url_without_apprise_is_a_usage_error(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)  # import apprise raises ImportError
    result = notify(registry, before(7), "--to", "ntfy://my-releases")
    assert result.exit_code == 2
    assert "release-countdown[notify]" in result.stderr


def test_unknown_url_is_a_usage_error(registry: Path) -> None:
    result = notify(registry, before(7), "--to", "nosuchscheme://x")
    assert result.exit_code == 2
    assert "is not a notification URL Apprise knows" in result.stderr


def test_desktop_without_notify_send_is_skipped_with_a_message(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = notify(registry, before(7), "--to", "desktop")
    assert result.exit_code == 0
    assert "notify-send is not installed here" in result.stderr


def test_desktop_uses_notify_send(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "notify-send"
    log = tmp_path / "notify-send.log"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {log}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert notify(registry, before(7), "--to", "desktop").exit_code == 0
    assert log.read_text().splitlines() == [
        "--app-name=release-countdown", "--", "Argylle", "reminder: in 7 days (2024-02-02)",
    ]  # fmt: skip


# --- state, dry runs, settings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not JSON"),
        (b'{"sent": []}', "not a notify state file"),
        (b'{"format": "release-countdown notify state", "version": 9}', "state version 9"),
        (b"\xff\xfe", "not JSON"),
    ],
)
def test_corrupt_or_foreign_state_is_named_and_kept(
    registry: Path, tmp_path: Path, content: bytes, why: str
) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    result = notify(registry, before(7), "--state", str(path))
    assert result.exit_code == 3
    assert f"{path}: the notify state file is corrupt or foreign" in result.stderr
    assert why in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == content


def test_dry_run_sends_and_records_nothing(registry: Path, recorder: Path, tmp_path: Path) -> None:
    result = notify(registry, before(7), "--dry-run", "--exec", exec_of(recorder))
    assert result.exit_code == 0
    assert result.stdout == "reminder  Argylle  in 7 days (2024-02-02)\n"
    assert "dry run: nothing sent or recorded" in result.stderr
    assert recorded(tmp_path) == []
    assert not state_file(tmp_path).exists()
    assert notify(registry, before(7)).stdout.startswith("reminder")  # still due


def test_state_option_and_where(registry: Path, tmp_path: Path) -> None:
    own = tmp_path / "elsewhere" / "mine.json"
    assert notify(registry, before(7), "--state", str(own)).stdout
    assert own.exists()
    assert not state_file(tmp_path).exists()
    assert str(state_file(tmp_path)) in invoke("where").stdout


def test_leads_from_option_config_and_default(registry: Path, tmp_path: Path) -> None:
    assert notify(registry, before(14)).stdout == ""
    write_config(tmp_path, '[notify]\nlead = "14d,2d"\n')
    assert "in 14 days" in notify(registry, before(14)).stdout
    assert notify(registry, before(7)).stdout == ""  # 7d is not a lead now
    assert "in 3 days" in notify(registry, before(3), "--lead", "3d").stdout


def test_bad_leads_are_usage_errors(registry: Path, tmp_path: Path) -> None:
    result = notify(registry, before(7), "--lead", "7x")
    assert result.exit_code == 2
    assert "'7x' is not a lead time" in result.stderr
    config = write_config(tmp_path, '[notify]\nto = "stdout"\nlead = 7\n')
    result = notify(registry, before(7))
    assert result.exit_code == 2
    assert f"{config}:3:8: notify.lead must be lead times" in result.stderr


def test_config_shows_notify_settings_and_warns_of_unknown_keys(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[notify]\nlead = "2w, 1d"\nleads = 3\n')
    result = invoke("config")
    assert f'notify.lead           ["14d", "1d"]  (config file {config}:2:8)' in result.stdout
    assert "notify.to             []  (default)" in result.stdout
    assert 'unknown setting "notify.leads" is ignored' in result.stderr


def test_config_destinations(registry: Path, recorder: Path, tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\nto = ["nosuchscheme://x"]\n')
    assert notify(registry, before(7)).exit_code == 2  # the config's destination is used
    # --exec replaces the config's destinations
    assert notify(registry, before(7), "--exec", exec_of(recorder)).exit_code == 0
    assert len(recorded(tmp_path)) == 1


def test_stdout_beside_exec(registry: Path, recorder: Path, tmp_path: Path) -> None:
    result = notify(registry, before(7), "--exec", exec_of(recorder), "--to", "stdout")
    assert result.stdout == "reminder  Argylle  in 7 days (2024-02-02)\n"
    assert len(recorded(tmp_path)) == 1


def test_a_run_waiting_too_long_for_the_lock_is_named(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.writing.lock import locked

    monkeypatch.setenv("COUNTDOWN_LOCK_TIMEOUT", "0")
    path = state_file(tmp_path)
    path.parent.mkdir(parents=True)
    with locked(path, 0):
        result = notify(registry, before(7))
    assert result.exit_code == 3
    assert f"{path}: another countdown notify is still using it" in result.stderr
    assert result.stdout == ""
    assert notify(registry, before(7)).stdout  # sent by the next run


def test_help_shows_crontab_and_timer() -> None:
    out = invoke("notify", "--help").stdout
    assert "0 9 * * * countdown notify" in out
    assert "OnCalendar=*-*-* 09:00" in out


def test_help_of_exec_says_what_a_digest_gives_it() -> None:
    """--exec runs once a digest under --digest, with other variables than a notice's."""
    out = " ".join(invoke("notify", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "with --digest: once a digest, COUNTDOWN_EVENT=digest" in out
    assert "one JSON object per notice (or digest)" in out


# --- two runs at once -------------------------------------------------------------------------


@pytest.mark.slow
def test_two_concurrent_runs_deliver_each_notice_once(tmp_path: Path, recorder: Path) -> None:
    text = ARGYLLE + "".join(
        f'\n[[release]]\nid = "t{i}"\ntitle = "Title {i}"\nkind = "album"\ndate = 2024-01-{26 + i:02}\n'
        for i in range(4)
    )
    registry = tmp_path / "many.toml"
    registry.write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    repetitions, delivered = 20, []
    for rep in range(repetitions):
        out = tmp_path / "recorded"
        for old in out.iterdir():
            old.unlink()
        state = tmp_path / f"state-{rep}.json"
        argv = [
            sys.executable, "-m", "release_countdown", "notify", "-r", str(registry),
            "--as-of", "2024-01-26", "--state", str(state), "--exec", exec_of(recorder),
        ]  # fmt: skip
        runs = [subprocess.Popen(argv, env=env, stderr=subprocess.PIPE) for _ in range(2)]
        assert [run.wait(timeout=60) for run in runs] == [0, 0], [r.stderr for r in runs]
        calls = recorded(tmp_path)
        keys = [(c["env"]["COUNTDOWN_ID"], c["env"]["COUNTDOWN_EVENT"]) for c in calls]
        assert sorted(keys) == sorted(set(keys))  # no notice twice
        # A first run: Argylle's 7d, album 0's release day and album 1's 1d lead; the 7d
        # leads of albums 2 and 3 crossed days ago and are recorded as skipped.
        assert sorted(keys) == [("argylle", "reminder"), ("t0", "released"), ("t1", "reminder")]
        delivered.append(len(keys))
        records = json.loads(state.read_text())["sent"]
        assert len(records) == 5  # and none lost
    assert delivered == [3] * repetitions


def test_another_region_in_force_is_not_a_change_of_the_title(registry: Path) -> None:
    regional = registry.read_text(encoding="utf-8") + (
        '\n[[release.dates]]\nregion = "GB"\ntype = "theatrical"\ndate = 2024-02-01\n'
    )
    registry.write_text(regional, encoding="utf-8")
    assert notify(registry, before(20), "--region", "GB").exit_code == 0
    for region in ("US", "GB", "FR"):  # the title's own date, GB's, own again
        done = notify(registry, before(19), "--region", region)
        assert done.exit_code == 0, region
        assert "changed" not in done.stdout, region  # reminders follow the date shown
    day = before(18).isoformat()
    moved = invoke("postpone", "argylle", "2024-03-08", "--announced", day, "-r", str(registry))
    assert moved.exit_code == 0, moved.stderr
    assert "postponed from 2024-02-02 to 2024-03-08" in notify(registry, before(18)).stdout
