"""workflows.notify called as a function: what was due, what was not delivered (and is not
recorded, so it comes again), a dry run that sends and records nothing."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from release_countdown.core.notices import Notice
from release_countdown.core.query import Query
from release_countdown.registry.load import check_text
from release_countdown.workflows.notify import Notified, notify

REGISTRY = """schema = 1

[[release]]
id = "argylle"
title = "Argylle"
kind = "film"
date = 2024-02-02

[[release]]
id = "wicked"
title = "Wicked"
kind = "film"
date = 2024-02-02
"""
WEEK_BEFORE = date(2024, 1, 26)
STARTED = datetime(2024, 1, 26, 9, 0, tzinfo=timezone.utc)


class Collect:
    """A destination that keeps what it is sent and refuses the titles in ``refuse``."""

    name = "collect"

    def __init__(self, *refuse: str) -> None:
        self.refuse = set(refuse)
        self.sent: list[Notice] = []

    def send(self, notice: Notice) -> str | None:
        if notice.id in self.refuse:
            return "refused"
        self.sent.append(notice)
        return None


def run(
    state: Path,
    sending: Collect,
    today: date,
    *,
    dry_run: bool = False,
    started: datetime = STARTED,
    query: Query | None = None,
) -> Notified:
    releases, problems = check_text(REGISTRY, "reg.toml")
    assert problems == []
    return notify(
        releases, query or Query(), leads=(30, 7, 1, 0), sending=[sending], state_path=state,
        today=today, started=started, dry_run=dry_run, lock_timeout=5.0,
    )  # fmt: skip


def test_what_was_delivered_is_recorded_and_the_rest_comes_again(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    first = Collect("wicked")
    done = run(state, first, WEEK_BEFORE)
    assert [(n.event, n.id, n.lead) for n in done.notices] == [
        ("reminder", "argylle", 7), ("reminder", "wicked", 7),
    ]  # fmt: skip
    assert [n.id for n in first.sent] == ["argylle"]
    assert [(u.notice.id, u.problems) for u in done.undelivered] == [("wicked", ("refused",))]
    again = Collect()
    done = run(state, again, WEEK_BEFORE)
    assert [n.id for n in again.sent] == ["wicked"]  # retried; argylle is not sent twice
    assert done.undelivered == ()


def test_a_dry_run_returns_the_plan_and_sends_nothing(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    sending = Collect()
    done = run(state, sending, WEEK_BEFORE, dry_run=True)
    assert [n.id for n in done.notices] == ["argylle", "wicked"]
    assert (sending.sent, done.undelivered, state.exists()) == ([], (), False)
