"""The parse cache never changes output, is private, survives corruption, and caches no errors;
the fast validation path agrees with the careful one."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.conftest import DATA, invoke

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


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
        (Path(os.environ["XDG_CACHE_HOME"]) / "release-countdown" / "registries").glob("*.msgpack")
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


@pytest.mark.slow
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


def test_cache_is_private_and_keyed_by_content(synthetic: list[Path]) -> None:
    path = synthetic[0]
    invoke("list", "-r", str(path), "--json")
    (entry,) = cache_files()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    # plain values (MessagePack), never pickle
    assert len(msgspec.msgpack.decode(entry.read_bytes())["releases"]) == 600
    path.write_text(path.read_text() + "\n# an edit\n")
    invoke("list", "-r", str(path), "--json")
    (newer,) = cache_files()  # new content, new entry; the path's old entry is gone
    assert newer != entry
    invoke("list", "-r", str(synthetic[1]), "--json")
    assert len(cache_files()) == 2  # one entry per registry


def test_a_warm_run_reads_the_cache_not_the_parser(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.registry import parse

    path = synthetic[0]
    cold = invoke("list", "-r", str(path), "--all", "--json")
    assert cache_files()

    def no_parsing(*args: object, **kwargs: object) -> object:
        raise AssertionError("parsed although the cache holds this registry")

    monkeypatch.setattr(parse, "parse_registry", no_parsing)  # load.py imports it when parsing
    warm = invoke("list", "-r", str(path), "--all", "--json")
    assert warm.exit_code == 0
    assert warm.stdout_bytes == cold.stdout_bytes


def test_a_warm_run_decodes_no_text_and_imports_no_parser(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache hit needs the file's bytes (for the key) but not its text, which only a
    message's position reads; nor the parser, the fast path or `slips`'s statistics."""
    from release_countdown.registry import load

    path = synthetic[0]
    cold = invoke("list", "-r", str(path), "--all", "--json")
    assert cache_files()

    def no_text(*args: object) -> str:
        raise AssertionError("the text decoded although the cache holds this registry")

    monkeypatch.setattr(load, "decode_registry", no_text)
    warm = invoke("list", "-r", str(path), "--all", "--json")
    assert warm.exit_code == 0
    assert warm.stdout_bytes == cold.stdout_bytes
    probe = (
        "import sys\n"
        f"sys.argv = ['countdown', 'list', '--json', '-r', {str(path)!r}]\n"
        "from release_countdown.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    loaded = set(found.stdout.splitlines()[-1].split())
    assert "release_countdown.accel.codec" in loaded  # read from the cache
    modules = (
        "accel.fastpath",
        "registry.parse",
        "registry.toml_parser",
        "registry.checker",
        "core.slips",
    )
    assert not {f"release_countdown.{m}" for m in modules} & loaded
    assert not {"statistics", "tomli", "rtoml"} & loaded


def test_a_warm_run_imports_only_what_it_uses(synthetic: list[Path]) -> None:
    """What a warm `list --json` runs before its first byte: the marks are read without the
    notify state's records (writing/private.py), the folders are found without platformdirs,
    follows, an empty view's words and the other commands stay unimported, and no pattern is
    compiled for the command line's date phrasings or for positions, which only messages and
    `fmt` need."""
    path = synthetic[0]
    invoke("list", "-r", str(path), "--all", "--json")
    assert cache_files()
    probe = (
        "import sys\n"
        "sys.argv = ['countdown', 'list', '--json', '--all', '--director', 'x',"
        f" '-r', {str(path)!r}]\n"
        "from release_countdown.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "from release_countdown.core import dates\n"
        "from release_countdown.registry import positions\n"
        "print(dates._phrases.cache_info().currsize, dates._no_year.cache_info().currsize,\n"
        "      positions._patterns.cache_info().currsize)\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=os.environ
    )
    *_, compiled, modules = found.stdout.splitlines()
    loaded = set(modules.split())
    assert "release_countdown.accel.codec" in loaded  # read from the cache
    assert "release_countdown.writing.private" in loaded  # the marks were read
    kept_out = (
        "writing.state", "core.notices", "writing.state_values", "core.follow", "cli.empty",
        "writing.change", "views.listing", "registry.values", "registry.format",
    )  # fmt: skip
    assert not {f"release_countdown.{m}" for m in kept_out} & loaded, sorted(
        {f"release_countdown.{m}" for m in kept_out} & loaded
    )
    assert not {"platformdirs", "tempfile"} & loaded  # registry/locations.py: the XDG folders
    commands = {m for m in loaded if m.startswith("release_countdown.cli.commands.")}
    assert commands == {"release_countdown.cli.commands.list_"}
    assert compiled.split() == ["0", "0", "0"]


def old_entry(entry: Path) -> None:
    """An entry as an older version of the program wrote it."""
    data = msgspec.msgpack.decode(entry.read_bytes())
    data["version"] = "0.0.0"
    entry.write_bytes(msgspec.msgpack.encode(data))


def aliases_as_a_string(entry: Path) -> None:
    """Of the right shape but the wrong type: it must not become a tuple of letters."""
    data = msgspec.msgpack.decode(entry.read_bytes())
    data["releases"][0][4] = "abc"
    entry.write_bytes(msgspec.msgpack.encode(data))


def wrong_rows(entry: Path) -> None:
    data = msgspec.msgpack.decode(entry.read_bytes())
    data["releases"][0] = ["x"]
    entry.write_bytes(msgspec.msgpack.encode(data))


@pytest.mark.parametrize(
    "damage",
    [b"", b"not msgpack", msgspec.msgpack.encode({"format": 4}), b"\x00\xff" * 50, old_entry, wrong_rows,
     aliases_as_a_string],
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
    assert len(msgspec.msgpack.decode(entry.read_bytes())["releases"]) == 600  # rebuilt


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


def test_a_release_time_keeps_its_offset_in_the_cache(tmp_path: Path) -> None:
    """An instant is stored as written: MessagePack's timestamp would keep it in UTC, and a
    warm run would print 2027-03-05T05:00:00+00:00 for 2027-03-04T21:00:00-08:00."""
    filler = "".join(
        f'[[release]]\ntitle = "T{n}"\ndate = 2030-01-01\nnote = "{"x" * 60}"\n' for n in range(800)
    )
    path = tmp_path / "times.toml"
    path.write_text(
        '[[release]]\ntitle = "Launch"\ndate = 2027-03-04T21:00:00.25-08:00\n'
        '[[release.dates]]\nregion = "JP"\ntype = "digital"\ndate = 2027-03-05T14:00:00+09:00\n'
        '[[release]]\ntitle = "Zulu"\ndate = 2027-03-06T10:00:00Z\n' + filler
    )
    queries = [("list", "--json"), ("list", "--region", "JP"), ("show", "launch"), ("next",)]
    cold = [invoke(*q, "-r", str(path), "--no-cache").stdout for q in queries]
    assert "2027-03-04T21:00:00.250000-08:00" in cold[0]
    assert "2027-03-05T14:00:00+09:00" in cold[1]
    invoke("list", "-r", str(path))  # writes the cache
    assert cache_files()
    assert [invoke(*q, "-r", str(path)).stdout for q in queries] == cold  # reads it


def test_cache_can_be_turned_off(synthetic: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    invoke("list", "-r", str(synthetic[0]), "--no-cache")
    monkeypatch.setenv("COUNTDOWN_NO_CACHE", "1")
    invoke("list", "-r", str(synthetic[0]))
    assert cache_files() == []


def test_fast_path_agrees_with_the_careful_checker(synthetic: list[Path]) -> None:
    import tomli

    from release_countdown.accel.fastpath import quick_release
    from release_countdown.registry.checker import check_release
    from release_countdown.registry.positions import LazyLocator
    from release_countdown.registry.values import Reporter

    taken = total = 0
    for path in [*synthetic, *sorted((DATA / "valid").glob("*.toml"))]:
        text = path.read_text(encoding="utf-8-sig")
        items = tomli.loads(text).get("release", [])
        reporter = Reporter(str(path), LazyLocator(text))
        for index, item in enumerate(items):
            fast = quick_release(item, str(path), None)
            careful = check_release(reporter, index, item, str(path), None)
            total += 1
            if fast is not None:
                taken += 1
                assert fast == careful, (path, index)
        assert reporter.problems == []
    # The fast path must take the usual tables, or it is no faster: a path that stopped
    # firing (always None) would still "agree".
    assert taken >= 0.9 * total, (taken, total)


@pytest.mark.slow
def test_fast_path_never_accepts_what_the_careful_checker_rejects() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from release_countdown.accel.fastpath import quick_release
    from release_countdown.registry.checker import check_release
    from release_countdown.registry.positions import LazyLocator
    from release_countdown.registry.values import Reporter
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
            "tags": st.lists(st.sampled_from(["imax", "must-see", "IMAX", "a--b", ""]), max_size=3),
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
        reporter = Reporter("fuzz.toml", LazyLocator(""))
        assert check_release(reporter, 0, table, "fuzz.toml", None) == fast
        assert [p for p in reporter.problems if not p.warning] == []

    check()


@pytest.mark.parametrize("parser", ["rtoml", "tomli"])
def test_chunked_parsing_matches_the_whole_parse(
    synthetic: list[Path], monkeypatch: pytest.MonkeyPatch, parser: str
) -> None:
    from release_countdown.core.errors import RegistryError
    from release_countdown.registry import parse, toml_parser
    from release_countdown.registry.read import decode_registry

    blocks: list[int] = []
    chunked_tables = parse.chunked_tables

    def counting(text: str, chunks: list[tuple[int, int]]) -> object:
        blocks.append(len(chunks) - 1)
        return chunked_tables(text, chunks)

    monkeypatch.setattr(parse, "chunked_tables", counting)
    if parser == "tomli":
        monkeypatch.setattr(toml_parser, "compiled_loads", lambda: None)
    files = [*synthetic, *sorted((DATA).glob("*/*.toml"))]
    for path in files:
        try:
            text = decode_registry(path.read_bytes(), str(path))
        except RegistryError:
            continue
        monkeypatch.setattr(parse, "chunked_from", lambda: 10**12)
        whole = parse.parse_registry(text, str(path))
        monkeypatch.setattr(parse, "chunked_from", lambda: 0)
        chunked = parse.parse_registry(text, str(path))
        assert [r for r, _ in chunked.releases] == [r for r, _ in whole.releases], path
        assert chunked.problems == whole.problems, path
    # The synthetic registries were really parsed a block at a time.
    assert blocks.count(600) >= 2, blocks


def test_release_chunks_split_only_at_release_headers() -> None:
    from release_countdown.registry.parse import release_chunks

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


def test_cache_key_follows_the_time_zone_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from release_countdown.accel import cache

    raw = b"schema = 1\n"
    monkeypatch.setenv("TZ", "America/New_York")
    new_york = cache.entry_name("r.toml", raw)
    monkeypatch.setenv("TZ", "America/Indiana/Indianapolis")
    assert cache.entry_name("r.toml", raw) != new_york
    monkeypatch.setenv("TZ", "America/New_York")
    assert cache.entry_name("r.toml", raw) == new_york
