"""One writer at a time per registry: a ``filelock`` lock on ``.NAME.lock`` beside the file.

filelock handles what a hand-written ``flock`` loop missed (file systems without flock,
sticky directories, a lock file removed and made again while waiting). The kernel releases
the lock when its holder dies, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from release_countdown.core.errors import CountdownError, ExitCode

DEFAULT_TIMEOUT: Final = 30.0  # seconds; the `lock_timeout` setting changes it


class LockTimeout(CountdownError):
    exit_code = ExitCode.REGISTRY


def lock_path(path: Path) -> Path:
    target = path.resolve()
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(path: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Hold the lock of the registry at ``path``, waiting up to ``timeout`` seconds."""
    import filelock

    where = lock_path(path)
    lock = filelock.FileLock(where, timeout=timeout, mode=0o600)
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
        yield
    finally:
        lock.release()
