"""The cache trusts only the user (issue 12, section 4): a cache folder someone else owns or
can reach is refused with one warning; the levels made are 0700 whatever the umask; no link
at an entry is followed, read or written through; no open blocks; a relative
$XDG_CACHE_HOME is ignored; an entry that is not exactly what this version writes is ignored
and rebuilt; the key follows the time-zone rules in use."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.conftest import Result, invoke

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
ZONES = Path("/usr/share/zoneinfo")
LIST = ("list", "--all", "--json")


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two registries large enough to be cached, with no id, title or alias in common."""
    folder = tmp_path_factory.mktemp("trust")
    first, second = folder / "first.toml", folder / "second.toml"
    with first.open("w") as out:
        subprocess.run([sys.executable, str(GENERATE), "300"], stdout=out, check=True)
    text = first.read_text().replace('id = "title-', 'id = "second-')
    second.write_text(re.sub(r'^(title = |aliases = \[)"', r'\1"Second ', text, flags=re.M))
    return [first, second]


def run(*paths: Path, options: tuple[str, ...] = ()) -> Result:
    result = invoke(*LIST, *options, *[arg for path in paths for arg in ("-r", str(path))])
    assert result.exit_code == 0, result.stderr
    return result


def cache_home() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def entries_folder() -> Path:
    return cache_home() / "release-countdown" / "registries"


def entry_of(path: Path) -> Path:
    from release_countdown.accel import cache

    return cache.cache_dir() / cache.entry_name(str(path), path.read_bytes())


def cache_warnings(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("countdown: warning:")]


def made_up(good: bytes) -> bytes:
    """A well-formed entry whose every title is made up: any run that reads it shows it."""
    data = msgspec.msgpack.decode(good)
    for release in data["releases"]:
        release[1] = f"Made Up {release[1]}"
    return msgspec.msgpack.encode(data)


def folder_state() -> dict[str, bytes]:
    return {entry.name: entry.read_bytes() for entry in sorted(entries_folder().iterdir())}


# --- the folder ---------------------------------------------------------------------------


def refused(registries: list[Path], spoil: Callable[[Path], None], level: str) -> str:
    """Spoil a cache folder holding made-up entries; the run must neither read nor write the
    cache, answer as without it, and warn once (for two registries). Its warning."""
    expected = run(*registries, options=("--no-cache",)).stdout
    run(*registries)  # writes both entries
    for entry in map(entry_of, registries):
        entry.write_bytes(made_up(entry.read_bytes()))
    before = folder_state()
    spoil(cache_home() / level)
    result = run(*registries)
    assert result.stdout == expected  # the made-up entries were not read
    assert folder_state() == before  # nothing written, nothing deleted
    assert result.stderr.splitlines() == cache_warnings(result)
    (warning,) = cache_warnings(result)
    assert f"not using the cache in {cache_home() / level}: " in warning
    return warning


LEVELS = ["release-countdown", "release-countdown/registries"]
OTHER_UID = 12345
_STAT_EXTRA = ("st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
               "st_blksize", "st_blocks", "st_rdev")  # fmt: skip


class _SeenAsOthers:
    """accel/private.py's view of `os`, in which the files given belong to OTHER_UID."""

    def __init__(self, targets: set[tuple[int, int]]) -> None:
        self.targets = targets

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fstat(self, fd: int) -> os.stat_result:
        found = os.fstat(fd)
        if (found.st_dev, found.st_ino) not in self.targets:
            return found
        fields = list(found)
        fields[4] = OTHER_UID
        extra = {k: getattr(found, k) for k in _STAT_EXTRA if hasattr(found, k)}
        return os.stat_result(fields, extra)


@pytest.fixture(params=["chown", "seen"])
def give_away(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Path], None]:
    """Make a path another user's. "chown": for real, which needs root. "seen": the cache's
    own view of the file's owner says so (only the owner differs, the checks under test are
    the same), so the test runs without root too, and as root both ways."""
    if not hasattr(os, "geteuid"):
        pytest.skip("no uids on this platform: the cache is not used there at all")
    if request.param == "chown":
        if os.geteuid() != 0:
            pytest.skip("chown to another user needs root; the 'seen' case covers this run")
        return lambda path: os.chown(path, OTHER_UID, -1)
    from release_countdown.accel import private
    from release_countdown.writing import guarded

    seen = _SeenAsOthers(set())
    monkeypatch.setattr(private, "os", seen)  # the folders' owners
    monkeypatch.setattr(guarded, "os", seen)  # the entries' owners (the shared file opener)

    def give(path: Path) -> None:
        found = os.stat(path)
        seen.targets.add((found.st_dev, found.st_ino))

    return give


def octal(mode: int) -> str:
    return f"{mode:04o}"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("mode", [0o755, 0o770, 0o707, 0o711], ids=octal)
def test_a_folder_others_can_reach_is_refused_with_one_warning(
    registries: list[Path], level: str, mode: int
) -> None:
    warning = refused(registries, lambda folder: folder.chmod(mode), level)
    assert f"mode is {mode:04o}" in warning
    assert f"chmod 700 {cache_home() / level}" in warning


@pytest.mark.parametrize("level", LEVELS)
def test_a_folder_another_user_owns_is_refused_with_one_warning(
    registries: list[Path], level: str, give_away: Callable[[Path], None]
) -> None:
    warning = refused(registries, give_away, level)
    assert f"owned by uid {OTHER_UID}, not you (uid {os.geteuid()})" in warning


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o077, 0o277], ids=octal)
def test_the_levels_made_are_private_whatever_the_umask(
    registries: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    home = tmp_path / "made" / "here"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    existing = stat.S_IMODE(tmp_path.stat().st_mode)
    old = os.umask(umask)
    try:
        first = run(registries[0])
    finally:
        os.umask(old)
    made = [tmp_path / "made", home, home / "release-countdown", entries_folder()]
    assert {level: stat.S_IMODE(level.stat().st_mode) for level in made} == dict.fromkeys(
        made, 0o700
    )
    assert stat.S_IMODE(tmp_path.stat().st_mode) == existing  # an existing parent is left alone
    (entry,) = entries_folder().iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    second = run(registries[0])  # reads what the first wrote, without a warning
    assert second.stdout == first.stdout
    assert first.stderr == second.stderr == ""


@pytest.mark.parametrize("how", ["made by platformdirs", "as an older platformdirs gives it"])
def test_a_relative_xdg_cache_home_is_ignored(
    registries: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.chdir(work)
    if how != "made by platformdirs":
        from release_countdown.registry import locations

        relative = Path("relative/cache/release-countdown")
        monkeypatch.setattr(locations, "user_cache_dir", lambda: relative)
    run(registries[0])
    assert list(work.iterdir()) == []
    assert len(list((home / ".cache" / "release-countdown" / "registries").glob("*.msgpack"))) == 1


# --- the entries --------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["a made-up entry", "a shell start-up file", "nothing"])
def test_a_link_at_an_entry_is_neither_read_nor_written_through(
    registries: list[Path], tmp_path: Path, target: str
) -> None:
    path = registries[0]
    expected = run(path, options=("--no-cache",)).stdout
    run(path)
    entry = entry_of(path)
    outside = tmp_path / "home" / ".bashrc"
    outside.parent.mkdir()
    if target == "a made-up entry":
        outside.write_bytes(made_up(entry.read_bytes()))
    elif target == "a shell start-up file":
        outside.write_text("export PATH=$HOME/bin:$PATH\n")
    before = outside.read_bytes() if outside.exists() else None
    entry.unlink()
    entry.symlink_to(outside)
    # An older entry of the same registry, planted as a link: deleting it removes the link.
    older = entry.with_name(entry.name.split("-")[0] + "-" + "0" * 40 + ".marshal")
    older.symlink_to(outside)
    result = run(path)
    assert result.stdout == expected
    assert result.stderr == ""
    assert (outside.read_bytes() if outside.exists() else None) == before
    assert stat.S_ISREG(entry.lstat().st_mode)  # the link was replaced by the rebuilt entry
    assert not older.is_symlink()
    assert run(path).stdout == expected


def test_a_folder_at_an_entry_is_ignored(registries: list[Path]) -> None:
    path = registries[0]
    expected = run(path, options=("--no-cache",)).stdout
    run(path)
    entry = entry_of(path)
    entry.unlink()
    entry.mkdir()
    result = run(path)  # cannot be read, nor replaced: a slower run, the same answer
    assert (result.stdout, result.stderr) == (expected, "")
    assert entry.is_dir()
    assert [other.name for other in entries_folder().iterdir()] == [entry.name]  # no leftovers


def test_an_entry_another_user_owns_is_ignored_and_replaced(
    registries: list[Path], give_away: Callable[[Path], None]
) -> None:
    path = registries[0]
    expected = run(path, options=("--no-cache",)).stdout
    run(path)
    entry = entry_of(path)
    good = entry.read_bytes()
    entry.write_bytes(made_up(good))
    give_away(entry)
    assert run(path).stdout == expected
    assert entry.stat().st_uid == os.geteuid()
    assert entry.read_bytes() == good


@pytest.mark.slow
def test_a_fifo_at_an_entry_does_not_hang(registries: list[Path]) -> None:
    path = registries[0]
    expected = run(path, options=("--no-cache",)).stdout
    run(path)
    entry = entry_of(path)
    entry.unlink()
    os.mkfifo(entry)
    done = subprocess.run(
        [sys.executable, "-m", "release_countdown", *LIST, "-r", str(path)],
        capture_output=True,
        timeout=60,  # before the fix, opening the FIFO waited for a writer forever
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == expected
    assert stat.S_ISREG(entry.lstat().st_mode)  # replaced by the rebuilt entry


def edited(change: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    def damage(good: bytes) -> bytes:
        data = msgspec.msgpack.decode(good)
        change(data)
        return msgspec.msgpack.encode(data)

    return damage


def spliced(change: Callable[[dict[str, Any]], object], bad: bytes) -> Callable[[bytes], bytes]:
    """``change``, then the string MARK replaced by ``bad`` (bytes msgspec would not write)."""

    def damage(good: bytes) -> bytes:
        written = edited(change)(good)
        at = written.index(MARK.encode()) - 1  # a short string: its type and length, one byte
        return written[:at] + bad + written[at + 1 + len(MARK) :]

    return damage


MARK = "SPLICE-HERE"
# Release fields in an entry (the model's, in order; source is stored too).
ID, TITLE, DATE, KIND, ALIASES, FRANCHISE, _, CHECKED, SOURCES, NOTE, PEOPLE = range(11)
DATES, HISTORY, SOURCE, OVERRIDE = 11, 12, 13, 14


def first(data: dict[str, Any], field: int) -> list[Any]:
    """The first release whose ``field`` is not empty."""
    release: list[Any] = next(r for r in data["releases"] if r[field])
    return release


def first_spec(data: dict[str, Any], precision: str) -> list[Any]:
    spec: list[Any] = next(s for s in data["specs"] if s[1] == precision)
    return spec


def put(field: int, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda data: data["releases"][0].__setitem__(field, value)


def set_in(field: int, index: int, value: object) -> Callable[[dict[str, Any]], object]:
    """Set item ``index`` of the first entry of a release's dates (11) or history (12)."""
    return lambda data: first(data, field)[field][0].__setitem__(index, value)


def utf8(text: str) -> bytes:
    """A MessagePack string of ``text`` as UTF-8, lone surrogates let through (str8)."""
    data = text.encode("utf-8", "surrogatepass")
    return b"\xd9" + bytes([len(data)]) + data


# An array of one item, nested 100,000 deep, as MessagePack writes it (fixarray of 1).
NESTED = b"\x91" * 100_000 + b"\xc0"


def oversized(good: bytes) -> bytes:
    return good + b" " * (64 * 200_000 + (1 << 20))  # beyond the bound on what is read


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    # Of a type Python would take without a word:
    "id as a number": edited(put(ID, 7)),
    "title as a number": edited(put(TITLE, 7)),
    "date index true": edited(put(DATE, True)),
    "date index negative": edited(put(DATE, -1)),
    "date index past the table": edited(put(DATE, 10**6)),
    "unknown kind": edited(put(KIND, "movie")),
    "aliases as a string": edited(put(ALIASES, "abc")),
    "aliases of numbers": edited(put(ALIASES, [1, 2])),
    "franchise as a list": edited(put(FRANCHISE, ["Mission"])),
    "checked as a number": edited(put(CHECKED, 738000)),
    "checked not a day": edited(put(CHECKED, "2024-02-30")),
    "checked true": edited(put(CHECKED, True)),
    "sources as a table": edited(put(SOURCES, {"a": "b"})),
    "note as a number": edited(put(NOTE, 5)),
    "people as a list": edited(put(PEOPLE, [["director", ["Vaughn"]]])),
    "names as a string": edited(put(PEOPLE, {"director": "Vaughn"})),
    "names of nulls": edited(put(PEOPLE, {"director": [None]})),
    "names as a table": edited(put(PEOPLE, {"director": {"Vaughn": "x"}})),
    "dates as a table": edited(put(DATES, {"US": "theatrical"})),
    "region in lower case": edited(set_in(DATES, 0, "us")),
    "region UK": edited(set_in(DATES, 0, "UK")),
    "region of three letters": edited(set_in(DATES, 0, "USA")),
    "unknown release type": edited(set_in(DATES, 1, "cinema")),
    "place as a number": edited(set_in(DATES, 3, 5)),
    "typed date too short": edited(lambda data: first(data, DATES)[DATES][0].pop()),
    "typed date too long": edited(lambda data: first(data, DATES)[DATES][0].append(None)),
    "history title as a number": edited(set_in(HISTORY, 2, 5)),
    "history date index true": edited(set_in(HISTORY, 0, True)),
    "history as a string": edited(put(HISTORY, "abcd")),
    "source of another file": edited(put(SOURCE, "/elsewhere/releases.toml")),
    "override as text": edited(put(OVERRIDE, "yes")),
    "override as 1": edited(put(OVERRIDE, 1)),
    "release as a table": edited(
        lambda data: data["releases"].__setitem__(0, {str(i): 0 for i in range(23)})
    ),
    "release as 23 letters": edited(lambda data: data["releases"].__setitem__(0, "a" * 23)),
    "unknown precision": edited(lambda data: data["specs"][0].__setitem__(1, "weekly")),
    "date text as a number": edited(lambda data: data["specs"][0].__setitem__(0, 5)),
    "earliest day true": edited(lambda data: first_spec(data, "day").__setitem__(2, True)),
    "earliest as an ordinal": edited(lambda data: first_spec(data, "day").__setitem__(2, 738000)),
    "earliest after latest": edited(
        lambda data: first_spec(data, "year").__setitem__(2, "9999-12-31")
    ),
    "TBA with days": edited(
        lambda data: data["specs"].__setitem__(0, ["TBA", "tba", "2024-01-01", "2024-01-01", None])
    ),
    "a year without days": edited(
        lambda data: data["specs"].__setitem__(0, ["2024", "year", None, None, None])
    ),
    "time without an offset": edited(
        lambda data: data["specs"].__setitem__(
            0, ["2024-01-01T10:00", "time", "2024-01-01", "2024-01-01", "2024-01-01T10:00:00"]
        )
    ),
    "date form too short": edited(lambda data: data["specs"][0].pop()),
    "warning as numbers": edited(lambda data: data.__setitem__("warnings", [[5, "1", 1]])),
    "format as text": edited(lambda data: data.__setitem__("format", "8")),
    "an extra key": edited(lambda data: data.__setitem__("extra", 1)),
    "a key missing": edited(lambda data: data.pop("warnings")),
    "a list, not a table": edited(lambda data: data.__setitem__("specs", {})),
    # Out of range:
    "checked as a huge number": edited(put(CHECKED, 2**63)),
    "checked after 9999": edited(put(CHECKED, "10000-01-01")),
    "a day after 9999": edited(lambda data: first_spec(data, "day").__setitem__(3, "99999-01-01")),
    # Bytes msgspec never writes: a lone surrogate (not UTF-8), raw bytes, an extension.
    "a lone surrogate in a title": spliced(put(TITLE, MARK), utf8("\ud800 Title")),
    "a lone surrogate in a name": spliced(put(PEOPLE, {"director": [MARK]}), utf8("Vaughn \udfff")),
    "a lone surrogate in a role": spliced(put(PEOPLE, {MARK: ["Vaughn"]}), utf8("dir\udfff")),
    "title as bytes": edited(put(TITLE, b"Title")),
    "role as a number": edited(put(PEOPLE, {1: ["Vaughn"]})),
    "checked as a float": edited(put(CHECKED, 738000.0)),
    "note as an extension": edited(put(NOTE, msgspec.msgpack.Ext(1, b"0"))),
    # Bytes: too deep, too large to be what this version wrote, cut short, trailing.
    "deep nesting": spliced(put(ID, MARK), NESTED),
    "deep nesting in a name": spliced(put(PEOPLE, {"director": [MARK]}), NESTED),
    "deep nesting alone": lambda good: NESTED,
    "oversized": oversized,
    "cut short": lambda good: good[: len(good) // 2],
    "trailing bytes": lambda good: good + b"\xc0",
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_an_entry_not_as_written_is_ignored_and_rebuilt(
    registries: list[Path], damage: Callable[[bytes], bytes]
) -> None:
    path = registries[0]
    assert path.stat().st_size <= 200_000  # what "oversized" assumes
    expected = run(path, options=("--no-cache",))
    run(path)
    entry = entry_of(path)
    good = entry.read_bytes()
    bad = damage(good)
    assert bad != good
    entry.write_bytes(bad)
    result = run(path)  # a traceback would raise here (catch_exceptions=False)
    assert result.stdout == expected.stdout
    assert result.stderr == expected.stderr
    assert entry.read_bytes() == good  # rebuilt


# --- the key ------------------------------------------------------------------------------

needs_zones = pytest.mark.skipif(
    not (ZONES / "America" / "Indiana" / "Indianapolis").exists(), reason="no zoneinfo here"
)


@needs_zones
def test_the_key_follows_the_zone_file_while_tz_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.accel import cache

    zone = tmp_path / "localtime"
    monkeypatch.setenv("TZ", f":{zone}")
    names = []
    for source in ("America/New_York", "America/Indiana/Indianapolis", "America/New_York"):
        shutil.copyfile(ZONES / source, zone)
        names.append(cache.entry_name("r.toml", b"schema = 1\n"))
    assert names[0] != names[1]
    assert names[0] == names[2]


@needs_zones
def test_the_key_holds_the_rules_of_the_zone_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.accel import cache

    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.delenv("TZDIR", raising=False)
    if Path("/etc/localtime").exists():
        assert cache._zone().endswith(Path("/etc/localtime").read_bytes())
    monkeypatch.setenv("TZ", "America/New_York")
    assert cache._zone().endswith((ZONES / "America" / "New_York").read_bytes())
    # The C library reads zone names under $TZDIR: another file by the same name.
    before = cache.entry_name("r.toml", b"schema = 1\n")
    (tmp_path / "America").mkdir()
    shutil.copyfile(ZONES / "America/Indiana/Indianapolis", tmp_path / "America" / "New_York")
    monkeypatch.setenv("TZDIR", str(tmp_path))
    assert cache.entry_name("r.toml", b"schema = 1\n") != before
