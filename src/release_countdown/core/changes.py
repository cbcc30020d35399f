"""What a change of date means: the one rule, over two windows (earliest, latest; TBA has none).

Every surface that tells a date change (``show``, the slip chart, JSON and CSV rows, ``notify``,
``/changes.atom``, the messages of ``postpone``, ``edit``, ``import`` and ``refresh``) asks
``change_between``; no other module compares two windows to decide a direction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from release_countdown.core.dates import DateSpec

Window = tuple[dt.date | None, dt.date | None]


class Kind(str, Enum):
    """The kinds of change; the value is the word every output prints."""

    UNCHANGED = "unchanged"  # the same window (or TBA both times)
    DATED = "dated"  # TBA → a date
    UNDATED = "undated"  # a date → TBA
    NARROWED = "narrowed"  # the new window inside the old: 2028 → 2028-05-26
    WIDENED = "widened"  # the old window inside the new: 2028-05-26 → 2028
    POSTPONED = "postponed"  # the new window wholly after the old
    MOVED_UP = "moved up"  # the new window wholly before the old
    SHIFTED_LATER = "shifted later"  # overlapping windows, the new one later at both ends
    SHIFTED_EARLIER = "shifted earlier"  # overlapping windows, the new one earlier at both ends
    # The date taken on another basis (`refresh --region`: another region's theatrical date):
    # a choice made on purpose, never a move, whatever the windows.
    RECHOSEN = "re-chosen"


class Change(NamedTuple):
    """A change of date: its kind and the days between the windows (0 when they overlap)."""

    kind: Kind
    days: int

    @property
    def signed_days(self) -> int:
        """``days``, negative when the date moved up."""
        return -self.days if self.kind is Kind.MOVED_UP else self.days


def window(spec: DateSpec) -> Window:
    """The days ``spec`` may fall on, as a window; (None, None) for TBA."""
    if spec.earliest is None or spec.latest is None:
        return (None, None)
    return (spec.earliest, spec.latest)


def change_between(old: Window, new: Window) -> Change:
    """The one meaning of a change from the window ``old`` to the window ``new``."""
    old_first, old_last = old
    new_first, new_last = new
    if old_first is None or old_last is None:
        return Change(Kind.UNCHANGED if new_first is None or new_last is None else Kind.DATED, 0)
    if new_first is None or new_last is None:
        return Change(Kind.UNDATED, 0)
    if (old_first, old_last) == (new_first, new_last):
        return Change(Kind.UNCHANGED, 0)
    if new_first > old_last:
        return Change(Kind.POSTPONED, (new_first - old_last).days)
    if new_last < old_first:
        return Change(Kind.MOVED_UP, (old_first - new_last).days)
    if old_first <= new_first and new_last <= old_last:
        return Change(Kind.NARROWED, 0)
    if new_first <= old_first and old_last <= new_last:
        return Change(Kind.WIDENED, 0)
    # Overlapping, neither inside the other: both ends moved the same way.
    return Change(Kind.SHIFTED_LATER if new_first > old_first else Kind.SHIFTED_EARLIER, 0)


def change_of(old: DateSpec, new: DateSpec) -> Change:
    """``change_between`` over two date specs."""
    return change_between(window(old), window(new))


def compatible(old: DateSpec, new: DateSpec) -> bool:
    """Whether ``new`` may be the same title's date as ``old``: either is TBA, the windows
    overlap, or they share a year (an import links to such an entry, not a new one)."""
    (old_first, old_last), (new_first, new_last) = window(old), window(new)
    if old_first is None or old_last is None or new_first is None or new_last is None:
        return True
    if change_of(old, new).kind not in (Kind.POSTPONED, Kind.MOVED_UP):
        return True
    return old_first.year <= new_last.year and new_first.year <= old_last.year


def kinds_along(windows: Iterable[Window]) -> list[Change]:
    """The change from each window to the next."""
    return [change_between(a, b) for a, b in pairwise(windows)]


class Step(NamedTuple):
    """A date a title went through, and the basis recorded with it (a history entry's
    ``headline``; None: the basis in force before it)."""

    date: DateSpec
    basis: str | None = None


def changes_along(steps: Sequence[Step]) -> list[Change]:
    """The change from each step to the next: a step that records a basis other than the
    one in force before it is a re-choice (whatever the windows), else ``change_of``."""
    found: list[Change] = []
    in_force = steps[0].basis if steps else None
    for before, after in pairwise(steps):
        if after.basis is not None and after.basis != in_force:
            found.append(Change(Kind.RECHOSEN, 0))
            in_force = after.basis
        else:
            found.append(change_of(before.date, after.date))
    return found


def since_rechosen(changes: Sequence[Change]) -> int:
    """The index of the first step on the basis in force (0 when never re-chosen): the date
    the one in force is compared with ("N days later than first announced")."""
    return max((i + 1 for i, c in enumerate(changes) if c.kind is Kind.RECHOSEN), default=0)


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _days(n: int) -> str:
    return f"{n:,} day{'s' if n != 1 else ''}"


def change_words(change: Change) -> str:
    """``postponed 30 days``, ``narrowed``, ``moved up 1 day``: a change in words."""
    if change.kind in (Kind.POSTPONED, Kind.MOVED_UP):
        return f"{change.kind.value} {_days(change.days)}"
    return str(change.kind.value)


def gap_words(change: Change, before: str = "") -> str:
    """``before`` + ``30 days later`` / ``1 day earlier`` for a move; "" when the windows meet."""
    if change.kind is Kind.POSTPONED:
        return f"{before}{_days(change.days)} later"
    if change.kind is Kind.MOVED_UP:
        return f"{before}{_days(change.days)} earlier"
    return ""


def text_change_words(old: object, new: object) -> str:
    """``moved up 1 day``, ``narrowed``, ``dated``: the change between two date forms as
    written (a missing one is TBA); "" when either is not a date form."""
    from release_countdown.core.dates import TBA, parse_date_text

    try:
        before = TBA if old is None else parse_date_text(str(old))
        after = TBA if new is None else parse_date_text(str(new))
    except ValueError:
        return ""
    return change_words(change_of(before, after))


def tally_words(counts: Mapping[Kind, int]) -> str:
    """``postponed twice, narrowed once``: how often each kind happened, in the kinds' order."""
    return ", ".join(f"{kind.value} {times(counts[kind])}" for kind in Kind if counts.get(kind))


def since_first_words(change: Change, first: str, *, rechosen: bool = False) -> str:
    """The date in force against the one first announced (``first``, as written); with
    ``rechosen``, against the first date of the basis in force."""
    kind = change.kind
    since, first_ = ("when re-chosen", "re-chosen") if rechosen else ("first announced",) * 2
    if kind is Kind.POSTPONED:
        return f"{_days(change.days)} later than {since}"
    if kind is Kind.MOVED_UP:
        return f"{_days(change.days)} earlier than {since}"
    if kind is Kind.UNCHANGED:
        return f"as {first_}" if first == "TBA" else f"on the date {first_}"
    if kind is Kind.NARROWED:
        return f"within the {first_} window ({first})"
    if kind is Kind.WIDENED:
        return f"wider than the {first_} window ({first})"
    if kind is Kind.DATED:
        return f"{first_} without a date"
    if kind is Kind.UNDATED:
        return f"without a date since {first_} ({first})"
    return f"{kind.value} than {since} ({first}), overlapping it"
