"""Writing files so that a crash leaves either the old or the new content, never a mix."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
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
    displaced: Callable[[int], bool] | None = None,
    exclusive: bool = False,
) -> Path | None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    A symlink is written through (its target is replaced), and an existing file keeps its
    permission bits. ``before_replace`` runs right before the rename and may raise to stop it
    (the temporary file is removed). With ``owner`` (the file's stat), the new file keeps its
    owner and group where this process may set them (root writing a user's registry).

    ``displaced`` is given a read-only descriptor of the file the rename replaced and says
    whether it is the one ``before_replace`` checked, bytes unchanged. If not (another program
    saved between the check and the rename), its file is put back and ``PutBack`` raised, so
    nothing it saved is lost; where it cannot be put back, its bytes are kept beside ``path``
    and the keeping file's path is returned. With ``exclusive``, ``path`` must not exist
    (FileExistsError), even if something creates it between a check and the rename.
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
        kept = _replace(Path(temporary), target, before_replace, displaced, exclusive)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, FileExistsError) and exclusive:
            raise
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)
    return kept


class PutBack(Exception):
    """Another program's save was displaced by our rename and has been put back: nothing of
    ours was written, and the caller may make its change again on what is there now."""


def _replace(
    temporary: Path,
    target: Path,
    before_replace: Callable[[], None] | None,
    displaced: Callable[[int], bool] | None,
    exclusive: bool,
) -> Path | None:
    """Rename ``temporary`` over ``target``; the kept file's path if another save was kept."""
    if exclusive:
        if before_replace is not None:
            before_replace()
        try:
            os.link(temporary, target)  # never replaces: a file made meanwhile is left alone
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if target.exists():
                raise FileExistsError(target) from None
            os.replace(temporary, target)
        else:
            temporary.unlink()
        return None
    if displaced is None:
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
        return None
    # Hold the file being checked: if the rename cannot swap atomically, what an in-place
    # save writes into it after the check is still readable through this descriptor.
    held = _open_read(target)
    try:
        if before_replace is not None:
            before_replace()
        if _exchange(temporary, target):
            # ``temporary`` now names exactly the file the swap displaced.
            replaced = _open_read(temporary)
            if replaced is not None:
                try:
                    if displaced(replaced):
                        temporary.unlink()
                        return None
                finally:
                    os.close(replaced)
            try:
                back = _exchange(temporary, target)
            except OSError:
                back = False
            if back:
                temporary.unlink()  # ours; theirs is back in place
                raise PutBack
            return _keep(temporary, target)
        os.replace(temporary, target)
        if held is None or displaced(held):
            return None  # a save by rename in between went unseen: no atomic swap here
        return _keep_bytes(held, target)
    finally:
        if held is not None:
            os.close(held)


_NOFOLLOW, _NONBLOCK = getattr(os, "O_NOFOLLOW", 0), getattr(os, "O_NONBLOCK", 0)


def _open_read(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two names atomically (Linux renameat2 RENAME_EXCHANGE); False where this system
    or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(other))


def kept_path(target: Path) -> Path:
    """A new name beside ``target`` for another program's save that had to be moved aside."""
    import time

    stamp = time.strftime("%Y%m%dT%H%M%S")
    candidate = target.with_name(f"{target.name}.countdown-kept-{stamp}")
    count = 1
    while candidate.exists() or candidate.is_symlink():
        count += 1
        candidate = target.with_name(f"{target.name}.countdown-kept-{stamp}-{count}")
    return candidate


def _keep(displaced: Path, target: Path) -> Path:
    kept = kept_path(target)
    try:
        os.rename(displaced, kept)
    except OSError:
        return displaced  # still kept, under its temporary name
    return kept


def _keep_bytes(held: int, target: Path) -> Path:
    """Copy what the descriptor ``held`` reads into a new file beside ``target``."""
    kept = kept_path(target)
    fd = os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        offset = 0
        while chunk := os.pread(held, 1 << 20, offset):
            out.write(chunk)
            offset += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return kept


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
