"""Keeping a registry: init, where, add, edit, postpone, remove, and the write guarantees."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomli

from release_countdown.registry.locations import bundled_registry
from tests.conftest import DATA, invoke

COUNTDOWN = [sys.executable, "-m", "release_countdown"]

HAND_WRITTEN = """\
# Our team's registry.  Comments and odd spacing must survive edits.
schema = 1

# --- films ---
[[release]]
title   =   "Alpha"      # spaced out on purpose
date = 2030-01-01
aliases = [
    "First",   # trailing comment in an array
    "Uno",
]

[release.people]
director = [ "Dee Rector" ]

[[release]]
id = "beta"
title = 'Beta'
date = "2030-Q2"   # fuzzy
note = \"\"\"
multi-line
note\"\"\"

# gamma next
[[release]]
title = "Gamma"
date = 2031-05-05
"""


def registry(tmp_path: Path, text: str = HAND_WRITTEN) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    return path


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


# --- where registries live --------------------------------------------------------------------


def user_path() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"


def test_init_seeds_the_user_registry_and_refuses_to_overwrite() -> None:
    result = invoke("init", "--with-examples")
    assert result.exit_code == 0, result.stderr
    assert user_path().read_bytes().endswith(bundled_registry().read_bytes().split(b"schema")[1])
    user_path().write_text("# mine\n")
    result = invoke("init")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert user_path().read_text() == "# mine\n"


def test_init_empty_and_custom_path(tmp_path: Path) -> None:
    assert invoke("init").exit_code == 0
    assert tomli.loads(user_path().read_text()) == {"schema": 1}
    target = tmp_path / "team" / "releases.toml"
    assert invoke("init", "--registry", str(target)).exit_code == 0
    assert target.exists()


def test_reading_prefers_the_user_registry_once_it_exists() -> None:
    assert json.loads(invoke("list", "--all", "--json").stdout)[0]["source"] == str(
        bundled_registry()
    )
    invoke("init")
    invoke("add", "Mine", "--date", "2030-01-01")
    rows = json.loads(invoke("list", "--all", "--json").stdout)
    assert [(r["title"], r["source"]) for r in rows] == [("Mine", str(user_path()))]


def test_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = invoke("where").stdout
    assert "reading the bundled registry" in out
    assert str(user_path()) in out
    assert "missing: run countdown init" in out
    invoke("init")
    assert "reading the user registry:" in invoke("where").stdout
    monkeypatch.setenv("COUNTDOWN_REGISTRY", os.pathsep.join(["a.toml", "b.toml"]))
    out = invoke("where").stdout
    assert "from $COUNTDOWN_REGISTRY" in out
    assert "  a.toml  (missing)\n  b.toml  (missing)" in out


def test_writing_commands_refuse_the_bundled_registry() -> None:
    result = invoke("add", "X", "--date", "2030-01-01")
    assert result.exit_code == 2
    assert "countdown init" in result.stderr
    result = invoke("add", "X", "--date", "2030-01-01", "-r", str(bundled_registry()))
    assert result.exit_code == 2
    assert "read-only" in result.stderr
    assert "countdown init" in result.stderr


# --- add / edit / postpone / remove -----------------------------------------------------------


def test_add_appends_and_leaves_the_rest_byte_identical(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke(
        "add", "Delta", "--date", "early 2032", "--kind", "film", "--composer", "Cee Composer",
        "--director", "Dee Rector", "--person", "cast=Ann Actor", "--alias", "D",
        "--region", "us", "--type", "theatrical", "-r", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert 'added "Delta" (id delta)' in result.stderr
    new = path.read_text()
    assert new.startswith(HAND_WRITTEN)  # everything before is untouched, byte for byte
    assert new[len(HAND_WRITTEN) :] == (
        '\n[[release]]\nid = "delta"\ntitle = "Delta"\naliases = ["D"]\nkind = "film"\ndate = "early 2032"\n\n'
        '[release.people]\ncomposer = ["Cee Composer"]\ndirector = ["Dee Rector"]\ncast = ["Ann Actor"]\n\n'
        '[[release.dates]]\nregion = "US"\ntype = "theatrical"\ndate = "early 2032"\n'
    )
    (row,) = json.loads(invoke("list", "-r", str(path), "--search", "delta", "--json").stdout)
    assert row["people"] == {
        "composer": ["Cee Composer"],
        "director": ["Dee Rector"],
        "cast": ["Ann Actor"],
    }


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["Alpha", "--date", "2030-01-01"],
            'id "alpha" is already used by "Alpha" (2030); add it under another id: '
            "countdown add Alpha --id alpha-2030 --date 2030-01-01 --registry ",
        ),
        (["Eps", "--date", "2030-13-01"], "--date"),
        (["Eps", "--date", "2030-01-01", "--kind", "movie"], "--kind"),
        (["Eps", "--date", "2030-01-01", "--person", "nobody"], "is not ROLE=NAME"),
        (["Eps", "--date", "2030-01-01", "--region", "US"], "--region and --type go together"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    path = registry(tmp_path)
    result = invoke("add", *args, "-r", str(path))
    assert result.exit_code == 2, result.stderr
    assert fragment in result.stderr
    assert path.read_text() == HAND_WRITTEN


def test_edit_changes_only_the_intended_lines(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke(
        "edit", "first", "--add-person", "composer=New Composer", "--alias", "Primero",
        "--checked", "2026-11-25", "-r", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    removed, added = changed_lines(HAND_WRITTEN, path.read_text())
    assert removed == []
    assert added == ['    "Primero",', "checked = 2026-11-25", 'composer = ["New Composer"]']


def test_retitle_keeps_the_id_and_the_old_title(tmp_path: Path) -> None:
    path = registry(tmp_path)
    assert invoke("edit", "gamma", "--title", "Gamma Prime", "-r", str(path)).exit_code == 0
    (row,) = json.loads(invoke("list", "-r", str(path), "--search", "gamma", "--json").stdout)
    assert (row["id"], row["title"]) == ("gamma", "Gamma Prime")
    assert row["aliases"] == ["Gamma"]
    today = dt.date.today().isoformat()
    head = HAND_WRITTEN[: HAND_WRITTEN.index('title = "Gamma"')]
    assert path.read_text() == head + (
        'title = "Gamma Prime"\ndate = 2031-05-05\nid = "gamma"\naliases = ["Gamma"]\n\n'
        # issue 16 item 20: the retitle is recorded in the history
        '[[release.history]]\ndate = 2031-05-05\ntitle = "Gamma"\n\n'
        f'[[release.history]]\nannounced = {today}\ndate = 2031-05-05\ntitle = "Gamma Prime"\n'
    )


def test_edit_remove_person_and_errors(tmp_path: Path) -> None:
    path = registry(tmp_path)
    assert (
        invoke("edit", "alpha", "--remove-person", "director=dee rector", "-r", str(path)).exit_code
        == 0
    )
    assert "[release.people]" not in path.read_text()
    result = invoke("edit", "alpha", "--remove-person", "director=Nobody", "-r", str(path))
    assert result.exit_code == 1
    assert invoke("edit", "alpha", "-r", str(path)).exit_code == 2  # nothing to change
    assert invoke("edit", "zzz", "--note", "x", "-r", str(path)).exit_code == 1


def test_postpone_records_history_and_slip(tmp_path: Path) -> None:
    path = registry(
        tmp_path, HAND_WRITTEN.replace('title = "Gamma"', 'title = "Gamma"\nannounced = 2025-03-01')
    )
    result = invoke("postpone", "gamma", "2031-09-09", "--announced", "2026-02-02", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert 'postponed "Gamma" from 2031-05-05 to 2031-09-09' in result.stderr
    result = invoke(
        "postpone",
        "gamma",
        "late 2031",
        "--announced",
        "2026-06-01",
        "--note",
        "strike",
        "-r",
        str(path),
    )
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(
        invoke(
            "list", "-r", str(path), "--search", "gamma", "--json", "--as-of", "2026-07-01"
        ).stdout
    )
    assert [(h["announced"], h["date"]) for h in row["history"]] == [
        ("2025-03-01", "2031-05-05"), ("2026-02-02", "2031-09-09"), ("2026-06-01", "late 2031"),
    ]  # fmt: skip
    assert row["date"] == "late 2031"
    # 2031-09-09 → "late 2031" widens the window (September to December): it is no postponement.
    assert (row["slip"]["postponed"], row["slip"]["widened"]) == (1, 1)
    assert [h["change"] for h in row["history"]] == [None, "postponed", "widened"]
    as_it_stood = json.loads(
        invoke(
            "list", "-r", str(path), "--search", "gamma", "--json", "--as-of", "2026-03-01"
        ).stdout
    )
    assert as_it_stood[0]["date"] == "2031-09-09"
    result = invoke("postpone", "gamma", "2031-01-01", "--announced", "2026-08-01", "-r", str(path))
    assert 'moved up "Gamma"' in result.stderr


def test_postpone_without_announcement_and_refusals(tmp_path: Path) -> None:
    path = registry(tmp_path)
    assert (
        invoke(
            "postpone", "beta", "2030-Q4", "--announced", "2026-01-01", "-r", str(path)
        ).exit_code
        == 0
    )
    text = path.read_text()
    assert (
        '[[release.history]]\ndate = "2030-Q2"\n\n[[release.history]]\nannounced = 2026-01-01\ndate = "2030-Q4"'
        in text
    )
    result = invoke("postpone", "beta", "2031-01-01", "--announced", "2999-01-01", "-r", str(path))
    assert result.exit_code == 2
    assert "in the future" in result.stderr
    assert invoke("postpone", "beta", "2030-Q4", "-r", str(path)).exit_code == 2  # same date


def test_remove(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("remove", "beta", "-r", str(path))
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert invoke("remove", "a", "-r", str(path), "--yes").exit_code == 1  # ambiguous
    assert invoke("remove", "beta", "-r", str(path), "--yes").exit_code == 0
    text = path.read_text()
    assert "Beta" not in text
    assert "# gamma next" in text
    assert text.startswith(HAND_WRITTEN.split('[[release]]\nid = "beta"', maxsplit=1)[0])


def test_remove_asks_on_a_terminal(tmp_path: Path) -> None:
    import pty

    path = registry(tmp_path)
    for answer, expected_code, still_there in ((b"n\n", 0, True), (b"y\n", 0, False)):
        controller, terminal = pty.openpty()
        process = subprocess.Popen(
            [*COUNTDOWN, "remove", "gamma", "-r", str(path)],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
        )
        os.close(terminal)
        seen = b""
        while b"?" not in seen:
            seen += os.read(controller, 1024)
        assert b'Remove "Gamma" (id gamma)' in seen
        os.write(controller, answer)
        assert process.wait(timeout=30) == expected_code
        os.close(controller)
        assert ("Gamma" in path.read_text()) is still_there


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = registry(tmp_path)
    for args in (
        ["add", "Zeta", "--date", "2032-01-01"],
        ["edit", "alpha", "--note", "hello"],
        ["postpone", "alpha", "2030-02-02"],
        ["remove", "gamma"],
    ):
        result = invoke(*args, "-r", str(path), "--dry-run")
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@")
        assert "dry run: nothing written" in result.stderr
        assert path.read_text() == HAND_WRITTEN


def test_an_invalid_registry_is_never_written(tmp_path: Path) -> None:
    broken = HAND_WRITTEN.replace("date = 2031-05-05", 'date = "someday"')
    path = registry(tmp_path, broken)
    result = invoke("add", "Eta", "--date", "2030-01-01", "-r", str(path))
    assert result.exit_code == 3
    assert 'date "someday" is not a date' in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_text() == broken


def test_crlf_and_bom_files_keep_their_shape(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode())
    assert invoke("add", "Theta", "--date", "2030-01-01", "-r", str(path)).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode())
    assert b"\n" not in raw.replace(b"\r\n", b"")


# --- file guarantees --------------------------------------------------------------------------


def test_permissions_and_symlinks_survive_a_write(tmp_path: Path) -> None:
    real = registry(tmp_path)
    real.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert invoke("edit", "alpha", "--note", "via link", "-r", str(link)).exit_code == 0
    assert link.is_symlink()
    assert 'note = "via link"' in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o640


@pytest.mark.slow
def test_lock_wait_fails_clearly(tmp_path: Path) -> None:
    import fcntl

    path = registry(tmp_path)
    from release_countdown.writing.lock import lock_path

    handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        done = subprocess.run(
            [*COUNTDOWN, "add", "Iota", "--date", "2030-01-01", "-r", str(path)],
            capture_output=True, text=True, env={**os.environ, "COUNTDOWN_LOCK_TIMEOUT": "1"}, check=False,
        )  # fmt: skip
        assert time.monotonic() - started >= 1
    finally:
        os.close(handle)
    assert done.returncode == 3
    assert f"lock {lock_path(path)}" in done.stderr
    assert path.read_text() == HAND_WRITTEN


def test_default_lock_wait_is_thirty_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    from release_countdown.settings import read_settings
    from release_countdown.writing.lock import DEFAULT_TIMEOUT

    monkeypatch.delenv("COUNTDOWN_LOCK_TIMEOUT", raising=False)
    monkeypatch.setenv("COUNTDOWN_CONFIG", "/nonexistent/config.toml")
    found = read_settings()
    assert found.lock_timeout == (30.0, "default")
    assert DEFAULT_TIMEOUT == 30.0


@pytest.mark.slow
def test_twenty_concurrent_adds_all_land(tmp_path: Path) -> None:
    path = registry(tmp_path)
    processes = [
        subprocess.Popen(
            [
                *COUNTDOWN,
                "add",
                f"Parallel {n:02d}",
                "--date",
                f"2035-01-{n + 1:02d}",
                "-r",
                str(path),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(20)
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [0] * 20
    titles = {r["title"] for r in tomli.loads(path.read_text())["release"]}
    assert {f"Parallel {n:02d}" for n in range(20)} <= titles
    assert len(titles) == 23


@pytest.mark.slow
def test_killed_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    """SIGKILL writers at random moments: the registry always parses and is a known state."""
    filler = "".join(
        f'[[release]]\ntitle = "Filler {n}"\ndate = 2040-01-01\nnote = "{"x" * 200}"\n\n'
        for n in range(300)
    )
    path = registry(tmp_path, HAND_WRITTEN + "\n" + filler)
    states = {path.read_bytes()}
    rng = random.Random(20261125)
    started = time.monotonic()
    subprocess.run(
        [*COUNTDOWN, "edit", "alpha", "--note", "calibration", "-r", str(path)],
        check=True,
        capture_output=True,
    )
    lifetime = time.monotonic() - started
    states.add(path.read_bytes())
    kills = completed = 0
    for n in range(30):
        process = subprocess.Popen(
            [*COUNTDOWN, "edit", "alpha", "--note", f"write {n}", "-r", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.6, 1.2) * lifetime)
        process.send_signal(signal.SIGKILL)
        code = process.wait()
        current = path.read_bytes()
        if code == -signal.SIGKILL:
            kills += 1
        else:
            completed += 1
        tomli.loads(current.decode())  # always parses
        assert current in states or f'note = "write {n}"'.encode() in current, n
        states.add(current)
    assert kills >= 3
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    subprocess.run(
        [*COUNTDOWN, "edit", "alpha", "--note", "final", "-r", str(path)],
        check=True,
        capture_output=True,
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    print(
        f"kill test: {kills} writers killed, {completed} completed, {len(leftovers)} temporary files cleaned"
    )


@pytest.mark.slow
def test_killed_mid_write_leaves_the_old_file_and_the_next_writer_cleans_up(tmp_path: Path) -> None:
    """Kill a writer while it is writing a large temporary file: the target is untouched."""
    path = registry(tmp_path)
    code = (
        "import sys; from pathlib import Path\n"
        "from release_countdown.writing.atomic import write_file_atomically\n"
        "print('writing', flush=True)\n"
        "write_file_atomically(Path(sys.argv[1]), b'#' * 400_000_000)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".team.toml.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert path.read_text() == HAND_WRITTEN
    (leftover,) = tmp_path.glob(".team.toml.*.tmp")
    assert leftover.stat().st_size > 0
    assert invoke("edit", "alpha", "--note", "after the crash", "-r", str(path)).exit_code == 0
    assert list(tmp_path.glob(".team.toml.*.tmp")) == []
    assert 'note = "after the crash"' in path.read_text()


# --- fmt --------------------------------------------------------------------------------------

CANONICAL = """\
# Our team's registry.  Comments and odd spacing must survive edits.
schema = 1

# --- films ---
[[release]]
title = "Alpha"  # spaced out on purpose
aliases = [
    "First",   # trailing comment in an array
    "Uno",
]
date = 2030-01-01

[release.people]
director = [ "Dee Rector" ]

[[release]]
id = "beta"
title = 'Beta'
date = "2030-Q2"  # fuzzy
note = \"\"\"
multi-line
note\"\"\"

# gamma next
[[release]]
title = "Gamma"
date = 2031-05-05
"""


def test_fmt_canonical_form(tmp_path: Path) -> None:
    shuffled = (
        '# gamma next\n[[release]]\ndate   = 2031-05-05\ntitle = "Gamma"\n'
        + HAND_WRITTEN.split("# gamma next\n", maxsplit=1)[0].replace("schema = 1\n", "")
    )
    path = registry(tmp_path, "schema = 1\n" + shuffled)
    assert invoke("fmt", str(path), "--check").exit_code == 1
    result = invoke("fmt", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert (
        text.index('title = "Alpha"') < text.index("title = 'Beta'") < text.index('title = "Gamma"')
    )
    assert text.count("#") == shuffled.count("#")  # every comment kept
    assert invoke("fmt", str(path), "--check").exit_code == 0
    assert invoke("fmt", str(registry(tmp_path, HAND_WRITTEN))).exit_code == 0
    assert (tmp_path / "team.toml").read_text() == CANONICAL


def test_bundled_registry_is_canonical() -> None:
    result = invoke("fmt", str(bundled_registry()), "--check")
    assert result.exit_code == 0, result.stderr


def test_fmt_refuses_invalid_files(tmp_path: Path) -> None:
    path = registry(tmp_path, HAND_WRITTEN.replace("2031-05-05", '"soon"'))
    assert invoke("fmt", str(path)).exit_code == 3
    assert invoke("fmt", str(path), "--check").exit_code == 3


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "valid").glob("*.toml")))
def test_fmt_is_idempotent_and_keeps_meaning(name: str) -> None:
    from release_countdown.registry.load import check_text
    from release_countdown.writing.canonical import format_registry

    text = (DATA / "valid" / name).read_text(encoding="utf-8-sig")
    once = format_registry(text, name)
    assert format_registry(once, name) == once
    before, _ = check_text(text, name)
    after, _ = check_text(once, name)
    assert after == sorted(before, key=lambda r: r.id)


def test_postpone_refuses_a_date_before_its_announcement(tmp_path: Path) -> None:
    path = registry(tmp_path)
    result = invoke("postpone", "alpha", "2020-01-01", "-r", str(path))
    assert result.exit_code == 2
    assert "before the day of the announcement" in result.stderr
    assert "--announced" in result.stderr
    assert path.read_text() == HAND_WRITTEN


def test_postpone_with_an_older_announcement_keeps_the_date_in_force(tmp_path: Path) -> None:
    path = registry(tmp_path)
    invoke("postpone", "gamma", "2031-09-09", "--announced", "2026-02-02", "-r", str(path))
    result = invoke("postpone", "gamma", "2031-07-07", "--announced", "2026-01-01", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert "the date in force stays 2031-09-09" in result.stderr
    (row,) = json.loads(invoke("list", "-r", str(path), "--search", "gamma", "--json").stdout)
    assert row["date"] == "2031-09-09"
    assert [h["date"] for h in row["history"]] == ["2031-05-05", "2031-07-07", "2031-09-09"]


def test_edit_refusals_and_no_ops(tmp_path: Path) -> None:
    path = registry(tmp_path)
    assert invoke("add", " ", "--date", "2030-01-01", "-r", str(path)).exit_code == 2
    result = invoke("edit", "gamma", "--title", "Gamma", "-r", str(path))
    assert result.exit_code == 0
    assert 'nothing to change: "Gamma" already has the title "Gamma"' in result.stderr
    assert path.read_text() == HAND_WRITTEN
