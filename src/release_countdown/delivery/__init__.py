"""Where notices go: a command (--exec), push services through Apprise (--to URL), the
desktop (--to desktop, notify-send) and stdout. Only ``cli/`` and ``workflows/`` import
this package.

Each destination is made once per run (``destinations``), which checks what it can before
anything is sent: a missing Apprise, an unknown URL or a command that is not found is a
usage error (exit 2). ``send`` returns None when the notice arrived, else why not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from release_countdown.core.digest import Digest
    from release_countdown.core.notices import Notice


class Destination(Protocol):
    name: str

    def send(self, notice: Notice) -> str | None:
        """None when delivered, else what went wrong (the notice is retried next run)."""

    def send_digest(self, digest: Digest) -> str | None:
        """The same for a digest (`notify --digest`): one message for all its notices."""


def destinations(
    to: Sequence[str], commands: Sequence[str], *, json_lines: bool
) -> list[Destination]:
    """The destinations asked for (``stdout`` when none)."""
    from release_countdown.delivery.channels import Command, Desktop, Push, Stdout

    found: list[Destination] = [Command(command) for command in commands]
    urls = [url for url in to if url not in ("desktop", "stdout", "-")]
    if urls:
        found.append(Push(urls))
    if "desktop" in to:
        found.append(Desktop())
    if not found or "stdout" in to or "-" in to:
        found.insert(0, Stdout(json_lines=json_lines))
    return found
