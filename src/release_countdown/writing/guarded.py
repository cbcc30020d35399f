"""Files only this user's runs write: read without following a link or blocking, written as a
new file renamed over the name. The parse cache (``accel/private.py``) and the notify state
(``writing/private.py``) share these, so a link, FIFO, device or giant planted at their names
is refused or replaced, never read through, written through or waited on.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from contextlib import suppress
from pathlib import Path
from typing import Final

_NOFOLLOW, _CLOEXEC = getattr(os, "O_NOFOLLOW", 0), getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: opening a FIFO planted at a file's name returns at once (and is refused).
_READ_FLAGS: Final = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC
_CREATE_FLAGS: Final = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_KINDS: Final = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class Unfit(OSError):
    """What stands at a name is not a file to read: a link, not a regular file, someone
    else's, or too large. ``str()`` says which, without the name."""


def kind_of(mode: int) -> str:
    """``a FIFO``, ``a device`` …: what a file that is not a regular one is."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(name: str | Path, limit: int, *, folder: int | None = None) -> bytes:
    """The bytes of ``name`` (in the open ``folder``, if given): a regular file of the user's
    of at most ``limit`` bytes, reached without following a link at its last step.

    Unfit when it is a link, not a regular file, not the user's or larger than ``limit``;
    FileNotFoundError when missing; OSError when unreadable."""
    try:
        fd = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):  # EMLINK: FreeBSD's O_NOFOLLOW
            mode = 0
            with suppress(OSError):
                mode = os.lstat(name, dir_fd=folder).st_mode
            if stat.S_ISLNK(mode):
                raise Unfit("is a symbolic link, not a regular file") from None
        raise
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise Unfit(f"is {kind_of(found.st_mode)}, not a regular file")
        if hasattr(os, "geteuid") and found.st_uid != os.geteuid():
            raise Unfit(f"is owned by uid {found.st_uid}, not you (uid {os.geteuid()})")
        if found.st_size > limit:
            raise Unfit(f"is larger than {limit:,} bytes")
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(found.st_size + 1)  # one more: a file that grew is not taken
    finally:
        os.close(fd)
    if len(data) > found.st_size:
        raise Unfit("grew while being read")
    return data


def temporary_name(name: str) -> str:
    """``.NAME.<12 hex>.tmp``: the temporary file ``write_replacing`` makes for ``name``."""
    return f".{name}.{os.urandom(6).hex()}.tmp"


def write_replacing(
    name: str | Path,
    data: bytes,
    *,
    folder: int | None = None,
    durable: bool = False,
    sweep_after: float | None = None,
) -> None:
    """``data`` as ``name`` (in the open ``folder``, if given), mode 0600: a new file made with
    O_EXCL and renamed over the name, so that whatever was planted there (a link to
    ~/.bashrc, a FIFO) is replaced, never written through. ``durable``: fsync the file and
    its folder, so a crash leaves the old or the new content. ``sweep_after`` (seconds; not
    with ``folder``): then remove the temporary files of writers killed that long ago."""
    path = Path(name)
    temporary = str(path.with_name(temporary_name(path.name)))
    fd = os.open(temporary, _CREATE_FLAGS, 0o600, dir_fd=folder)
    try:
        with open(fd, "wb") as handle:
            os.fchmod(fd, 0o600)  # the umask may have taken the owner's bits
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(fd)
            written = os.fstat(fd).st_mtime  # now, by the clock that dates the files swept
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
    if durable:
        _fsync_folder(path.parent)
    if sweep_after is not None and folder is None:
        sweep_temporaries(path, sweep_after, now=written)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not every platform opens a folder; the rename is atomic all the same
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def sweep_temporaries(path: Path, older_than: float, *, now: float) -> int:
    """Remove the temporary files that writers of ``path`` killed meanwhile left beside it
    (``.NAME.<12 hex>.tmp``, or ``tempfile``'s ``.NAME.<8 chars>.tmp`` of older versions):
    regular files only, last written ``older_than`` seconds before ``now``. The number
    removed."""
    own = re.compile(rf"\.{re.escape(path.name)}\.(?:[0-9a-f]{{12}}|[a-z0-9_]{{8}})\.tmp")
    folder = path.parent
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if not own.fullmatch(name):
            continue
        with suppress(OSError):
            found = os.lstat(folder / name)
            if stat.S_ISREG(found.st_mode) and now - found.st_mtime > older_than:
                os.unlink(folder / name)
                removed += 1
    return removed
