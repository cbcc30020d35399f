"""The unexpected error: one line on stderr, the details in a file to attach to a report
(pre-commit's ``error_handler.py``), exit 70. ``COUNTDOWN_DEBUG=1`` prints them instead.

Imported only when something went wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

from release_countdown.cli.output import say
from release_countdown.core.errors import ExitCode

# Options whose value is a secret: replaced by *** in the argv a report shows.
SECRET_OPTIONS = ("--token",)


def unexpected(exc: BaseException, argv: list[str] | None = None) -> ExitCode:
    """Report an exception the project did not expect, and the exit code for it."""
    from release_countdown.settings import debug_requested

    name = type(exc).__name__
    details = report_text(exc, sys.argv if argv is None else argv)
    if debug_requested():
        _show(details)
        say(f"countdown: unexpected error ({name})")
        return ExitCode.SOFTWARE
    from release_countdown.registry.locations import user_state_dir

    folder = user_state_dir()
    try:
        path = write_report(folder, details)
    except OSError as error:
        reason = error.strerror or str(error)
        say(
            f"countdown: unexpected error ({name}); its details cannot be written to {folder} "
            f"({reason}), so here they are: please report it with them"
        )
        _show(details)
        return ExitCode.SOFTWARE
    say(f"countdown: unexpected error ({name}): please report it with the details in {path}")
    return ExitCode.SOFTWARE


def report_text(exc: BaseException, argv: list[str]) -> str:
    """What a bug report needs: the version, Python, the platform, the command and where it
    failed."""
    import platform
    import traceback

    from release_countdown import __version__

    lines = [
        f"release-countdown {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"argv: {' '.join(_redacted(argv))}",
        "",
        *traceback.format_exception(exc),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_report(folder: Path, details: str) -> Path:
    """A new file in ``folder`` (the user's alone) holding ``details``."""
    import os
    import tempfile
    import time

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    handle, name = tempfile.mkstemp(prefix=f"error-{stamp}-", suffix=".txt", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(details)
    return Path(name)


def _redacted(argv: list[str]) -> list[str]:
    shown: list[str] = []
    hide = False
    for arg in argv:
        if hide:
            shown.append("***")
            hide = False
        elif arg in SECRET_OPTIONS:
            shown.append(arg)
            hide = True
        elif arg.startswith(tuple(f"{option}=" for option in SECRET_OPTIONS)):
            shown.append(arg.split("=", 1)[0] + "=***")
        else:
            shown.append(arg)
    return shown


def _show(details: str) -> None:
    for line in details.rstrip("\n").split("\n"):
        say(line)
