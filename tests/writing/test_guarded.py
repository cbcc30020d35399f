"""writing/guarded.py: what the cache and the notify state read and write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from release_countdown.writing.guarded import (
    Unfit,
    read_regular,
    sweep_temporaries,
    write_replacing,
)


def test_a_regular_file_of_the_user_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_regular(path, 5) == b"12345"
    with pytest.raises(Unfit, match=r"^is larger than 4 bytes$"):
        read_regular(path, 4)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing", 5)


def test_a_folder_or_a_link_is_unfit(tmp_path: Path) -> None:
    with pytest.raises(Unfit, match=r"^is a folder, not a regular file$"):
        read_regular(tmp_path, 5)
    (tmp_path / "link").symlink_to(tmp_path / "anything")
    with pytest.raises(Unfit, match=r"^is a symbolic link, not a regular file$"):
        read_regular(tmp_path / "link", 5)


def test_a_link_at_the_name_is_replaced_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    path = tmp_path / "state"
    path.symlink_to(victim)
    write_replacing(path, b"new", durable=True)
    assert not path.is_symlink()
    assert path.read_bytes() == b"new"
    assert victim.read_bytes() == b"keep"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state", "victim"]


def test_a_write_sweeps_what_killed_writers_left(tmp_path: Path) -> None:
    path = tmp_path / "state"
    left = tmp_path / ".state.00112233aabb.tmp"
    left.write_bytes(b"half")
    write_replacing(path, b"new", sweep_after=60)
    assert left.exists()  # written just now: maybe a writer at work
    os.utime(left, (0, 0))
    write_replacing(path, b"newer", sweep_after=60)
    assert not left.exists()
    assert path.read_bytes() == b"newer"


def test_only_our_own_stale_temporaries_are_swept(tmp_path: Path) -> None:
    path = tmp_path / "notify.json"
    ours = tmp_path / ".notify.json.00112233aabb.tmp"
    fresh = tmp_path / ".notify.json.ffeeddccbbaa.tmp"
    folder = tmp_path / ".notify.json.0123456789ab.tmp"
    others = tmp_path / ".other.json.00112233aabb.tmp"
    for made in (ours, fresh, others):
        made.write_bytes(b"")
    folder.mkdir()
    for old in (ours, others, folder):
        os.utime(old, (0, 0))
    for new in (fresh,):
        os.utime(new, (1000, 1000))
    assert sweep_temporaries(path, 60, now=1030) == 1
    assert not ours.exists()
    assert fresh.exists()
    assert others.exists()
    assert folder.is_dir()
