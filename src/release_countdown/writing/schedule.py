"""The schedule's two records in the state folder: what `schedule install` set up
(``schedule.json``) and how the last `schedule run` went (``schedule-run.json``).

Read and written as the other private state files are (``writing/private.py``'s read_private and
write_private: no link or FIFO followed, a new file renamed over the name, so a reader sees the
old record or the new one, never half of one; a corrupt file is named, never reset). Two files,
one writer each: a run never rewrites what install wrote.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

INSTALLED_FORMAT: Final = "release-countdown schedule"
RUN_FORMAT: Final = "release-countdown schedule run"
VERSION: Final = 1
LIMIT: Final = 1 << 20  # bytes: a record is a few hundred


@dataclass(frozen=True)
class Installed:
    """A schedule as `schedule install` set it up."""

    how: str  # "systemd" or "cron"
    every: str  # core/schedule.Every.text
    command: tuple[str, ...]  # what the timer or cron runs
    environment: dict[str, str] = field(default_factory=dict)  # given to it
    where: str = ""  # the units' folder, or "crontab"
    line: str = ""  # the crontab line (cron)
    installed: str = ""  # when, ISO 8601 local time


@dataclass(frozen=True)
class LastRun:
    """How the last `schedule run` went: one line a person reads, and each step's exit."""

    started: str  # ISO 8601 local time
    ended: str
    exit: int  # the worst of the steps'
    summary: str
    steps: tuple[tuple[str, int], ...] = ()  # (the step's words, its exit code)


def _document(fmt: str, record: Any) -> bytes:
    body = {"format": fmt, "version": VERSION, **asdict(record)}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _checked(document: object, fmt: str) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != fmt:
        raise ValueError(f'not a schedule record (no "format": "{fmt}")')
    if document.get("version") != VERSION:
        raise ValueError(f"version {document.get('version')!r} is not {VERSION}")
    return document


def _texts(document: dict[str, Any], *names: str) -> list[str]:
    from release_countdown.writing.state_values import text_of

    return [text_of(document.get(name, ""), f'"{name}"') for name in names]


def decode_installed(document: object) -> Installed:
    found = _checked(document, INSTALLED_FORMAT)
    how, every, where, line, installed = _texts(found, "how", "every", "where", "line", "installed")
    command, environment = found.get("command"), found.get("environment", {})
    if not isinstance(command, list) or not all(isinstance(w, str) for w in command):
        raise ValueError('"command" is not a list of words')
    if not isinstance(environment, dict) or not all(
        isinstance(v, str) for v in environment.values()
    ):
        raise ValueError('"environment" is not an object of texts')
    return Installed(how, every, tuple(command), dict(environment), where, line, installed)


def decode_run(document: object) -> LastRun:
    found = _checked(document, RUN_FORMAT)
    started, ended, summary = _texts(found, "started", "ended", "summary")
    code, steps = found.get("exit"), found.get("steps", [])
    if not isinstance(code, int) or isinstance(code, bool):
        raise ValueError('"exit" is not a number')
    if not isinstance(steps, list) or not all(
        isinstance(s, list) and len(s) == 2 and isinstance(s[0], str) and isinstance(s[1], int)
        for s in steps
    ):
        raise ValueError('"steps" is not a list of [words, exit code]')
    return LastRun(started, ended, code, summary, tuple((s[0], s[1]) for s in steps))


def _read(path: Path, decode: Any, what: str) -> Any:
    from release_countdown.writing.private import read_private

    return read_private(
        path, LIMIT, decode, None, what=what, named=what, one="a schedule record",
        afresh="(the schedule itself is not changed)",
    )  # fmt: skip


def read_installed(path: Path) -> Installed | None:
    """What install set up, or None when nothing was (or it was removed)."""
    found: Installed | None = _read(path, decode_installed, "the schedule record")
    return found


def read_last_run(path: Path) -> LastRun | None:
    """The last run's record, or None before the first run."""
    found: LastRun | None = _read(path, decode_run, "the schedule's last run")
    return found


def write_installed(path: Path, installed: Installed) -> None:
    _write(path, _document(INSTALLED_FORMAT, installed), "the schedule record")


def write_last_run(path: Path, run: LastRun) -> None:
    _write(path, _document(RUN_FORMAT, run), "the schedule's last run")


def _write(path: Path, data: bytes, what: str) -> None:
    from release_countdown.core.errors import StateError
    from release_countdown.writing.private import write_private

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the state folder: {exc.strerror}") from None
    write_private(path, data, what)
