"""workflows.digest lets the state's lock go while it sends a digest: it claims the held
notices first; another run meanwhile holds what it finds (and sends nothing), and a run
killed while sending has its digest taken over once its claim expired."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from release_countdown.core.digest import Digest, Held, Sending
from release_countdown.core.notices import Notice
from release_countdown.core.query import Query
from release_countdown.registry.load import check_text
from release_countdown.workflows.digest import Digested, notify_digest
from release_countdown.writing.lock import locked
from release_countdown.writing.state import CLAIM_LIFETIME, read_claimed, read_state, write_state
from tests.workflows.test_notify import REGISTRY, STARTED, WEEK_BEFORE

MONDAY = date(2024, 2, 2)  # a week after WEEK_BEFORE


class Digests:
    """A destination that keeps the digests it is sent, doing ``then`` during the first."""

    name = "digests"

    def __init__(self, then: object = None) -> None:
        self.then = then
        self.seen: list[object] = []
        self.sent: list[Digest] = []

    def send(self, notice: object) -> str | None:
        raise AssertionError("a digest run sends no notice alone")

    def send_digest(self, digest: Digest) -> str | None:
        if self.then is not None and not self.sent:
            self.seen.append(self.then())  # type: ignore[operator]
        self.sent.append(digest)
        return None


def run(state: Path, sending: Digests, today: date, started: datetime = STARTED) -> Digested:
    releases, problems = check_text(REGISTRY, "reg.toml")
    assert problems == []
    return notify_digest(
        releases, Query(), period="weekly", group_by="none", leads=(30, 7, 1, 0),
        sending=[sending], state_path=state, today=today, started=started, dry_run=False,
        lock_timeout=5.0,
    )  # fmt: skip


def ids(digest: Digest) -> list[str]:
    return [item.notice.id for group in digest.groups for item in group.held]


def test_the_lock_is_free_while_sending_and_a_run_meanwhile_holds(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"

    def meanwhile() -> object:
        with locked(state, 0):  # would time out at once if the sending run held it
            sending = read_state(state).digest
        other = Digests()
        done = run(state, other, WEEK_BEFORE, STARTED + timedelta(seconds=5))
        return sending, other.sent, done

    first = Digests(meanwhile)
    run(state, first, WEEK_BEFORE)
    ((book, sent_meanwhile, done),) = first.seen
    assert book is not None
    assert book.sending is not None  # type: ignore[attr-defined]
    assert sent_meanwhile == []  # the digest was the first run's to send
    assert done.sending_elsewhere == STARTED  # type: ignore[attr-defined]
    assert [ids(d) for d in first.sent] == [["argylle", "wicked"]]
    after = read_state(state).digest
    assert after is not None
    assert (after.last, after.held, after.sending) == (WEEK_BEFORE, [], None)
    assert read_claimed(state)[1] == {}


def test_a_digest_claimed_by_a_run_killed_while_sending_is_taken_over(tmp_path: Path) -> None:
    state = tmp_path / "notify.json"
    run(state, Digests(), WEEK_BEFORE)
    known, claims = read_claimed(state)
    assert known.digest is not None
    lost = Held(Notice("released", "lost", "Lost", "2024-01-26", 0, 0, "today"), WEEK_BEFORE)
    known.digest.sending = Sending("killed", STARTED, (lost,))
    write_state(state, known, claims)
    live = Digests()
    soon = STARTED + CLAIM_LIFETIME - timedelta(minutes=1)
    assert run(state, live, MONDAY, soon).sending_elsewhere == STARTED
    assert live.sent == []  # its claim still holds
    late = Digests()
    run(state, late, MONDAY, STARTED + CLAIM_LIFETIME)
    # Sent once, by the run that took over, first, with what that run found itself.
    assert [ids(d) for d in late.sent] == [["lost", "argylle", "wicked"]]
