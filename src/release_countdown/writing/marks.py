"""The user's marks (seen, owned, skip, wanted), kept as JSON in the state folder, keyed by
release id: never in the registry, so a shared registry carries no one's marks.

Read, locked and written like the follow inbox and the notify state (``writing/private.py``'s
lock and checks of the names, ``writing/guarded.py``'s opener and atomic replacement): a
link, FIFO or foreign file at its name is refused (exit 3), a corrupt file is never reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from release_countdown.core.errors import StateError
from release_countdown.core.marks import MARKS, NO_MARKS, Marks

FORMAT: Final = "release-countdown marks"
VERSION: Final = 1
LIMIT: Final = 16 << 20  # bytes: marks of thousands of titles are well under 1 MiB
WHAT: Final = "the marks file"


def decode_marks(document: object) -> dict[str, str]:
    """Release id -> mark from a marks file's JSON document; ValueError says what is wrong."""
    from release_countdown.writing.state_values import text_of as _text

    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a marks file (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise ValueError(f"marks version {document.get('version')!r} is not {VERSION}")
    items = document.get("marks", {})
    if not isinstance(items, dict):
        raise ValueError('"marks" must be an object')
    found: dict[str, str] = {}
    for key, value in items.items():
        mark = _text(value, f"marks[{key!r}]")
        if mark not in MARKS:
            raise ValueError(f"marks[{key!r}] {mark!r} is not one of {', '.join(MARKS)}")
        found[_text(key, "a key of marks")] = mark
    return found


def encode_marks(marks: dict[str, str]) -> bytes:
    import json

    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "marks": dict(sorted(marks.items())),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_marks(path: Path) -> dict[str, str]:
    """The marks at ``path``; a missing file is no marks."""
    from release_countdown.writing.private import read_private

    return read_private(
        path,
        LIMIT,
        decode_marks,
        {},
        what=WHAT,
        named=WHAT,
        one="a marks file",
        afresh="(your marks are then forgotten)",
    )


def write_marks(path: Path, marks: dict[str, str]) -> None:
    """``marks`` as the file at ``path``, replacing (never writing through) what is there."""
    from release_countdown.writing.private import write_private

    write_private(path, encode_marks(marks), WHAT)


@contextmanager
def marks_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold the marks' lock (``.marks.json.lock`` beside it): the notify state's rules."""
    from release_countdown.writing.private import state_lock

    hint = "Marks are only read from, and written to, a regular file of yours: move this away"
    with state_lock(path, timeout, what=WHAT, user="mark or unmark", hint=hint):
        yield


def set_mark(path: Path, release_id: str, mark: str | None, timeout: float) -> str | None:
    """Mark ``release_id`` (None: unmark it) under the lock; the mark it had before."""
    with marks_lock(path, timeout):
        marks = read_marks(path)
        before = marks.get(release_id)
        if mark is None:
            marks.pop(release_id, None)
        else:
            marks[release_id] = mark
        if marks.get(release_id) != before:
            write_marks(path, marks)
    return before


def marks_reader(path: Path | None = None) -> Callable[[], Marks]:
    """What `serve` reads the marks with on each request (the default file for None): a
    missing, unreadable or corrupt file is no marks there, never a failed page."""
    from release_countdown.registry.locations import marks_file

    where = path or marks_file()

    def read() -> Marks:
        try:
            return Marks.of(read_marks(where))
        except StateError:
            return NO_MARKS

    return read
