"""Notify: deliver each notice that is due, once, and record it in the state file.

The state's lock is held to read and write the state, never while a notice is delivered (a
slow ``--exec`` or push service would hold every other run up): a run claims the notices it
will send before it lets the lock go, takes it again to record each one delivered, and
skips the notices another live run claimed (``writing/state.py`` says how long a claim
lasts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.notices import Alerts, Arrival, Key, Notice, NoticeState, Plan
    from release_countdown.core.query import Query
    from release_countdown.core.rows import Row
    from release_countdown.delivery import Destination
    from release_countdown.writing.state import Claim


class RunArgs(TypedDict):
    """The arguments a notify run and a digest run (workflows/digest.py) share."""

    leads: Sequence[int]
    sending: Sequence[Destination]
    state_path: Path
    today: date
    started: datetime
    dry_run: bool
    lock_timeout: float
    alerts: Alerts | None


@dataclass(frozen=True)
class Undelivered:
    notice: Notice
    problems: tuple[str, ...]  # one per destination that refused it


@dataclass(frozen=True)
class Claimed:
    """A notice due that another run, started at ``since``, is delivering: left to it."""

    notice: Notice
    since: datetime


@dataclass(frozen=True)
class FirstRun:
    """A run that began the state: what it skipped, and when the next notice is due."""

    skipped: int  # reminders crossed before today and yesterday: recorded, never sent
    next_day: date | None  # None: no exact-dated title in view has a lead still ahead


@dataclass(frozen=True)
class Notified:
    notices: tuple[Notice, ...]  # due this run, in the order planned
    undelivered: tuple[Undelivered, ...]  # not recorded: retried next run
    claimed: tuple[Claimed, ...] = ()  # due, but being delivered by another run
    first_run: FirstRun | None = None  # None: the state existed before this run


def notify(
    releases: Sequence[Release],
    query: Query,
    *,
    leads: Sequence[int],
    sending: Sequence[Destination],
    state_path: Path,
    today: date,
    started: datetime,
    dry_run: bool,
    lock_timeout: float,
    inbox: Path | None = None,
    alerts: Alerts | None = None,
) -> Notified:
    """Plan the notices due ``today`` for the releases ``query`` selects and send each to
    every destination. A notice every destination took is recorded at once (a run killed
    later keeps what it sent). ``started`` (aware) is when the run began: its claims on the
    notices it sends date from then, and it takes over the claims of runs started
    ``CLAIM_LIFETIME`` before it. With ``dry_run`` the plan is returned, nothing sent or
    recorded. Titles follows brought (``inbox``, the default inbox for None, and releases
    with a follow's origin) are told once, as "new". A release's own ``lead`` stands for
    ``leads``; only the notices ``alerts`` wants (None: all) are planned."""
    import secrets

    from release_countdown.core.notices import Plan
    from release_countdown.writing.private import state_lock
    from release_countdown.writing.state import (
        CLAIM_LIFETIME,
        Claim,
        read_claimed,
        read_state,
        write_state,
    )

    planning = Planning.of(
        releases, query=query, leads=leads, today=today, inbox=inbox, alerts=alerts
    )
    if dry_run:
        return Notified(tuple(planning.plan(read_state(state_path)).notices), ())
    ours = Claim(secrets.token_hex(8), started)
    with state_lock(state_path, lock_timeout):
        known, claims = read_claimed(state_path)
        plan = planning.plan(known)
        first = planning.first_run(known, claims, plan)
        claims = {key: claim for key, claim in claims.items() if claim.live(started)}
        claimed = tuple(Claimed(n, claims[n.key].since) for n in plan.notices if n.key in claims)
        mine = [n for n in plan.notices if n.key not in claims]
        if not mine:  # nothing to deliver: the run ends here, as it began, under the lock
            known.finish(plan._replace(notices=[]), today)
            write_state(state_path, known, claims)
            return Notified(tuple(plan.notices), (), claimed, first)
        claims.update((n.key, ours) for n in mine)
        write_state(state_path, known, claims)
    undelivered: list[Undelivered] = []
    attempted: list[Notice] = []
    held = {n.key for n in mine}  # claims still ours when the state was last read
    try:
        for notice in mine:
            if notice.key not in held:  # a run that outlived its claims: never send twice
                lifetime = f"{CLAIM_LIFETIME.total_seconds() / 3600:g} h"
                why = f"not sent: this run took over {lifetime}, and its claim on it expired"
                undelivered.append(Undelivered(notice, (why,)))
                continue
            problems = tuple(p for d in sending if (p := d.send(notice)) is not None)
            attempted.append(notice)
            with state_lock(state_path, lock_timeout):
                known, claims = read_claimed(state_path)
                if problems:
                    undelivered.append(Undelivered(notice, problems))
                else:
                    known.record(notice, today)
                _drop(claims, ours, [notice.key])
                held = {key for key, claim in claims.items() if claim == ours}
                write_state(state_path, known, claims)
        with state_lock(state_path, lock_timeout):
            known, claims = read_claimed(state_path)
            # Reminders this run tried and could not deliver are recorded as failed; those
            # left to other runs are theirs to record.
            known.finish(Plan(attempted, plan.skipped, plan.seen), today)
            _drop(claims, ours, [n.key for n in mine])
            write_state(state_path, known, claims)
    except BaseException:
        _release(state_path, ours, [n.key for n in mine], lock_timeout)
        raise
    return Notified(tuple(plan.notices), tuple(undelivered), claimed, first)


@dataclass(frozen=True)
class Planning:
    """What notify plans from, the same for one notice at a time and for digests: the rows
    in view (a title marked skip has no notices), follows' arrivals, each title's own
    leads and the alerts wanted."""

    rows: Sequence[Row]
    leads: Sequence[int]
    day: date
    news: Sequence[Arrival]
    own: dict[str, tuple[int, ...]]
    alerts: Alerts

    @classmethod
    def of(
        cls,
        releases: Sequence[Release],
        *,
        query: Query,
        leads: Sequence[int],
        today: date,
        inbox: Path | None,
        alerts: Alerts | None,
    ) -> Planning:
        from release_countdown.core.notices import EVERY_ALERT, arrivals
        from release_countdown.core.replay import notice_rows, own_leads
        from release_countdown.registry.locations import inbox_file
        from release_countdown.writing.inbox import read_inbox

        return cls(
            notice_rows(releases, query, today), leads, today,
            arrivals(releases, read_inbox(inbox or inbox_file())),
            own_leads(releases), alerts or EVERY_ALERT,
        )  # fmt: skip

    def plan(self, state: NoticeState) -> Plan:
        from release_countdown.core.notices import plan_notices

        return plan_notices(
            self.rows, self.leads, state, self.day, self.news,
            own_leads=self.own, alerts=self.alerts,
        )  # fmt: skip

    def first_run(
        self, state: NoticeState, claims: dict[Key, Claim], plan: Plan
    ) -> FirstRun | None:
        """What a first run says; said once, not by a run that overlaps the first (it holds
        claims)."""
        from release_countdown.core.notices import next_notice_day

        if state.created is not None or claims:
            return None
        reminders = [key for key in plan.skipped if key[1] != "new"]  # not arrivals
        day = next_notice_day(self.rows, self.leads, self.day, self.own, self.alerts)
        return FirstRun(len(reminders), day)


def _drop(claims: dict[Key, Claim], ours: Claim, keys: Sequence[Key]) -> None:
    """Remove our claims on ``keys`` (another run's claim on one of them stays)."""
    for key in keys:
        if claims.get(key) == ours:
            del claims[key]


def _release(state_path: Path, ours: Claim, keys: Sequence[Key], lock_timeout: float) -> None:
    """A run stopped by an error or Ctrl-C: let its claims go at once, so the next run sends
    what it did not, rather than an hour later. Best effort: they expire anyway."""
    import contextlib

    from release_countdown.core.errors import CountdownError
    from release_countdown.writing.private import state_lock
    from release_countdown.writing.state import read_claimed, write_state

    with contextlib.suppress(CountdownError, OSError), state_lock(state_path, lock_timeout):
        known, claims = read_claimed(state_path)
        _drop(claims, ours, keys)
        write_state(state_path, known, claims)
