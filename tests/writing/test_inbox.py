"""writing/inbox.py: the follow inbox file, opened, locked and written like the notify state."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from release_countdown.core.errors import StateError
from release_countdown.core.follow import InboxEntry
from release_countdown.writing.inbox import added, inbox_lock, read_inbox, without, write_inbox

ENTRY = InboxEntry("tmdb:movie/101", "X", "film", "TBA", "lorne-balfe", date(2026, 12, 7))


def test_entries_survive_a_round_trip_and_the_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "inbox.json"
    assert read_inbox(path) == []
    write_inbox(path, [ENTRY, ENTRY._replace(ref="tmdb:movie/102", title="Ünïcode")])
    assert [e.title for e in read_inbox(path)] == ["X", "Ünïcode"]
    assert read_inbox(path)[0] == ENTRY
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_added_keeps_the_first_seen_day_and_without_drops(tmp_path: Path) -> None:
    later = ENTRY._replace(seen=date(2026, 12, 9), date="2027")
    assert added([ENTRY], [later]) == [ENTRY]
    assert without([ENTRY], ["tmdb:movie/101"]) == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{", "not JSON"),
        ('{"format": "other"}', "not a follow inbox file"),
        ('{"format": "release-countdown follow inbox", "version": 1, "entries": [{}]}',
         r"entries\[0\]\.ref is not a string"),
    ],
)  # fmt: skip
def test_a_corrupt_or_foreign_inbox_is_named_and_kept(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "inbox.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StateError, match=why) as caught:
        read_inbox(path)
    assert str(path) in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_a_link_at_its_name_is_refused_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    write_inbox(target, [ENTRY])
    path = tmp_path / "inbox.json"
    path.symlink_to(target)
    with pytest.raises(StateError, match="symbolic link"):
        read_inbox(path)
    with pytest.raises(StateError, match="the follow inbox") as caught, inbox_lock(path, 1.0):
        pass
    assert "move this away" in str(caught.value)
    assert "--state" not in str(caught.value)  # notify's option, not the inbox's


def test_a_list_row_keeps_its_source_and_reason_and_old_files_read_as_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "inbox.json"
    row = InboxEntry(
        "letterboxd:blade-1998", "Blade", "film", "1998", "", date(2026, 12, 7),
        source="letterboxd watchlist.csv:4", reason='no TMDB match for "Blade" (1998)',
    )  # fmt: skip
    write_inbox(path, [ENTRY, row])
    assert read_inbox(path) == [ENTRY, row]
    written = path.read_text(encoding="utf-8")
    assert written.count('"reason"') == 1  # a follow's entry is written as before
    old = (
        '{"format": "release-countdown follow inbox", "version": 1, "entries": [{"ref": '
        '"tmdb:movie/101", "title": "X", "kind": "film", "date": "TBA", "follow": '
        '"lorne-balfe", "seen": "2026-12-07"}]}'
    )
    path.write_text(old, encoding="utf-8")
    assert read_inbox(path) == [ENTRY]
    assert (ENTRY.source, ENTRY.reason) == (None, None)
