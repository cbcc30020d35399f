"""Writing files so that a crash leaves either the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from release_countdown.core.errors import CountdownError, ExitCode


class WriteError(CountdownError):
    exit_code = ExitCode.REGISTRY


def write_file_atomically(
    path: Path,
    data: bytes,
    *,
    mode: int | None = None,
    before_replace: Callable[[], None] | None = None,
    owner: os.stat_result | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    A symlink is written through (its target is replaced), and an existing file keeps its
    permission bits. ``before_replace`` runs right before the rename and may raise to stop it
    (the temporary file is removed). With ``owner`` (the file's stat), the new file keeps its
    owner and group where this process may set them (root writing a user's registry).
    """
    try:
        target = path.resolve() if path.is_symlink() else path
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise WriteError(f"cannot write {path}: {exc}") from None
    directory = target.parent if str(target.parent) else Path(".")
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if owner is not None and (owner.st_uid, owner.st_gid) != (os.getuid(), os.getgid()):
            # Not root: the file becomes ours, as any editor's save would make it.
            with contextlib.suppress(PermissionError, AttributeError):
                os.chown(temporary, owner.st_uid, owner.st_gid)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not every platform can open a directory; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
