"""The notify state's ``digest`` object (core/digest.DigestState) as JSON, and back.

``{"last": "2026-12-07", "held": [NOTICE…], "sending": {"run", "since", "held": [NOTICE…]}}``,
each NOTICE a notice's fields with the day it was found (``"found"``). Read by
``writing/state.decode_state``; anything else than this form is a ValueError saying what,
so the file is refused as corrupt (exit 3), as the rest of the state is."""

from __future__ import annotations

from typing import Any, Final

from release_countdown.core.digest import DigestState, Held, Sending
from release_countdown.core.notices import EVENTS, Notice
from release_countdown.writing.state_values import day_of, instant_of, text_of

# The notice's fields kept (``covers`` and ``basis`` serve the record, made when held).
_TEXTS: Final = ("event", "id", "title", "date", "countdown")
_OPTIONAL_TEXTS: Final = ("old_date", "new_date", "change", "old_title", "kind", "follow")
_NUMBERS: Final = ("days_remaining", "lead")


def _held_object(item: Held) -> dict[str, Any]:
    notice = item.notice
    found: dict[str, Any] = {name: getattr(notice, name) for name in _TEXTS + _NUMBERS}
    found |= {n: getattr(notice, n) for n in _OPTIONAL_TEXTS if getattr(notice, n) is not None}
    return found | {"found": item.found.isoformat()}


def encode_digest(digest: DigestState) -> dict[str, Any]:
    document: dict[str, Any] = {
        "last": digest.last.isoformat() if digest.last else None,
        "held": [_held_object(item) for item in digest.held],
    }
    if digest.sending is not None:
        document["sending"] = {
            "run": digest.sending.run,
            "since": digest.sending.since.isoformat(),
            "held": [_held_object(item) for item in digest.sending.held],
        }
    return document


def _held(item: object, where: str) -> Held:
    if not isinstance(item, dict):
        raise ValueError(f"{where} is not an object")
    values: dict[str, Any] = {}
    for name in _TEXTS + _OPTIONAL_TEXTS:
        value = item.get(name)
        if value is not None or name in _TEXTS:
            values[name] = text_of(value, f"{where}.{name}")
    for name in _NUMBERS:
        value = item.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{where}.{name} is not a number of days")
        values[name] = value
    if values["event"] not in EVENTS:
        raise ValueError(f"{where}.event {values['event']!r} is not one of {', '.join(EVENTS)}")
    return Held(Notice(**values), day_of(item.get("found"), f"{where}.found"))


def _list(value: object, where: str) -> list[Held]:
    if not isinstance(value, list):
        raise ValueError(f"{where} is not a list")
    return [_held(item, f"{where}[{i}]") for i, item in enumerate(value)]


def decode_digest(value: object) -> DigestState:
    """The digest part of a state document (absent: a state no digest run has touched)."""
    if not isinstance(value, dict):
        raise ValueError('"digest" is not an object')
    last = value.get("last")
    digest = DigestState(
        None if last is None else day_of(last, "digest.last"),
        _list(value.get("held", []), "digest.held"),
    )
    sending = value.get("sending")
    if sending is not None:
        if not isinstance(sending, dict) or not isinstance(sending.get("run"), str):
            raise ValueError("digest.sending is not an object with a run")
        since = instant_of(sending.get("since"), "digest.sending.since")
        held = _list(sending.get("held"), "digest.sending.held")
        digest.sending = Sending(sending["run"], since, tuple(held))
    return digest
