"""workflows.notify lets the state's lock go while it delivers: it claims the notices it sends
first, and another run skips a live claim, takes over an expired one (a run killed while
delivering) and never sends a notice twice."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from release_countdown.core.notices import Notice
from release_countdown.core.query import Query
from release_countdown.writing.lock import locked
from release_countdown.writing.state import (
    CLAIM_LIFETIME,
    Claim,
    read_claimed,
    read_state,
    write_state,
)
from tests.workflows.test_notify import STARTED, WEEK_BEFORE, Collect, run

ARGYLLE_7D = ("argylle", "reminder", "2024-02-02", 7)
WICKED_7D = ("wicked", "reminder", "2024-02-02", 7)


class Meanwhile(Collect):
    """Does ``then`` while delivering its first notice, before it takes it."""

    def __init__(self, then: object) -> None:
        super().__init__()
        self.then = then
        self.seen: list[object] = []

    def send(self, notice: Notice) -> str | None:
        if not self.sent:
            self.seen.append(self.then(notice))  # type: ignore[operator]
        return super().send(notice)


def test_the_lock_is_free_and_the_notices_claimed_while_delivering(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"

    def look(_: Notice) -> object:
        with locked(state, 0):  # would time out at once if the run held it
            return set(read_claimed(state)[1])

    first = Meanwhile(look)
    run(state, first, WEEK_BEFORE)
    assert first.seen == [{ARGYLLE_7D, WICKED_7D}]  # both claimed before the first was sent
    assert [n.id for n in first.sent] == ["argylle", "wicked"]
    assert read_claimed(state)[1] == {}  # a finished run leaves no claim
    assert set(read_state(state).records) == {ARGYLLE_7D, WICKED_7D}


def test_a_second_run_completes_meanwhile_and_skips_what_the_first_claimed(
    tmp_path: Path,
) -> None:
    state = tmp_path / "notify.json"
    second = Collect()

    def second_run(_: Notice) -> object:
        return run(state, second, WEEK_BEFORE, started=STARTED + timedelta(seconds=5))

    first = Meanwhile(second_run)
    run(state, first, WEEK_BEFORE)
    (meanwhile,) = first.seen
    assert second.sent == []  # both notices were the first run's to send
    assert [(c.notice.id, c.since) for c in meanwhile.claimed] == [  # type: ignore[attr-defined]
        ("argylle", STARTED), ("wicked", STARTED),
    ]  # fmt: skip
    assert [n.id for n in first.sent] == ["argylle", "wicked"]  # each sent once
    assert set(read_state(state).records) == {ARGYLLE_7D, WICKED_7D}
    assert read_claimed(state)[1] == {}


def test_a_second_run_meanwhile_sends_what_the_first_did_not_claim(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    second = Collect()

    def second_run(_: Notice) -> object:
        return run(state, second, WEEK_BEFORE, started=STARTED)

    first = Meanwhile(second_run)
    run(state, first, WEEK_BEFORE, query=Query(search=("argylle",)))
    assert [n.id for n in first.sent] == ["argylle"]
    assert [n.id for n in second.sent] == ["wicked"]  # sent while the first was delivering
    assert set(read_state(state).records) == {ARGYLLE_7D, WICKED_7D}  # neither record lost


@pytest.mark.parametrize(
    ("later", "sent"), [(CLAIM_LIFETIME - timedelta(seconds=1), []), (CLAIM_LIFETIME, ["argylle"])]
)
def test_a_killed_runs_claims_expire_after_the_lifetime(
    tmp_path: Path, later: timedelta, sent: list[str]
) -> None:
    """A run killed while delivering leaves its claims (no code of it runs any more)."""
    state = tmp_path / "notify.json"
    run(state, Collect(), WEEK_BEFORE, query=Query(search=("wicked",)))
    known, _ = read_claimed(state)
    write_state(state, known, {ARGYLLE_7D: Claim("killed", STARTED)})
    again = Collect()
    done = run(state, again, WEEK_BEFORE, started=STARTED + later)
    assert [n.id for n in again.sent] == sent
    assert [c.notice.id for c in done.claimed] == ([] if sent else ["argylle"])
    assert done.undelivered == ()
    assert (ARGYLLE_7D in read_state(state).records) == bool(sent)
    # A live claim stays for its run; an expired one is gone with the run that took it over.
    assert read_claimed(state)[1] == ({} if sent else {ARGYLLE_7D: Claim("killed", STARTED)})


def test_a_claim_from_a_run_started_later_holds(tmp_path: Path) -> None:
    """A run that started later but took the lock first: its claims are live."""
    state = tmp_path / "notify.json"
    write_state(state, read_state(state), {ARGYLLE_7D: Claim("later", STARTED + timedelta(1))})
    again = Collect()
    run(state, again, WEEK_BEFORE)
    assert [n.id for n in again.sent] == ["wicked"]


def test_an_interrupted_run_lets_its_claims_go(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"

    def interrupt(_: Notice) -> object:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(state, Meanwhile(interrupt), WEEK_BEFORE)
    assert read_claimed(state)[1] == {}
    again = Collect()
    run(state, again, WEEK_BEFORE)  # at once, not an hour later
    assert [n.id for n in again.sent] == ["argylle", "wicked"]


def test_a_run_that_outlived_its_claim_does_not_send_what_another_took_over(
    tmp_path: Path,
) -> None:
    state = tmp_path / "notify.json"

    def take_over(_: Notice) -> object:
        # What a run started an hour later does to the expired claim on the second notice.
        with locked(state, 5):
            known, claims = read_claimed(state)
            claims[WICKED_7D] = Claim("later", STARTED + CLAIM_LIFETIME)
            write_state(state, known, claims)
        return None

    first = Meanwhile(take_over)
    done = run(state, first, WEEK_BEFORE)
    assert [n.id for n in first.sent] == ["argylle"]
    assert [(u.notice.id, u.problems) for u in done.undelivered] == [
        ("wicked", ("not sent: this run took over 1 h, and its claim on it expired",))
    ]
    assert read_claimed(state)[1] == {WICKED_7D: Claim("later", STARTED + CLAIM_LIFETIME)}
    assert WICKED_7D not in read_state(state).failed  # the other run's to record


def test_a_first_run_killed_after_a_claim_leaves_a_state_the_next_run_reads(
    tmp_path: Path,
) -> None:
    """The claims are written before any run finished: no "created" day yet."""
    state = tmp_path / "notify.json"
    write_state(state, read_state(state), {ARGYLLE_7D: Claim("killed", STARTED)})
    assert json.loads(state.read_text(encoding="utf-8"))["created"] is None
    again = Collect()
    run(state, again, WEEK_BEFORE, started=STARTED + CLAIM_LIFETIME)
    assert [n.id for n in again.sent] == ["argylle", "wicked"]
