"""What `list` (and every command built on it) asks of a registry: filters, order, selection.

``today`` is always passed in. The query runs the same code whichever way the registry was
loaded (parsed afresh or from the cache).
"""

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from typing import Any, Final, NamedTuple

from release_countdown.core.dates import days_between
from release_countdown.core.marks import NO_MARKS, Marks, hidden_by_default
from release_countdown.core.matching import close_names, fold, names_hit, names_match, part_of
from release_countdown.core.model import ORIGIN_PREFIX, Release
from release_countdown.core.platforms import on_platforms
from release_countdown.core.seasons import is_premiere
from release_countdown.core.standing import Standing, stand

RECENT_DAYS: Final = 30  # the default view keeps titles released this many days ago or less
SORTS: Final = ("countdown", "date", "title")


class Query(NamedTuple):
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
    follows: tuple[str, ...] = ()  # follow names: titles whose origin is one of them
    marks: tuple[str, ...] = ()  # --mark: titles with one of these marks
    marked: Marks = NO_MARKS  # the user's marks (writing/marks.py)
    tags: tuple[str, ...] = ()  # titles with any of these tags
    premieres: bool = False  # season premieres only (core/seasons.is_premiere)
    platforms: tuple[str, ...] = ()  # titles with a typed date on one of these platforms

    @property
    def widened(self) -> bool:
        """Whether the view is wider than the default (for the hint when it is empty)."""
        return self.show_all or bool(self.statuses) or bool(self.marks)


def _credited(release: Release, role: str, folded_needles: list[str]) -> bool:
    """Whether someone credited in ``role`` (its folded name) is one of the needles."""
    for each_role, names in release.people.items():
        if (each_role == role or fold(each_role) == role) and names_hit(names, folded_needles):
            return True
    return False


def _brought_by(release: Release, follows: tuple[str, ...]) -> bool:
    """Whether a follow named in ``follows`` added the release (its ``origin``)."""
    origin = release.origin
    return origin is not None and origin[len(ORIGIN_PREFIX) :] in follows


def in_default_view(standing: Standing, today: date) -> bool:
    """Upcoming, due, TBA, or released at most RECENT_DAYS ago."""
    if standing.status != "released":
        return True
    latest = standing.date.latest
    return latest is not None and days_between(latest, today) <= RECENT_DAYS


def _within(standing: Standing, today: date, until: date) -> bool:
    spec = standing.date
    if spec.earliest is None or spec.latest is None:
        return False
    return spec.earliest <= until and spec.latest >= today


def release_filter(query: Query) -> Callable[[Release], bool]:
    """The filters that do not depend on the day (checked first: they are cheaper), made once
    a query: the function keeps a release when every filter asked for does."""
    checks: list[Callable[[Release], bool]] = []
    if kinds := query.kinds:
        checks.append(lambda release: release.kind in kinds)
    if follows := query.follows:
        checks.append(lambda release: _brought_by(release, follows))
    if tags := query.tags:
        checks.append(lambda release: any(tag in release.tags for tag in tags))
    if query.premieres:
        checks.append(is_premiere)
    if platforms := query.platforms:
        checks.append(lambda release: on_platforms((d.platform for d in release.dates), platforms))
    for role, asked in (("composer", query.composers), ("director", query.directors)):
        if asked:
            needles = [fold(name) for name in asked]
            checks.append(partial(_credited, role=role, folded_needles=needles))
    if query.persons:
        everyone = [fold(name) for name in query.persons]
        checks.append(
            lambda release: any(names_hit(names, everyone) for names in release.people.values())
        )
    if len(checks) == 1:
        return checks[0]
    return lambda release: all(check(release) for check in checks)


def matches(standing: Standing, query: Query, today: date) -> bool:
    """--mark, --status (either replaces the default view, as --all does), --search and
    --within. The default view leaves out released titles marked seen or skip."""
    mark = query.marked.get(standing.release.id)
    if query.marks and mark not in query.marks:
        return False
    if query.statuses:
        if standing.status not in query.statuses:
            return False
    elif not (query.show_all or query.marks) and (
        not in_default_view(standing, today) or hidden_by_default(mark, standing.status)
    ):
        return False
    if query.search and not names_match((standing.title, *standing.aliases), query.search):
        return False
    return query.within_until is None or _within(standing, today, query.within_until)


_GROUP: Final = {"upcoming": 0, "today": 0, "due": 0, "tba": 1, "released": 2}


def sort_key(standing: Standing, sort: str) -> tuple[Any, ...]:
    """A total order: ties fall back to the folded title, then the id."""
    spec, name = standing.date, (fold(standing.title), standing.release.id)
    first, last = spec.earliest, spec.latest
    if sort == "title":
        return name
    if first is None or last is None:
        return (1, date.max, date.max, *name) if sort == "date" else (1, 0, *name)
    if sort == "date":
        return (0, first, last, *name)
    group = _GROUP[standing.status]
    if group == 2:  # released: most recent first
        return (2, -last.toordinal(), -first.toordinal(), *name)
    return (group, first.toordinal(), last.toordinal(), *name)


def select(releases: Iterable[Release], query: Query, today: date) -> list[Standing]:
    """The releases that match ``query`` as they stood on ``today``, in the asked order."""
    keep, region = release_filter(query), query.region
    found = [
        standing
        for release in releases
        if keep(release)
        and (standing := stand(release, today, region)) is not None
        and matches(standing, query, today)
    ]
    found.sort(key=lambda s: sort_key(s, query.sort), reverse=query.reverse)
    return found[: query.limit] if query.limit is not None else found


NEXT_STATUSES: Final = ("upcoming", "today", "due")  # what `next` and a person's next count


def is_next(standing: Standing) -> bool:
    """Still to come or due now: a title due inside its window is next, not past."""
    return standing.status in NEXT_STATUSES


class Person(NamedTuple):
    name: str
    roles: tuple[str, ...]
    titles: tuple[Standing, ...]  # in countdown order

    @property
    def next(self) -> Standing | None:
        return next((s for s in self.titles if is_next(s)), None)


class UnknownPerson(NamedTuple):
    """A people filter's value that names nobody in the registry (in its role, if it has one)."""

    asked: str
    role: str | None
    elsewhere: bool  # someone of that name is credited in another role
    close: tuple[str, ...]  # names to suggest


def unknown_people(releases: Iterable[Release], query: Query) -> list[UnknownPerson]:
    """The --composer, --director and --person values that match no one in ``releases``."""
    asked: list[tuple[str | None, str]] = [
        *(("composer", n) for n in query.composers),
        *(("director", n) for n in query.directors),
        *((None, n) for n in query.persons),
    ]
    if not asked:
        return []
    by_role: dict[str, dict[str, None]] = {}
    for release in releases:
        for each_role, names in release.people.items():
            by_role.setdefault(fold(each_role), {}).update(dict.fromkeys(names))
    everyone = list({n: None for names in by_role.values() for n in names})
    unknown = []
    for role, name in asked:
        candidates = everyone if role is None else list(by_role.get(role, {}))
        if names_match(candidates, [name]):
            continue
        elsewhere = role is not None and names_match(everyone, [name])
        unknown.append(UnknownPerson(name, role, elsewhere, tuple(close_names(candidates, name))))
    return unknown


def people_of(
    found: Iterable[Standing], role: str | None = None, search: str | None = None
) -> list[Person]:
    """Everyone credited in ``found`` (optionally in one role, or whose name contains
    ``search``), alphabetically."""
    credits: dict[str, tuple[str, dict[str, None], dict[str, Standing]]] = {}
    needle = fold(search) if search else None
    for standing in found:
        for each_role, names in standing.release.people.items():
            if role is not None and fold(each_role) != fold(role):
                continue
            for name in names:
                if needle is not None and not part_of(needle, fold(name)):
                    continue
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


class Holdings(NamedTuple):
    """What a registry holds on a day, for the words of an empty view."""

    total: int
    coming: int  # upcoming, today, due or TBA
    released: int
    newest: Standing | None  # the most recently released title

    def words(self) -> str:
        """ "5 titles, all released; newest: X, released 2025-05-23", "12 titles, 3 to come"."""
        noun = "title" if self.total == 1 else "titles"
        if self.coming == 0 and self.newest is not None:
            every = "released" if self.total == 1 else "all released"
            newest = self.newest
            return (
                f"{self.total} {noun}, {every}; newest: {newest.title}, released "
                f"{newest.date.iso()}"
            )
        return f"{self.total} {noun}, {self.coming} to come"


def holdings(releases: Iterable[Release], today: date, region: str | None = None) -> Holdings:
    """How many titles stood on ``today``, how many are still to come, and the newest released."""
    total = coming = released = 0
    newest: Standing | None = None
    for release in releases:
        standing = stand(release, today, region)
        if standing is None:
            continue
        total += 1
        if standing.status != "released":
            coming += 1
            continue
        released += 1
        if newest is None or sort_key(standing, "countdown") < sort_key(newest, "countdown"):
            newest = standing
    return Holdings(total, coming, released, newest)


def roles_of(releases: Iterable[Release]) -> list[str]:
    """Every role credited in ``releases``, sorted: the stable ``people.*`` columns of CSV."""
    return sorted({role for release in releases for role in release.people})
