"""Options shared by commands, defined once, each with its validator attached (the
validators are in cli/parsers.py). The `list` filters are one bundle:
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

from release_countdown.cli import completion
from release_countdown.cli.parsers import (
    check_as_of,
    check_limit,
    check_region,
    check_sort,
    check_within,
    checked_day,
    choices_of,
    day,
    duration,
    leads,
    leads_callback,
    one_of,
    region,
    template,
    today_of,
)
from release_countdown.core.model import DATE_TYPES, KINDS, STATUSES
from release_countdown.core.query import SORTS, Query

# The parsers, for the commands that import them from here.
__all__ = [
    "Filters", "checked_day", "day", "duration", "filter_options", "leads", "leads_callback",
    "region", "template", "today_of",
]  # fmt: skip

F = TypeVar("F", bound=Callable[..., Any])


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
        metavar="DAY",
        help="Show the countdown as it stood on this day: YYYY-MM-DD, today, tomorrow, "
        "yesterday, or +30d, -6w, +3m, -1y from today (default: today's local date).",
        callback=check_as_of,
    ),
]
StaleAsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Measure `checked` ages (--stale) from this day (default: today's local date).",
        callback=check_as_of,
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CC",
        help="Use each title's date in this region (ISO 3166-1, or WW; default: the `region` "
        "setting).",
        callback=check_region,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
KindOption = Annotated[
    str | None,
    typer.Option(
        help=f"{', '.join(KINDS)}.",
        metavar="KIND",
        callback=one_of("--kind", KINDS),
        autocompletion=completion.complete_kind,
    ),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        help=f"…release of this type ({', '.join(DATE_TYPES)}).",
        metavar="TYPE",
        callback=one_of("--type", DATE_TYPES),
        autocompletion=completion.complete_date_types,
    ),
]


def _people_option(who: str, complete: Any) -> Any:
    """A people filter: list[str] | None, completed by ``complete``."""
    option = typer.Option(
        help=f"Titles with {who} whose name contains NAME (repeatable).",
        metavar="NAME",
        autocompletion=complete,
    )
    return Annotated[list[str] | None, option]


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
    "composer": (_people_option("a composer", completion.complete_composers), None),
    "director": (_people_option("a director", completion.complete_directors), None),
    "person": (_people_option("anyone (any role)", completion.complete_people), None),
    "kind": (
        Annotated[
            list[str] | None,
            typer.Option(
                help=f"Only these kinds ({', '.join(KINDS)}; repeatable).",
                metavar="KIND",
                callback=choices_of("--kind", KINDS),
                autocompletion=completion.complete_kinds,
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
                callback=choices_of("--status", STATUSES),
                autocompletion=completion.complete_statuses,
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
                callback=check_within,
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
                help=f"Order of the rows: {', '.join(SORTS)}.", metavar="ORDER", callback=check_sort
            ),
        ],
        "countdown",
    ),
    "reverse": (Annotated[bool, typer.Option("--reverse", help="Reverse the order.")], False),
    "limit": (
        Annotated[
            int | None,
            typer.Option(help="Show at most N titles.", metavar="N", callback=check_limit),
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
