"""The parse cache never changes output, is private, survives corruption, and caches no errors;
the fast validation path agrees with the careful one."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("synthetic")
    paths = []
    for seed in (1, 2):
        path = folder / f"registry-{seed}.toml"
        with path.open("w") as out:
            subprocess.run(
                [sys.executable, str(GENERATE), "600", "--seed", str(seed)], stdout=out, check=True
            )
        paths.append(path)
    return paths


def cache_files() -> list[Path]:
    return sorted(
        (Path(os.environ["XDG_CACHE_HOME"]) / "release-countdown" / "registries").glob("*.sqlite")
    )


QUERIES = [
    ["list", "--json"],
    ["list", "--all", "--json"],
    ["list", "--all", "--format", "csv"],
    ["list", "--director", "vaughn", "--all", "--json"],
    ["list", "--composer", "jóhannsson", "--json"],
    ["list", "--kind", "game", "--status", "released", "--json"],
    ["list", "--as-of", "2022-03-01", "--json"],
    ["list", "--as-of", "2019-06-30", "--json"],
    ["list", "--as-of", "2031-01-01", "--json"],
    ["list", "--region", "GB", "--json"],
    ["list", "--region", "JP", "--as-of", "2024-01-01", "--json"],
    ["list", "--kind", "film", "--director", "a", "--person", "silva", "--all", "--json"],
    ["list", "--json", "--sort", "title", "--limit", "40"],
    ["list", "--all", "--json", "--sort", "date", "--reverse"],
    ["list", "--json", "--status", "released", "--status", "tba", "--as-of", "2027-02-01"],
    ["list", "--json", "--kind", "album", "--reverse", "--limit", "5"],
    ["list", "--json", "--director", "nobody-at-all"],
    ["list", "--within", "6m", "--region", "GB", "--json"],
    ["list", "--all", "--sort", "title", "--limit", "50"],
    ["next", "--person", "silva"],
    ["people", "--role", "composer", "--json"],
    ["export", "--all", "--format", "json"],
    ["timeline", "--kind", "album", "--limit", "30"],
]


@pytest.mark.parametrize("args", QUERIES, ids=[" ".join(q) for q in QUERIES])
def test_cache_never_changes_output(synthetic: list[Path], args: list[str]) -> None:
    for path in synthetic:
        cold = invoke(*args, "-r", str(path), "--no-cache")
        first = invoke(*args, "-r", str(path))  # writes the cache
        assert cache_files(), "a 600-title registry is large enough to be cached"
        warm = invoke(*args, "-r", str(path))  # reads it
        assert cold.exit_code == first.exit_code == warm.exit_code
        assert cold.stdout_bytes == first.stdout_bytes == warm.stdout_bytes
        assert cold.stderr == warm.stderr


def entry_rows(entry: Path) -> int:
    import sqlite3

    with sqlite3.connect(entry) as db:
        (count,) = db.execute("SELECT count(*) FROM release").fetchone()
    return int(count)


def test_cache_is_private_and_keyed_by_content(synthetic: list[Path]) -> None:
    path = synthetic[0]
    invoke("list", "-r", str(path), "--json")
    (entry,) = cache_files()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert entry.read_bytes().startswith(b"SQLite format 3\x00")  # data, not pickled objects
    assert entry_rows(entry) == 600
    path.write_text(path.read_text() + "\n# an edit\n")
    invoke("list", "-r", str(path), "--json")
    (newer,) = cache_files()  # new content, new entry; the path's old entry is gone
    assert newer != entry
    invoke("list", "-r", str(synthetic[1]), "--json")
    assert len(cache_files()) == 2  # one entry per registry


def old_entry(entry: Path) -> None:
    """An entry as an older version of the program wrote it."""
    import sqlite3

    with sqlite3.connect(entry) as db:
        db.execute("UPDATE meta SET version = '0.0.0'")
    db.close()


def wrong_rows(entry: Path) -> None:
    import sqlite3

    with sqlite3.connect(entry) as db:
        db.execute("UPDATE release SET data = '[\"x\"]'")
    db.close()


@pytest.mark.parametrize(
    "damage",
    [b"", b"not sqlite", b"SQLite format 3\x00" + b"\x00" * 200, b"\x00\xff" * 50, old_entry,
     wrong_rows],
)  # fmt: skip
def test_corrupt_or_old_cache_is_ignored_and_rebuilt(synthetic: list[Path], damage: Any) -> None:
    path = synthetic[1]
    expected = invoke("list", "-r", str(path), "--all", "--json", "--no-cache").stdout
    invoke("list", "-r", str(path), "--json")
    (entry,) = cache_files()
    if isinstance(damage, bytes):
        entry.write_bytes(damage)
    else:
        damage(entry)
    assert invoke("list", "-r", str(path), "--all", "--json").stdout == expected
    assert entry_rows(entry) == 600  # rebuilt


def test_errors_are_never_cached(tmp_path: Path) -> None:
    body = "".join(
        f'[[release]]\ntitle = "T{n}"\ndate = 2030-01-01\nnote = "{"x" * 60}"\n' for n in range(800)
    )
    path = tmp_path / "broken.toml"
    path.write_text(body + '[[release]]\ntitle = "Bad"\ndate = "2030-13-01"\n')
    first, second = invoke("list", "-r", str(path)), invoke("list", "-r", str(path))
    assert first.exit_code == second.exit_code == 3
    assert first.stderr == second.stderr
    assert cache_files() == []


def test_cache_can_be_turned_off(synthetic: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("list", "-r", str(synthetic[0]), "--no-cache")
    monkeypatch.setenv("COUNTDOWN_NO_CACHE", "1")
    invoke("list", "-r", str(synthetic[0]))
    assert cache_files() == []


def test_fast_path_agrees_with_the_careful_checker(synthetic: list[Path]) -> None:
    import tomli

    from release_countdown.fastpath import quick_release
    from release_countdown.locate import Locator  # noqa: F401  (the careful path may need it)
    from release_countdown.registry import LazyLocator, _Checker

    for path in [*synthetic, *sorted((Path(__file__).parent / "data" / "valid").glob("*.toml"))]:
        text = path.read_text(encoding="utf-8-sig")
        items = tomli.loads(text).get("release", [])
        checker = _Checker(str(path), LazyLocator(text), None)
        for index, item in enumerate(items):
            fast = quick_release(item, str(path), None)
            careful = checker.release(index, item)
            if fast is not None:
                assert fast == careful, (path, index)
        assert checker.problems == []


def test_fast_path_never_accepts_what_the_careful_checker_rejects() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from release_countdown.fastpath import quick_release
    from release_countdown.registry import LazyLocator, _Checker
    from tests.test_edges import FUZZ_EXAMPLES, release_tables

    forms = st.one_of(
        st.dates(), st.sampled_from(["2024-Q1", "TBA", "early 2024", "2024-13", " ", "2024"])
    )
    texts = st.text(max_size=12)
    typed = st.fixed_dictionaries(
        {
            "region": st.sampled_from(["US", "uk", "UK", "W1", "gb"]),
            "type": st.sampled_from(["theatrical", "x"]),
            "date": forms,
        },
        optional={"announced": forms, "where": texts},
    )
    entry = st.fixed_dictionaries({"date": forms}, optional={"announced": forms, "title": texts})
    plausible = st.fixed_dictionaries(
        {"title": texts, "date": forms},
        optional={
            "id": texts,
            "aliases": st.lists(texts, max_size=3) | texts,
            "kind": st.sampled_from(["film", "album", "movie", ""]),
            "people": st.dictionaries(texts, st.lists(texts, max_size=3) | texts, max_size=3),
            "dates": st.lists(typed, max_size=2),
            "history": st.lists(entry, max_size=2),
            "announced": forms,
            "checked": forms,
            "override": st.booleans() | texts,
            "note": texts,
        },
    )

    @settings(
        max_examples=FUZZ_EXAMPLES * 3,
        suppress_health_check=[HealthCheck.too_slow],
        deadline=None,
    )
    @given(st.one_of(release_tables, plausible))
    def check(table: dict[str, object]) -> None:
        fast = quick_release(table, "fuzz.toml", None)
        if fast is None:
            return
        checker = _Checker("fuzz.toml", LazyLocator(""), None)
        assert checker.release(0, table) == fast
        assert [p for p in checker.problems if not p.warning] == []

    check()


def test_chunked_parsing_matches_the_whole_parse(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown import parallel, registry

    files = [*synthetic, *sorted((Path(__file__).parent / "data").glob("*/*.toml"))]
    for path in files:
        raw = path.read_bytes()
        try:
            text = registry.decode_registry(raw, str(path))
        except registry.RegistryError:
            continue
        monkeypatch.setattr(registry, "CHUNKED_FROM", 10**12)
        whole = registry.parse_registry(text, str(path))
        monkeypatch.setattr(registry, "CHUNKED_FROM", 0)
        chunked = registry.parse_registry(text, str(path))
        assert [r for r, _, _ in chunked.releases] == [r for r, _, _ in whole.releases], path
        assert chunked.problems == whole.problems, path
        with monkeypatch.context() as patched:  # the later blocks parsed by a second process
            patched.setattr(parallel, "PARALLEL_FROM", 0)
            patched.setattr(parallel, "available", lambda: True)
            forked = registry.parse_registry(text, str(path))
        assert [r for r, _, _ in forked.releases] == [r for r, _, _ in whole.releases], path
        assert forked.problems == whole.problems, path


def test_release_chunks_split_only_at_release_headers() -> None:
    from release_countdown.registry import release_chunks

    text = 'schema = 1\n[[release]]\nnote = "[[release]]"\n  [[release]] # next\ntitle = "b"\n'
    chunks = release_chunks(text)
    assert chunks is not None
    assert [text[a:b] for a, b in chunks] == [
        "schema = 1\n",
        '[[release]]\nnote = "[[release]]"\n',
        '  [[release]] # next\ntitle = "b"\n',
    ]
    assert release_chunks("[other]\nx = 1\n[[release]]\n") is None
    assert release_chunks('[[release]]\nnote = """\n[[release]]\n"""\n') is None


@pytest.mark.parametrize("day", ["1999-01-01", "2023-07-08", "2026-11-25", "2031-06-30"])
def test_row_templates_fill_to_the_rows_release_row_makes(synthetic: list[Path], day: str) -> None:
    from datetime import date

    from release_countdown.output import json_lines
    from release_countdown.query import fill_row, release_row, row_template, settled_on, stand
    from release_countdown.registry import load_registry

    today = date.fromisoformat(day)
    bundled = Path(__file__).parents[1] / "data" / "releases.toml"
    releases = [r for path in [*synthetic, bundled] for r in load_registry([path]).releases]
    filled = 0
    for release in releases:
        made = row_template(release)
        assert made is not None
        if settled_on(release) > today:
            continue
        standing = stand(release, today)
        assert standing is not None
        expected = "".join(json_lines([release_row(standing, today)]))
        assert f"[\n{fill_row(made.text, made.holes, today)}\n]\n" == expected, release.id
        filled += 1
    assert filled > (100 if today.year > 2000 else 0)


def test_json_rows_come_from_templates_when_warm(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown import query

    path = str(synthetic[0])
    cold = invoke("list", "--all", "--json", "-r", path, "--as-of", "2026-11-25")
    calls = []
    real = query.fill_row
    monkeypatch.setattr(query, "fill_row", lambda *a: calls.append(1) or real(*a))
    warm = invoke("list", "--all", "--json", "-r", path, "--as-of", "2026-11-25")
    assert warm.stdout == cold.stdout
    assert len(calls) > 300  # most titles settled long before the day asked


def test_untouched_registry_is_not_read_again(
    tmp_path: Path, synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown import cache, registry

    path = tmp_path / "registry.toml"
    path.write_bytes(synthetic[0].read_bytes())
    args = ("list", "--all", "--json", "--as-of", "2026-11-25", "-r", str(path))
    expected = invoke(*args, "--no-cache").stdout
    invoke(*args)  # changed this instant: hashed, but not noted
    assert not list(cache.cache_dir().glob("*.note"))
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # as if the file had been changed long ago
    invoke(*args)
    (note,) = cache.cache_dir().glob("*.note")
    assert stat.S_IMODE(note.stat().st_mode) == 0o600

    def unreadable(path: Path) -> bytes:
        raise AssertionError("read a registry whose note says it is unchanged")

    with monkeypatch.context() as patched:
        patched.setattr(registry, "read_registry_bytes", unreadable)
        assert invoke(*args).stdout == expected
    # The same size, new content: new times, so the note no longer applies.
    text = path.read_text()
    edited = text.replace('title = "', 'title = "X', 1).replace("\n\n", "\n", 1)
    assert len(edited.encode()) == len(text.encode())
    path.write_text(edited)
    fresh = invoke(*args, "--no-cache").stdout
    assert fresh != expected
    assert invoke(*args).stdout == fresh


def test_a_failing_child_falls_back_to_one_process(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown import parallel, registry

    text = synthetic[0].read_text()
    expected = registry.parse_registry(text, "x.toml")
    monkeypatch.setattr(registry, "CHUNKED_FROM", 0)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "available", lambda: True)
    monkeypatch.setattr(parallel, "_plain", lambda value: os._exit(3))  # the child dies
    got = registry.parse_registry(text, "x.toml")
    assert [r for r, _, _ in got.releases] == [r for r, _, _ in expected.releases]
    broken = text + '\n[[release]]\ntitle = "Broken\n'  # a syntax error in the child's share
    monkeypatch.undo()
    whole = registry.parse_registry(broken, "x.toml")
    monkeypatch.setattr(registry, "CHUNKED_FROM", 0)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 0)
    monkeypatch.setattr(parallel, "available", lambda: True)
    forked = registry.parse_registry(broken, "x.toml")
    assert forked.problems == whole.problems
    assert "TOML syntax error" in forked.problems[0].message


def test_parallel_parsing_is_off_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    from release_countdown import parallel

    monkeypatch.setenv("COUNTDOWN_JOBS", "1")
    assert not parallel.available()


def test_the_command_writes_its_cache_after_answering(
    synthetic: list[Path], tmp_path: Path
) -> None:
    import time

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("COUNTDOWN_NO_CACHE", None)
    command = [sys.executable, "-m", "release_countdown", "list", "--all", "--json"]
    command += ["-r", str(synthetic[0]), "--as-of", "2026-11-25"]
    first = subprocess.run(command, env=env, capture_output=True, check=True, timeout=60)
    folder = tmp_path / "cache" / "release-countdown" / "registries"
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.sqlite")) and time.monotonic() < deadline:
        time.sleep(0.05)  # written by a detached child once the answer was out
    (entry,) = folder.glob("*.sqlite")
    assert entry_rows(entry) == 600
    while list(folder.glob(".*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(folder.glob(".*")) == []  # no claim or temporary file left behind
    second = subprocess.run(command, env=env, capture_output=True, check=True, timeout=60)
    assert second.stdout == first.stdout
    assert second.stderr == first.stderr == b""


def test_one_writer_per_entry_and_leftovers_are_swept(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown import cache

    folder = cache.cache_dir()
    folder.mkdir(parents=True)
    path = str(synthetic[0])
    invoke("list", "-r", path, "--no-cache")
    raw = synthetic[0].read_bytes()
    entry = cache.key(path, raw)
    claim = folder / f".{entry}.building"
    claim.touch()  # another process is writing it
    invoke("list", "-r", path)
    assert cache_files() == []
    leftover = folder / ".entry.abc.tmp"
    leftover.touch()
    old = 2 * cache.STALE_S
    os.utime(claim, (os.path.getmtime(claim) - old,) * 2)  # its writer died long ago
    os.utime(leftover, (os.path.getmtime(leftover) - old,) * 2)
    invoke("list", "-r", path)
    assert len(cache_files()) == 1
    assert not claim.exists()
    assert not leftover.exists()
