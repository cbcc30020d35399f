"""Notices spelled for people and programs: a stdout line, a JSON object, a push message,
and the environment of an --exec command."""

from __future__ import annotations

import json
from typing import Any

from release_countdown.core.leads import lead_text
from release_countdown.core.notices import Notice

# The JSON keys, in order (``change`` and ``old_title`` only for changes).
KEYS = ("event", "id", "title", "date", "days_remaining", "lead", "countdown")


def notice_object(notice: Notice) -> dict[str, Any]:
    """``event``, ``id``, ``title``, ``date``, ``days_remaining``, ``lead`` (``"7d"``, None for
    a change), ``countdown``; a change adds ``old_date``, ``new_date``, ``change`` and, when
    retitled, ``old_title``."""
    found: dict[str, Any] = {
        "event": notice.event,
        "id": notice.id,
        "title": notice.title,
        "date": notice.date,
        "days_remaining": notice.days_remaining,
        "lead": lead_text(notice.lead),
        "countdown": notice.countdown,
    }
    if notice.event == "new":
        found |= {"kind": notice.kind, "follow": notice.follow}
    if notice.event == "changed":
        found |= {"old_date": notice.old_date, "new_date": notice.new_date}
        found["change"] = notice.change
        if notice.old_title is not None:
            found["old_title"] = notice.old_title
    return found


def notice_json(notice: Notice) -> str:
    """One line of JSON (JSON Lines)."""
    return json.dumps(notice_object(notice), ensure_ascii=False)


def what(notice: Notice) -> str:
    """The notice without its title: ``in 7 days (2024-02-02)``, ``postponed from 2024-02-02
    to 2024-03-08 (in 41 days)``, ``new film "X", TBA``."""
    if notice.event == "new":
        return new_words(notice.kind or "title", notice.title, notice.date)
    if notice.event != "changed":
        return f"{notice.countdown} ({notice.date})"
    if notice.change == "retitled":
        return f"retitled from {notice.old_title}: {notice.countdown} ({notice.date})"
    renamed = f", formerly {notice.old_title}" if notice.old_title is not None else ""
    moved = f"{notice.change} from {notice.old_date} to {notice.new_date}"
    return f"{moved}{renamed} ({notice.countdown})"


def notice_line(notice: Notice) -> str:
    """``reminder  Argylle  in 7 days (2024-02-02)`` (the event padded, so columns align);
    ``new       Lorne Balfe: new film "X", TBA``."""
    if notice.event == "new":
        words = arrival_words(
            notice.follow or "", notice.kind or "title", notice.title, notice.date
        )
        return f"{notice.event:<8}  {words}"
    return f"{notice.event:<8}  {notice.title}  {what(notice)}"


def new_words(kind: str, title: str, date: str) -> str:
    """``new film "X", TBA``."""
    return f'new {kind} "{title}", {date}'


def arrival_words(follow: str, kind: str, title: str, date: str) -> str:
    """``Lorne Balfe: new film "X", TBA``: what a follow brought, in words (notify, Atom)."""
    from release_countdown.core.follow import display_name

    return f"{display_name(follow)}: {new_words(kind, title, date)}"


def notice_message(notice: Notice) -> tuple[str, str]:
    """A push or desktop notification: its title and its body."""
    if notice.event == "new":
        from release_countdown.core.follow import display_name

        return display_name(notice.follow or ""), what(notice)
    return notice.title, f"{notice.event}: {what(notice)}"


def notice_environment(notice: Notice) -> dict[str, str]:
    """COUNTDOWN_EVENT, _ID, _TITLE, _DATE, _DAYS, _COUNTDOWN, _LEAD, _OLD_DATE, _NEW_DATE,
    _FOLLOW (empty when a notice has no such value)."""
    values = {
        "EVENT": notice.event,
        "ID": notice.id,
        "TITLE": notice.title,
        "DATE": notice.date,
        "DAYS": notice.days_remaining,
        "COUNTDOWN": notice.countdown,
        "LEAD": lead_text(notice.lead),
        "OLD_DATE": notice.old_date,
        "NEW_DATE": notice.new_date,
        "FOLLOW": notice.follow,
    }
    # An environment cannot hold NUL: the one character of a title that is spelled otherwise.
    return {
        f"COUNTDOWN_{k}": "" if v is None else str(v).replace("\0", "\u2400")
        for k, v in values.items()
    }
