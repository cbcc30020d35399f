"""`countdown slips`: how far the record's dates moved, counted (descriptive figures only).

Pure: standings and the day in, a typed ``Slips`` out. Every change is the one meaning of
core/changes.py; the dates a title went through are core/rows.py ``dated_steps``.

``--by kind`` groups the changes themselves: a title counts once in each kind it went
through, and the days are of each change of that kind. Every other ``--by`` groups titles:
the days moved of a title are the gap between its first announced window and the one in
force (0 when they overlap), and the median and largest are over the titles that moved.
Horizon bands are the whole months from the first announcement day to the earliest day of
the date in force: under 6, 6–12, 12–24, 24 or more; "unknown" without an announcement day
or a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from statistics import median
from typing import Final, NamedTuple

from release_countdown.core.changes import Change, Kind, change_of, changes_along, since_rechosen
from release_countdown.core.dates import Precision
from release_countdown.core.rows import dated_steps
from release_countdown.core.standing import Standing

BYS: Final = ("kind", "precision", "horizon", "person", "franchise")
HORIZONS: Final = ("<6 months", "6–12 months", "12–24 months", "24+ months", "unknown")
NONE: Final = "(none)"


class SlipGroup(NamedTuple):
    """One line of the breakdown: its titles, those that moved, their changes and days."""

    group: str
    titles: int
    moved: int
    changes: int
    median_days: float | None  # over ``n`` values; None when n is 0
    largest_days: int | None
    n: int  # how many values the median and largest are of


class Slips(NamedTuple):
    as_of: dt.date
    by: str
    titles: int
    moved: int
    changes: int
    median_days: float | None  # over the titles that moved: gap from first announced to now
    largest_days: int | None
    n: int
    groups: tuple[SlipGroup, ...]


class _Title(NamedTuple):
    standing: Standing
    changes: tuple[Change, ...]  # every change of date but "unchanged"
    days: int  # the gap from the first announced window to the one in force


def _title(standing: Standing) -> _Title:
    steps = dated_steps(standing)
    changes = changes_along(steps)
    found = tuple(c for c in changes if c.kind not in (Kind.UNCHANGED, Kind.RECHOSEN))
    first = steps[since_rechosen(changes)].date if steps else None  # a re-choice is no move
    overall = change_of(first, steps[-1].date).days if first is not None else 0
    return _Title(standing, found, overall)


def _figures(days: Sequence[int]) -> tuple[float | None, int | None]:
    if not days:
        return None, None
    middle = median(days)
    return (float(middle), max(days))


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day and months > 0 else months


def horizon(standing: Standing) -> str:
    """The band of months between the first announcement and the date in force."""
    first = standing.history[0].announced if standing.history else standing.release.announced
    if first is None or first.earliest is None or standing.date.earliest is None:
        return HORIZONS[-1]
    months = months_between(first.earliest, standing.date.earliest)
    bands = ((6, 0), (12, 1), (24, 2))
    return next((HORIZONS[i] for limit, i in bands if months < limit), HORIZONS[3])


def _keys(title: _Title, by: str) -> Iterable[str]:
    standing = title.standing
    if by == "precision":
        steps = dated_steps(standing)
        yield (steps[0].date if steps else standing.date).precision.value
    elif by == "horizon":
        yield horizon(standing)
    elif by == "franchise":
        yield standing.release.franchise or NONE
    else:  # person: each person once, whatever their roles
        people = {n for names in standing.release.people.values() for n in names}
        yield from sorted(people) or [NONE]


def _title_group(name: str, titles: Sequence[_Title]) -> SlipGroup:
    moved = [t for t in titles if t.changes]
    middle, largest = _figures([t.days for t in moved])
    changes = sum(len(t.changes) for t in titles)
    return SlipGroup(name, len(titles), len(moved), changes, middle, largest, len(moved))


def _kind_groups(titles: Sequence[_Title]) -> list[SlipGroup]:
    groups = []
    for kind in Kind:
        having = [t for t in titles if any(c.kind is kind for c in t.changes)]
        days = [c.days for t in having for c in t.changes if c.kind is kind]
        if days:
            middle, largest = _figures(days)
            group = SlipGroup(
                kind.value, len(having), len(having), len(days), middle, largest, len(days)
            )
            groups.append(group)
    return groups


def slips(standings: Iterable[Standing], today: dt.date, by: str = "kind") -> Slips:
    """The record's moves as they stood on ``today``, broken down ``by`` one of BYS."""
    titles = [_title(s) for s in standings]
    if by == "kind":
        groups = _kind_groups(titles)
    else:
        keyed: dict[str, list[_Title]] = {}
        for title in titles:
            for key in _keys(title, by):
                keyed.setdefault(key, []).append(title)
        ranks = HORIZONS if by == "horizon" else [p.value for p in Precision]
        order = {name: i for i, name in enumerate(ranks)}
        names = sorted(keyed, key=lambda k: (k == NONE, order.get(k, 0), k.casefold()))
        groups = [_title_group(name, keyed[name]) for name in names]
    whole = _title_group("all", titles)
    return Slips(
        today, by, whole.titles, whole.moved, whole.changes, whole.median_days,
        whole.largest_days, whole.n, tuple(groups),
    )  # fmt: skip
