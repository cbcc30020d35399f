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
- **new**: a title a follow brought (into the inbox, or imported with its ``origin``), once,
  while it is news (seen at most ``NEW_GRACE`` days ago).
- **first run** (no state yet): only what crossed today or yesterday is sent; older crossings
  are recorded as skipped, so a new state never floods its user (who is told how many, and
  the day of the next notice: ``next_notice_day``).
- **retries**: a notice not delivered is retried by the next runs. "released" and "changed"
  are found again by themselves (nothing was recorded); a reminder is recorded as failed,
  because the next run may have crossed a smaller lead or reached the release day. A failed
  reminder is retried until it is delivered, while its date is unchanged and its release
  day has not passed (on the day itself it goes before "released"), unless a smaller lead
  (or the release day's notice) was delivered for that date since, or a smaller lead is due
  in the same run: then that one is sent and covers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final, NamedTuple

from release_countdown.core.changes import Kind, change_between, window
from release_countdown.core.dates import Precision, is_exact, parse_date_text
from release_countdown.core.rows import Row

if TYPE_CHECKING:
    from release_countdown.core.digest import DigestState
    from release_countdown.core.follow import InboxEntry
    from release_countdown.core.model import Release

DEFAULT_LEADS: Final = (30, 7, 1, 0)
EVENTS: Final = ("reminder", "released", "changed", "new")
FIRST_RUN_SLACK: Final = 1  # days: a first run sends leads crossed today or yesterday
RELEASED_GRACE: Final = 7  # days a missed release-day notice is still sent
NEW_GRACE: Final = 7  # days a follow's arrival is still news
KEEP_DAYS: Final = 400  # records older than this are pruned from the state
# What `notify --on` chooses among: the events, and each change as the record names it
# (core/changes.py's kinds, "unchanged" aside) or "retitled".
CHANGE_KINDS: Final = (*(k.value for k in Kind if k is not Kind.UNCHANGED), "retitled")
ON_KINDS: Final = ("new", *CHANGE_KINDS, "reminder", "released")
MIN_PRECISIONS: Final = ("day", "month", "quarter", "year")  # `--min-precision`

# (title id, event, date in force, lead in days; None for a change)
Key = tuple[str, str, str, "int | None"]


class Notice(NamedTuple):
    """One thing to tell the user (formats/notices.py spells it as JSON, lines, messages)."""

    event: str  # reminder, released, changed or new
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
    kind: str | None = None  # arrivals ("new") only: the title's kind
    follow: str | None = None  # arrivals only: the name of the follow that brought it
    basis: str | None = None  # changes only: which date was shown (``Seen.basis``)

    @property
    def key(self) -> Key:
        if self.event == "new":  # once per title, whatever its date
            return (self.id, self.event, "", None)
        return (self.id, self.event, self.date, self.lead)


Day = date  # a field named ``date`` shadows the type inside a class body


class Seen(NamedTuple):
    """A title as the last run saw it."""

    date: str
    title: str
    day: Day
    # Which date was shown: "GB:theatrical" when a region picked one of the title's typed
    # dates, None for the title's own date. Another basis is not a change of the title.
    basis: str | None = None


def basis_of(row: Row) -> str | None:
    """The basis of the date ``row`` shows (see ``Seen.basis``)."""
    return f"{row.region}:{row.release_type}" if row.region else None


@dataclass
class NoticeState:
    """What was delivered (or skipped on a first run), and each title as last seen."""

    created: date | None = None  # None: no state yet (a first run)
    last_run: date | None = None
    records: dict[Key, tuple[date, bool]] = field(default_factory=dict)  # key -> (day, skipped)
    seen: dict[str, Seen] = field(default_factory=dict)
    failed: dict[Key, date] = field(default_factory=dict)  # reminders not delivered: first day
    digest: DigestState | None = None  # None: no `notify --digest` run yet (core/digest.py)

    def done(self, release_id: str, day: str, lead: int) -> bool:
        """Whether ``lead`` or a smaller lead was delivered or skipped for this date."""
        return any(
            k[0] == release_id and k[2] == day and k[3] is not None and k[3] <= lead
            for k in self.records
        )

    def record(self, notice: Notice, today: date) -> None:
        """``notice`` was delivered."""
        self.records[notice.key] = (today, False)
        self.failed.pop(notice.key, None)
        for key in notice.covers:
            self.records.setdefault(key, (today, True))
            self.failed.pop(key, None)
        if notice.event == "changed":
            self.seen[notice.id] = Seen(notice.date, notice.title, today, notice.basis)

    def finish(self, plan: Plan, today: date) -> None:
        """After a run: reminders not delivered, first-run skips, titles seen, the run's day;
        old records and failures whose release day has passed are pruned."""
        for notice in plan.notices:
            if notice.event == "reminder" and notice.key not in self.records:
                self.failed.setdefault(notice.key, today)
        for key in plan.skipped:
            self.records.setdefault(key, (today, True))
        for release_id, seen in plan.seen.items():
            self.seen[release_id] = seen
        self.created = self.created or today
        self.last_run = max(self.last_run or today, today)
        oldest = today - timedelta(days=KEEP_DAYS)
        self.records = {k: v for k, v in self.records.items() if v[0] >= oldest}
        self.seen = {k: v for k, v in self.seen.items() if v.day >= oldest}
        # Moot once it or a smaller lead is done, or (a reminder fails at most ``lead`` days
        # before its release day) once the release day has passed.
        self.failed = {
            k: on
            for k, on in self.failed.items()
            if not self.done(k[0], k[2], k[3] or 0) and on + timedelta(days=k[3] or 0) >= today
        }


class Arrival(NamedTuple):
    """A title a follow brought: an inbox entry, or a release with a follow's ``origin``."""

    refs: tuple[str, ...]  # its refs ("tmdb:movie/101"); the first names its notice
    title: str
    kind: str
    date: str
    follow: str  # the follow's name
    seen: Day  # the day it arrived


def arrivals(releases: Iterable[Release], inbox: Iterable[InboxEntry]) -> list[Arrival]:
    """The titles follows brought: each release with a follow's ``origin`` (arrived the day
    its first history entry was announced, else the day it was checked), then the inbox."""
    from release_countdown.core.model import ORIGIN_PREFIX

    found: list[Arrival] = []
    for release in releases:
        origin = release.origin
        if origin is None or not origin.startswith(ORIGIN_PREFIX):
            continue
        first = release.history[0].announced if release.history else None
        day = first.earliest if first is not None else release.checked
        if day is None or not release.ids:
            continue
        found.append(
            Arrival(
                refs=tuple(f"{key}:{value}" for key, value in release.ids.items()),
                title=release.title, kind=release.kind, date=release.date.text,
                follow=origin.removeprefix(ORIGIN_PREFIX), seen=day,
            )
        )  # fmt: skip
    found += [Arrival((e.ref,), e.title, e.kind, e.date, e.follow, e.seen) for e in inbox]
    return found


def _arrivals(
    arrivals: Iterable[Arrival], state: NoticeState, today: date
) -> tuple[list[Notice], list[Key]]:
    """The "new" notices due (each title once, while news), and a first run's skips."""
    sent = {k[0] for k in state.records if k[1] == "new"}
    notices: list[Notice] = []
    skipped: list[Key] = []
    for arrival in arrivals:
        if sent.intersection(arrival.refs) or not arrival.refs:
            continue
        sent.update(arrival.refs)
        age = (today - arrival.seen).days
        if age < 0 or age > NEW_GRACE:
            continue
        notice = Notice(
            "new", arrival.refs[0], arrival.title, arrival.date, None, None, arrival.date,
            kind=arrival.kind, follow=arrival.follow,
        )  # fmt: skip
        if state.created is None and age > FIRST_RUN_SLACK:
            skipped.append(notice.key)
        else:
            notices.append(notice)
    return notices, skipped


class Alerts(NamedTuple):
    """Which notices a user wants (`notify --on`, `--min-precision`): None is every one."""

    on: frozenset[str] | None = None  # of ON_KINDS
    min_precision: str | None = None  # of MIN_PRECISIONS

    def wants(self, notice: Notice) -> bool:
        """Whether ``notice`` is of a kind asked for, and its date (the date a change or an
        arrival announces) at least as precise as asked (TBA is vaguer than any)."""
        if self.on is not None:
            kinds = {notice.change or notice.event} if notice.event == "changed" else set()
            if notice.old_title is not None:
                kinds.add("retitled")
            if self.on.isdisjoint(kinds or {notice.event}):
                return False
        if self.min_precision is None or notice.event in ("reminder", "released"):
            return True  # a reminder is for an exact date, always
        try:
            precision = parse_date_text(notice.date).precision
        except ValueError:
            return False
        order = list(Precision)
        return order.index(precision) <= order.index(Precision(self.min_precision))


EVERY_ALERT: Final = Alerts()


class Plan(NamedTuple):
    notices: list[Notice]
    skipped: list[Key]  # crossed before a first run: recorded, never sent
    seen: dict[str, Seen]  # titles seen unchanged (changed ones are recorded on delivery)


def _change(old: Seen, row: Row) -> str:
    """The kind of change (core/changes.py: postponed, narrowed, dated, ...), or retitled."""
    if old.date == row.date:
        return "retitled"
    try:
        before = window(parse_date_text(old.date))
    except ValueError:
        return "changed"
    seen = [i for i, h in enumerate(row.history) if h.date == old.date]
    if seen and any(h.change == Kind.RECHOSEN.value for h in row.history[seen[-1] + 1 :]):
        return Kind.RECHOSEN.value  # taken on another basis since: not a move
    return change_between(before, (row.earliest, row.latest)).kind.value


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


def _due(row: Row, leads: Sequence[int], state: NoticeState) -> list[Notice]:
    """The notices ``row`` calls for, given what was delivered: at most one reminder (the
    smallest lead due or failed before, covering the others), then "released"."""
    found = _reminder(row, leads)
    if found is not None and state.done(row.id, row.date, found.lead or 0):
        found = None
    days = row.days_remaining
    if not is_exact(row.precision) or days is None or days < 0:
        return [] if found is None else [found]
    reminders = {
        key[3]: key
        for key in state.failed
        if key[:3] == (row.id, "reminder", row.date)
        and key[3] is not None
        and not state.done(row.id, row.date, key[3])
    }
    if found is not None and found.event == "reminder" and found.lead is not None:
        reminders[found.lead] = found.key
    if not reminders:
        return [] if found is None else [found]
    lead = min(reminders)
    covers = tuple(key for other, key in sorted(reminders.items()) if other != lead)
    reminder = Notice(
        "reminder", row.id, row.title, row.date, days, lead, row.countdown, covers=covers
    )
    return [reminder] + ([found] if found is not None and found.event == "released" else [])


def plan_notices(
    rows: Iterable[Row],
    leads: Sequence[int],
    state: NoticeState,
    today: date,
    arrivals: Iterable[Arrival] = (),
    *,
    own_leads: Mapping[str, Sequence[int]] | None = None,
    alerts: Alerts = EVERY_ALERT,
) -> Plan:
    """The notices due on ``today`` for ``rows`` (in their order), then for the titles
    follows brought (``arrivals``), given ``state``. A title in ``own_leads`` (by id) has
    those leads instead of ``leads``. Only the notices ``alerts`` wants are planned; a
    change it does not want is taken as seen (the next change is told against it), and its
    reminders go as if there had been none."""
    own_leads = own_leads or {}
    first_run = state.created is None
    notices: list[Notice] = []
    skipped: list[Key] = []
    seen: dict[str, Seen] = {}
    for row in rows:
        old = state.seen.get(row.id)
        if old is not None and old.day > today:
            old = None  # a run for an earlier day: no change is news then, and none recorded
        else:
            seen[row.id] = Seen(row.date, row.title, today, basis_of(row))
        due = [n for n in _due(row, own_leads.get(row.id) or leads, state) if alerts.wants(n)]
        if old is not None and old.basis != basis_of(row) and old.title == row.title:
            old = None  # the region in force changed, not the title's date: seen, not news
        if old is not None and (old.date, old.title) != (row.date, row.title):
            # The change says when, already: it covers the reminders.
            covers = tuple(k for n in due if n.event == "reminder" for k in (n.key, *n.covers))
            change = Notice(
                "changed", row.id, row.title, row.date, row.days_remaining, None,
                row.countdown, old.date, row.date, _change(old, row),
                old.title if old.title != row.title else None, covers, basis=basis_of(row),
            )  # fmt: skip
            if alerts.wants(change):
                del seen[row.id]
                due = [n for n in due if n.event != "reminder"]
                notices.append(change)
        for notice in due:
            late = (notice.lead or 0) - (notice.days_remaining or 0)
            if first_run and late > FIRST_RUN_SLACK:
                skipped.append(notice.key)
            else:
                notices.append(notice)
    news, old_news = _arrivals(arrivals, state, today)
    return Plan(notices + [n for n in news if alerts.wants(n)], skipped + old_news, seen)


def next_notice_day(
    rows: Iterable[Row],
    leads: Sequence[int],
    today: date,
    own_leads: Mapping[str, Sequence[int]] | None = None,
    alerts: Alerts = EVERY_ALERT,
) -> date | None:
    """The first day after ``today`` on which one of ``rows`` crosses a lead (its release
    day, with ``0d``; a title in ``own_leads`` by its own) with a notice ``alerts`` wants:
    when the next reminder will be sent, if no date changes before."""
    ahead: list[int] = []
    for row in rows:
        days = row.days_remaining
        if not is_exact(row.precision) or days is None:
            continue
        leads_of_row = (own_leads or {}).get(row.id) or leads
        for lead in leads_of_row:  # crossed on the day ``lead`` days remain: that day's notice
            found = _reminder(row._replace(days_remaining=lead), leads_of_row)
            if days - lead >= 1 and found is not None and alerts.wants(found):
                ahead.append(days - lead)
    return today + timedelta(days=min(ahead)) if ahead else None
