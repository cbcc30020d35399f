"""What stood on a day: the title, date and dates of a release as known then, and its status.

``today`` is always passed in.
"""

import datetime
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple, TypeVar

from release_countdown.core.dates import DateSpec
from release_countdown.core.matching import did_you_mean, find, fold, one
from release_countdown.core.model import (
    MAIN_TYPES,
    NOT_RELEASES,
    WORLDWIDE,
    HistoryEntry,
    Release,
    Status,
    TypedDate,
)
from release_countdown.core.record import LABELS


class Standing(NamedTuple):
    """A release as it stood on one day: the title, date and dates known then.

    ``recorded`` is the day the title's record begins when that is after the day asked for
    (a title imported today, seen as of last year): the date then is the first recorded one."""

    release: Release
    title: str
    aliases: tuple[str, ...]
    date: DateSpec
    region: str | None
    release_type: str | None
    dates: tuple[TypedDate, ...]
    history: tuple[HistoryEntry, ...]
    status: Status
    recorded: datetime.date | None = None  # `date` is a field's name here


def _known(announced: DateSpec | None, today: date) -> bool:
    """Whether something was public on ``today`` (unknown announcement: known from the start)."""
    return announced is None or announced.earliest is None or announced.earliest <= today


_Entry = TypeVar("_Entry", HistoryEntry, TypedDate)


def _known_by(entries: tuple[_Entry, ...], today: date) -> tuple[_Entry, ...]:
    """The entries public on ``today`` (see ``_known``); the same tuple when all of them were,
    as they are on most days asked (no new tuple a title, on 10,000 titles)."""
    for entry in entries:
        if not _known(entry.announced, today):
            return tuple(e for e in entries if _known(e.announced, today))
    return entries


# What `import` writes on the entry that begins a title's record ("from TMDB"): the day of that
# entry is when the title was recorded, not when it was announced.
SOURCE_LABELS = tuple(LABELS.values())
_IMPORTED = frozenset(f"from {label}" for label in SOURCE_LABELS)


def recorded_by_import(entry: HistoryEntry) -> bool:
    """Whether ``entry`` was written by `import` or `refresh` (its note is "from SOURCE")."""
    return entry.note in _IMPORTED


def first_written(release: Release) -> HistoryEntry | None:
    """The history entry first in the file: the one that began the title's record."""
    if not release.history:
        return None
    positions = release.history_positions
    return release.history[positions.index(0)] if positions else release.history[0]


def known_since(release: Release) -> date | None:
    """The day a title counts as known; before it, views as of an earlier day leave it out.

    ``announced`` on the release says it. Else a history begun by hand with an announcement
    day (the first entry in the file has one, and `import` did not write it) dates the title
    by its earliest announcement. Else (no history; a first entry without an announcement
    day, as `postpone` writes for the date in force before; or one written by `import`) the
    title is known from the start, shown before its record began with the first recorded
    date. So `postpone --announced DAY` dates the new entry, never the title's existence.
    """
    if release.announced is not None:
        return release.announced.earliest
    first = first_written(release)
    if first is None or first.announced is None or recorded_by_import(first):
        return None
    days = [h.announced.earliest for h in release.history if h.announced and h.announced.earliest]
    return min(days) if days else None


def status_of(spec: DateSpec, today: date) -> Status:
    """upcoming, today (an exact day), due (inside a fuzzy window), released or tba."""
    if spec.earliest is None or spec.latest is None:
        return "tba"
    if today < spec.earliest:
        return "upcoming"
    if today > spec.latest:
        return "released"
    return "today" if spec.exact else "due"


def date_order(typed: TypedDate) -> tuple[date, date]:
    spec = typed.date
    return (spec.earliest or date.max, spec.latest or date.max)


def _regional(release: Release, dates: Sequence[TypedDate], region: str) -> TypedDate | None:
    """The date of ``region`` for the kind's main release type, else its earliest one that is
    a release (model.NOT_RELEASES: no premiere, no finale)."""
    own = [d for d in dates if d.region == region]
    for kind in MAIN_TYPES.get(release.kind, ()):
        if typed := [d for d in own if d.type == kind]:
            return min(typed, key=date_order)
    if others := [d for d in own if d.type not in NOT_RELEASES]:
        return min(others, key=date_order)
    # A worldwide release of the kind's main type (an album's digital release) is the
    # region's too; a worldwide streaming date is not a film's release in cinemas.
    worldwide = [d for d in dates if d.region == WORLDWIDE]
    for kind in MAIN_TYPES.get(release.kind, ()):
        if typed := [d for d in worldwide if d.type == kind]:
            return min(typed, key=date_order)
    return None


def stand(release: Release, today: date, region: str | None = None) -> Standing | None:
    """The release as it stood on ``today``, or None when it was not yet announced."""
    since = known_since(release)
    if since is not None and since > today:
        return None
    history = _known_by(release.history, today)
    # The headline date is the present state; history says what was in force before the
    # latest announcement.
    superseded = len(history) < len(release.history)
    spec = history[-1].date if superseded and history else release.date
    recorded = None
    if superseded and not history and since is None:
        # Known from the start, but recorded later (an import): its first recorded date.
        # (With ``announced`` on the release, the headline stands, as it always has.)
        first = release.history[0]  # announced after today: unannounced entries sort first
        spec = first.date
        recorded = first.announced.earliest if first.announced else None
    title = release.title
    if superseded:
        titled = [h.title for h in history if h.title] or [
            h.title for h in release.history if h.title
        ][:1]
        if titled and titled[-1] is not None:
            title = titled[-1]
    aliases = release.aliases
    if title is not release.title and fold(title) != fold(release.title):
        aliases = (release.title, *(a for a in release.aliases if fold(a) != fold(title)))
    # Regional dates without an announcement day describe the present schedule: when the
    # schedule has changed since ``today``, only those announced by then are known.
    dates = (
        tuple(d for d in release.dates if d.announced is not None and _known(d.announced, today))
        if superseded
        else _known_by(release.dates, today)
    )
    used_region = used_type = None
    if region is not None:
        chosen = _regional(release, dates, region)
        if chosen is not None:
            spec, used_region, used_type = chosen.date, chosen.region, chosen.type
    return Standing(
        release, title, aliases, spec, used_region, used_type, dates, history,
        status_of(spec, today), recorded,
    )  # fmt: skip


def standings(
    releases: Sequence[Release], today: date, region: str | None = None
) -> list[Standing]:
    """Every release announced by ``today``, as it stood then."""
    return [s for r in releases if (s := stand(r, today, region)) is not None]


def year_of(spec: DateSpec) -> str:
    """The year a date falls in (the first year of a window), or "" for TBA: what tells two
    releases of one title apart (``blade-2027``)."""
    return str(spec.earliest.year) if spec.earliest is not None else ""


def id_and_year(release: Release) -> str:
    """``blade (1998)``: a release as a lookup that several titles answer lists it."""
    return f"{release.id} ({year_of(release.date) or 'TBA'})"


def names_of(standing: Standing) -> list[str]:
    """What a title answers to: its id, the title in force and its aliases."""
    return [standing.release.id, standing.title, *standing.aliases]


def one_title(
    everyone: Sequence[Standing],
    name: str,
    releases: Sequence[Release] = (),
    today: date | None = None,
) -> Standing:
    """The one title named ``name`` (see core.matching.one). When none matches, a title of
    ``releases`` that was announced after ``today`` is named as such; else the closest names
    are suggested."""

    def missing(name: str) -> str:
        later = find(releases, name, lambda r: (r.id, r.title, *r.aliases))
        if len(later) == 1 and today is not None:
            when = known_since(later[0])
            return (
                f'"{later[0].title}" was not announced yet on {today.isoformat()} '
                f"(announced {when.isoformat() if when else 'later'}); try a later --as-of"
            )
        candidates = (n for s in everyone for n in (*names_of(s)[1:], s.release.id))
        return f"no title matches {name!r}{did_you_mean(candidates, name)}"

    return one(
        everyone,
        name,
        names_of,
        shown=lambda s: f"{s.release.id}  {s.title}",
        missing=missing,
        ident=lambda s: s.release.id,
        dated=lambda s: id_and_year(s.release),
    )
