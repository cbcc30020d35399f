"""Which notices are due: reminders before a release, the release day, and date changes.

Pure: the rows in view, the lead times, what was already delivered (``NoticeState``) and
``today`` go in; the notices due and what to record come out. Delivering and the state file
are the command line's and ``writing/state.py``'s business.

- **reminder**: an exact-dated title ``d`` days away (d ≥ 1) has crossed a lead ``L ≥ d``. Only
  the smallest lead crossed is sent (missed runs never send every lead in between), and not
  when it or a smaller lead was already sent for that title and that date.
- **released**: the release day, when ``0d`` is a lead; a missed day is still announced up
  to ``RELEASED_GRACE`` days late ("released 2 days ago").
- **changed**: the date (or title) in force differs from the one seen by the last run. A
  new date re-arms the leads, which are keyed by date.
- **first run** (no state yet): only what crossed today or yesterday is sent; older crossings
  are recorded as skipped, so a new state never floods its user.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final, NamedTuple

from release_countdown.core.dates import is_exact, parse_date_text
from release_countdown.core.rows import Row

DEFAULT_LEADS: Final = (30, 7, 1, 0)
EVENTS: Final = ("reminder", "released", "changed")
FIRST_RUN_SLACK: Final = 1  # days: a first run sends leads crossed today or yesterday
RELEASED_GRACE: Final = 7  # days a missed release-day notice is still sent
KEEP_DAYS: Final = 400  # records older than this are pruned from the state
_LEAD = re.compile(r"\s*(\d{1,4})\s*([dw])\s*", re.IGNORECASE)

# (title id, event, date in force, lead in days; None for a change)
Key = tuple[str, str, str, "int | None"]


def parse_leads(text: str | Sequence[str], what: str = "a lead time") -> tuple[int, ...]:
    """``"30d,7d,1d,0d"`` (or a list of such) -> ``(30, 7, 1, 0)``: days, largest first.

    ValueError says what would be right."""
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    leads: set[int] = set()
    for part in parts:
        found = _LEAD.fullmatch(part)
        if found is None:
            raise ValueError(
                f"{part.strip()!r} is not {what} (expected days or weeks before the "
                "release, comma-separated: 30d,7d,1d,0d or 2w)"
            )
        amount = int(found[1])
        leads.add(amount * 7 if found[2].lower() == "w" else amount)
    if not leads:
        raise ValueError("no lead time given (expected e.g. 30d,7d,1d,0d)")
    return tuple(sorted(leads, reverse=True))


def lead_text(lead: int | None) -> str | None:
    return None if lead is None else f"{lead}d"


class Notice(NamedTuple):
    """One thing to tell the user (formats/notices.py spells it as JSON, lines, messages)."""

    event: str  # reminder, released or changed
    id: str
    title: str
    date: str  # the date in force, as the rows spell it
    days_remaining: int | None
    lead: int | None  # days; None for a change
    countdown: str
    old_date: str | None = None  # changes only
    new_date: str | None = None
    change: str | None = None  # postponed, moved up, dated, retitled or changed
    old_title: str | None = None
    covers: tuple[Key, ...] = ()  # reminders this notice makes needless, recorded with it

    @property
    def key(self) -> Key:
        return (self.id, self.event, self.date, self.lead)


Day = date  # a field named ``date`` shadows the type inside a class body


class Seen(NamedTuple):
    """A title as the last run saw it."""

    date: str
    title: str
    day: Day


@dataclass
class NoticeState:
    """What was delivered (or skipped on a first run), and each title as last seen."""

    created: date | None = None  # None: no state yet (a first run)
    last_run: date | None = None
    records: dict[Key, tuple[date, bool]] = field(default_factory=dict)  # key -> (day, skipped)
    seen: dict[str, Seen] = field(default_factory=dict)

    def done(self, release_id: str, day: str, lead: int) -> bool:
        """Whether ``lead`` or a smaller lead was delivered or skipped for this date."""
        return any(
            k[0] == release_id and k[2] == day and k[3] is not None and k[3] <= lead
            for k in self.records
        )

    def record(self, notice: Notice, today: date) -> None:
        """``notice`` was delivered."""
        self.records[notice.key] = (today, False)
        for key in notice.covers:
            self.records.setdefault(key, (today, True))
        if notice.event == "changed":
            self.seen[notice.id] = Seen(notice.date, notice.title, today)

    def finish(self, plan: Plan, today: date) -> None:
        """After a run: first-run skips, titles seen, the run's day; old records pruned."""
        for key in plan.skipped:
            self.records.setdefault(key, (today, True))
        for release_id, seen in plan.seen.items():
            self.seen[release_id] = seen
        self.created = self.created or today
        self.last_run = max(self.last_run or today, today)
        oldest = today - timedelta(days=KEEP_DAYS)
        self.records = {k: v for k, v in self.records.items() if v[0] >= oldest}
        self.seen = {k: v for k, v in self.seen.items() if v.day >= oldest}


class Plan(NamedTuple):
    notices: list[Notice]
    skipped: list[Key]  # crossed before a first run: recorded, never sent
    seen: dict[str, Seen]  # titles seen unchanged (changed ones are recorded on delivery)


def _change(old: Seen, row: Row) -> str:
    """postponed, moved up, dated (a fuzzy or TBA date became exact), retitled or changed."""
    if old.date == row.date:
        return "retitled"
    try:
        before = parse_date_text(old.date)
    except ValueError:
        before = None
    if is_exact(row.precision) and (before is None or not before.exact):
        return "dated"
    if before is None or before.earliest is None or row.earliest is None:
        return "changed"
    # A move's direction compares the middles of the windows, as the slip statistics do.
    old_middle = before.earliest.toordinal() + (before.latest or before.earliest).toordinal()
    new_middle = row.earliest.toordinal() + (row.latest or row.earliest).toordinal()
    if new_middle == old_middle:
        return "changed"
    return "postponed" if new_middle > old_middle else "moved up"


def _reminder(row: Row, leads: Sequence[int]) -> Notice | None:
    """The notice the smallest lead crossed by ``row`` calls for, if any."""
    days = row.days_remaining
    if not is_exact(row.precision) or days is None:
        return None
    if days <= 0:
        if 0 not in leads or days < -RELEASED_GRACE:
            return None
        return Notice("released", row.id, row.title, row.date, days, 0, row.countdown)
    crossed = [lead for lead in leads if lead >= days and lead > 0]
    if not crossed:
        return None
    return Notice("reminder", row.id, row.title, row.date, days, min(crossed), row.countdown)


def plan_notices(
    rows: Iterable[Row],
    leads: Sequence[int],
    state: NoticeState,
    today: date,
) -> Plan:
    """The notices due on ``today`` for ``rows`` (in their order), given ``state``."""
    first_run = state.created is None
    notices: list[Notice] = []
    skipped: list[Key] = []
    seen: dict[str, Seen] = {}
    for row in rows:
        old = state.seen.get(row.id)
        if old is not None and old.day > today:
            old = None  # a run for an earlier day: no change is news then, and none recorded
        else:
            seen[row.id] = Seen(row.date, row.title, today)
        reminder = _reminder(row, leads)
        if reminder is not None and state.done(row.id, row.date, reminder.lead or 0):
            reminder = None
        if old is not None and (old.date, old.title) != (row.date, row.title):
            del seen[row.id]
            covers: tuple[Key, ...] = ()
            if reminder is not None and reminder.event == "reminder":
                covers, reminder = (reminder.key,), None  # the change says when, already
            notices.append(
                Notice(
                    "changed", row.id, row.title, row.date, row.days_remaining, None,
                    row.countdown, old.date, row.date, _change(old, row),
                    old.title if old.title != row.title else None, covers,
                )
            )  # fmt: skip
        if reminder is None:
            continue
        late = (reminder.lead or 0) - (reminder.days_remaining or 0)
        if first_run and late > FIRST_RUN_SLACK:
            skipped.append(reminder.key)
        else:
            notices.append(reminder)
    return Plan(notices, skipped, seen)
