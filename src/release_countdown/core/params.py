"""Values typed by people, parsed once into typed values: days, durations, lead times,
regions, tags, choices, sorts, limits, and the `list` filters as a whole.

One parser for every edge: the CLI's option types (cli/parsers.py) and `countdown serve`'s
query parameters (``parse_query``) call the same converters, and only word the problem's
place differently ("Invalid value for '--within': …" there, "within: …" here).

Pure: no clock (a relative day is a ``DayArg`` resolved against the day it is given), no
settings (the default region is a parameter), no framework.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from release_countdown.core.errors import UsageError

if TYPE_CHECKING:
    from release_countdown.core.query import Query
    from release_countdown.core.schedule import Every

T = TypeVar("T")


class ParamError(UsageError):
    """A value refused: the parameter's ``name`` and the ``problem``, worded to be fixed."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


class Duration(NamedTuple):
    """``90d``: an amount and a unit (d, w, m or y); months and years are calendar ones."""

    amount: int
    unit: str

    def after(self, day: date) -> date:
        from release_countdown.core.dates import add_duration

        return add_duration(day, self.amount, self.unit)


class Leads(tuple[int, ...]):
    """Lead times in days, largest first (a class of its own: Typer reads a bare tuple
    annotation as a fixed number of values)."""

    __slots__ = ()


class OnKinds(frozenset[str]):
    """The kinds of notice `notify --on` asks for (core.notices.ON_KINDS)."""

    __slots__ = ()


class DayArg(NamedTuple):
    """A day as typed: a calendar day, or a distance from today ("today", "+30d", "-1y").

    ``on(today)`` is the day meant; the caller reads the clock once and hands it in."""

    text: str
    day: date | None = None
    offset: Duration | None = None

    @property
    def relative(self) -> bool:
        return self.day is None

    def on(self, today: date) -> date:
        if self.day is not None:
            return self.day
        assert self.offset is not None
        return self.offset.after(today)


# --- the converters: text -> typed value, or ParamError -------------------------------------


def day(text: str, name: str = "as_of", *, relative: bool = False) -> DayArg:
    """A YYYY-MM-DD day, or one typed as people write it ("18 December 2026", "2026/12/18");
    with ``relative``, also today, tomorrow, yesterday, +30d, -6w, +3m, -1y."""
    import re

    from release_countdown.core.dates import RELATIVE_HINT, relative_offset

    if relative:
        offset = relative_offset(text)
        if offset is not None:
            return DayArg(text, offset=Duration(*offset))
        expected = f"YYYY-MM-DD such as 2023-07-08, or {RELATIVE_HINT}"
    else:
        expected = "YYYY-MM-DD, e.g. 2023-07-08"
    stripped = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        try:
            return DayArg(text, day=date.fromisoformat(stripped))
        except ValueError as exc:
            raise ParamError(name, f"{text!r} is not a valid date ({exc})") from None
    from release_countdown.core.typed_dates import AmbiguousDate, typed_day

    try:
        found = typed_day(text)
    except AmbiguousDate as exc:
        raise ParamError(name, str(exc)) from None
    if found is None:
        raise ParamError(name, f"{text!r} is not a date (expected {expected})")
    return DayArg(text, day=found)


def duration(text: str, name: str = "within") -> Duration:
    """``90d``, ``12w``, ``6m``, ``1y``."""
    from release_countdown.core.dates import parse_duration

    try:
        return Duration(*parse_duration(text))
    except ValueError as exc:
        raise ParamError(name, str(exc)) from None


def leads(text: str, name: str = "lead", what: str = "a lead time") -> Leads:
    """Lead times in days, largest first: ``30d,7d,1d,0d`` or ``2w``."""
    from release_countdown.core.leads import parse_leads

    try:
        return Leads(parse_leads(text, what))
    except ValueError as exc:
        raise ParamError(name, str(exc)) from None


def own_leads(text: str, name: str = "lead") -> Leads:
    """A title's own lead times (`edit --lead 30d,1d`), or ``default`` for none: empty."""
    return Leads() if text.strip().lower() == "default" else leads(text, name)


def region(text: str, name: str = "region") -> str:
    """An ISO 3166-1 alpha-2 code or WW, upper case ("UK" is GB)."""
    from release_countdown.core.model import region_code

    try:
        return region_code(text)
    except ValueError as exc:
        raise ParamError(name, str(exc)) from None


def tag(text: str, name: str = "tag") -> str:
    """A tag as core.model.tag_of keeps it ("IMAX" is imax); else the slug it might be."""
    from release_countdown.core.matching import slugify
    from release_countdown.core.model import tag_of

    found = tag_of(text.strip().lower())
    if found is None:
        slug = slugify(text)
        meant = f"; did you mean {slug}?" if tag_of(slug) else " (e.g. must-see)"
        raise ParamError(name, f"{text!r} is not a tag: lower-case words joined by hyphens{meant}")
    return found


def _not_one_of(text: str, allowed: Sequence[str], name: str) -> ParamError:
    """ "'movie' is not one of film, album, ...; did you mean film?"."""
    from release_countdown.core.matching import did_you_mean

    hint = did_you_mean(allowed, text, quoted=False)
    return ParamError(name, f"{text!r} is not one of {', '.join(allowed)}{hint}")


def choices(text: str, allowed: Sequence[str], name: str) -> tuple[str, ...]:
    """One or more of ``allowed``, comma-separated, any case (``film,Album``)."""
    found: list[str] = []
    for part in text.split(","):
        item = part.strip().lower()
        if item not in allowed:
            raise _not_one_of(item, allowed, name)
        found.append(item)
    return tuple(found)


def one_of(text: str, allowed: Sequence[str], name: str) -> str:
    """Exactly one of ``allowed``, as written."""
    if text not in allowed:
        raise _not_one_of(text, allowed, name)
    return text


def on_kinds(text: str, name: str = "on") -> OnKinds:
    """Kinds of notice, comma-separated, as the record spells them (core.notices.ON_KINDS),
    any case; "-" or "_" may stand for a space (``moved-up``)."""
    from release_countdown.core.notices import ON_KINDS

    found: set[str] = set()
    for part in text.split(","):
        item = part.strip().lower()
        if item not in ON_KINDS:
            item = item.replace("-", " ").replace("_", " ")
        if item not in ON_KINDS:
            raise _not_one_of(part.strip(), ON_KINDS, name)
        found.add(item)
    return OnKinds(found)


def min_precision(text: str, name: str = "min-precision") -> str:
    """The vaguest date a change may announce and still be told (core.notices.MIN_PRECISIONS)."""
    from release_countdown.core.notices import MIN_PRECISIONS

    return one_of(text.strip().lower(), MIN_PRECISIONS, name)


def name_part(text: str, name: str = "composer") -> str:
    """A part of a name to look for, not blank: a blank part would match everyone."""
    if not text.strip():
        raise ParamError(name, "an empty name would match everyone; give a part of a name")
    return text


def sort(text: str, name: str = "sort") -> str:
    from release_countdown.core.query import SORTS

    return one_of(text, SORTS, name)


def limit(text: str, name: str = "limit") -> int:
    """A whole number, 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise ParamError(name, f"{text!r} is not a valid integer.") from None
    if number < 1:
        raise ParamError(
            name, f"{number} is not a valid limit (expected a whole number, 1 or more)"
        )
    return number


def port(text: str | int, name: str = "port") -> int:
    """A port to listen on: 1 to 65535, or 0 for any free one (the system picks it)."""
    digits = str(text).strip()
    if (
        isinstance(text, bool)
        or not digits.isascii()
        or not digits.isdigit()
        or int(digits) > 65535
    ):
        raise ParamError(name, f"{text!r} is not a port (1 to 65535, or 0 for any free port)")
    return int(digits)


FLAGS = {"1": True, "true": True, "yes": True, "on": True, "": True}
FLAGS |= {"0": False, "false": False, "no": False, "off": False}


def flag(text: str, name: str) -> bool:
    """A yes/no parameter: 1, true, yes, on or empty; 0, false, no or off."""
    word = text.strip().lower()
    if word not in FLAGS:
        raise ParamError(name, f"{text!r} is not one of 1, true, yes, 0, false, no")
    return FLAGS[word]


# --- the list filters ---------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The `list` filters, parsed: the same value whichever edge they came from."""

    composer: tuple[str, ...] = ()
    director: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    within: Duration | None = None
    search: tuple[str, ...] = ()
    sort: str = "countdown"
    reverse: bool = False
    limit: int | None = None
    region: str | None = None
    show_all: bool = False
    follow: tuple[str, ...] = ()
    mark: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()

    def query_on(self, today: date, default_region: str | None, **fixed: Any) -> Query:
        """The query these filters ask for on ``today``: ``region`` else ``default_region``
        (None: the headline dates); ``fixed`` overrides Query fields (statuses, sort...)."""
        from release_countdown.core.query import Query

        values: dict[str, Any] = {
            "composers": self.composer,
            "directors": self.director,
            "persons": self.person,
            "kinds": self.kind,
            "statuses": self.status,
            "within_until": self.within.after(today) if self.within else None,
            "search": self.search,
            "sort": self.sort,
            "reverse": self.reverse,
            "limit": self.limit,
            "region": self.region if self.region is not None else default_region,
            "show_all": self.show_all,
            "follows": self.follow,
            "marks": self.mark,
            "tags": self.tag,
        }
        values.update(fixed)
        return Query(**values)


# --- the filters as query parameters (`countdown serve`) -----------------------------------


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or ()
    if len(values) > 1:
        raise ParamError(name, f"given {len(values)} times; give it once")
    return values[0] if values else None


def _single(
    params: Mapping[str, Sequence[str]], name: str, convert: Callable[[str, str], T]
) -> T | None:
    value = _one(params, name)
    return None if value is None else convert(value, name)


def _many(
    params: Mapping[str, Sequence[str]], name: str, allowed: Sequence[str]
) -> tuple[str, ...]:
    return tuple(item for text in params.get(name) or () for item in choices(text, allowed, name))


def parse_filters(params: Mapping[str, Sequence[str]]) -> tuple[Filters, DayArg | None]:
    """The filters and the ``as_of`` day that query parameters ask for (the names of the
    options without their dashes: ``kind``, ``within``, ``as_of``, ``all``...)."""
    from release_countdown.core.marks import MARKS
    from release_countdown.core.model import KINDS, STATUSES

    found = Filters(
        composer=tuple(params.get("composer") or ()),
        director=tuple(params.get("director") or ()),
        person=tuple(params.get("person") or ()),
        kind=_many(params, "kind", KINDS),
        status=_many(params, "status", STATUSES),
        within=_single(params, "within", duration),
        search=tuple(params.get("search") or ()),
        sort=_single(params, "sort", sort) or "countdown",
        reverse=bool(_single(params, "reverse", flag)),
        limit=_single(params, "limit", limit),
        region=_single(params, "region", region),
        show_all=bool(_single(params, "all", flag)),
        follow=tuple(params.get("follow") or ()),
        mark=_many(params, "mark", MARKS),
        tag=tuple(tag(text) for text in params.get("tag") or ()),
    )
    as_of = _one(params, "as_of")
    return found, None if as_of is None else day(as_of, "as_of", relative=True)


def query_names() -> frozenset[str]:
    """The parameters ``parse_filters`` reads: the filters' names (``all`` for show_all)
    and ``as_of``."""
    from dataclasses import fields

    names = {field.name for field in fields(Filters)} - {"show_all"}
    return frozenset(names | {"all", "as_of"})


def parse_query(
    params: Mapping[str, Sequence[str]], *, today: date, default_region: str | None
) -> tuple[Query, date]:
    """The query and the day a mapping of parameters asks for: ``as_of`` overrides ``today``
    (a relative ``as_of`` counts from it). ParamError names the parameter."""
    filters, as_of = parse_filters(params)
    day_meant = as_of.on(today) if as_of is not None else today
    return filters.query_on(day_meant, default_region), day_meant


def every(text: str, name: str = "every") -> Every:
    """``6h``, ``30min``, ``1d``, ``1w``: how often a schedule runs (core/schedule.py)."""
    from release_countdown.core.schedule import parse_every

    try:
        return parse_every(text)
    except ValueError as exc:
        raise ParamError(name, str(exc)) from None
