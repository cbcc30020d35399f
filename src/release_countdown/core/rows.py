"""The typed rows every output is made from: ``release_row`` is the one maker.

Formats (JSON, CSV, templates, ICS) and views (tables, timeline, show) consume these rows and
never reach back into the model. Days stay ``date`` values here; the JSON form (with ISO
strings, see formats/jsonrows.py) is what `list --json` prints and rows.schema.json describes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Final, NamedTuple

from release_countdown.core.dates import DateSpec, PrecisionName, countdown_words, days_between
from release_countdown.core.model import Status
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


class HistoryRow(NamedTuple):
    announced: DateSpec | None
    date: str
    precision: PrecisionName
    earliest: dt.date | None
    latest: dt.date | None
    title: str | None
    note: str | None


class Slip(NamedTuple):
    """How far a title has moved: the dates announced for it, first to the one in force."""

    first_date: str
    announcements: int
    postponed: int
    moved_up: int
    days_later: int


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
    sources: tuple[str, ...]
    note: str | None
    source: str


def _days(today: dt.date, day: dt.date | None) -> int | None:
    return days_between(today, day) if day is not None else None


def days_left(today: dt.date, earliest: dt.date | None, latest: dt.date | None) -> int | None:
    """Calendar days from ``today`` to ``earliest``; 0 inside a window that has begun (a due
    title's wait is over until its last day, ``days_remaining_max``); negative once past."""
    days = _days(today, earliest)
    if days is not None and days < 0 and latest is not None and latest >= today:
        return 0
    return days


def slip_of(standing: Standing) -> Slip | None:
    days = [h.date for h in standing.history]
    if (
        days
        and standing.date != days[-1]
        and len(standing.history) == len(standing.release.history)
    ):
        days.append(standing.date)  # the headline moved on without a history entry
    dated = [
        (d.earliest, d.latest) for d in days if d.earliest is not None and d.latest is not None
    ]
    if not dated:
        return None
    # A move's direction compares the middles of the windows ("late 2031" after 2031-09-09
    # is a postponement); the distance counts from earliest day to earliest day.
    middles = [first.toordinal() + last.toordinal() for first, last in dated]
    pairs = list(pairwise(middles))
    return Slip(
        first_date=days[0].iso(),
        announcements=len(standing.history),
        postponed=sum(later > earlier for earlier, later in pairs),
        moved_up=sum(later < earlier for earlier, later in pairs),
        days_later=days_between(dated[0][0], dated[-1][0]),
    )


def release_row(standing: Standing, today: dt.date) -> Row:
    """The one row every output is made from."""
    release, spec = standing.release, standing.date
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
            )
            for d in sorted(standing.dates, key=date_order)
        ),
        history=tuple(
            HistoryRow(
                h.announced,
                h.date.iso(),
                h.date.precision.value,
                h.date.earliest,
                h.date.latest,
                h.title,
                h.note,
            )
            for h in standing.history
        ),
        slip=slip_of(standing),
        sources=release.sources,
        note=release.note,
        source=release.source,
    )


class RowView(Sequence[Row]):
    """Rows made on demand from standings, so that a long listing never holds them all."""

    def __init__(self, standings: Sequence[Standing], today: dt.date) -> None:
        self.standings, self.today = standings, today

    def __len__(self) -> int:
        return len(self.standings)

    def __getitem__(self, index: int) -> Row:  # type: ignore[override]
        return release_row(self.standings[index], self.today)

    def __iter__(self) -> Iterator[Row]:
        return (release_row(s, self.today) for s in self.standings)


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
