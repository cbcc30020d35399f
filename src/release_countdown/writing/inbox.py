"""The follow inbox: titles follows proposed, kept as JSON in the state folder.

Read, locked and written like the notify state (``writing/private.py``'s lock and checks of
the names, ``writing/guarded.py``'s opener and atomic replacement): a link, FIFO or foreign
file at its name is refused (exit 3), a corrupt file is never reset silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from release_countdown.core.errors import StateError
from release_countdown.core.follow import InboxEntry

FORMAT: Final = "release-countdown follow inbox"
VERSION: Final = 1
LIMIT: Final = 16 << 20  # bytes: thousands of proposals are well under 1 MiB
WHAT: Final = "the follow inbox"
_FIELDS: Final = ("ref", "title", "kind", "date", "follow")
# Written only when set, so a follow's entries are as before and older files read as they were.
_OPTIONAL: Final = ("source", "reason")


def decode_inbox(document: object) -> list[InboxEntry]:
    """The entries of an inbox's JSON document; ValueError says what is wrong."""
    from release_countdown.writing.state_values import day_of as _day
    from release_countdown.writing.state_values import text_of as _text

    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a follow inbox file (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise ValueError(f"inbox version {document.get('version')!r} is not {VERSION}")
    items = document.get("entries", [])
    if not isinstance(items, list):
        raise ValueError('"entries" must be a list')
    entries: list[InboxEntry] = []
    for index, item in enumerate(items):
        where = f"entries[{index}]"
        if not isinstance(item, dict):
            raise ValueError(f"{where} is not an object")
        texts = {name: _text(item.get(name), f"{where}.{name}") for name in _FIELDS}
        extra = {n: _text(item[n], f"{where}.{n}") for n in _OPTIONAL if item.get(n) is not None}
        entries.append(InboxEntry(**texts, **extra, seen=_day(item.get("seen"), f"{where}.seen")))
    return entries


def encode_inbox(entries: Sequence[InboxEntry]) -> bytes:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "entries": [entry_object(e) for e in entries],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def entry_object(entry: InboxEntry) -> dict[str, str]:
    """An entry as JSON (the file's and `inbox --json`'s)."""
    found = {name: getattr(entry, name) for name in _FIELDS} | {"seen": entry.seen.isoformat()}
    return found | {n: v for n in _OPTIONAL if (v := getattr(entry, n)) is not None}


def read_inbox(path: Path) -> list[InboxEntry]:
    """The entries at ``path``; a missing file is an empty inbox."""
    from release_countdown.writing.private import read_private

    return read_private(
        path,
        LIMIT,
        decode_inbox,
        [],
        what=WHAT,
        named=WHAT,
        one="an inbox",
        afresh="(the next `countdown follow check` proposes its titles again)",
    )


def write_inbox(path: Path, entries: Sequence[InboxEntry]) -> None:
    """``entries`` as the file at ``path``, replacing (never writing through) what is there."""
    from release_countdown.writing.private import write_private

    write_private(path, encode_inbox(entries), WHAT)


@contextmanager
def inbox_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the inbox's lock (``.inbox.json.lock`` beside it): the notify state's rules."""
    from release_countdown.writing.private import state_lock

    hint = "The inbox is only read from, and written to, a regular file of yours: move this away"
    with state_lock(path, timeout, what=WHAT, user="follow check or inbox", hint=hint):
        yield


def added(entries: Sequence[InboxEntry], new: Sequence[InboxEntry]) -> list[InboxEntry]:
    """``entries``, then each of ``new`` whose ref is not there yet (the first seen day kept)."""
    found = {e.ref: e for e in entries}
    for entry in new:
        found.setdefault(entry.ref, entry)
    return list(found.values())


def without(entries: Sequence[InboxEntry], refs: Sequence[str]) -> list[InboxEntry]:
    """``entries`` but those of ``refs``."""
    gone = set(refs)
    return [e for e in entries if e.ref not in gone]


def inbox_reader(path: Path | None = None) -> Callable[[], list[InboxEntry]]:
    """What `serve` reads the inbox with on each request (the default inbox for None): a
    missing, unreadable or corrupt inbox is an empty one there, never a failed page."""
    from release_countdown.registry.locations import inbox_file

    where = path or inbox_file()

    def read() -> list[InboxEntry]:
        try:
            return read_inbox(where)
        except StateError:
            return []

    return read
