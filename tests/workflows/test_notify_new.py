"""workflows.notify tells what a follow put in the inbox, once, across runs."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from release_countdown.core.follow import InboxEntry
from release_countdown.core.query import Query
from release_countdown.workflows.notify import notify
from release_countdown.writing.inbox import write_inbox
from tests.workflows.test_notify import Collect

TODAY = date(2026, 12, 7)


def test_an_inbox_arrival_is_sent_once(tmp_path: Path) -> None:
    inbox, state = tmp_path / "inbox.json", tmp_path / "notify.json"
    write_inbox(inbox, [InboxEntry("tmdb:movie/101", "X", "film", "TBA", "lorne-balfe", TODAY)])
    sent: list[str] = []
    for run in range(2):
        collect = Collect()
        notify(
            [], Query(), leads=(7,), sending=[collect], state_path=state, today=TODAY,
            started=datetime(2026, 12, 7, 9, run, tzinfo=timezone.utc), dry_run=False,
            lock_timeout=5.0, inbox=inbox,
        )  # fmt: skip
        sent += [f"{n.event} {n.id}" for n in collect.sent]
    assert sent == ["new tmdb:movie/101"]
