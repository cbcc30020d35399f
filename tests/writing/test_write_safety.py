"""Writes that scale and never lose a change: linear edits, a save from an editor or a deleted
lock during a write, line ends, modes, owners, hard links, a trailing comment, symlink loops."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
SMALL = (
    "schema = 1\n\n"
    '[[release]]\nid = "alpha"\ntitle = "Alpha"\ndate = 2030-01-01\n\n'
    '[[release]]\nid = "beta"\ntitle = "Beta"\ndate = 2031-01-01\n'
)


def registry(tmp_path: Path, text: str = SMALL, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def generated(tmp_path: Path, titles: int) -> Path:
    path = tmp_path / f"r{titles}.toml"
    with path.open("w") as out:
        subprocess.run([sys.executable, str(BENCH), str(titles)], stdout=out, check=True)
    return path


# --- linear -------------------------------------------------------------------------------


def test_an_edit_diffs_only_the_release_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blank-line tidy compares lines only where the texts differ (it compared every line
    of the file, quadratically: 98 s for `postpone` at 5,000 titles)."""
    import difflib

    import tomlkit

    path = generated(tmp_path, 400)
    compared: list[int] = []
    parsed: list[int] = []
    matcher = difflib.SequenceMatcher
    parse = tomlkit.parse

    class Counting(matcher):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            compared.append(len(kwargs.get("a", args[1] if len(args) > 1 else [])))

    def counting_parse(text: str) -> Any:
        parsed.append(len(text))
        return parse(text)

    monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
    monkeypatch.setattr(tomlkit, "parse", counting_parse)
    result = invoke(
        "postpone", "title-200", "2040-01-01", "--announced", "2026-01-01", "-r", str(path)
    )
    assert result.exit_code == 0, result.stderr
    assert compared
    assert max(compared) < 60  # the release's lines, not the file's 10,000
    assert max(parsed) < 5_000  # tomlkit parsed that release's text alone
    assert "date = 2040-01-01" in path.read_text()


# --- lost updates ---------------------------------------------------------------------------


def test_a_save_during_the_write_is_merged_or_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.writing import atomic

    path = registry(tmp_path)
    real = atomic.write_file_atomically
    saves: list[int] = []

    def editor_saves_first(target: Path, data: bytes, **kwargs: Any) -> None:
        if len(saves) < 1:  # an editor saves between our read and our rename, once
            saves.append(1)
            text = target.read_text().replace('title = "Beta"', 'title = "Beta (saved)"')
            target.write_text(text)
        real(target, data, **kwargs)

    monkeypatch.setattr(atomic, "write_file_atomically", editor_saves_first)
    monkeypatch.setattr(
        "release_countdown.writing.change.write_file_atomically", editor_saves_first
    )
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'title = "Beta (saved)"' in text  # the editor's save survives
    assert 'note = "ours"' in text  # and ours was made again on top of it

    def editor_saves_always(target: Path, data: bytes, **kwargs: Any) -> None:
        target.write_text(target.read_text() + "# saved again\n")
        real(target, data, **kwargs)

    monkeypatch.setattr(
        "release_countdown.writing.change.write_file_atomically", editor_saves_always
    )
    before = path.read_text()
    result = invoke("edit", "beta", "--note", "theirs", "-r", str(path))
    assert result.exit_code == 3
    assert "changed while writing; nothing written" in result.stderr
    assert str(path) in result.stderr
    assert 'note = "theirs"' not in path.read_text()
    assert path.read_text().startswith(before)  # only the editor's saves


def test_a_save_within_the_clocks_granularity_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's save with the same size and the same mtime (a coarse clock, or a save in the
    same tick) and other bytes: only the contents tell, and the save must survive."""
    from release_countdown.writing import atomic

    path = registry(tmp_path)
    real = atomic.write_file_atomically
    saves: list[int] = []

    def same_size_same_mtime(target: Path, data: bytes, **kwargs: Any) -> None:
        if not saves:
            saves.append(1)
            before = os.stat(target)
            text = target.read_text().replace('title = "Beta"', 'title = "Bet4"')
            with target.open("r+b") as out:  # in place: the same inode
                out.write(text.encode())
            os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
            after = os.stat(target)
            assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
                before.st_ino, before.st_size, before.st_mtime_ns,
            )  # fmt: skip
        real(target, data, **kwargs)

    monkeypatch.setattr(
        "release_countdown.writing.change.write_file_atomically", same_size_same_mtime
    )
    result = invoke("edit", "alpha", "--note", "ours", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'title = "Bet4"' in text  # the editor's save survives
    assert 'note = "ours"' in text  # and ours was made again on top of it


@pytest.mark.slow
def test_deleting_the_lock_during_a_write_loses_no_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tidy-up deletes .NAME.lock while a writer holds it; a second writer gets in and
    writes. The first must notice before its rename and make its edit again on top."""
    from release_countdown.writing import change
    from release_countdown.writing.lock import lock_path

    path = registry(tmp_path)
    real = change.write_file_atomically
    intruded: list[int] = []

    def intruder_then_write(target: Path, data: bytes, **kwargs: Any) -> None:
        if not intruded:
            intruded.append(1)
            lock_path(path).unlink()  # `git clean -X`
            done = subprocess.run(
                [sys.executable, "-m", "release_countdown", "edit", "beta", "--note", "second",
                 "-r", str(path)],
                capture_output=True, text=True, check=False, timeout=60,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
        real(target, data, **kwargs)

    monkeypatch.setattr(change, "write_file_atomically", intruder_then_write)
    result = invoke("edit", "alpha", "--note", "first", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text()
    assert 'note = "first"' in text
    assert 'note = "second"' in text


# --- bytes, modes, owners -------------------------------------------------------------------


def test_each_untouched_line_keeps_its_bytes(tmp_path: Path) -> None:
    mixed = (
        b"schema = 1\n\n"
        + b"# " + b"x" * 5000 + b"\n"  # a long first stretch without any CRLF
        + b'[[release]]\r\nid = "alpha"\r\ntitle = "Alpha"\r\ndate = 2030-01-01\r\n\r\n'
        + b'[[release]]\nid = "beta"\ntitle = "Beta"\ndate = 2031-01-01\n'
    )  # fmt: skip
    path = tmp_path / "mixed.toml"
    path.write_bytes(mixed)
    result = invoke("edit", "alpha", "--note", "n", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(b"schema = 1\n\n# ")  # LF kept where it was
    assert b'date = 2030-01-01\r\nnote = "n"\r\n' in after  # CRLF kept, and the new line's
    assert after.endswith(b'[[release]]\nid = "beta"\ntitle = "Beta"\ndate = 2031-01-01\n')


def test_a_read_only_registry_is_refused(tmp_path: Path) -> None:
    path = registry(tmp_path)
    path.chmod(0o444)
    result = invoke("edit", "alpha", "--note", "n", "-r", str(path))
    assert result.exit_code == 3
    assert "read-only" in result.stderr
    assert path.read_text() == SMALL


def test_root_keeps_the_owner_and_group(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    path = registry(tmp_path)
    os.chown(path, 12345, 23456)
    result = invoke("edit", "alpha", "--note", "n", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    status = path.stat()
    assert (status.st_uid, status.st_gid) == (12345, 23456)


def test_a_hard_linked_registry_is_split_with_a_warning(tmp_path: Path) -> None:
    path = registry(tmp_path)
    other = tmp_path / "other-name.toml"
    os.link(path, other)
    result = invoke("edit", "alpha", "--note", "n", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert "2 hard links" in result.stderr
    assert 'note = "n"' in path.read_text()
    assert other.read_text() == SMALL


def test_removing_the_last_release_keeps_the_comment_that_ends_the_file(tmp_path: Path) -> None:
    path = registry(tmp_path, SMALL + "\n# kept for later: the sequel\n")
    result = invoke("remove", "beta", "--yes", "-r", str(path))
    assert result.exit_code == 0, result.stderr
    assert path.read_text() == (
        "schema = 1\n\n"
        '[[release]]\nid = "alpha"\ntitle = "Alpha"\ndate = 2030-01-01\n'
        "\n# kept for later: the sequel\n"
    )


def test_a_symlink_loop_is_a_clean_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(tmp_path / "loop2.toml")
    (tmp_path / "loop2.toml").symlink_to(loop)
    result = invoke("edit", "alpha", "--note", "n", "-r", str(loop))
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
    assert "loop.toml" in result.stderr
