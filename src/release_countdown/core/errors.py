"""Exit codes and the project's exceptions. The CLI's one error boundary turns these into
a message on stderr and an exit code."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    OK = 0
    NOT_FOUND = 1  # a named title or person is not in the registry; nothing upcoming for `next`
    USAGE = 2  # a malformed option value or command line
    REGISTRY = 3  # a registry could not be read or is invalid; a corrupt or foreign state file
    DELIVERY = 4  # `notify`: a notice could not be delivered (it is retried next run)
    SOURCE = 4  # an online source failed: unreachable, timed out, refused, or answered nonsense
    SOFTWARE = 70  # EX_SOFTWARE: an unexpected error, a bug (the details go to a file)
    INTERRUPTED = 130  # Ctrl-C


class Problem(NamedTuple):
    """One finding about a registry file, located as precisely as the file allows."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"


class CountdownError(Exception):
    exit_code: ExitCode = ExitCode.USAGE


class RegistryError(CountdownError):
    """A registry that cannot be read or is invalid: every problem found, not just the first."""

    exit_code = ExitCode.REGISTRY

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = sum(not p.warning for p in problems)
        super().__init__(f"{errors} error{'s' if errors != 1 else ''} in the registry")


class UsageError(CountdownError):
    exit_code = ExitCode.USAGE


class NotFoundError(CountdownError):
    """A named title or person is not in the registry (or nothing is next)."""

    exit_code = ExitCode.NOT_FOUND


class StateError(CountdownError):
    """The notify state file cannot be read, is corrupt or is not ours: named, never reset."""

    exit_code = ExitCode.REGISTRY


class DeliveryError(CountdownError):
    """Some notices could not be delivered; the rest were, and the failed ones are retried."""

    exit_code = ExitCode.DELIVERY


class SourceError(CountdownError):
    """An online source failed (unreachable, timeout, 5xx after retries, 401/403, an answer
    that is not what was expected). The message names the source, the ref and the reason."""

    exit_code = ExitCode.SOURCE


class SourceNotFound(NotFoundError):
    """The source has no such title (404)."""
