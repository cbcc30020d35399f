"""The private state files of ours (the notify state, the follow inbox, the marks, the
schedule, tokens): read, written and locked by one set of rules.

A link, FIFO, device or giant at a file's name, someone else's file, nesting too deep for the
parser or text that is no Unicode (a lone surrogate) is refused with exit 3, never followed,
waited on or read whole (``writing/guarded.py``'s opener). A file is written as a new file
renamed over the name, and the temporary files of runs killed while writing it are then swept.
A corrupt file is an error naming it; it is never reset silently.

Apart from writing/state.py (the notify state's records, which need core/notices), so that
reading the marks (every `list`) imports neither.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, TypeVar

from release_countdown.core.errors import StateError

T = TypeVar("T")
STALE: Final = 600.0  # seconds: a temporary file this old was left by a killed run
NOTIFY_HINT: Final = (
    "The state is only read from, and written to, a regular file of yours: move this away, "
    "or pass --state PATH"
)


def read_private(
    path: Path,
    limit: int,
    decode: Callable[[Any], T],
    missing: T,
    *,
    what: str,
    named: str,
    one: str,
    afresh: str,
    hint: str | None = None,
) -> T:
    """A private state file of ours (the notify state, the inbox, the marks): its JSON at
    ``path`` (at most ``limit`` bytes) through ``decode``, or ``missing`` when there is none.
    Anything else is a StateError that names the file, leaves it as it is and says what
    moving it away does (``afresh``)."""
    from release_countdown.writing.guarded import Unfit, read_regular

    try:
        raw = read_regular(path, limit)
    except (FileNotFoundError, NotADirectoryError):  # nothing was ever written there
        return missing
    except Unfit as exc:
        hinted = f". {hint}" if hint else ""
        raise StateError(f"{path}: not using {what}: it {exc}{hinted}") from None
    except OSError as exc:
        raise StateError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    import json  # here: a file that is not there (most users' marks) needs no parser

    try:
        return decode(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = f"not JSON ({exc})"
    except RecursionError:
        message = f"nested too deeply to be {one}"
    except ValueError as exc:
        message = str(exc)
    raise StateError(
        f"{path}: {named} is corrupt or foreign: {message}. It is left as it is: move it away "
        f"to start afresh {afresh}"
    )


def write_private(path: Path, data: bytes, what: str) -> None:
    """``data`` as the state file ``what`` at ``path`` (the notify state, the inbox, the
    marks), replacing (never writing through) what is there; StateError when it cannot."""
    from release_countdown.writing.guarded import write_replacing

    try:
        write_replacing(path, data, durable=True, sweep_after=STALE)
    except OSError as exc:
        raise StateError(f"{path}: cannot write {what}: {exc.strerror or exc}") from None


def _check_names(path: Path, what: str = "the notify state", hint: str = NOTIFY_HINT) -> None:
    """Refuse a link at the state's name (the lock would be taken beside its target) and
    anything but a regular file at the lock's name (opened and truncated by filelock)."""
    from release_countdown.writing.guarded import kind_of

    lock = path.with_name(f".{path.name}.lock")
    for name, which in ((path, what), (lock, f"{what}'s lock")):
        try:
            mode = os.lstat(name).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StateError(f"{name}: cannot use {which}: {exc.strerror or exc}") from None
        if not stat.S_ISREG(mode):
            raise StateError(
                f"{name}: not using {which}: it is {kind_of(mode)}, not a regular file. {hint}"
            )


@contextmanager
def state_lock(
    path: Path,
    timeout: float,
    *,
    what: str = "the notify state",
    user: str = "notify",
    hint: str = NOTIFY_HINT,
) -> Iterator[None]:
    """Hold the state's lock (``.notify.json.lock`` beside it), making its folder if needed.
    ``what`` names the file, ``user`` the command that holds it and ``hint`` the way out in
    messages (the follow inbox shares this lock's rules)."""
    from release_countdown.writing.lock import LockTimeout, locked

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the state folder: {exc.strerror}") from None
    _check_names(path, what, hint)
    try:
        with locked(path, timeout):
            yield
    except LockTimeout as exc:
        if "waited" not in str(exc):
            raise
        raise LockTimeout(
            f"{path}: another countdown {user} is still using it (waited {timeout:g} s for "
            "its lock; the lock_timeout setting changes the wait)"
        ) from None
