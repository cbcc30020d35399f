"""A digest (core/digest.py) spelled for people and programs: plain text (stdout, push and
desktop messages, the Atom feed's entries), a JSON object (``notify --digest --json``, an
``--exec`` command's stdin) and an --exec command's environment. Each notice in it is
spelled by formats/notices.py, as when it is sent alone."""

from __future__ import annotations

import json
from typing import Any

from release_countdown.core.digest import Digest, Group
from release_countdown.formats.notices import notice_line, notice_object


def headline(digest: Digest) -> str:
    """``week 2026-W50 (2026-12-01 to 2026-12-07)``; ``2026-12-07`` (a digest of one day);
    ``week (2026-12-02 to 2026-12-08)`` for days across two ISO weeks (notify's weeks count
    from the last digest: no ISO week names them)."""
    name = f"week {digest.label}" if digest.period == "weekly" else digest.label
    if (
        digest.period == "weekly"
        and digest.since.isocalendar()[:2] != digest.until.isocalendar()[:2]
    ):
        name = "week"
    if digest.since == digest.until:
        return name
    return f"{name} ({digest.since} to {digest.until})"


def counts_words(group: Group) -> str:
    """``2 upcoming, 1 postponed``."""
    return ", ".join(f"{count} {word}" for word, count in group.counts)


def digest_lines(digest: Digest) -> list[str]:
    """The headline with the number of notices, then each group: ``Hans Zimmer: 2 upcoming,
    1 postponed`` and its notices, indented, each with the day it was found."""
    total = digest.total
    lines = [f"{headline(digest)}: {total} notice{'s' if total != 1 else ''}"]
    for group in digest.groups:
        lines.append(f"{group.name}: {counts_words(group)}" if group.name else counts_words(group))
        lines += [f"  {item.found}  {notice_line(item.notice)}" for item in group.held]
    return lines


def digest_object(digest: Digest) -> dict[str, Any]:
    """``digest`` (daily or weekly), ``period``, ``since``, ``until``, ``group_by``, ``total``,
    ``groups``: each ``name`` (null when not grouped), ``counts`` (by event word, in order) and
    ``notices`` (as notify --json spells each, with the day ``found``)."""
    return {
        "digest": digest.period,
        "period": digest.label,
        "since": digest.since.isoformat(),
        "until": digest.until.isoformat(),
        "group_by": digest.group_by,
        "total": digest.total,
        "groups": [
            {
                "name": group.name or None,
                "counts": dict(group.counts),
                "notices": [
                    notice_object(item.notice) | {"found": item.found.isoformat()}
                    for item in group.held
                ],
            }
            for group in digest.groups
        ],
    }


def digest_json(digest: Digest) -> str:
    """One line of JSON."""
    return json.dumps(digest_object(digest), ensure_ascii=False)


def digest_message(digest: Digest) -> tuple[str, str]:
    """A push or desktop notification: its title and its body."""
    lines = digest_lines(digest)
    return f"Release countdown: {lines[0]}", "\n".join(lines[1:])


def digest_environment(digest: Digest) -> dict[str, str]:
    """COUNTDOWN_EVENT=digest, _PERIOD, _SINCE, _UNTIL, _COUNT (the digest as JSON on stdin)."""
    return {
        "COUNTDOWN_EVENT": "digest",
        "COUNTDOWN_PERIOD": digest.label,
        "COUNTDOWN_SINCE": digest.since.isoformat(),
        "COUNTDOWN_UNTIL": digest.until.isoformat(),
        "COUNTDOWN_COUNT": str(digest.total),
    }
