"""Hostile input and the edges: fuzzed registries, untrusted text, extreme dates, faults."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from release_countdown.core.dates import DateSpec, exact_day, parse_date_text
from release_countdown.core.errors import RegistryError
from release_countdown.core.model import Release
from release_countdown.core.query import Query, select, sort_key
from release_countdown.core.standing import stand
from release_countdown.registry.locations import bundled_registry
from release_countdown.registry.parse import parse_registry
from release_countdown.registry.read import decode_registry
from tests.conftest import invoke

FUZZ_EXAMPLES = int(os.environ.get("COUNTDOWN_FUZZ_EXAMPLES", "300"))
COUNTDOWN = [sys.executable, "-m", "release_countdown"]


def write(tmp_path: Path, text: str, name: str = "reg.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- fuzzing the loader: only RegistryError, never anything else ------------------------------

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates(),
    st.sampled_from(["2024-Q1", "TBA", "early 2024", "winter 9999", "2024-02-30", "0000", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
keys = st.sampled_from(
    ["id", "title", "aliases", "kind", "franchise", "tags", "date", "announced", "checked",
     "sources", "note", "people", "dates", "history", "override", "region", "type", "where", "x"]
)  # fmt: skip
release_tables = st.dictionaries(keys, values, max_size=8)
documents = st.fixed_dictionaries(
    {"release": st.lists(release_tables, max_size=4)},
    optional={"schema": st.integers(-2, 3) | st.text(max_size=3)},
)


def load_text(text: str) -> None:
    parsed = parse_registry(text, "fuzz.toml")
    for problem in parsed.problems:
        str(problem)


@pytest.mark.slow
@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents)
def test_fuzz_structured_documents(document: dict[str, Any]) -> None:
    import tomlkit

    try:
        text = tomlkit.dumps(document)
    except Exception:  # tomlkit cannot write every generated value: not our input
        return
    load_text(text)


BUNDLED = bundled_registry().read_bytes()


@pytest.mark.slow
@settings(max_examples=FUZZ_EXAMPLES, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_fuzz_mutated_bytes(data: st.DataObject) -> None:
    raw = bytearray(BUNDLED)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        byte = data.draw(st.integers(0, 255))
        if action == "flip":
            raw[at] = byte
        elif action == "insert":
            raw.insert(at, byte)
        else:
            del raw[at]
    try:
        text = decode_registry(bytes(raw), "fuzz.toml")
    except RegistryError:
        return
    load_text(text)


def test_deeply_nested_tables_and_inline_tables(tmp_path: Path) -> None:
    deep_keys = "a." * 5000 + "b = 1\n"
    deep_inline = "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
    for text in (deep_keys, deep_inline):
        result = invoke("check", write(tmp_path, text))
        assert result.exit_code in (0, 3)  # a valid (ignored) key, or a clear error
        assert "Traceback" not in result.stderr


def test_invalid_corpus_through_check_lists_everything_at_once() -> None:
    from tests.conftest import DATA

    for path in sorted((DATA / "invalid").glob("*.toml")):
        result = invoke("check", str(path))
        assert result.exit_code == 3, path
        assert result.stdout == ""
        for fragment in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            assert fragment in result.stderr, (path, fragment)


# --- untrusted text in a terminal -------------------------------------------------------------

HOSTILE = (
    '[[release]]\nid = "hostile"\ntitle = "[bold red]Boom[/] \\u001b]8;;http://evil\\u0007link\\u001b]8;;\\u0007'
    ' \\u001b[2J\\u202etxt.exe \\u2066iso\\u2069 <script>&"\ndate = 2030-01-01\n'
    'aliases = ["[link=http://x]alias[/link]", "e\\u0301te\\u0301"]\nnote = "\\u0007bell\\u0008"\n'
    '[release.people]\ndirector = ["\\u001b[31mRed\\u001b[0m"]\ncomposer = ["坂本龍一 🎹"]\n'
    '[[release.history]]\nannounced = 2026-01-01\ndate = 2030-01-01\ntitle = "\\u001b[2J"\n'
)
CONTROL = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def assert_terminal_safe(text: str) -> None:
    found = [c for c in text if (c in CONTROL and c != "\n") or c in BIDI]
    assert not found, found


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--all"],
        ["show", "hostile"],
        ["people"],
        ["people", "Red"],
        ["next"],
        ["list", "--format", "{title}|{note}|{director}"],
        ["watch", "--once"],
    ],
)
@pytest.mark.parametrize("width", ["60", "120"])
def test_registry_text_never_drives_the_terminal(
    tmp_path: Path, args: list[str], width: str
) -> None:
    path = write(tmp_path, HOSTILE)
    result = invoke(*args, "-r", path, "--as-of", "2027-01-01", env={"COLUMNS": width})
    assert result.exit_code == 0, result.stderr
    assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)
    if args[0] in ("list", "show") and "--format" not in args:
        assert "[bold red]Boom[/]" in result.stdout  # markup shown literally


def test_hostile_text_in_error_messages_is_made_safe(tmp_path: Path) -> None:
    path = write(tmp_path, '[[release]]\ntitle = "\\u001b[2J\\u202e"\ndate = "nope"\n')
    result = invoke("list", "-r", path)
    assert result.exit_code == 3
    assert_terminal_safe(result.stderr)
    assert "\u241b[2J" in result.stderr


def test_wide_and_combining_characters_keep_the_table_aligned(tmp_path: Path) -> None:
    from rich.cells import cell_len

    path = write(
        tmp_path,
        '[[release]]\ntitle = "千と千尋の神隠し 🎬"\ndate = 2030-01-01\n'
        '[[release]]\ntitle = "Cafe\\u0301 Society"\ndate = 2030-02-01\n'
        '[[release]]\ntitle = "Plain"\ndate = 2030-03-01\n',
    )
    for width in ("60", "100", "170"):
        out = invoke("list", "-r", path, "--as-of", "2027-01-01", env={"COLUMNS": width}).stdout
        lines = [line for line in out.splitlines() if "2030-0" in line]
        # The date column starts at the same terminal cell on every row.
        starts = {cell_len(line[: line.index("2030-0")]) for line in lines}
        assert len(starts) == 1, (width, starts)
        assert max(cell_len(line) for line in out.splitlines()) <= int(width)


def test_json_csv_and_ics_carry_hostile_text_escaped(tmp_path: Path) -> None:
    import csv
    import io

    import icalendar

    path = write(tmp_path, HOSTILE)
    (row,) = json.loads(invoke("list", "-r", path, "--json").stdout)
    assert row["title"].startswith("[bold red]Boom[/] \x1b]8;;http://evil\x07")
    text = invoke("list", "-r", path, "--format", "csv").stdout_bytes.decode()
    (record,) = csv.DictReader(io.StringIO(text, newline=""))
    assert record["title"] == row["title"]
    ics = invoke("export", "-r", path).stdout_bytes
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == row["title"].replace("\x1b", "\u241b").replace("\x07", "\u2407")
    assert b"\x1b" not in ics  # RFC 5545 allows no control characters in text
    assert b"SUMMARY:[bold red]Boom[/]" in ics


# --- dates at the edges -----------------------------------------------------------------------

days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def release(title: str, spec: DateSpec) -> Release:
    return Release(id=title.lower(), title=title, date=spec)


fuzzy_texts = st.builds(
    lambda y, form: form.format(y=y),
    st.integers(1, 9998).map(lambda y: f"{y:04d}"),
    st.sampled_from(
        ["{y}", "{y}-Q2", "{y}-H1", "early {y}", "late {y}", "winter {y}", "{y}-07", "TBA"]
    ),
)
specs = st.one_of(days.map(exact_day), fuzzy_texts.map(parse_date_text))


@pytest.mark.slow
@settings(max_examples=1500)
@given(specs, days, st.integers(0, 4000))
def test_within_matches_overlap_oracle(spec: DateSpec, today: date, span: int) -> None:
    until = date.max if (date.max - today).days < span else today + timedelta(days=span)
    standing = stand(release("X", spec), today)
    assert standing is not None
    found = select([release("X", spec)], Query(show_all=True, within_until=until), today)
    if spec.earliest is None or spec.latest is None:
        expected = False
    else:
        expected = spec.latest >= today and spec.earliest <= until  # inclusive at both ends
    assert bool(found) == expected


@pytest.mark.slow
@settings(max_examples=500)
@given(
    st.lists(specs, min_size=1, max_size=12), days, st.sampled_from(["countdown", "date", "title"])
)
def test_order_is_total_and_stable(spec_list: list[DateSpec], today: date, sort: str) -> None:
    releases = [release(f"T{i % 5}", spec) for i, spec in enumerate(spec_list)]
    releases = [Release(id=f"id{i}", title=r.title, date=r.date) for i, r in enumerate(releases)]
    query = Query(show_all=True, sort=sort)
    first = [s.release.id for s in select(releases, query, today)]
    shuffled = releases[:]
    random.Random(len(spec_list)).shuffle(shuffled)
    assert [s.release.id for s in select(shuffled, query, today)] == first
    keys = [sort_key(s, sort) for s in select(releases, query, today)]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # total: no two titles compare equal


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_extreme_dates_do_not_overflow(tmp_path: Path, as_of: str) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "First"\ndate = 0001-01-01\n'
        '[[release]]\ntitle = "Last"\ndate = 9999-12-31\n'
        '[[release]]\ntitle = "Late window"\ndate = "late 9999"\n'
        '[[release]]\ntitle = "Timed"\ndate = 9999-12-31T12:00:00+00:00\n',
    )
    for args in (
        ["list", "--all", "--json"],
        ["list", "--within", "100y", "--json"],
        ["list", "--all"],
        ["export", "--all"],
        ["watch", "--once"],
        ["next"],
    ):
        result = invoke(*args, "-r", path, "--as-of", as_of)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert "Traceback" not in result.stderr


# --- faults -----------------------------------------------------------------------------------


def big_registry(tmp_path: Path, n: int = 20_000) -> str:
    return write(
        tmp_path,
        "".join(
            f'[[release]]\ntitle = "T{i}"\ndate = 2030-01-{i % 28 + 1:02d}\n' for i in range(n)
        ),
    )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_closed_pipe_exits_quietly(tmp_path: Path, fmt: str) -> None:
    path = big_registry(tmp_path)
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    writer = subprocess.run(
        [*COUNTDOWN, "list", "-r", path, "--format", fmt],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    reader.stdin.close()
    reader.wait()
    assert writer.returncode in (0, 141)  # 141: killed by SIGPIPE, which is also quiet
    assert writer.stderr == ""


@pytest.mark.slow
def test_ctrl_c_exits_130_quietly(tmp_path: Path) -> None:
    path = big_registry(tmp_path, 60_000)
    process = subprocess.Popen(
        [*COUNTDOWN, "list", "-r", path, "--all"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.8)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_ctrl_c_in_watch_exits_0_and_restores_the_cursor(tmp_path: Path) -> None:
    import pty

    path = write(tmp_path, '[[release]]\ntitle = "Soon"\ndate = 2999-01-01\n')
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [*COUNTDOWN, "watch", "-r", path],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "80"},
    )
    os.close(terminal)
    output = b""
    deadline = time.monotonic() + 20
    while b"Soon" not in output and time.monotonic() < deadline:
        output += os.read(controller, 65536)
    time.sleep(1.2)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    try:
        while chunk := os.read(controller, 65536):
            output += chunk
    except OSError:
        pass  # the terminal closes when the process is gone
    os.close(controller)
    assert b"Traceback" not in output
    assert b"\x1b[?25h" in output  # the cursor is shown again


def test_export_to_a_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    target = tmp_path / "releases.ics"
    target.write_bytes(b"old content")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = invoke("export", "-o", str(target))
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # none left


def test_export_to_a_read_only_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    def read_only(*args: Any, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)  # root ignores chmod: simulate it
    result = invoke("export", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 3
    assert "Read-only file system" in result.stderr
