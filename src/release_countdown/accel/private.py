"""Files only the user can have put there: the cache's folder and the files in it.

As ssh and pip do, a folder is used only when it is the user's and private (0700): one that
someone else owns, or that others can reach, is refused with ``Untrusted``, whose message
says which folder, what is wrong and the fix. The levels made here are 0700 whatever the
umask. A file is opened without following a link or blocking (a link or FIFO planted at its
name is refused), must be a regular file of the user's, and is read up to a bound; it is
written as a new file (O_EXCL) renamed over the name, so whatever was planted there is
replaced, never written through (``writing/guarded.py``, shared with the notify state).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

from release_countdown.writing.guarded import Unfit, read_regular, write_replacing

# Where links, descriptor-relative calls or owners are missing (Windows), nothing can be
# checked, so nothing is cached.
CHECKABLE: Final = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "geteuid")
    and {os.open, os.rename, os.unlink, os.stat} <= os.supports_dir_fd
    and os.listdir in os.supports_fd
)
_FOLDER_FLAGS: Final = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


class Untrusted(Exception):
    """A folder someone else could read or change; the message says which and the fix."""


def make_levels(folder: Path) -> None:
    """Create the missing levels of ``folder``, each 0700 whatever the umask; levels that
    exist (``~/.cache``, say) are left as they are."""
    missing = []
    level = folder
    while not os.path.lexists(level) and level.parent != level:
        missing.append(level)
        level = level.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, 0o700)
        except FileExistsError:
            continue  # made meanwhile by another run: checked like any other
        os.chmod(level, 0o700)


def _check(folder: Path, fd: int) -> None:
    """Raise Untrusted unless the open folder ``fd`` is the user's alone."""
    found, me = os.fstat(fd), os.geteuid()
    if found.st_uid == me and not found.st_mode & 0o077:
        return
    from shlex import quote

    quoted = quote(str(folder))
    if found.st_uid != me:
        raise Untrusted(
            f"not using the cache in {folder}: the folder is owned by uid {found.st_uid}, not "
            f"you (uid {me}), so its entries cannot be trusted; move it aside "
            f"(mv {quoted} {quoted}.old) and a private one is made on the next run"
        )
    mode = stat.S_IMODE(found.st_mode)
    reach = "change" if mode & 0o022 else "read"
    raise Untrusted(
        f"not using the cache in {folder}: the folder's mode is {mode:04o}, so other users "
        f"can {reach} its entries; make it private with `chmod 700 {quoted}`"
    )


def open_folder(folder: Path, *, create: bool) -> int:
    """A descriptor of ``folder``, once it and its parent are found to be the user's alone
    (Untrusted if not). OSError when it is missing (and not ``create``) or unusable."""
    if not CHECKABLE:
        raise OSError("this platform cannot check who owns a folder")
    if not folder.is_absolute():  # even $HOME is relative: no place to trust
        raise OSError(f"{folder} is not an absolute path")
    if create:
        make_levels(folder)
    parent = os.open(folder.parent, _FOLDER_FLAGS)
    try:
        _check(folder.parent, parent)
        fd = os.open(folder.name, _FOLDER_FLAGS, dir_fd=parent)
    finally:
        os.close(parent)
    try:
        _check(folder, fd)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(folder: int, name: str, limit: int) -> bytes | None:
    """The bytes of ``name`` in the open ``folder``: a regular file of the user's, of at most
    ``limit`` bytes, reached without following a link; None for anything else. OSError when
    it cannot be opened (missing, or unreadable)."""
    try:
        return read_regular(name, limit, folder=folder)
    except Unfit:
        return None


def write_file(folder: int, name: str, data: bytes) -> None:
    """``data`` as ``name`` in the open ``folder`` (mode 0600): a new file made with O_EXCL and
    renamed over the name, so that whatever was planted there (a link to ~/.bashrc, a FIFO)
    is replaced, never written through. The temporary file's name starts with ``.name.``."""
    write_replacing(name, data, folder=folder)
