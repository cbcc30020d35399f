"""Parsing a large registry's ``[[release]]`` blocks on two cores.

TOML parsing is most of the time a large registry takes to load (see docs/performance.md),
and one process parses one block after another. For a large file on a machine with a spare
core, a forked child parses the later blocks while this process parses and validates the
earlier ones; the child's tables come back through an unnamed in-memory file as ``marshal``
data (plain values only: dates travel as tagged ISO strings), and are validated here in file
order, so problems and their positions are exactly those of a one-process parse (a test
compares both). Any failure in the child (a syntax error, an unusual shape, a crash) makes the
caller parse the whole file the usual way, which also words the error.

Only on Linux (fork is the documented way there; elsewhere the usual path is taken), and
``COUNTDOWN_JOBS=1`` turns it off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from typing import Any, Final

# Files smaller than this parse in about the time a fork and the hand-over take.
PARALLEL_FROM: Final = 2 * 1024 * 1024
# The child's share of the text: this process also validates every title.
CHILD_SHARE: Final = 0.55
BATCH: Final = 256

Tables = Callable[[str, list[tuple[int, int]]], Iterator[Any]]


def available() -> bool:
    if os.environ.get("COUNTDOWN_JOBS", "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return False


def parallel_tables(
    text: str, chunks: list[tuple[int, int]], tables: Tables, failed: type[Exception]
) -> Iterator[Any] | None:
    """The release tables of ``chunks`` (after the preamble, ``chunks[0]``) in file order,
    the later ones parsed by a child process; None when not worth it here. ``tables`` parses
    chunks in one process; ``failed`` is raised when the child could not do its share."""
    if len(text) < PARALLEL_FROM or len(chunks) < 3 or not available():
        return None
    cut = int(len(text) * (1 - CHILD_SHARE))
    split = next((n for n, (start, _) in enumerate(chunks) if n > 1 and start >= cut), None)
    if split is None:
        return None
    handle = _scratch()
    try:
        sys.stdout.flush()  # nothing buffered may be written twice
        sys.stderr.flush()
        pid = os.fork()
    except (OSError, ValueError):
        handle.close()
        return None
    if pid == 0:  # the child: parse, write, and leave without running any of the parent's exits
        code = 1
        try:
            _write(handle, tables(text, [(0, 0), *chunks[split:]]))
            code = 0
        finally:
            os._exit(code)
    return _merge(text, chunks[:split], tables, failed, handle=handle, pid=pid)


def _scratch() -> Any:
    """An unnamed file for the child's tables: in memory where the system allows (no disk
    I/O; its pages are not counted in either process's resident size), else on disk. Closed by
    _merge."""
    if hasattr(os, "memfd_create"):
        try:
            return open(os.memfd_create("countdown-parse", os.MFD_CLOEXEC), "w+b")
        except OSError:
            pass
    import tempfile

    return tempfile.TemporaryFile()


def _merge(
    text: str,
    mine: list[tuple[int, int]],
    tables: Tables,
    failed: type[Exception],
    *,
    handle: Any,
    pid: int,
) -> Iterator[Any]:
    import marshal

    reaped = False
    try:
        yield from tables(text, mine)
        _, status = os.waitpid(pid, 0)
        reaped = True
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            raise failed
        handle.seek(0)
        # marshal.load reads a file object a few bytes at a time: read each batch whole.
        while size := int.from_bytes(handle.read(8), "little"):
            for table in marshal.loads(handle.read(size)):
                yield _restore(table)
    finally:
        if not reaped:
            import signal

            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except OSError:
                pass
        handle.close()


def _write(handle: Any, tables: Iterator[Any]) -> None:
    import marshal

    def dump(batch: list[Any]) -> None:
        data = marshal.dumps(batch)
        handle.write(len(data).to_bytes(8, "little"))
        handle.write(data)

    batch = []
    for table in tables:
        batch.append(_plain(table))
        if len(batch) == BATCH:
            dump(batch)
            batch = []
    if batch:
        dump(batch)
    handle.write(bytes(8))  # the end
    handle.flush()


# TOML's values are marshal's, but for its dates and times; a tuple (which TOML never makes)
# tags them.


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if kind is list:
        return [_plain(item) for item in value]
    if kind is date:
        return ("d", value.isoformat())
    if kind is datetime:
        return ("dt", value.isoformat())
    if kind is time:
        return ("t", value.isoformat())
    return value


_FROM: Final = {"d": date.fromisoformat, "dt": datetime.fromisoformat, "t": time.fromisoformat}


def _restore(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            kind = type(item)
            if kind is tuple:
                value[key] = _FROM[item[0]](item[1])
            elif kind is dict or kind is list:
                value[key] = _restore(item)
        return value
    if kind is list:
        if value and type(value[0]) is str and all(type(item) is str for item in value):
            return value  # names, aliases, sources: the common list
        return [_restore(item) for item in value]
    if kind is tuple:
        return _FROM[value[0]](value[1])
    return value
