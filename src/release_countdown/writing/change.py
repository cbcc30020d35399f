"""Changing a registry file safely: one writer at a time, validated before and after, written
atomically, and comments and formatting of everything untouched kept byte for byte."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from release_countdown.core.errors import CountdownError, ExitCode, RegistryError
from release_countdown.core.model import Release
from release_countdown.writing import journal
from release_countdown.writing.atomic import PutBack, WriteError, write_file_atomically
from release_countdown.writing.lock import DEFAULT_TIMEOUT, locked
from release_countdown.writing.tidy import common_ends, shifted, tidy_insertions

if TYPE_CHECKING:
    from tomlkit import TOMLDocument


def read_text(path: Path) -> str:
    from release_countdown.registry.read import read_registry_text

    return read_registry_text(path)


def validate(text: str, path: Path, *, after_change: bool = False) -> list[Release]:
    """The releases of ``text``, or RegistryError with every problem (nothing is written)."""
    from release_countdown.registry.load import check_text

    releases, problems = check_text(text, str(path))
    errors = [p for p in problems if not p.warning]
    if errors:
        if after_change:
            raise ChangeRefused(errors)
        raise InvalidRegistry(problems)
    return releases


class InvalidRegistry(RegistryError):
    def __str__(self) -> str:
        count = sum(not p.warning for p in self.problems)
        plural = "s" if count != 1 else ""
        return f"{count} error{plural} in the registry; fix them first (nothing was written)"


class ChangeRefused(RegistryError):
    """A change that would make the registry invalid: the user's input is at fault (exit 2)."""

    exit_code = ExitCode.USAGE

    def __str__(self) -> str:
        return "the change was refused: the registry would become invalid (nothing was written)"


@dataclass(frozen=True)
class Change:
    path: Path
    old: str
    new: str
    message: str
    warnings: tuple[str, ...] = ()
    result: object = None  # what the edit returned besides the text (NewText.result)

    def diff(self) -> str:
        """A unified diff of the change (only the changed middle is compared)."""
        import difflib

        name = str(self.path)
        old, new = self.old.splitlines(keepends=True), self.new.splitlines(keepends=True)
        start, end = common_ends(old, new)
        context = 3
        start = max(start - context, 0)
        end = max(end - context, 0)
        body = difflib.unified_diff(
            old[start : len(old) - end], new[start : len(new) - end], fromfile=name, tofile=name,
            n=context,
        )  # fmt: skip
        return "".join(shifted(line, start) for line in body)


@dataclass(frozen=True)
class NewText:
    """What an edit returns when it rewrote the text itself rather than the document."""

    message: str
    text: str
    result: object = None  # what the edit found out, handed back on the Change


@dataclass(frozen=True)
class Snapshot:
    """A registry file as read and validated before a change (a workflow reads it once to
    choose what to do, then hands it to ``change_registry``, which parses it only when the
    file changed in between)."""

    raw: bytes
    releases: list[Release]


def read_snapshot(path: Path) -> Snapshot:
    """The file's bytes and releases as read before a change (to choose what to change, or
    what to ask), or RegistryError with every problem (as a read says). The write's own
    rules for a file being saved apply: an empty one is refused as the write would refuse
    it (EmptyRegistry), never read as a registry without titles."""
    from release_countdown.registry.load import check_text
    from release_countdown.registry.read import decode_registry

    def parse(raw: bytes) -> list[Release]:
        releases, problems = check_text(decode_registry(raw, str(path)), str(path))
        if any(not p.warning for p in problems):
            raise RegistryError(problems)
        return releases

    _, raw, releases = _settled(path, path, parse)
    return Snapshot(raw, releases)


Edit = Callable[["TOMLDocument", list[Release]], "str | NewText"]
_Used = TypeVar("_Used")


def _target(path: Path) -> Path:
    """The file a write replaces: the registry, or what its symlink points at."""
    try:
        return path.resolve() if path.is_symlink() else path
    except (RuntimeError, OSError) as exc:  # a symlink loop
        raise WriteError(f"cannot write {path}: {exc}") from None


class _Changed(Exception):
    """The file changed between our read and our rename (an editor's save, another writer)."""


def change_registry(
    path: Path,
    edit: Edit,
    *,
    dry_run: bool = False,
    lock_timeout: float = DEFAULT_TIMEOUT,
    snapshot: Snapshot | None = None,
) -> Change:
    """Apply ``edit`` to the registry at ``path`` under its lock.

    ``edit`` changes the tomlkit document in place and returns a message saying what it did.
    The file is validated before and after; with ``dry_run`` nothing is written. Right
    before the rename, the file must still be what was read (and our lock still ours): if
    not, the edit is made again once on the new contents, then the change is refused.
    With ``snapshot`` (the file as the caller read it), a file still holding those bytes
    is not parsed again.
    """
    target = _target(path)
    for attempt in (1, 2):
        with locked(target, lock_timeout) as lock:
            _remove_leftovers(target)
            known = snapshot.releases if snapshot is not None else None
            raw_known = snapshot.raw if snapshot is not None else None
            before, raw, change = _read_and_change(path, target, edit, raw_known, known)
            if dry_run or change.new == change.old:
                return change
            if not stat.S_IMODE(before.st_mode) & 0o222:
                raise WriteError(
                    f"{path} is read-only (mode {stat.S_IMODE(before.st_mode):04o}); nothing "
                    f"written (chmod u+w {path} to allow changes)"
                )

            def unchanged(before: os.stat_result = before, raw: bytes = raw) -> None:
                if not lock.still_held() or not _same_file(target, before, raw):
                    raise _Changed

            def displaced(fd: int, before: os.stat_result = before, raw: bytes = raw) -> bool:
                return _holds(fd, before, raw)

            data = _encode(change.new, raw)
            try:
                kept = write_file_atomically(
                    target, data, before_replace=unchanged, owner=before, displaced=displaced
                )
            except (_Changed, PutBack):
                if attempt == 2:
                    raise WriteError(
                        f"{path} changed while writing; nothing written (try again)"
                    ) from None
                continue
            warnings = [w for w in [journal.keep(target, raw, data, change)] if w]
            if kept is not None:
                warnings.append(
                    f"another program saved {path} while countdown was writing it; this "
                    f"change is written and what the other program saved is kept in {kept} "
                    "(compare the two and merge by hand)"
                )
            if before.st_nlink > 1:
                warnings.append(
                    f"{path} had {before.st_nlink} hard links: this name now holds the "
                    "new contents, the other links keep the old ones"
                )
            if warnings:
                return dataclasses.replace(change, warnings=tuple(warnings))
            return change
    raise AssertionError("unreachable")  # pragma: no cover


_SETTLE: Final = 0.05  # seconds between looks at a file that may be mid-save
_SETTLE_LOOKS: Final = 6


def _read_and_change(
    path: Path,
    target: Path,
    edit: Edit,
    raw_known: bytes | None = None,
    known: list[Release] | None = None,
) -> tuple[os.stat_result, bytes, Change]:
    """The file's status and bytes, and the change ``edit`` makes to them."""

    def change(raw: bytes) -> Change:
        releases = known if raw_known == raw else None  # a snapshot of these very bytes
        return _changed(path, raw, edit, releases)

    return _settled(path, target, change)


def _refuse_empty(raw: bytes, path: Path) -> None:
    """EmptyRegistry for a registry file with no bytes (or only blanks) about to be changed."""
    if not raw.removeprefix(_BOM).strip():
        raise EmptyRegistry(
            f"{path} is empty — is it being saved? nothing written (a registry with "
            "no titles yet holds `schema = 1`)"
        )


def _settled(
    path: Path, target: Path, use: Callable[[bytes], _Used]
) -> tuple[os.stat_result, bytes, _Used]:
    """The file's status and bytes, and what ``use`` makes of them, for a change.

    An editor saving in place (truncate, then write) shows an empty or half-written file for
    a moment. An empty file is never written over; an empty, unreadable or invalid one (or
    one without the title named) is looked at again a moment later, and if it moved, the
    newer bytes are used: the refusal stands only for a file that stays as it is.
    """
    for look in range(1, _SETTLE_LOOKS + 1):
        before = _stat(target)
        raw = _read(target)
        try:
            _refuse_empty(raw, path)
            return before, raw, use(raw)
        except ChangeRefused:
            raise  # the change itself is at fault, not the file
        except CountdownError:
            if look == _SETTLE_LOOKS or not _moves(target, before, raw):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _moves(target: Path, before: os.stat_result, raw: bytes) -> bool:
    """Whether the file differs from what was read a moment later (a save in progress)."""
    import time

    time.sleep(_SETTLE)
    try:
        now = os.stat(target)
        if (now.st_ino, now.st_mtime_ns) != (before.st_ino, before.st_mtime_ns):
            return True
        return target.read_bytes() != raw
    except OSError:
        return False


def _changed(path: Path, raw: bytes, edit: Edit, known: list[Release] | None) -> Change:
    from release_countdown.registry.read import decode_registry
    from release_countdown.writing.splice import document_of

    old = decode_registry(raw, str(path))
    releases = validate(old, path) if known is None else list(known)
    document = document_of(old)
    outcome = edit(document, releases)
    result: object = None
    if isinstance(outcome, NewText):
        message, new, result = outcome.message, outcome.text, outcome.result
    else:
        from release_countdown.writing.keep_canonical import kept_canonical

        message = outcome
        canonical = kept_canonical(old, releases, document)
        if canonical is not None:
            new = canonical
        else:
            new = tidy_insertions(old, _ends_with_newline(document.as_string()))
    validate(new, path, after_change=True)
    return Change(path, old, new, message, result=result)


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        from release_countdown.registry.read import read_registry_bytes

        read_registry_bytes(path)  # says what is wrong, as a reader would
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


def _read(target: Path) -> bytes:
    from release_countdown.registry.read import read_registry_bytes

    return read_registry_bytes(target)


def _same_file(path: Path, before: os.stat_result, raw: bytes) -> bool:
    """Whether ``path`` still holds what was read: same inode, size and modification time,
    and, when those agree, the same bytes (a save within the clock's granularity)."""
    try:
        now = os.stat(path)
    except OSError:
        return False
    if (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) != (
        before.st_ino, before.st_dev, before.st_size, before.st_mtime_ns,
    ):  # fmt: skip
        return False
    try:
        return path.read_bytes() == raw
    except OSError:
        return False


def _holds(fd: int, before: os.stat_result, raw: bytes) -> bool:
    """Whether the open file ``fd`` is the file that was read, holding the bytes read."""
    try:
        now = os.fstat(fd)
        if (now.st_ino, now.st_dev, now.st_size) != (before.st_ino, before.st_dev, len(raw)):
            return False
        return os.pread(fd, len(raw) + 1, 0) == raw
    except OSError:
        return False


def _remove_leftovers(target: Path) -> None:
    """Temporary files of writers that were killed mid-write. Safe: we hold the lock, so no
    other writer is using one."""
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


def _ends_with_newline(text: str) -> str:
    return text if not text or text.endswith(("\n", "\r")) else text + "\n"


def _encode(text: str, raw: bytes) -> bytes:
    """The new text as the file's bytes: its line ends are already each line's own (see
    tidy_insertions), and a byte-order mark the file had is kept."""
    bom = _BOM if raw.startswith(_BOM) else b""
    return bom + text.encode("utf-8")


_BOM: Final = b"\xef\xbb\xbf"


class EmptyRegistry(WriteError):
    """A registry file with no bytes (or only blanks): most likely an editor saving it in place
    (truncate, then write) this very moment, so writing over it would lose that save."""


def create_registry(path: Path, data: bytes, *, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
    """Create a registry that must not exist yet (``init``), atomically and under the lock."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError(f"cannot write {path}: {path.parent} is not a folder") from None
    with locked(path, lock_timeout):
        if path.exists() or path.is_symlink():
            raise FileExistsError(path)
        write_file_atomically(path, data, exclusive=True)
