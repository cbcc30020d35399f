"""The notify state file: what was delivered, kept as JSON, read and written under a lock.

The lock is held only to read the state and write it back, never while delivering: a run
writes a *claim* for each notice it will send (the notice's key, a token of the run and the
instant it started) before it lets the lock go, and another run skips the notices claimed
by a live run, so two overlapping runs (cron and a hand-started one) never send a notice
twice and never lose a record. A claim lasts ``CLAIM_LIFETIME`` from its run's start: the
claims of a run killed while delivering are then taken over by the next run. Each delivered
notice is written at once (atomically), so a run killed halfway keeps what it sent. A file
that is not JSON, or not a state file of this program, is an error naming it (exit 3); it is
never reset silently.

The file is read, written and locked by the rules of every private state file of ours
(``writing/private.py``: ``read_private``, ``write_private``, ``state_lock``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from release_countdown.core.notices import EVENTS, Key, NoticeState, Seen
from release_countdown.writing.private import NOTIFY_HINT, read_private, write_private
from release_countdown.writing.state_values import day_of as _day
from release_countdown.writing.state_values import instant_of as _instant
from release_countdown.writing.state_values import text_of as _text

FORMAT: Final = "release-countdown notify state"
VERSION: Final = 1
LIMIT: Final = 16 << 20  # bytes: a state of thousands of titles is well under 1 MiB
# A run's claims count this long after it started: far beyond a run's worst case (an --exec
# may take 60 s for one notice, and none more once it hung; a push is bounded by its own
# timeouts), short enough that a run killed while delivering delays its notices an hour at
# most (a daily cron run sends them the next day anyway).
CLAIM_LIFETIME: Final = timedelta(hours=1)


@dataclass(frozen=True)
class Claim:
    """A notice a run is delivering: it writes this before it lets the lock go."""

    run: str  # a token of the run, unique to it
    since: datetime  # when the run started (aware)

    def live(self, at: datetime) -> bool:
        """Whether the claim still holds for a run started ``at``. A claim from later than
        ``at`` (a run started after this one took the lock first) holds too."""
        return at - self.since < CLAIM_LIFETIME


Claims = dict[Key, Claim]


def _key(item: object, where: str) -> Key:
    if not isinstance(item, dict):
        raise ValueError(f"{where} is not an object")
    event = _text(item.get("event"), f"{where}.event")
    if event not in EVENTS:
        raise ValueError(f"{where}.event {event!r} is not one of {', '.join(EVENTS)}")
    lead = item.get("lead")
    if lead is not None and (isinstance(lead, bool) or not isinstance(lead, int) or lead < 0):
        raise ValueError(f"{where}.lead is not a number of days")
    return (
        _text(item.get("id"), f"{where}.id"),
        event,
        _text(item.get("date"), f"{where}.date"),
        lead,
    )


def _record(item: object, index: int, field: str = "sent") -> tuple[Key, tuple[date, bool]]:
    where = f"{field}[{index}]"
    key = _key(item, where)
    assert isinstance(item, dict)
    skipped = item.get("skipped", False)
    if not isinstance(skipped, bool):
        raise ValueError(f"{where}.skipped is not true or false")
    return key, (_day(item.get("on"), f"{where}.on"), skipped)


def decode_state(document: object) -> NoticeState:
    """A state from its JSON document; ValueError says what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a notify state file (no "format": "{FORMAT}")')
    version = document.get("version")
    if version != VERSION:
        raise ValueError(
            f"state version {version!r} is not {VERSION}; written by another "
            "release-countdown version?"
        )
    records, seen = document.get("sent", []), document.get("seen", {})
    failed = document.get("failed", [])  # absent in the files of earlier versions
    if not isinstance(records, list) or not isinstance(failed, list) or not isinstance(seen, dict):
        raise ValueError('"sent" and "failed" must be lists and "seen" an object')
    created, last_run = document.get("created"), document.get("last_run")
    state = NoticeState(
        # null: no run finished yet (a first run killed after it delivered or claimed)
        created=None if created is None else _day(created, "created"),
        last_run=None if last_run is None else _day(last_run, "last_run"),
        records=dict(_record(item, i) for i, item in enumerate(records)),
        failed={
            key: on for key, (on, _) in (_record(x, i, "failed") for i, x in enumerate(failed))
        },
    )
    if "digest" in document:  # written by `notify --digest` runs only
        from release_countdown.writing.digest_state import decode_digest

        state.digest = decode_digest(document["digest"])
    for release_id, item in seen.items():
        _text(release_id, f"a key of seen ({release_id!r})")
        if not isinstance(item, dict):
            raise ValueError(f"seen.{release_id} is not an object")
        state.seen[release_id] = Seen(
            _text(item.get("date"), f"seen.{release_id}.date"),
            _text(item.get("title"), f"seen.{release_id}.title"),
            _day(item.get("on"), f"seen.{release_id}.on"),
            _basis(item.get("basis"), f"seen.{release_id}.basis"),
        )
    return state


def _basis(value: object, where: str) -> str | None:
    """``seen.ID.basis``: REGION:TYPE (core/model.headline_of), or absent."""
    from release_countdown.core.model import headline_of

    if value is None:
        return None
    if not isinstance(value, str) or headline_of(value) != value:
        raise ValueError(f"{where} is not REGION:TYPE")
    return value


def decode_claims(document: object) -> Claims:
    """The claims of a state's JSON document (decoded by ``decode_state`` first)."""
    # absent when no run is delivering
    items = document.get("claims", []) if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise ValueError('"claims" must be a list')
    claims: Claims = {}
    for index, item in enumerate(items):
        where = f"claims[{index}]"
        key = _key(item, where)
        assert isinstance(item, dict)  # _key said so
        claims[key] = Claim(
            _text(item.get("run"), f"{where}.run"), _instant(item.get("since"), f"{where}.since")
        )
    return claims


def encode_state(state: NoticeState, claims: Claims | None = None) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created": state.created.isoformat() if state.created else None,
        "last_run": state.last_run.isoformat() if state.last_run else None,
        "sent": [
            {
                "id": key[0],
                "event": key[1],
                "date": key[2],
                "lead": key[3],
                "on": on.isoformat(),
                **({"skipped": True} if skipped else {}),
            }
            for key, (on, skipped) in sorted(
                state.records.items(), key=lambda item: (item[1][0], item[0][0], item[0][1])
            )
        ],
        "seen": {
            release_id: {"date": s.date, "title": s.title, "on": s.day.isoformat()}
            | ({"basis": s.basis} if s.basis else {})  # read as absent by earlier versions
            for release_id, s in sorted(state.seen.items())
        },
    }
    if state.failed:  # reminders to retry; read as none by earlier versions
        document["failed"] = [
            {"id": key[0], "event": key[1], "date": key[2], "lead": key[3], "on": on.isoformat()}
            for key, on in sorted(state.failed.items(), key=lambda item: (item[1], item[0][0]))
        ]
    if state.digest is not None:  # `notify --digest`; ignored by earlier versions
        from release_countdown.writing.digest_state import encode_digest

        document["digest"] = encode_digest(state.digest)
    if claims:  # notices a run is delivering; ignored by earlier versions
        document["claims"] = [
            {"id": key[0], "event": key[1], "date": key[2], "lead": key[3]}
            | {"run": claim.run, "since": claim.since.isoformat()}
            for key, claim in sorted(claims.items(), key=lambda item: (item[1].since, item[0][0]))
        ]
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_state(path: Path) -> NoticeState:
    """The state at ``path``; a missing file is an empty state (a first run)."""
    return read_claimed(path)[0]


def read_claimed(path: Path) -> tuple[NoticeState, Claims]:
    """The state at ``path`` and the notices runs have claimed in it (live or not)."""

    def decode(document: Any) -> tuple[NoticeState, Claims]:
        return decode_state(document), decode_claims(document)

    none: tuple[NoticeState, Claims] = (NoticeState(), {})
    return read_private(
        path, LIMIT, decode, none, what="the notify state", hint=NOTIFY_HINT,
        named="the notify state file", one="a notify state",
        afresh="(notices due today are then sent again), or pass --state PATH",
    )  # fmt: skip


def write_state(path: Path, state: NoticeState, claims: Claims) -> None:
    """``state`` and ``claims`` as the file at ``path``, replacing (never writing through) what
    is there. The claims are always given: a write that dropped another run's would let a
    third run send what that one is sending."""
    write_private(path, encode_state(state, claims), "the notify state")
