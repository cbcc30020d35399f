"""The notify state file: what was delivered, kept as JSON, read and written under a lock.

One run holds the lock from reading the state to writing it back, deliveries included, so
two overlapping runs (cron and a hand-started one) never send a notice twice and never lose
a record. Each delivered notice is written at once (atomically), so a run killed halfway
keeps what it sent. A file that is not JSON, or not a state file of this program, is an
error naming it (exit 3); it is never reset silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Final

from release_countdown.core.errors import StateError
from release_countdown.core.notices import EVENTS, Key, NoticeState, Seen

FORMAT: Final = "release-countdown notify state"
VERSION: Final = 1


def _day(value: object, where: str) -> date:
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where} {value!r} is not a date (YYYY-MM-DD)") from None


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where} is not a string")
    return value


def _record(item: object, index: int) -> tuple[Key, tuple[date, bool]]:
    where = f"sent[{index}]"
    if not isinstance(item, dict):
        raise ValueError(f"{where} is not an object")
    event = _text(item.get("event"), f"{where}.event")
    if event not in EVENTS:
        raise ValueError(f"{where}.event {event!r} is not one of {', '.join(EVENTS)}")
    lead = item.get("lead")
    if lead is not None and (isinstance(lead, bool) or not isinstance(lead, int) or lead < 0):
        raise ValueError(f"{where}.lead is not a number of days")
    skipped = item.get("skipped", False)
    if not isinstance(skipped, bool):
        raise ValueError(f"{where}.skipped is not true or false")
    key: Key = (
        _text(item.get("id"), f"{where}.id"),
        event,
        _text(item.get("date"), f"{where}.date"),
        lead,
    )
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
    if not isinstance(records, list) or not isinstance(seen, dict):
        raise ValueError('"sent" must be a list and "seen" an object')
    state = NoticeState(
        created=_day(document.get("created"), "created"),
        last_run=_day(document.get("last_run"), "last_run"),
        records=dict(_record(item, i) for i, item in enumerate(records)),
    )
    for release_id, item in seen.items():
        if not isinstance(item, dict):
            raise ValueError(f"seen.{release_id} is not an object")
        state.seen[release_id] = Seen(
            _text(item.get("date"), f"seen.{release_id}.date"),
            _text(item.get("title"), f"seen.{release_id}.title"),
            _day(item.get("on"), f"seen.{release_id}.on"),
        )
    return state


def encode_state(state: NoticeState) -> bytes:
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
            for release_id, s in sorted(state.seen.items())
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_state(path: Path) -> NoticeState:
    """The state at ``path``; a missing file is an empty state (a first run)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return NoticeState()
    except OSError as exc:
        raise StateError(f"{path}: cannot read the notify state: {exc.strerror or exc}") from None
    try:
        return decode_state(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = f"not JSON ({exc})"
    except ValueError as exc:
        message = str(exc)
    raise StateError(
        f"{path}: the notify state file is corrupt or foreign: {message}. It is left as it is: "
        "move it away to start afresh (notices due today are then sent again), or pass "
        "--state PATH"
    )


def write_state(path: Path, state: NoticeState) -> None:
    from release_countdown.writing.atomic import write_file_atomically

    write_file_atomically(path, encode_state(state), mode=0o600)


@contextmanager
def state_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the state's lock (``.notify.json.lock`` beside it), making its folder if needed."""
    from release_countdown.writing.lock import LockTimeout, locked

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the state folder: {exc.strerror}") from None
    try:
        with locked(path, timeout):
            yield
    except LockTimeout as exc:
        if "waited" not in str(exc):
            raise
        raise LockTimeout(
            f"{path}: another countdown notify is still delivering (waited {timeout:g} s for "
            "its lock; the lock_timeout setting changes the wait)"
        ) from None
