"""The destinations: stdout, a command without a shell, Apprise, notify-send."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from release_countdown.core.errors import UsageError
from release_countdown.core.notices import Notice
from release_countdown.core.redact import redact_text, redact_url
from release_countdown.formats.notices import (
    notice_environment,
    notice_json,
    notice_line,
    notice_message,
)

if TYPE_CHECKING:
    from release_countdown.core.digest import Digest

COMMAND_TIMEOUT: Final = 60.0  # seconds a command may take for one notice


class Stdout:
    """One line per notice (``--json``: one JSON object a line)."""

    name = "stdout"

    def __init__(self, *, json_lines: bool) -> None:
        self.json_lines = json_lines

    def send(self, notice: Notice) -> str | None:
        if self.json_lines:
            return _write([notice_json(notice)])
        return _write([notice_line(notice)], safe=True)

    def send_digest(self, digest: Digest) -> str | None:
        from release_countdown.formats.digest import digest_json, digest_lines

        if self.json_lines:
            return _write([digest_json(digest)])
        return _write(digest_lines(digest), safe=True)


def _write(lines: Sequence[str], *, safe: bool = False) -> str | None:
    """``lines`` on stdout (``safe``: control and bidi characters made visible)."""
    if safe:
        from release_countdown.views.safe import terminal_safe

        lines = [terminal_safe(line) for line in lines]
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()
    return None  # delivered


class Command:
    """``--exec CMD``: split with shlex, run without a shell, once per notice, with the
    notice in COUNTDOWN_* variables and as one JSON object on stdin."""

    def __init__(self, command: str) -> None:
        # A command may carry a secret too (curl https://hooks.example/T/B/SECRET).
        self.name = f"--exec {redact_text(repr(command))}"
        try:
            self.argv = shlex.split(command)
        except ValueError as exc:
            raise UsageError(f"{self.name}: {exc}") from None
        if not self.argv:
            raise UsageError("--exec: the command is empty")
        self.hung = False  # set by a timeout: the command is not run again this run
        if shutil.which(self.argv[0]) is None:
            program = redact_text(repr(self.argv[0]))
            raise UsageError(f"{self.name}: {program} is not a command found")

    def send(self, notice: Notice) -> str | None:
        return self._run(notice_environment(notice), notice_json(notice))

    def send_digest(self, digest: Digest) -> str | None:
        """Once per digest: COUNTDOWN_EVENT=digest, the digest as one JSON object on stdin."""
        from release_countdown.formats.digest import digest_environment, digest_json

        return self._run(digest_environment(digest), digest_json(digest))

    def _run(self, environment: dict[str, str], stdin: str) -> str | None:
        if self.hung:
            return f"{self.name} not run: it took longer than {COMMAND_TIMEOUT:g} s this run"
        sys.stdout.flush()
        try:
            # Its own session and process group: on a timeout the whole group is killed,
            # so what the command started (a pipeline, a daemonised helper) dies with it.
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                env={**os.environ, **environment},
                start_new_session=True,
            )
        except OSError as exc:
            return f"{self.name} could not run: {exc.strerror or exc}"
        try:
            process.communicate((stdin + "\n").encode("utf-8"), COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            # One hang is enough: the next notices would each wait as long, holding the lock.
            self.hung = True
            return f"{self.name} took longer than {COMMAND_TIMEOUT:g} s: stopped, with its children"
        except BaseException:  # Ctrl-C no longer reaches a command in its own session
            _kill_group(process)
            raise
        if process.returncode != 0:
            return f"{self.name} exited {process.returncode}"
        return None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and every process in its group, and reap it."""
    if hasattr(os, "killpg"):  # POSIX; elsewhere only the command itself can be killed
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.wait()


class Push:
    """``--to URL``: push services through Apprise (ntfy://, mailto://, json://host/path …)."""

    def __init__(self, urls: Sequence[str]) -> None:
        try:
            import apprise
        except ImportError:
            from release_countdown.core.install import add_command

            raise UsageError(
                f"--to URL needs Apprise, which is not installed: {add_command('notify')}; "
                "--exec CMD and --to desktop work without it"
            ) from None
        self.name = "--to " + " ".join(redact_url(url) for url in urls)
        self.apprise: Any = apprise
        self.services: list[tuple[str, Any]] = []
        for url in urls:
            service = apprise.Apprise()
            # Captured: Apprise's own warnings about a URL quote it whole, secret included.
            with self.apprise.LogCapture(level=apprise.logging.WARNING):
                added = service.add(url)
            if not added:
                raise UsageError(
                    f"--to {redact_url(url)!r} is not a notification URL Apprise knows "
                    "(e.g. ntfy://topic, mailto://user:pass@host, json://host/path; see "
                    "https://github.com/caronc/apprise/wiki)"
                )
            self.services.append((url, service))

    def send(self, notice: Notice) -> str | None:
        return self._push(*notice_message(notice))

    def send_digest(self, digest: Digest) -> str | None:
        from release_countdown.formats.digest import digest_message

        return self._push(*digest_message(digest))

    def _push(self, title: str, body: str) -> str | None:
        failed = []
        for url, service in self.services:
            with self.apprise.LogCapture(level=self.apprise.logging.WARNING) as log:
                sent = service.notify(body=body, title=title, body_format="text")
            if not sent:
                said = log.getvalue().strip().splitlines()
                reason = said[-1].split(" - ", 2)[-1] if said else "not delivered"
                failed.append(f"--to {redact_url(url)}: {redact_text(reason, [url])}")
        return "; ".join(failed) or None


class Desktop:
    """``--to desktop``: notify-send, where present (a Linux desktop session)."""

    name = "--to desktop"

    def __init__(self) -> None:
        self.program = shutil.which("notify-send")
        self.warning = (
            None
            if self.program is not None
            else "--to desktop: notify-send is not installed here (a Linux desktop's libnotify); "
            "desktop notices are skipped"
        )

    def send(self, notice: Notice) -> str | None:
        return self._show(*notice_message(notice))

    def send_digest(self, digest: Digest) -> str | None:
        from release_countdown.formats.digest import digest_message

        return self._show(*digest_message(digest))

    def _show(self, title: str, body: str) -> str | None:
        if self.program is None:
            return None
        argv = [self.program, "--app-name=release-countdown", "--", title, body]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=COMMAND_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"notify-send failed: {exc}"
        if done.returncode != 0:
            error = done.stderr.decode("utf-8", "replace").strip()
            return f"notify-send exited {done.returncode}: {error}"
        return None
