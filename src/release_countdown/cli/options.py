"""Options shared by commands, defined once, each with its validator attached.

A bad value exits 2 naming the option and the value (``bad``). The `list` filters are one bundle:
``@filter_options(...)`` adds the named ones to a command and hands it a ``Filters``.
"""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from release_countdown.cli.completion import (
    complete_composers,
    complete_directors,
    complete_people,
)
from release_countdown.cli.output import bad
from release_countdown.core.model import DATE_TYPES, KINDS, STATUSES, region_code
from release_countdown.core.query import SORTS, Query

F = TypeVar("F", bound=Callable[..., Any])


# --- parsers (each names its option in the message) ---------------------------------------------


def day(option: str, value: str) -> date:
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        bad(option, f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2023-07-08)")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        bad(option, f"{value!r} is not a valid date ({exc})")


def today_of(as_of: str | None) -> date:
    """The day the countdown is for: --as-of, else the local calendar date (the only clock read)."""
    return day("--as-of", as_of) if as_of is not None else date.today()


def duration(option: str, value: str) -> tuple[int, str]:
    from release_countdown.core.dates import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        bad(option, str(exc))


def region(value: str | None, option: str = "--region") -> str | None:
    """--region, else the `region` setting; None for the headline dates."""
    if value is None:
        from release_countdown.cli.reading import settings

        return settings().region.value
    try:
        return region_code(value)
    except ValueError as exc:
        bad(option, str(exc))


def checked_day(value: str | None) -> date | None:
    if value is None:
        return None
    return date.today() if value.strip().lower() == "today" else day("--checked", value)


def _choices(option: str, allowed: tuple[str, ...]) -> Callable[[list[str] | None], list[str]]:
    """Values of a repeatable option, also accepted comma-separated (--kind film,album)."""

    def check(values: list[str] | None) -> list[str]:
        found: list[str] = []
        for value in values or []:
            for part in value.split(","):
                item = part.strip().lower()
                if item not in allowed:
                    bad(option, f"{item!r} is not one of {', '.join(allowed)}")
                found.append(item)
        return found

    return check


def _one_of(option: str, allowed: tuple[str, ...]) -> Callable[[str | None], str | None]:
    """The value of a single-choice option, when it is one of ``allowed``."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            bad(option, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


def _as_of(value: str | None) -> str | None:
    if value is not None:
        day("--as-of", value)
    return value


def _within(value: str | None) -> str | None:
    if value is not None:
        duration("--within", value)
    return value


def _limit(value: int | None) -> int | None:
    if value is not None and value < 1:
        bad("--limit", f"{value} is not a valid limit (expected a whole number, 1 or more)")
    return value


def _region(value: str | None) -> str | None:
    return region(value) if value is not None else None


def _sort(value: str) -> str:
    if value not in SORTS:
        bad("--sort", f"{value!r} is not one of {', '.join(SORTS)}")
    return value


def template(value: str) -> str:
    """A --format template whose fields all exist (the option's callback)."""
    from release_countdown.formats.template import TemplateError, check_template

    try:
        check_template(value)
    except TemplateError as exc:
        bad("--format", str(exc))
    return value


# --- options used by many commands --------------------------------------------------------------

RegistryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--registry",
        "-r",
        metavar="PATH",
        help="Registry file to read (repeatable; default: $COUNTDOWN_REGISTRY, else the config "
        "file's registries, else your user registry, else the bundled one; see `countdown "
        "where`).",
        show_default=False,
    ),
]
TargetOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--registry",
        "-r",
        metavar="PATH",
        help="Registry file to change (default: your user registry; see `countdown where`).",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse the registry afresh, not from the parse cache (also COUNTDOWN_NO_CACHE=1, "
        "or cache = false in the config file).",
    ),
]
SvgOption = Annotated[
    Path | None,
    typer.Option("--svg", metavar="FILE", help="Also save what is drawn as an SVG picture."),
]
HtmlOption = Annotated[
    Path | None,
    typer.Option("--html", metavar="FILE", help="Also save what is drawn as an HTML page."),
]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", "-n", help="Print the unified diff that would be applied; write nothing."
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Show the countdown as it stood on this day (default: today's local date).",
        callback=_as_of,
    ),
]
StaleAsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Measure `checked` ages (--stale) from this day (default: today's local date).",
        callback=_as_of,
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CC",
        help="Use each title's date in this region (ISO 3166-1, or WW; default: the `region` "
        "setting).",
        callback=_region,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
KindOption = Annotated[
    str | None,
    typer.Option(help=f"{', '.join(KINDS)}.", metavar="KIND", callback=_one_of("--kind", KINDS)),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        help=f"…release of this type ({', '.join(DATE_TYPES)}).",
        metavar="TYPE",
        callback=_one_of("--type", DATE_TYPES),
    ),
]


def _people_option(who: str, complete: Any) -> Any:
    return typer.Option(
        help=f"Titles with {who} whose name contains NAME (repeatable).",
        metavar="NAME",
        autocompletion=complete,
    )


# --- the list filters: one bundle -----------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The `list` filters as given on the command line (validated by their options)."""

    composer: list[str] | None = None
    director: list[str] | None = None
    person: list[str] | None = None
    kind: list[str] | None = None
    status: list[str] | None = None
    within: str | None = None
    search: list[str] | None = None
    sort: str = "countdown"
    reverse: bool = False
    limit: int | None = None
    region: str | None = None
    show_all: bool = False

    def query(self, today: date, **fixed: Any) -> Query:
        """The query these filters ask for on ``today`` (``fixed`` overrides, e.g. statuses)."""
        from release_countdown.core.dates import add_duration

        until = add_duration(today, *duration("--within", self.within)) if self.within else None
        values: dict[str, Any] = {
            "composers": tuple(self.composer or ()),
            "directors": tuple(self.director or ()),
            "persons": tuple(self.person or ()),
            "kinds": tuple(self.kind or ()),
            "statuses": tuple(self.status or ()),
            "within_until": until,
            "search": tuple(self.search or ()),
            "sort": self.sort,
            "reverse": self.reverse,
            "limit": self.limit,
            "region": self.region if self.region is not None else region(None),
            "show_all": self.show_all,
        }
        values.update(fixed)
        return Query(**values)


FILTERS: dict[str, tuple[Any, Any]] = {
    "composer": (
        Annotated[list[str] | None, _people_option("a composer", complete_composers)],
        None,
    ),
    "director": (
        Annotated[list[str] | None, _people_option("a director", complete_directors)],
        None,
    ),
    "person": (
        Annotated[list[str] | None, _people_option("anyone (any role)", complete_people)],
        None,
    ),
    "kind": (
        Annotated[
            list[str] | None,
            typer.Option(
                help=f"Only these kinds ({', '.join(KINDS)}; repeatable).",
                metavar="KIND",
                callback=_choices("--kind", KINDS),
            ),
        ],
        None,
    ),
    "status": (
        Annotated[
            list[str] | None,
            typer.Option(
                help=f"Only these statuses ({', '.join(STATUSES)}; repeatable; replaces the "
                "default view).",
                metavar="STATUS",
                callback=_choices("--status", STATUSES),
            ),
        ],
        None,
    ),
    "within": (
        Annotated[
            str | None,
            typer.Option(
                help="Only titles dated from today to today+N: 30d, 6w, 3m, 1y (inclusive).",
                metavar="N",
                callback=_within,
            ),
        ],
        None,
    ),
    "search": (
        Annotated[
            list[str] | None,
            typer.Option(
                help="Only titles whose title or an alias contains TEXT (repeatable).",
                metavar="TEXT",
            ),
        ],
        None,
    ),
    "sort": (
        Annotated[
            str,
            typer.Option(
                help=f"Order of the rows: {', '.join(SORTS)}.", metavar="ORDER", callback=_sort
            ),
        ],
        "countdown",
    ),
    "reverse": (Annotated[bool, typer.Option("--reverse", help="Reverse the order.")], False),
    "limit": (
        Annotated[
            int | None,
            typer.Option(help="Show at most N titles.", metavar="N", callback=_limit),
        ],
        None,
    ),
    "region": (RegionOption, None),
    "show_all": (
        Annotated[
            bool, typer.Option("--all", "-a", help="Include titles released more than 30 days ago.")
        ],
        False,
    ),
}


def filter_options(*names: str) -> Callable[[F], F]:
    """Add the named `list` filters as options of a command, which receives them as
    ``filters: Filters`` (one place states each filter's option, help and validator)."""

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        own = [p for p in signature.parameters.values() if p.name != "filters"]
        added = [
            inspect.Parameter(
                name,
                inspect.Parameter.KEYWORD_ONLY,
                default=FILTERS[name][1],
                annotation=FILTERS[name][0],
            )
            for name in names
        ]

        @functools.wraps(func)
        def command(**kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in names}
            return func(**kwargs, filters=Filters(**given))

        parameters = own + added
        command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        return command  # type: ignore[return-value]

    return decorate
