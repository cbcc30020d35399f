"""Changing a registry file safely: one writer at a time, validated before and after, written
atomically, and comments and formatting of everything untouched kept byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from release_countdown.core.errors import ExitCode, RegistryError
from release_countdown.core.model import Release
from release_countdown.writing.atomic import write_file_atomically
from release_countdown.writing.lock import DEFAULT_TIMEOUT, locked

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


def tidy_insertions(old: str, new: str) -> str:
    """Blank lines around blocks that a change inserted, and nowhere else.

    tomlkit places a new table right after the previous one; this adds a blank line where a
    new block would touch a table header, so appended releases and history entries read like
    the rest of the file. Lines the change did not insert are never touched.
    """
    import difflib

    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        block = new_lines[j1:j2]
        if tag in ("insert", "replace") and block:
            if block[0].lstrip().startswith("[") and out and out[-1].strip():
                block = ["\n", *block]
            if out and not out[-1].strip() and not block[0].strip():
                block = block[1:]
            following = new_lines[j2] if j2 < len(new_lines) else ""
            if following.lstrip().startswith("[") and block and block[-1].strip():
                block = [*block, "\n"]
        out.extend(block)
    return "".join(out)


@dataclass(frozen=True)
class Change:
    path: Path
    old: str
    new: str
    message: str

    def diff(self) -> str:
        import difflib

        name = str(self.path)
        return "".join(
            difflib.unified_diff(
                self.old.splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=name,
                tofile=name,
            )
        )


@dataclass(frozen=True)
class NewText:
    """What an edit returns when it rewrote the text itself rather than the document."""

    message: str
    text: str


Edit = Callable[["TOMLDocument", list[Release]], "str | NewText"]


def change_registry(
    path: Path, edit: Edit, *, dry_run: bool = False, lock_timeout: float = DEFAULT_TIMEOUT
) -> Change:
    """Apply ``edit`` to the registry at ``path`` under its lock.

    ``edit`` changes the tomlkit document in place and returns a message saying what it did.
    The file is validated before and after; with ``dry_run`` nothing is written.
    """
    import tomlkit

    with locked(path, lock_timeout):
        _remove_leftovers(path)
        old = read_text(path)
        releases = validate(old, path)
        document = tomlkit.parse(old)
        outcome = edit(document, releases)
        if isinstance(outcome, NewText):
            message, new = outcome.message, outcome.text
        else:
            message = outcome
            new = tidy_insertions(old, _ends_with_newline(document.as_string()))
        validate(new, path, after_change=True)
        change = Change(path, old, new, message)
        if not dry_run and new != old:
            write_file_atomically(path, _encode(new, path))
    return change


def _remove_leftovers(path: Path) -> None:
    """Temporary files of writers that were killed mid-write. Safe: we hold the lock, so no
    other writer is using one."""
    target = path.resolve()
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        leftover.unlink(missing_ok=True)


def _ends_with_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _encode(text: str, path: Path) -> bytes:
    """Keep the file's line ends (CRLF files stay CRLF) and its byte-order mark, if any."""
    try:
        head = path.read_bytes()[:4096]
    except OSError:
        head = b""
    data = text.replace("\r\n", "\n")
    if b"\r\n" in head:
        data = data.replace("\n", "\r\n")
    bom = b"\xef\xbb\xbf" if head.startswith(b"\xef\xbb\xbf") else b""
    return bom + data.encode("utf-8")


def create_registry(path: Path, data: bytes, *, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
    """Create a registry that must not exist yet (``init``), atomically and under the lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path, lock_timeout):
        if path.exists():
            raise FileExistsError(path)
        write_file_atomically(path, data)
