"""One writer at a time per registry: a ``filelock`` lock on ``.NAME.lock`` beside the file.

filelock handles what a hand-written ``flock`` loop missed (file systems without flock,
sticky directories, a lock file removed and made again while waiting). The kernel releases
the lock when its holder dies, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from release_countdown.core.errors import CountdownError, ExitCode

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
DEFAULT_TIMEOUT: Final = 30.0  # seconds; the `lock_timeout` setting changes it


class LockTimeout(CountdownError):
    exit_code = ExitCode.REGISTRY


def lock_path(path: Path) -> Path:
    target = path.resolve()
    return target.with_name(f".{target.name}.lock")


class Held:
    """A lock held: ``still_held`` says whether its file is still the one we locked (a
    tidy-up that deletes ``.NAME.lock`` lets another writer lock a new file of that name)."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self.identity = _identity(where)

    def still_held(self) -> bool:
        return self.identity is not None and _identity(self.where) == self.identity


def _identity(where: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(where)
    except OSError:
        return None
    return status.st_dev, status.st_ino


@contextmanager
def locked(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[Held]:
    """Hold the lock of the registry at ``path``, waiting up to ``timeout`` seconds.

    The lock file is kept after use (filelock would otherwise unlink it on release, and a
    writer waiting on the unlinked file would then hold a lock no one else sees)."""
    import filelock

    where = lock_path(path)
    _creatable(where, path)
    lock = filelock.FileLock(where, timeout=timeout, mode=0o600, preserve_lock_file=True)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise LockTimeout(
            f"another countdown is changing this registry (lock {where}); "
            f"waited {timeout:g} s. Try again when it has finished."
        ) from None
    except OSError as exc:
        raise LockTimeout(f"cannot create the lock {where}: {exc.strerror or exc}") from None
    try:
        yield Held(where)
    finally:
        lock.release()


def _creatable(where: Path, path: Path) -> None:
    """Fail at once, with the real reason, when the lock file cannot be made at all (a folder
    that is read-only, missing, not a folder, or a pseudo file system such as /proc):
    filelock would wait out the whole timeout and the message would blame another writer."""
    from release_countdown.writing.atomic import WriteError

    try:
        if _read_only(where.parent):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(where))
        fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        return  # made before (or right now by another writer): filelock takes it from here
    except OSError as exc:
        folder = where.parent
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError) and folder.is_dir():
            reason = f"the folder {folder} takes no new files"  # /proc says ENOENT
        raise WriteError(f"cannot write {path}: cannot create its lock {where}: {reason}") from None
    os.close(fd)


def _read_only(folder: Path) -> bool:
    """Whether ``folder`` is on a file system mounted read-only (its lock file may exist, and
    filelock would then wait for a lock it can never take)."""
    statvfs = getattr(os, "statvfs", None)
    return statvfs is not None and bool(statvfs(folder).f_flag & os.ST_RDONLY)
