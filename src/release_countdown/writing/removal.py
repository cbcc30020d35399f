"""`remove`'s edit: a release taken out with the comments above its header, the file's
other bytes kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from release_countdown.core.model import Release

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

    from release_countdown.writing.change import NewText


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _block_start(lines: list[str], header: int) -> int:
    """The first line of a release: its header, or the comment lines right above it."""
    start = header
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start


def remove_release(
    document: TOMLDocument, releases: Sequence[Release], index: int, verb: str = "removed"
) -> str | NewText:
    """Remove a release with the comments above its header; the next release keeps its own
    (``verb``: "would remove" for a dry run)."""
    from release_countdown.registry.positions import Locator

    release = releases[index]
    message = f'{verb} "{release.title}" (id {release.id})'
    text = document.as_string()
    locator = Locator(text)
    header = locator.positions.get(("release", index))
    if header is None:  # not written as [[release]] tables: let tomlkit do it
        del document["release"][index]
        return message
    lines = text.splitlines(keepends=True)
    start = _block_start(lines, header[0] - 1)
    following = locator.positions.get(("release", index + 1))
    end = _block_start(lines, following[0] - 1) if following else len(lines)
    kept: list[str] = []
    if following is None:  # the last release: drop the blank lines that separated it...
        while start > 0 and not lines[start - 1].strip():
            start -= 1
        # ...and keep the comments that end the file, a blank line above them.
        while end > header[0] and (not lines[end - 1].strip() or _comment(lines[end - 1])):
            end -= 1
        while end < len(lines) and not _comment(lines[end]):
            end += 1
        if end < len(lines) and start > 0:
            kept = ["\r\n" if lines[start - 1].endswith("\r\n") else "\n"]
    from release_countdown.writing.change import NewText

    return NewText(message, "".join(lines[:start] + kept + lines[end:]))
