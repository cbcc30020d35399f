"""From releases to rows: what stood on a day, filtering, ordering and the one row schema.

``today`` is always passed in. Every output format (table, JSON, CSV, templates) consumes
the rows made by ``release_row``; none reaches back into the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import Any, Final, NamedTuple

from release_countdown.dates import DateSpec, countdown_between, countdown_words, days_between
from release_countdown.model import MAIN_TYPES, WORLDWIDE, HistoryEntry, Release, TypedDate
from release_countdown.text import fold

RECENT_DAYS: Final = 30  # the default view keeps titles released this many days ago or less

Row = dict[str, Any]


class Standing(NamedTuple):
    """A release as it stood on one day: the title, date and dates known then."""

    release: Release
    title: str
    aliases: tuple[str, ...]
    date: DateSpec
    region: str | None
    release_type: str | None
    dates: tuple[TypedDate, ...]
    history: tuple[HistoryEntry, ...]
    status: str


def _known(announced: DateSpec | None, today: date) -> bool:
    """Whether something was public on ``today`` (unknown announcement: known from the start)."""
    return announced is None or announced.earliest is None or announced.earliest <= today


def status_of(spec: DateSpec, today: date) -> str:
    return status_between(today, spec.earliest, spec.latest, spec.exact)


def status_between(today: date, earliest: date | None, latest: date | None, exact: bool) -> str:
    if earliest is None or latest is None:
        return "tba"
    if today < earliest:
        return "upcoming"
    if today > latest:
        return "released"
    return "today" if exact else "due"


def _regional(release: Release, dates: Sequence[TypedDate], region: str) -> TypedDate | None:
    """The date of ``region`` for the kind's main release type, else its earliest non-premiere."""
    own = [d for d in dates if d.region == region]
    for kind in MAIN_TYPES.get(release.kind, ()):
        if typed := [d for d in own if d.type == kind]:
            return min(typed, key=_date_order)
    if others := [d for d in own if d.type != "premiere"]:
        return min(others, key=_date_order)
    # A worldwide release of the kind's main type (an album's digital release) is the
    # region's too; a worldwide streaming date is not a film's release in cinemas.
    worldwide = [d for d in dates if d.region == WORLDWIDE]
    for kind in MAIN_TYPES.get(release.kind, ()):
        if typed := [d for d in worldwide if d.type == kind]:
            return min(typed, key=_date_order)
    return None


def _date_order(typed: TypedDate) -> tuple[date, date]:
    spec = typed.date
    return (spec.earliest or date.max, spec.latest or date.max)


def stand(release: Release, today: date, region: str | None = None) -> Standing | None:
    """The release as it stood on ``today``, or None when it was not yet announced."""
    announced_on = release.announced_on
    if announced_on is not None and announced_on > today:
        return None
    history = tuple(h for h in release.history if _known(h.announced, today))
    # The headline date is the present state; history says what was in force before the
    # latest announcement.
    superseded = len(history) < len(release.history)
    spec = history[-1].date if superseded and history else release.date
    title = release.title
    if superseded:
        titled = [h.title for h in history if h.title] or [
            h.title for h in release.history if h.title
        ][:1]
        if titled and titled[-1] is not None:
            title = titled[-1]
    aliases = release.aliases
    if fold(title) != fold(release.title):
        aliases = (release.title, *(a for a in release.aliases if fold(a) != fold(title)))
    # Regional dates without an announcement day describe the present schedule: when the
    # schedule has changed since ``today``, only those announced by then are known.
    dates = tuple(
        d
        for d in release.dates
        if _known(d.announced, today) and not (superseded and d.announced is None)
    )
    used_region = used_type = None
    if region is not None:
        chosen = _regional(release, dates, region)
        if chosen is not None:
            spec, used_region, used_type = chosen.date, chosen.region, chosen.type
    return Standing(
        release,
        title,
        aliases,
        spec,
        used_region,
        used_type,
        dates,
        history,
        status_of(spec, today),
    )


# --- the row --------------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _days(today: date, day: date | None) -> int | None:
    return days_between(today, day) if day is not None else None


def _spec_fields(spec: DateSpec, today: date) -> Row:
    return {
        "date": spec.iso(),
        "precision": spec.precision.value,
        "earliest": _iso(spec.earliest),
        "latest": _iso(spec.latest),
        "days_remaining": _days(today, spec.earliest),
        "days_remaining_max": _days(today, spec.latest),
    }


def slip_of(standing: Standing) -> Row | None:
    """How far a title has moved: the dates announced for it, first to the one in force."""
    days = [h.date for h in standing.history]
    if (
        days
        and standing.date != days[-1]
        and len(standing.history) == len(standing.release.history)
    ):
        days.append(standing.date)  # the headline moved on without a history entry
    dated = [d for d in days if d.earliest is not None and d.latest is not None]
    if not dated:
        return None
    # A move's direction compares the middles of the windows ("late 2031" after 2031-09-09
    # is a postponement); the distance counts from earliest day to earliest day.
    middles = [d.earliest.toordinal() + d.latest.toordinal() for d in dated]  # type: ignore[union-attr]
    pairs = list(pairwise(middles))
    return {
        "first_date": days[0].iso(),
        "announcements": len(standing.history),
        "postponed": sum(later > earlier for earlier, later in pairs),
        "moved_up": sum(later < earlier for earlier, later in pairs),
        "days_later": days_between(dated[0].earliest, dated[-1].earliest),  # type: ignore[arg-type]
    }


def release_row(standing: Standing, today: date) -> Row:
    """The one row every output format is made from (its JSON Schema ships with the package)."""
    release, spec = standing.release, standing.date
    return {
        "id": release.id,
        "title": standing.title,
        "aliases": list(standing.aliases),
        "kind": release.kind,
        "franchise": release.franchise,
        **_spec_fields(spec, today),
        "status": standing.status,
        "countdown": countdown_words(today, spec),
        "region": standing.region,
        "release_type": standing.release_type,
        "announced": release.announced.iso() if release.announced else None,
        "checked": _iso(release.checked),
        "people": {role: list(names) for role, names in release.people.items()},
        "dates": [
            {
                "region": d.region,
                "type": d.type,
                **_spec_fields(d.date, today),
                "where": d.where,
                "announced": d.announced.iso() if d.announced else None,
                "note": d.note,
            }
            for d in sorted(standing.dates, key=_date_order)
        ],
        "history": [
            {
                "announced": h.announced.iso() if h.announced else None,
                "date": h.date.iso(),
                "precision": h.date.precision.value,
                "earliest": _iso(h.date.earliest),
                "latest": _iso(h.date.latest),
                "title": h.title,
                "note": h.note,
            }
            for h in standing.history
        ],
        "slip": slip_of(standing),
        "sources": list(release.sources),
        "note": release.note,
        "source": release.source,
    }


# --- rows made ahead (for the parse cache) --------------------------------------------------

_HOLE: Final = "\x00release-countdown:{}\x00"
_MARK: Final = '"\\u0000release-countdown:'  # how json.dumps writes the start of a hole
_MARKS: Final = re.compile(r'"\\u0000release-countdown:\d+\\u0000"')
# What fills a hole: days from today to a day, the status, or the countdown words.
DAYS, STATUS, WORDS = 0, 1, 2


def settled_on(release: Release) -> date:
    """The day from which every announcement about ``release`` was public: from then on, the
    release stands the same way on every day (only the day's figures change)."""
    days = [release.announced_on]
    days += [h.announced.earliest for h in release.history if h.announced]
    days += [d.announced.earliest for d in release.dates if d.announced]
    known = [day for day in days if day is not None]
    return max(known) if known else date.min


class RowTemplate(NamedTuple):
    """A row's JSON text with holes for the figures of the day (see ``row_template``)."""

    since: int  # the ordinal of the first day it holds for
    first: int | None  # the headline's earliest and latest days, as ordinals
    last: int | None
    exact: bool
    title: str  # folded, and the id: for ordering
    ident: str
    text: str  # the row's JSON with a NUL at each hole (JSON text never holds a raw NUL)
    holes: list[list[Any]]  # [DAYS, day] | [STATUS, first, last, exact] | [WORDS, first, last]


def row_template(release: Release) -> RowTemplate | None:
    """``release_row``'s JSON for ``release`` on any day from ``settled_on(release)`` (with no
    region asked), with the figures that depend on the day left as holes. ``fill_row`` makes
    the row's JSON text on a day; a test checks it equals what ``release_row`` makes.
    """
    since = settled_on(release)
    standing = stand(release, since)
    if standing is None:
        return None
    row = release_row(standing, since)
    spec = standing.date
    first, last = _ordinal(spec.earliest), _ordinal(spec.latest)
    holes: list[list[Any]] = [[DAYS, first], [DAYS, last], [STATUS, first, last, spec.exact]]
    holes.append([WORDS, first, last])
    row["days_remaining"], row["days_remaining_max"], row["status"], row["countdown"] = (
        _HOLE.format(n) for n in range(4)
    )
    for fields, typed in zip(row["dates"], sorted(standing.dates, key=_date_order), strict=True):
        fields["days_remaining"] = _HOLE.format(len(holes))
        holes.append([DAYS, _ordinal(typed.date.earliest)])
        fields["days_remaining_max"] = _HOLE.format(len(holes))
        holes.append([DAYS, _ordinal(typed.date.latest)])
    import json

    text = json.dumps(row, ensure_ascii=False)
    if text.count(_MARK) != len(holes) or "\x00" in text:
        return None  # the registry itself holds a mark: make this row the usual way
    text = _MARKS.sub("\x00", text)  # the marks appear in the order they were made
    name = fold(standing.title)
    return RowTemplate(since.toordinal(), first, last, spec.exact, name, release.id, text, holes)


def _ordinal(day: date | None) -> int | None:
    return day.toordinal() if day is not None else None


def fill_row(text: str, holes: Sequence[Sequence[Any]], today: date) -> str:
    """The JSON text of a row made by ``row_template``, on ``today``."""
    from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) uses

    day = today.toordinal()
    segments = text.split("\x00")
    parts = [segments[0]]
    for hole, segment in zip(holes, segments[1:], strict=True):
        what = hole[0]
        if what == DAYS:
            parts.append("null" if hole[1] is None else str(hole[1] - day))
        elif what == STATUS:
            parts.append(f'"{_status_on(today, hole[1], hole[2], hole[3])}"')
        else:
            parts.append(encode_basestring(_words_on(today, hole[1], hole[2])))
        parts.append(segment)
    return "".join(parts)


def day_of(ordinal: int | None) -> date | None:
    return date.fromordinal(ordinal) if ordinal is not None else None


def _status_on(today: date, first: int | None, last: int | None, exact: bool) -> str:
    return status_between(today, day_of(first), day_of(last), exact)


@lru_cache(maxsize=4096)
def _words_on(today: date, first: int | None, last: int | None) -> str:
    # Titles share windows (a quarter, a year, a day): each is worded once a run.
    return countdown_between(today, day_of(first), day_of(last))


# --- the query ------------------------------------------------------------------------------


class Query(NamedTuple):
    """What `list` (and every command built on it) asks of the registry."""

    today: date | None = None  # the day asked (informs the cache prefilter only)
    composers: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    within_until: date | None = None  # inclusive last day of --within
    search: tuple[str, ...] = ()
    sort: str = "countdown"
    reverse: bool = False
    limit: int | None = None
    region: str | None = None
    show_all: bool = False


def _names_match(names: Iterable[str], needles: Sequence[str]) -> bool:
    folded_needles = [fold(needle) for needle in needles]
    for name in names:  # loops, not generators: this runs for every title of a registry
        folded = fold(name)
        for needle in folded_needles:
            if needle in folded:
                return True
    return False


def _role_names(release: Release, role: str) -> list[str]:
    found: list[str] = []
    for each_role, names in release.people.items():
        if each_role == role or fold(each_role) == role:
            found.extend(names)
    return found


def _in_default_view(standing: Standing, today: date) -> bool:
    return in_default_view(standing.status, standing.date.latest, today)


def in_default_view(status: str, latest: date | None, today: date) -> bool:
    """Upcoming, due, TBA, or released at most RECENT_DAYS ago."""
    if status != "released":
        return True
    return latest is not None and days_between(latest, today) <= RECENT_DAYS


def _within(standing: Standing, today: date, until: date) -> bool:
    spec = standing.date
    if spec.earliest is None or spec.latest is None:
        return False
    return spec.earliest <= until and spec.latest >= today


def release_matches(release: Release, query: Query) -> bool:
    """The filters that do not depend on the day (checked first: they are cheaper)."""
    if query.kinds and release.kind not in query.kinds:
        return False
    if query.composers and not _names_match(_role_names(release, "composer"), query.composers):
        return False
    if query.directors and not _names_match(_role_names(release, "director"), query.directors):
        return False
    return not query.persons or _names_match(
        (n for names in release.people.values() for n in names), query.persons
    )


def status_matches(status: str, latest: date | None, query: Query, today: date) -> bool:
    """--status, else the default view (unless --all)."""
    if query.statuses:
        return status in query.statuses
    return query.show_all or in_default_view(status, latest, today)


def matches(standing: Standing, query: Query, today: date) -> bool:
    if not status_matches(standing.status, standing.date.latest, query, today):
        return False
    if query.search and not _names_match((standing.title, *standing.aliases), query.search):
        return False
    return query.within_until is None or _within(standing, today, query.within_until)


_GROUP: Final = {"upcoming": 0, "today": 0, "due": 0, "tba": 1, "released": 2}


def sort_key(standing: Standing, sort: str) -> tuple[Any, ...]:
    """A total order: ties fall back to the folded title, then the id."""
    spec, name = standing.date, (fold(standing.title), standing.release.id)
    return order_key(sort, standing.status, spec.earliest, spec.latest, name)


def order_key(
    sort: str, status: str, first: date | None, last: date | None, name: tuple[str, str]
) -> tuple[Any, ...]:
    if sort == "title":
        return name
    if first is None or last is None:
        return (1, date.max, date.max, *name) if sort == "date" else (1, 0, *name)
    if sort == "date":
        return (0, first, last, *name)
    group = _GROUP[status]
    if group == 2:  # released: most recent first
        return (2, -last.toordinal(), -first.toordinal(), *name)
    return (group, first.toordinal(), last.toordinal(), *name)


def standing_in(release: Release, query: Query, today: date) -> Standing | None:
    """The release as it stood on ``today``, when ``query`` keeps it."""
    if not release_matches(release, query):
        return None
    standing = stand(release, today, query.region)
    return standing if standing is not None and matches(standing, query, today) else None


def select(releases: Iterable[Release], query: Query, today: date) -> list[Standing]:
    """The releases that match ``query`` as they stood on ``today``, in the asked order."""
    found = [s for release in releases if (s := standing_in(release, query, today)) is not None]
    found.sort(key=lambda s: sort_key(s, query.sort), reverse=query.reverse)
    return found[: query.limit] if query.limit is not None else found


class RowView(Sequence[Row]):
    """Rows made on demand from standings, so that a long listing never holds them all."""

    def __init__(self, standings: list[Standing], today: date) -> None:
        self.standings, self.today = standings, today

    def __len__(self) -> int:
        return len(self.standings)

    def __getitem__(self, index: int) -> Row:  # type: ignore[override]
        return release_row(self.standings[index], self.today)

    def __iter__(self) -> Iterator[Row]:
        return (release_row(s, self.today) for s in self.standings)


def rows(releases: Iterable[Release], query: Query, today: date) -> list[Row]:
    return [release_row(s, today) for s in select(releases, query, today)]


# --- looking titles and people up -----------------------------------------------------------


def names_of(standing: Standing) -> list[str]:
    return [standing.release.id, standing.title, *standing.aliases]


def find(standings: Sequence[Standing], name: str) -> list[Standing]:
    """Titles named ``name``: an exact id, title or alias first, else a part of one."""
    needle = fold(name)
    exact = [s for s in standings if any(fold(n) == needle for n in names_of(s))]
    if exact:
        return exact
    return [s for s in standings if any(needle in fold(n) for n in names_of(s))]


def suggestions(candidates: Iterable[str], name: str, n: int = 3) -> list[str]:
    """The closest names to ``name``, for "did you mean" hints."""
    import difflib

    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    close = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=0.5)
    return [by_fold[c] for c in close]


def standings(
    releases: Iterable[Release], today: date, region: str | None = None
) -> list[Standing]:
    """Every release announced by ``today``, as it stood then."""
    return [s for r in releases if (s := stand(r, today, region)) is not None]


def is_next(standing: Standing) -> bool:
    return standing.status in ("upcoming", "today")


class Person(NamedTuple):
    name: str
    roles: tuple[str, ...]
    titles: tuple[Standing, ...]  # in countdown order

    @property
    def next(self) -> Standing | None:
        return next((s for s in self.titles if is_next(s)), None)


def people_of(found: Iterable[Standing], role: str | None = None) -> list[Person]:
    """Everyone credited in ``found`` (optionally in one role), alphabetically."""
    credits: dict[str, tuple[str, dict[str, None], dict[str, Standing]]] = {}
    for standing in found:
        for each_role, names in standing.release.people.items():
            if role is not None and fold(each_role) != fold(role):
                continue
            for name in names:
                _, roles, titles = credits.setdefault(fold(name), (name, {}, {}))
                roles[each_role] = None
                titles[standing.release.id] = standing
    return [
        Person(
            name,
            tuple(roles),
            tuple(sorted(titles.values(), key=lambda s: sort_key(s, "countdown"))),
        )
        for name, roles, titles in sorted(credits.values(), key=lambda c: fold(c[0]))
    ]


def brief(standing: Standing, today: date) -> Row:
    """The few fields that name a title and its countdown (for people's next release)."""
    row = release_row(standing, today)
    keys = ("id", "title", "date", "days_remaining", "countdown", "status")
    return {key: row[key] for key in keys}


def person_row(person: Person, today: date) -> Row:
    upcoming = person.next
    return {
        "name": person.name,
        "roles": list(person.roles),
        "titles": [s.release.id for s in person.titles],
        "next": brief(upcoming, today) if upcoming is not None else None,
    }
