"""Digests: the notices notify plans, told in one message a period (`notify --digest`).

Pure: the notices held since the last digest, the releases (for their people, kinds and
follows) and ``today`` go in; a ``Digest`` comes out. Which notices there are is
``core/notices.plan_notices``'s business, with the same filters as one notice at a time.

- **periods**: a day or a week (``PERIOD_DAYS``) counted from the day the last digest was
  sent (``DigestState.last``; ``today`` is passed in, so ``--as-of`` works): the first run
  sends at once, and a digest is due again on the first run a period after the last one
  (daily: the next calendar day; weekly: seven days on, the same weekday whichever day the
  first digest went). Runs in between hold what they find for the next digest; after missed
  periods one digest is sent, covering everything since the last one. Any 14 daily runs send
  a weekly digest twice. (`/digest.atom`, which keeps no state, shows ISO weeks, Monday first:
  ``period_start``.)
- **nothing lost**: a notice found by a run that sends no digest is held in the state file
  and told in the next digest; a digest that is not delivered is held again, and retried.
- **groups** (``--group-by``): ``none`` (the default: every title once, one count line),
  ``person`` (each credited person but the cast; a title with two composers is under both),
  ``kind`` (film, album, …) and ``follow`` (the follow that brought the title).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final, NamedTuple

from release_countdown.core.model import ORIGIN_PREFIX, Release
from release_countdown.core.notices import CHANGE_KINDS, Notice

PERIODS: Final = ("daily", "weekly")
PERIOD_DAYS: Final = {"daily": 1, "weekly": 7}
DIGEST_CHOICES: Final = (*PERIODS, "none")  # --digest, [notify] digest: none is one at a time
GROUP_BY: Final = ("none", "person", "kind", "follow")
DEFAULT_GROUP_BY: Final = "none"
# Roles a person group leaves out: a film's cast would put it under a dozen names.
UNGROUPED_ROLES: Final = ("cast",)
NOBODY: Final = "no one credited"  # the person group of titles without people
NO_FOLLOW: Final = "not from a follow"  # the follow group of titles added by hand
# The words of the counts ("2 upcoming, 1 postponed"), in this order.
COUNT_WORDS: Final = ("new", "upcoming", "released", *CHANGE_KINDS)


def digest_period(text: str, name: str = "digest", *, none: bool = True) -> str:
    """``daily``, ``weekly`` (PERIODS) or, unless ``none`` is False (`/digest.atom`),
    ``none`` (a notice at a time), as an option, a setting or a query parameter gives it;
    core.params.ParamError otherwise."""
    from release_countdown.core.params import one_of

    return one_of(text.strip().lower(), DIGEST_CHOICES if none else PERIODS, name)


def group_by(text: str, name: str = "group-by") -> str:
    """How a digest groups its notices (GROUP_BY); core.params.ParamError otherwise."""
    from release_countdown.core.params import one_of

    return one_of(text.strip().lower(), GROUP_BY, name)


def period_start(day: date, period: str) -> date:
    """The first day of the calendar period ``day`` is in (`/digest.atom`'s entries): itself
    (daily), or its ISO week's Monday."""
    return day if period == "daily" else day - timedelta(days=day.weekday())


def period_label(day: date, period: str) -> str:
    """``2026-12-07`` (daily) or ``2026-W50`` (weekly, the ISO year and week)."""
    if period == "daily":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


class Held(NamedTuple):
    """A notice planned by a run and kept for the next digest."""

    notice: Notice
    found: date  # the day of the run that planned it


class Sending(NamedTuple):
    """The notices a run is delivering as a digest (a claim, as writing/state.py's)."""

    run: str
    since: datetime  # when that run started (aware)
    held: tuple[Held, ...]


@dataclass
class DigestState:
    """The notify state's digest part: the day the last digest was sent, what is held."""

    last: date | None = None  # None: no digest sent yet
    held: list[Held] = field(default_factory=list)
    sending: Sending | None = None

    def due(self, today: date, period: str) -> bool:
        """Whether a run on ``today`` sends a digest: the first run, or a period or more
        after the last digest."""
        return self.last is None or (today - self.last).days >= PERIOD_DAYS[period]

    def next_due(self, today: date, period: str) -> date:
        """The first day a digest is due after a run on ``today`` (that sent one or not)."""
        last = today if self.last is None else self.last
        return last + timedelta(days=PERIOD_DAYS[period])


def event_word(notice: Notice) -> str:
    """What a notice counts as: upcoming (a reminder), released, new, or the change's kind."""
    if notice.event == "reminder":
        return "upcoming"
    if notice.event == "changed":
        return notice.change or "changed"
    return notice.event


class Group(NamedTuple):
    name: str  # "" when not grouped
    counts: tuple[tuple[str, int], ...]  # (event word, count), in COUNT_WORDS order
    held: tuple[Held, ...]


class Digest(NamedTuple):
    period: str  # daily or weekly
    label: str  # period_label of the day it is sent
    since: date  # the first day it covers: the day after the last digest, else its first find
    until: date  # the day it is sent
    group_by: str
    groups: tuple[Group, ...]
    total: int  # notices (a notice under two people counts once)


def counts(notices: Iterable[Notice]) -> tuple[tuple[str, int], ...]:
    words = [event_word(n) for n in notices]
    order = [w for w in COUNT_WORDS if w in words] + sorted(set(words) - set(COUNT_WORDS))
    return tuple((word, words.count(word)) for word in order)


def _names(notice: Notice, release: Release | None, group_by: str) -> list[str]:
    """The groups ``notice`` goes under."""
    from release_countdown.core.follow import display_name

    if group_by == "kind":
        return [release.kind if release is not None else notice.kind or "other"]
    follow = notice.follow
    if release is not None and release.origin and release.origin.startswith(ORIGIN_PREFIX):
        follow = release.origin.removeprefix(ORIGIN_PREFIX)
    if group_by == "follow":
        return [display_name(follow) if follow else NO_FOLLOW]
    if release is None:  # an arrival: a follow's title, not in the registry: its follow
        return [display_name(follow)] if follow else [NOBODY]
    people = [
        name
        for role, names in release.people.items()
        if role.lower() not in UNGROUPED_ROLES
        for name in names
    ]
    return list(dict.fromkeys(people)) or [NOBODY]


def build_digest(
    held: Sequence[Held],
    releases: Mapping[str, Release],
    *,
    period: str,
    today: date,
    last: date | None,
    group_by: str = DEFAULT_GROUP_BY,
) -> Digest:
    """The digest of ``held`` (in the order found) sent on ``today``: groups with the most
    notices first (then by name), the catch-all groups last."""
    since = last + timedelta(days=1) if last is not None else min(h.found for h in held)
    groups: dict[str, list[Held]] = {}
    for item in held:
        release = releases.get(item.notice.id)
        for name in [""] if group_by == "none" else _names(item.notice, release, group_by):
            groups.setdefault(name, []).append(item)
    last_ones = (NOBODY, NO_FOLLOW)
    ordered = sorted(groups.items(), key=lambda g: (g[0] in last_ones, -len(g[1]), g[0].casefold()))
    made = tuple(
        Group(name, counts(h.notice for h in items), tuple(items)) for name, items in ordered
    )
    return Digest(
        period, period_label(today, period), min(since, today), today, group_by, made, len(held)
    )
