"""The typed rows every output is made from: ``release_row`` is the one maker.

Formats (JSON, CSV, templates, ICS) and views (tables, timeline, show) consume these rows and
never reach back into the model. Days stay ``date`` values here; the JSON form (with ISO
strings, see formats/jsonrows.py) is what `list --json` prints and rows.schema.json describes.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Final, NamedTuple

from release_countdown.core.changes import (
    Change,
    Kind,
    Step,
    change_of,
    changes_along,
    since_first_words,
    since_rechosen,
    tally_words,
)
from release_countdown.core.dates import DateSpec, PrecisionName, countdown_words, days_between
from release_countdown.core.marks import NO_MARKS, Marks
from release_countdown.core.model import NO_IDS, Status
from release_countdown.core.query import Person
from release_countdown.core.standing import Standing, date_order


class DateRow(NamedTuple):
    """A typed regional date, as it stood on the day asked."""

    region: str
    type: str
    date: str  # the form in force, as ``DateSpec.iso`` gives it
    precision: PrecisionName
    earliest: dt.date | None
    latest: dt.date | None
    days_remaining: int | None
    days_remaining_max: int | None
    where: str | None
    announced: DateSpec | None
    note: str | None
    unlisted: dt.date | None = None  # the source no longer lists it since that day
    platform: str | None = None  # a game's platform ("PS5"), as the registry writes it


class HistoryRow(NamedTuple):
    announced: DateSpec | None
    date: str
    precision: PrecisionName
    earliest: dt.date | None
    latest: dt.date | None
    title: str | None
    note: str | None
    change: str | None  # the kind of change from the entry before (core/changes.py); None first


class Slip(NamedTuple):
    """How far a title has moved: the dates announced for it, first to the one in force.
    The counts are of each kind of change (core/changes.py) between one date and the next."""

    first_date: str
    announcements: int
    postponed: int
    moved_up: int
    days_later: int  # the gap from the first announced window to the one in force; 0 overlapping
    dated: int
    undated: int
    narrowed: int
    widened: int
    shifted_later: int
    shifted_earlier: int
    since_first: str  # the kind of change from the first announced date to the one in force
    # Dates taken on another basis (refresh --region): not moves; once re-chosen, first_date,
    # days_later and since_first compare with the first date of the basis in force.
    rechosen: int = 0


class Row(NamedTuple):
    """One title on one day. Field order is the order of the JSON keys."""

    id: str
    title: str
    aliases: tuple[str, ...]
    kind: str
    franchise: str | None
    date: str
    precision: PrecisionName
    earliest: dt.date | None
    latest: dt.date | None
    days_remaining: int | None
    days_remaining_max: int | None
    status: Status
    countdown: str
    region: str | None
    release_type: str | None
    announced: DateSpec | None
    checked: dt.date | None
    people: Mapping[str, tuple[str, ...]]
    dates: tuple[DateRow, ...]
    history: tuple[HistoryRow, ...]
    slip: Slip | None
    change: str | None  # the kind of the latest change of date (core/changes.py); None if none
    sources: tuple[str, ...]
    note: str | None
    source: str
    origin: str | None = None  # the follow that added the title ("follow:lorne-balfe")
    mark: str | None = None  # the user's mark (seen, owned, skip, wanted; core/marks.py)
    tags: tuple[str, ...] = ()  # the registry's tags ("imax", "must-see")
    # [release.ids]: where the title lives at the sources ({"tmdb": "movie/603"}), for lists
    # keyed by id (formats/arrlists.py) and scripts.
    ids: Mapping[str, str] = NO_IDS
    season: int | None = None  # a series entry's season (one entry a season)


def _days(today: dt.date, day: dt.date | None) -> int | None:
    return days_between(today, day) if day is not None else None


def days_left(today: dt.date, earliest: dt.date | None, latest: dt.date | None) -> int | None:
    """Calendar days from ``today`` to ``earliest``; 0 inside a window that has begun (a due
    title's wait is over until its last day, ``days_remaining_max``); negative once past."""
    days = _days(today, earliest)
    if days is not None and days < 0 and latest is not None and latest >= today:
        return 0
    return days


def dated_steps(standing: Standing) -> list[Step]:
    """The dates announced (with the basis each recorded), first to the one in force."""
    days = [Step(h.date, h.headline) for h in standing.history]
    headline = standing.release.date  # the entry's own, not the region in force's date
    if (
        days
        and headline != days[-1].date
        and len(standing.history) == len(standing.release.history)
    ):
        days.append(Step(headline))  # the headline moved on without a history entry
    return days


def last_change(days: Sequence[Step], changes: Sequence[Change] | None = None) -> str | None:
    """The kind of the latest change of date along ``days`` (first to the one in force);
    ``changes`` is ``changes_along(days)`` when the caller has it already."""
    if len(days) < 2:
        return None
    return (changes_along(days) if changes is None else changes)[-1].kind.value


def slip_of(
    standing: Standing,
    days: Sequence[Step] | None = None,
    changes: Sequence[Change] | None = None,
) -> Slip | None:
    """How far the title moved along ``days`` (``dated_steps``); ``changes`` is
    ``changes_along(days)`` when the caller has it already."""
    days = dated_steps(standing) if days is None else days
    if not days:
        return None
    changes = changes_along(days) if changes is None else changes
    counts = Counter(c.kind for c in changes)
    first = days[since_rechosen(changes)].date
    overall = change_of(first, days[-1].date)
    return Slip(
        first_date=first.iso(),
        announcements=len(standing.history),
        postponed=counts[Kind.POSTPONED],
        moved_up=counts[Kind.MOVED_UP],
        days_later=overall.signed_days,
        dated=counts[Kind.DATED],
        undated=counts[Kind.UNDATED],
        narrowed=counts[Kind.NARROWED],
        widened=counts[Kind.WIDENED],
        shifted_later=counts[Kind.SHIFTED_LATER],
        shifted_earlier=counts[Kind.SHIFTED_EARLIER],
        since_first=overall.kind.value,
        rechosen=counts[Kind.RECHOSEN],
    )


def slip_words(slip: Slip | None) -> str:
    """``narrowed once, postponed once; 40 days later than first announced``."""
    if slip is None:
        return ""
    counts: dict[Kind, int] = {
        k: getattr(slip, k.name.lower()) for k in Kind if k.name != "UNCHANGED"
    }
    tally = tally_words(counts)
    days = abs(slip.days_later)
    shift = since_first_words(
        Change(Kind(slip.since_first), days), slip.first_date, rechosen=slip.rechosen > 0
    )
    return tally + ("; " if tally else "") + shift


def _history_rows(standing: Standing, changes: Sequence[Change]) -> tuple[HistoryRow, ...]:
    """The history as rows; ``changes`` is ``changes_along`` of ``dated_steps``, whose first
    steps are the history's (a change depends only on the steps before it)."""
    kinds: list[str | None] = [None, *(c.kind.value for c in changes)]
    return tuple(
        HistoryRow(
            h.announced, h.date.iso(), h.date.precision.value, h.date.earliest,
            h.date.latest, h.title, h.note, kind,
        )
        for h, kind in zip(standing.history, kinds, strict=False)  # kinds may have one more
    )  # fmt: skip


def release_row(
    standing: Standing, today: dt.date, marked: Marks = NO_MARKS, *, moves: bool = True
) -> Row:
    """The one row every output is made from (``marked``: the user's marks, for ``mark``).
    ``moves=False`` leaves out what only the record's moves fill (``history`` empty, ``slip``
    and ``change`` None), for an output that shows none of them (the list table: a third of
    a history-heavy row's making)."""
    release, spec = standing.release, standing.date
    if moves:
        steps = dated_steps(standing)
        changes = changes_along(steps)  # once: for the history rows, the slip, the last change
        history, slip, change = (
            _history_rows(standing, changes),
            slip_of(standing, steps, changes),
            last_change(steps, changes),
        )
    else:
        history, slip, change = (), None, None
    return Row(
        id=release.id,
        title=standing.title,
        aliases=standing.aliases,
        kind=release.kind,
        franchise=release.franchise,
        date=spec.iso(),
        precision=spec.precision.value,
        earliest=spec.earliest,
        latest=spec.latest,
        days_remaining=days_left(today, spec.earliest, spec.latest),
        days_remaining_max=_days(today, spec.latest),
        status=standing.status,
        countdown=countdown_words(today, spec),
        region=standing.region,
        release_type=standing.release_type,
        announced=release.announced,
        checked=release.checked,
        people=release.people,
        dates=tuple(
            DateRow(
                d.region,
                d.type,
                d.date.iso(),
                d.date.precision.value,
                d.date.earliest,
                d.date.latest,
                days_left(today, d.date.earliest, d.date.latest),
                _days(today, d.date.latest),
                d.where,
                d.announced,
                d.note,
                d.unlisted,
                d.platform,
            )
            for d in sorted(standing.dates, key=date_order)
        ),
        history=history,
        slip=slip,
        change=change,
        sources=release.sources,
        note=release.note,
        source=release.source,
        origin=release.origin,
        mark=marked.get(release.id),
        tags=release.tags,
        ids=release.ids,
        season=release.season,
    )


class RowView(Sequence[Row]):
    """Rows made on demand from standings, so that a long listing never holds them all."""

    def __init__(
        self,
        standings: Sequence[Standing],
        today: dt.date,
        marked: Marks = NO_MARKS,
        *,
        moves: bool = True,
    ) -> None:
        self.standings, self.today, self.marked, self.moves = standings, today, marked, moves

    def __len__(self) -> int:
        return len(self.standings)

    def __getitem__(self, index: int) -> Row:  # type: ignore[override]
        return release_row(self.standings[index], self.today, self.marked, moves=self.moves)

    def __iter__(self) -> Iterator[Row]:
        return (release_row(s, self.today, self.marked, moves=self.moves) for s in self.standings)

    def without_moves(self) -> "RowView":
        """The same rows without history rows, slips and change kinds (``release_row``'s
        ``moves``), for a view that shows none of them."""
        return RowView(self.standings, self.today, self.marked, moves=False)


class Brief(NamedTuple):
    """The few fields that name a title and its countdown (a person's next release)."""

    id: str
    title: str
    date: str
    days_remaining: int | None
    countdown: str
    status: Status


class PersonRow(NamedTuple):
    name: str
    roles: tuple[str, ...]
    titles: tuple[str, ...]  # ids, in countdown order
    next: Brief | None


def person_row(person: Person, today: dt.date) -> PersonRow:
    upcoming = person.next
    brief = None
    if upcoming is not None:
        row = release_row(upcoming, today)
        brief = Brief(row.id, row.title, row.date, row.days_remaining, row.countdown, row.status)
    return PersonRow(person.name, person.roles, tuple(s.release.id for s in person.titles), brief)


PEOPLE_SORTS: Final = ("name", "titles", "next")


def sort_people(people: Sequence[PersonRow], order: str) -> list[PersonRow]:
    """People by name (as given), by number of titles (most first), or by their next release
    (soonest first; people with none last). Ties keep the given order."""
    if order == "titles":
        return sorted(people, key=lambda p: -len(p.titles))
    if order == "next":
        far = 10**9
        return sorted(
            people,
            key=lambda p: (
                p.next is None,
                far if p.next is None or p.next.days_remaining is None else p.next.days_remaining,
            ),
        )
    return list(people)
