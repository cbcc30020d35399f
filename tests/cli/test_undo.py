"""`countdown undo`: every write keeps the bytes it replaced (the last 20 a registry), and undo
puts them back through the one locked write, refusing when the file changed since."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from release_countdown.writing import journal
from tests.conftest import invoke

# Not canonical on purpose (keys out of order, a comment, odd spacing), so `fmt` changes it.
START = """schema = 1
# a comment kept as typed

[[release]]
title   = "Blade"
id = "blade"
kind = "film"
date = 2027-11-07

[[release]]
id = "argylle"
title = "Argylle"
date = 2027-02-02
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    path.write_bytes(START.encode("utf-8"))
    return path


def run(registry: Path, *args: str) -> None:
    done = invoke(*args, "--registry", str(registry))
    assert done.exit_code == 0, done.stderr


WRITES = {
    "add": ("add", "Dune Part Three", "--date", "2027-12-18", "--kind", "film"),
    "edit": ("edit", "blade", "--franchise", "Marvel"),
    "postpone": ("postpone", "blade", "2028-03-01"),
    "remove": ("remove", "argylle", "--yes"),
}


@pytest.mark.parametrize("command", sorted(WRITES))
def test_undo_after_a_write_restores_the_bytes(registry: Path, command: str) -> None:
    run(registry, *WRITES[command])
    assert registry.read_bytes() != START.encode("utf-8")
    run(registry, "undo")
    assert registry.read_bytes() == START.encode("utf-8")


def test_undo_after_fmt_restores_the_bytes(registry: Path) -> None:
    done = invoke("fmt", str(registry))
    assert done.exit_code == 0, done.stderr
    assert registry.read_bytes() != START.encode("utf-8")
    run(registry, "undo")
    assert registry.read_bytes() == START.encode("utf-8")


def test_each_undo_steps_one_write_further_back(registry: Path) -> None:
    run(registry, *WRITES["edit"])
    edited = registry.read_bytes()
    run(registry, *WRITES["postpone"])
    run(registry, "undo")
    assert registry.read_bytes() == edited
    run(registry, "undo")
    assert registry.read_bytes() == START.encode("utf-8")
    done = invoke("undo", "--registry", str(registry))
    assert done.exit_code == 1
    assert "nothing to undo" in done.stderr
    assert registry.read_bytes() == START.encode("utf-8")


def test_undo_refuses_after_a_hand_edit(registry: Path) -> None:
    run(registry, *WRITES["postpone"])
    by_hand = registry.read_bytes().replace(b"2028-03-01", b"2028-04-01")
    registry.write_bytes(by_hand)
    done = invoke("undo", "--registry", str(registry))
    assert done.exit_code == 3
    assert "changed since countdown's last write" in done.stderr
    assert "nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert registry.read_bytes() == by_hand
    assert len(journal.entries(registry)) == 1  # still there, for a look


def test_the_write_path_refuses_too_when_the_file_changes_under_the_lock(
    registry: Path,
) -> None:
    from release_countdown.writing.change import change_registry
    from release_countdown.writing.undo import UndoRefused, restoring

    run(registry, *WRITES["edit"])
    (entry,) = journal.entries(registry)
    registry.write_bytes(registry.read_bytes() + b"# saved by an editor\n")
    with pytest.raises(UndoRefused):
        change_registry(registry, restoring(registry, entry), lock_timeout=5.0)


def test_dry_run_shows_the_diff_and_writes_nothing(registry: Path) -> None:
    run(registry, *WRITES["edit"])
    edited = registry.read_bytes()
    done = invoke("undo", "--dry-run", "--registry", str(registry))
    assert done.exit_code == 0, done.stderr
    assert '-franchise = "Marvel"' in done.stdout
    assert "would undo: " in done.stderr
    assert registry.read_bytes() == edited
    assert len(journal.entries(registry)) == 1


def test_the_journal_keeps_the_last_20_writes(registry: Path) -> None:
    for day in range(1, 23):
        run(registry, "edit", "blade", "--date", f"2027-11-{day:02d}")
    kept = journal.entries(registry)
    assert len(kept) == journal.KEEP == 20
    assert kept[-1].message.startswith("blade: date set to 2027-11-22")
    blobs = sorted(p.name for p in journal.folder_of(registry).glob("*.before"))
    assert blobs == [f"{e.id}.before" for e in kept]  # older ones removed with their entries
    for _ in range(20):
        run(registry, "undo")
    assert b"date = 2027-11-02" in registry.read_bytes()  # the 21st write back is gone
    assert invoke("undo", "--registry", str(registry)).exit_code == 1


def test_list_of_an_empty_journal_says_so_on_stderr(registry: Path) -> None:
    done = invoke("undo", "--list", "--registry", str(registry))
    assert (done.exit_code, done.stdout) == (0, "")
    assert "nothing to undo" in done.stderr


def test_list_shows_when_what_size_and_diff_stat(registry: Path) -> None:
    run(registry, *WRITES["add"])
    run(registry, *WRITES["edit"])
    done = invoke("undo", "--list", "--registry", str(registry))
    assert done.exit_code == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith(" 1  ")
    assert "blade: franchise set to Marvel" in first
    assert first.endswith("+1 -0)")
    assert second.startswith(" 2  ")
    assert "Dune Part Three" in second
    size = len(START.encode("utf-8"))
    assert f"({size:,} -> " in second
    assert registry.read_bytes() != START.encode("utf-8")  # --list changes nothing


def test_the_journal_is_private_and_keyed_by_the_resolved_path(
    registry: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(registry)
    run(link, *WRITES["edit"])
    assert len(journal.entries(registry)) == 1
    folder = journal.folder_of(registry)
    assert folder == journal.folder_of(link)
    assert os.stat(folder).st_mode & 0o077 == 0
    assert os.stat(folder.parent).st_mode & 0o077 == 0
    run(registry, "undo")
    assert registry.read_bytes() == START.encode("utf-8")


def test_a_journal_that_cannot_be_written_leaves_the_write_standing_with_a_warning(
    registry: Path,
) -> None:
    folder = journal.folder_of(registry)
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder")  # the journal's folder cannot be made
    done = invoke(*WRITES["edit"], "--registry", str(registry))
    assert done.exit_code == 0, done.stderr
    assert b'franchise = "Marvel"' in registry.read_bytes()
    assert "the undo journal was not updated" in done.stderr


def test_a_damaged_journal_is_named_and_the_next_write_starts_a_new_one(registry: Path) -> None:
    run(registry, *WRITES["edit"])
    index = journal.folder_of(registry) / "journal.json"
    index.write_text("{not json", encoding="utf-8")
    done = invoke("undo", "--list", "--registry", str(registry))
    assert done.exit_code == 3
    assert "damaged" in done.stderr
    assert str(index) in done.stderr
    run(registry, *WRITES["postpone"])
    assert len(journal.entries(registry)) == 1
