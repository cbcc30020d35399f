"""Another program saving the registry while countdown writes it: an editor's in-place save
(truncate, then write), a save by rename between our check and our rename, a save within the
clock's granularity; and a lock that cannot be created at all. Nothing it saved may be lost."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke

SMALL = (
    "schema = 1\n\n"
    '[[release]]\nid = "alpha"\ntitle = "Alpha"\ndate = 2030-01-01\n\n'
    '[[release]]\nid = "beta"\ntitle = "Beta"\ndate = 2031-01-01\n'
)
EMPTY_MESSAGE = "is empty — is it being saved? nothing written"


def registry(tmp_path: Path, text: str = SMALL) -> Path:
    path = tmp_path / "r.toml"
    path.write_bytes(text.encode("utf-8"))
    return path


def editor_saves_by_rename(path: Path, text: str) -> None:
    side = path.with_name("editor-save.tmp")
    side.write_text(text)
    os.replace(side, path)


# --- item 1: an empty registry is being saved, not empty -----------------------------------


@pytest.mark.parametrize("blank", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize(
    "command",
    [
        ("add", "Gamma", "--date", "2032-01-01"),
        ("add", "Gamma", "--date", "2032-01-01", "--dry-run"),
        ("edit", "alpha", "--note", "x"),
        ("postpone", "alpha", "2032-01-01"),
    ],
)
def test_an_empty_registry_is_never_written_over(
    tmp_path: Path, blank: bytes, command: tuple[str, ...]
) -> None:
    """An editor saving in place truncates the file, then writes it: `add` read the empty
    file as a valid empty registry and renamed a one-title file over it (fails on cbb4fc1)."""
    path = registry(tmp_path, "")
    path.write_bytes(blank)
    result = invoke(*command, "-r", str(path))
    assert result.exit_code == 3, result.stderr
    assert f"{path} {EMPTY_MESSAGE}" in result.stderr
    assert path.read_bytes() == blank


def test_fmt_and_a_deliberately_empty_registry(tmp_path: Path) -> None:
    path = registry(tmp_path, "")
    result = invoke("fmt", str(path))
    assert result.exit_code == 3
    assert EMPTY_MESSAGE in result.stderr
    assert path.read_bytes() == b""
    # A registry with no titles on purpose says so; it is written as usual.
    path.write_text("schema = 1\n")
    result = invoke("add", "Gamma", "--date", "2032-01-01", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert 'title = "Gamma"' in path.read_text()


def test_an_editor_mid_save_keeps_every_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole race, made deterministic: the editor truncates right before `add` reads and
    finishes its save right after `add` is done; every title it saved is there."""
    from release_countdown.writing import change

    path = registry(tmp_path)
    saved = SMALL + '\n[[release]]\nid = "delta"\ntitle = "Delta"\ndate = 2033-01-01\n'
    editor = path.open("r+b")
    real_read = change._read

    def truncated_then_read(target: Path) -> bytes:
        editor.truncate(0)  # the editor's open(O_TRUNC)
        editor.flush()
        return real_read(target)

    monkeypatch.setattr(change, "_read", truncated_then_read)
    result = invoke("add", "Gamma", "--date", "2032-01-01", "-r", str(path))
    editor.seek(0)
    editor.write(saved.encode())  # the rest of the editor's save, into the same inode
    editor.close()
    assert result.exit_code == 3
    assert EMPTY_MESSAGE in result.stderr
    assert path.read_text() == saved


@pytest.mark.parametrize("seen", [b"", SMALL.encode()[:45]])
def test_a_save_that_ends_while_add_looks_again_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: bytes
) -> None:
    """An empty or half-written file that moves a moment later was a save in progress: the
    change is made on what the editor saved instead of being refused."""
    from release_countdown.writing import change

    path = registry(tmp_path)
    saved = SMALL + '\n[[release]]\nid = "delta"\ntitle = "Delta"\ndate = 2033-01-01\n'
    path.write_bytes(seen)
    real = change._moves
    looks: list[int] = []

    def editor_finishes(*args: Any) -> bool:
        looks.append(1)
        with path.open("r+b") as editor:
            editor.write(saved.encode())
        return real(*args)

    monkeypatch.setattr(change, "_moves", editor_finishes)
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert looks == [1]
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'title = "Delta"' in text
    assert 'note = "ours"' in text


# --- item 2: a save between the check and the rename ---------------------------------------


def _save_after_the_check(
    monkeypatch: pytest.MonkeyPatch, path: Path, save: Any, times: int = 1
) -> list[int]:
    """Make ``save`` run right after the "file unchanged since read" check passes."""
    from release_countdown.writing import change

    real = change._same_file
    done: list[int] = []

    def check_then_save(target: Path, before: os.stat_result, raw: bytes) -> bool:
        same = real(target, before, raw)
        if same and len(done) < times:
            done.append(1)
            save()
        return same

    monkeypatch.setattr(change, "_same_file", check_then_save)
    return done


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an atomic swap is Linux's")
def test_a_save_by_rename_after_the_check_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor renames its save over the registry between our check and our rename: the
    rename displaced it and it was gone (fails on cbb4fc1). Now it is put back and our change
    is made again on top of it."""
    path = registry(tmp_path)
    theirs = SMALL.replace('title = "Beta"', 'title = "Beta (saved)"')
    done = _save_after_the_check(monkeypatch, path, lambda: editor_saves_by_rename(path, theirs))
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert done == [1]
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'title = "Beta (saved)"' in text  # theirs survives
    assert 'note = "ours"' in text  # ours was made again on top
    assert not list(tmp_path.glob("*countdown-kept*"))
    assert not list(tmp_path.glob(".r.toml.*.tmp"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an atomic swap is Linux's")
def test_an_in_place_save_after_the_check_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = registry(tmp_path)
    theirs = SMALL + "# the editor's last line\n"

    def in_place() -> None:
        with path.open("r+b") as editor:
            editor.write(theirs.encode())

    done = _save_after_the_check(monkeypatch, path, in_place)
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert done == [1]
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert "# the editor's last line" in text
    assert 'note = "ours"' in text


def test_without_an_atomic_swap_an_in_place_save_is_kept_beside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where names cannot be swapped atomically, the replaced file is held open: what an
    in-place save wrote into it after the check is kept beside the registry, named."""
    from release_countdown.writing import atomic

    monkeypatch.setattr(atomic, "_exchange", lambda one, other: False)
    path = registry(tmp_path)
    theirs = SMALL + "# the editor's last line\n"

    def in_place() -> None:
        with path.open("r+b") as editor:
            editor.write(theirs.encode())

    _save_after_the_check(monkeypatch, path, in_place)
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert 'note = "ours"' in path.read_text()
    [kept] = tmp_path.glob("r.toml.countdown-kept-*")
    assert kept.read_text() == theirs
    assert "another program saved" in result.stderr
    assert str(kept) in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="an atomic swap is Linux's")
def test_saves_after_every_check_leave_theirs_and_write_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = registry(tmp_path)
    saves = iter(range(10))

    def again() -> None:
        editor_saves_by_rename(path, SMALL + f"# save {next(saves)}\n")

    _save_after_the_check(monkeypatch, path, again, times=10)
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert result.exit_code == 3
    assert "changed while writing; nothing written" in result.stderr
    assert path.read_text() == SMALL + "# save 1\n"  # the editor's last save, as it saved it


def test_a_save_within_the_clocks_granularity_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same size, same mtime, different bytes (`cp -p`, a coarse clock): the bytes differ."""
    from release_countdown.writing import change

    path = registry(tmp_path)
    theirs = SMALL.replace('title = "Beta"', 'title = "Bet2"')
    real = change._changed
    done: list[int] = []

    def edit_while_saved(*args: Any) -> Any:
        outcome = real(*args)
        if not done:
            done.append(1)
            stat = path.stat()
            with path.open("r+b") as editor:
                editor.write(theirs.encode())
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            assert path.stat().st_size == stat.st_size
        return outcome

    monkeypatch.setattr(change, "_changed", edit_while_saved)
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'title = "Bet2"' in text
    assert 'note = "ours"' in text


def test_init_never_replaces_a_file_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.writing import change

    target = tmp_path / "new.toml"
    real = change.write_file_atomically

    def someone_creates_it_first(path: Path, data: bytes, **kwargs: Any) -> Any:
        path.write_text("# theirs\n")
        return real(path, data, **kwargs)

    monkeypatch.setattr(change, "write_file_atomically", someone_creates_it_first)
    result = invoke("init", "--registry", str(target))
    assert result.exit_code == 2
    assert "already exists; it was left as it is" in result.stderr
    assert target.read_text() == "# theirs\n"


# --- item 20: a lock that cannot be created -------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_a_lock_that_cannot_be_created_fails_at_once(tmp_path: Path) -> None:
    """`init --registry /proc/x.toml` waited the whole lock timeout and blamed "another
    countdown" (fails on cbb4fc1)."""
    start = time.monotonic()
    result = invoke("init", "--registry", "/proc/x.toml", env={"COUNTDOWN_LOCK_TIMEOUT": "20"})
    assert time.monotonic() - start < 5
    assert result.exit_code == 3
    assert "cannot write /proc/x.toml: cannot create its lock /proc/.x.toml.lock" in result.stderr
    assert "another countdown" not in result.stderr
    assert not Path("/proc/x.toml").exists()


def test_a_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    result = invoke("init", "--registry", str(tmp_path / "f" / "x.toml"))
    assert result.exit_code == 3
    assert "is not a folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_fails_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        start = time.monotonic()
        result = invoke("init", "--registry", str(folder / "x.toml"))
        assert time.monotonic() - start < 5
        assert result.exit_code == 3
        assert "Permission denied" in result.stderr
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="no statvfs here")
def test_a_read_only_file_system_fails_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock file exists (an earlier write) on a file system now mounted read-only."""
    path = registry(tmp_path)
    assert invoke("edit", "alpha", "--note", "x", "-r", str(path)).exit_code == 0
    real = os.statvfs

    class ReadOnly:
        def __init__(self, where: Any) -> None:
            self.f_flag = real(where).f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", ReadOnly)
    start = time.monotonic()
    result = invoke(
        "edit", "alpha", "--note", "y", "-r", str(path), env={"COUNTDOWN_LOCK_TIMEOUT": "20"}
    )
    assert time.monotonic() - start < 5
    assert result.exit_code == 3
    assert f"cannot write {path}: cannot create its lock" in result.stderr
    assert "Read-only file system" in result.stderr
