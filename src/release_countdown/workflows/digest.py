"""Notify by digest: the notices notify plans, held in the state file and sent as one message
on the first run of each period (core/digest.py says which).

Each run plans as notify does (``workflows/notify.Planning``: the same filters, alerts and
leads) and records what it planned as told: from then on it is the digest's to tell. Under the
lock, the notices are added to those held; on the first run of a period the held ones are
*claimed* for sending (``DigestState.sending``), the lock let go while they are delivered,
and taken again to mark the period sent. A digest not delivered is held again (retried by
the next run); the claim of a run killed while sending is taken over after
``CLAIM_LIFETIME``, as notify's claims are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.core.digest import Digest, DigestState, Held
    from release_countdown.core.model import Release
    from release_countdown.core.notices import Alerts
    from release_countdown.core.query import Query
    from release_countdown.delivery import Destination
    from release_countdown.workflows.notify import FirstRun


@dataclass(frozen=True)
class Digested:
    digest: Digest | None  # the digest sent (or, dry run, that would be); None: none due
    held: int  # notices held for a later digest after this run
    due: bool  # whether this run's period called for a digest
    problems: tuple[str, ...] = ()  # one per destination that refused the digest
    first_run: FirstRun | None = None
    next_period: date | None = None  # the first day a digest is due after this run
    sending_elsewhere: datetime | None = None  # another run, started then, is sending one


def notify_digest(
    releases: Sequence[Release],
    query: Query,
    *,
    period: str,
    group_by: str,
    leads: Sequence[int],
    sending: Sequence[Destination],
    state_path: Path,
    today: date,
    started: datetime,
    dry_run: bool,
    lock_timeout: float,
    inbox: Path | None = None,
    alerts: Alerts | None = None,
) -> Digested:
    """Plan the notices due ``today`` (as ``workflows/notify.notify`` does), hold them, and
    on the first run of ``period`` send everything held as one digest grouped by
    ``group_by``. With ``dry_run`` the digest of what is held and due is returned (whatever
    the period), nothing sent or recorded."""
    import secrets

    from release_countdown.core.digest import DigestState, Held, Sending
    from release_countdown.workflows.notify import Planning
    from release_countdown.writing.private import state_lock
    from release_countdown.writing.state import (
        CLAIM_LIFETIME,
        read_claimed,
        read_state,
        write_state,
    )

    planning = Planning.of(
        releases, query=query, leads=leads, today=today, inbox=inbox, alerts=alerts
    )
    by_id = {release.id: release for release in releases}
    if dry_run:
        known = read_state(state_path)
        book = known.digest or DigestState()
        found = [Held(n, today) for n in planning.plan(known).notices]
        waiting = [*(book.sending.held if book.sending else ()), *book.held, *found]
        shown = _digest(waiting, by_id, book, period=period, today=today, group_by=group_by)
        return Digested(shown, len(waiting), book.due(today, period))
    run = secrets.token_hex(8)
    with state_lock(state_path, lock_timeout):
        known, claims = read_claimed(state_path)
        plan = planning.plan(known)
        first = planning.first_run(known, claims, plan)
        live = {key for key, claim in claims.items() if claim.live(started)}
        mine = [n for n in plan.notices if n.key not in live]  # not another notify run's
        for notice in mine:
            known.record(notice, today)  # told, from now on, by the digest
        known.finish(plan._replace(notices=mine), today)
        book = known.digest = known.digest or DigestState()
        book.held += [Held(n, today) for n in mine]
        elsewhere = book.sending.since if book.sending else None
        if book.sending is not None and not started - book.sending.since < CLAIM_LIFETIME:
            book.held[:0] = book.sending.held  # a run killed while sending: taken over
            book.sending, elsewhere = None, None
        due = book.due(today, period)
        ours = None
        if due and book.sending is None:
            if book.held:
                ours = Sending(run, started, tuple(book.held))
                book.sending, book.held = ours, []
            else:
                book.last = today  # an empty period: nothing to say, and the period counts
        write_state(state_path, known, claims)
    # A digest sent today: the next is a period from today (_settle records the day).
    after = (book if ours is None else DigestState(last=today)).next_due(today, period)
    if ours is None:
        return Digested(None, len(book.held), due, (), first, after, elsewhere)
    digest = _digest(ours.held, by_id, book, period=period, today=today, group_by=group_by)
    assert digest is not None  # ours holds notices
    try:
        problems = tuple(p for d in sending if (p := d.send_digest(digest)) is not None)
    except BaseException:
        _settle(state_path, run, lock_timeout, today, delivered=False)
        raise
    left = _settle(state_path, run, lock_timeout, today, delivered=not problems)
    return Digested(digest, left, due, problems, first, after)


def _digest(
    held: Sequence[Held],
    by_id: Mapping[str, Release],
    book: DigestState,
    *,
    period: str,
    today: date,
    group_by: str,
) -> Digest | None:
    from release_countdown.core.digest import build_digest

    if not held:
        return None
    return build_digest(held, by_id, period=period, today=today, last=book.last, group_by=group_by)


def _settle(path: Path, run: str, lock_timeout: float, today: date, *, delivered: bool) -> int:
    """After sending: the period marked sent, or the digest's notices held again (first, in
    the order found) for the next run. Returns how many are held."""
    from release_countdown.writing.private import state_lock
    from release_countdown.writing.state import read_claimed, write_state

    with state_lock(path, lock_timeout):
        known, claims = read_claimed(path)
        book = known.digest
        if book is not None and book.sending is not None and book.sending.run == run:
            if delivered:
                book.last = today
            else:
                book.held[:0] = book.sending.held
            book.sending = None
            write_state(path, known, claims)
        return len(book.held) if book is not None else 0
