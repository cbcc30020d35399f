"""Notify: deliver each notice that is due, once, and record it in the state file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.notices import Notice
    from release_countdown.core.query import Query
    from release_countdown.delivery import Destination


@dataclass(frozen=True)
class Undelivered:
    notice: Notice
    problems: tuple[str, ...]  # one per destination that refused it


@dataclass(frozen=True)
class Notified:
    notices: tuple[Notice, ...]  # due this run, in the order planned
    undelivered: tuple[Undelivered, ...]  # not recorded: retried next run


def notify(
    releases: Sequence[Release],
    query: Query,
    *,
    leads: Sequence[int],
    sending: Sequence[Destination],
    state_path: Path,
    today: date,
    dry_run: bool,
    lock_timeout: float,
) -> Notified:
    """Plan the notices due ``today`` for the releases ``query`` selects and send each to
    every destination. A notice every destination took is recorded at once (a run killed
    later keeps what it sent), under the state's lock held for the run, so overlapping runs
    never send twice. With ``dry_run`` the plan is returned, nothing sent or recorded."""
    from release_countdown.core.notices import plan_notices
    from release_countdown.core.query import select
    from release_countdown.core.rows import release_row
    from release_countdown.writing.state import read_state, state_lock, write_state

    rows = [release_row(s, today) for s in select(releases, query, today)]
    if dry_run:
        return Notified(tuple(plan_notices(rows, leads, read_state(state_path), today).notices), ())
    undelivered: list[Undelivered] = []
    with state_lock(state_path, lock_timeout):
        known = read_state(state_path)
        plan = plan_notices(rows, leads, known, today)
        for notice in plan.notices:
            problems = tuple(p for d in sending if (p := d.send(notice)) is not None)
            if problems:
                undelivered.append(Undelivered(notice, problems))
                continue
            known.record(notice, today)
            write_state(state_path, known)
        known.finish(plan, today)
        write_state(state_path, known)
    return Notified(tuple(plan.notices), tuple(undelivered))
