"""Options shared by commands, defined once, each with its parser attached (cli/parsers.py,
over core/params.py): a command receives typed values (a ``DayArg``, a ``Duration``, a region
code...), parsed once. The `list` filters are one bundle: ``@filter_options(...)`` adds the
named ones to a command and hands it a ``Filters`` (core/params.py's, with the `region`
setting as the default region).
"""

import functools
import inspect
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from release_countdown.cli import completion
from release_countdown.cli.parsers import (
    ALARMS,
    DAY,
    DURATION,
    LIMIT,
    NAME_PART,
    PLATFORM,
    REGION,
    SORT,
    TAG,
    choices,
    one_of,
    region_or_setting,
    template,
    today_of,
)
from release_countdown.core import params
from release_countdown.core.marks import MARKS
from release_countdown.core.model import DATE_TYPES, KINDS, STATUSES
from release_countdown.core.params import DayArg, Duration, Leads
from release_countdown.core.query import SORTS, Query

# What the commands import from here besides the options.
__all__ = ["DayArg", "Duration", "Filters", "filter_options", "template", "today_of"]

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
    DayArg | None,
    typer.Option(
        "--as-of",
        metavar="DAY",
        help="Show the countdown as it stood on this day: YYYY-MM-DD (or Dec 18 2023, "
        "2023/12/18: numbers year first), today, tomorrow, yesterday, or +30d, -6w, +3m, -1y "
        "from today (default: today's local date).",
        parser=DAY,
    ),
]
StaleAsOfOption = Annotated[
    DayArg | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Measure `checked` ages (--stale) from this day (default: today's local date).",
        parser=DAY,
    ),
]
CheckedOption = Annotated[
    DayArg | None,
    typer.Option(help="Verified on DATE (or 'today').", metavar="DATE", parser=DAY),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        metavar="CC",
        help="Use each title's date in this region (ISO 3166-1, or WW; default: the `region` "
        "setting).",
        parser=REGION,
        autocompletion=completion.complete_regions,
    ),
]
TagOption = Annotated[  # add/edit --tag
    list[str] | None,
    typer.Option("--tag", help="Add a tag: lower-case words and hyphens, e.g. must-see "
                 "(repeatable).", metavar="TAG", parser=TAG,
                 autocompletion=completion.complete_tags),
]  # fmt: skip
SeasonOption = Annotated[  # add/edit --season
    int | None,
    typer.Option("--season", help="A series entry's season (one entry a season).", metavar="N",
                 min=1, max=9999),
]  # fmt: skip
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
OutputFileOption = Annotated[  # export -o: a file, never a folder (exit 2 then)
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE instead of stdout.", metavar="FILE",
                 dir_okay=False),
]  # fmt: skip
AlarmOption = Annotated[  # export --alarm
    Leads | None,
    typer.Option(
        "--alarm",
        metavar="LEADS",
        help="ICS: add a reminder (VALARM) this long before each event, comma-separated "
        "days or weeks, at 09:00 local time: 7d,1d (0d: on the day).",
        parser=ALARMS,
    ),
]
KindOption = Annotated[
    str | None,
    typer.Option(
        help=f"{', '.join(KINDS)}.",
        metavar="KIND",
        parser=one_of(KINDS),
        autocompletion=completion.complete_kind,
    ),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        help=f"…release of this type ({', '.join(DATE_TYPES)}).",
        metavar="TYPE",
        parser=one_of(DATE_TYPES),
        autocompletion=completion.complete_date_types,
    ),
]


def _people_option(who: str, complete: Any) -> Any:
    """A people filter: list[str] | None, completed by ``complete``."""
    option = typer.Option(
        help=f"Titles with {who} whose name contains NAME (repeatable).",
        metavar="NAME",
        parser=NAME_PART,
        autocompletion=complete,
    )
    return Annotated[list[str] | None, option]


# --- the list filters: one bundle -----------------------------------------------------------


class Filters(params.Filters):
    """The `list` filters, parsed by their options (core/params.py ``Filters``); without
    --region, the `region` setting."""

    def query(self, today: date, **fixed: Any) -> Query:
        """The query these filters ask for on ``today`` (``fixed`` overrides, e.g. statuses)."""
        from release_countdown.cli.reading import marks

        fixed.setdefault("marked", marks())
        return self.query_on(today, region_or_setting(self.region), **fixed)


# Each occurrence of --kind/--status is a tuple (--kind film,album); filter_options joins them.
KindsFilter = Annotated[
    list[str] | None,
    typer.Option(
        help=f"Only these kinds ({', '.join(KINDS)}; repeatable).",
        metavar="KIND",
        parser=choices(KINDS),
        autocompletion=completion.complete_kinds,
    ),
]
StatusesFilter = Annotated[
    list[str] | None,
    typer.Option(
        help=f"Only these statuses ({', '.join(STATUSES)}; repeatable; replaces the default view).",
        metavar="STATUS",
        parser=choices(STATUSES),
        autocompletion=completion.complete_statuses,
    ),
]
WithinFilter = Annotated[
    Duration | None,
    typer.Option(
        help="Only titles dated from today to today+N: 30d, 6w, 3m, 1y (inclusive).",
        metavar="N",
        parser=DURATION,
    ),
]
SortFilter = Annotated[
    str,
    typer.Option(
        help=f"Order of the rows: {', '.join(SORTS)}.",
        metavar="ORDER",
        parser=SORT,
        autocompletion=completion.complete_sort,
    ),
]
LimitFilter = Annotated[
    int | None, typer.Option(help="Show at most N titles.", metavar="N", parser=LIMIT)
]

FILTERS: dict[str, tuple[Any, Any]] = {
    "composer": (_people_option("a composer", completion.complete_composers), None),
    "director": (_people_option("a director", completion.complete_directors), None),
    "person": (_people_option("anyone (any role)", completion.complete_people), None),
    "kind": (KindsFilter, None),
    "status": (StatusesFilter, None),
    "within": (WithinFilter, None),
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
    "sort": (SortFilter, "countdown"),
    "reverse": (Annotated[bool, typer.Option("--reverse", help="Reverse the order.")], False),
    "limit": (LimitFilter, None),
    "region": (RegionOption, None),
    "follow": (
        Annotated[
            list[str] | None,
            typer.Option(
                help="Only titles a follow added (its name; repeatable; see `follow list`).",
                metavar="NAME",
                autocompletion=completion.complete_follows,
            ),
        ],
        None,
    ),
    "mark": (
        Annotated[
            list[str] | None,
            typer.Option(
                help=f"Only titles you marked so ({', '.join(MARKS)}; repeatable; see `mark`).",
                metavar="MARK",
                parser=choices(MARKS),
                autocompletion=completion.complete_marks,
            ),
        ],
        None,
    ),
    "tag": (
        Annotated[
            list[str] | None,
            typer.Option(
                help="Only titles with this tag (repeatable: any of them).",
                metavar="TAG",
                parser=TAG,
                autocompletion=completion.complete_tags,
            ),
        ],
        None,
    ),
    "premieres": (
        Annotated[
            bool, typer.Option("--premieres", help="Only season premieres (series by season).")
        ],
        False,
    ),
    "platform": (
        Annotated[
            list[str] | None,
            typer.Option(
                help="Only titles dated on this platform, e.g. PS5 (repeatable: any of them).",
                metavar="PLATFORM",
                parser=PLATFORM,
                autocompletion=completion.complete_platforms,
            ),
        ],
        None,
    ),
    "show_all": (
        Annotated[
            bool, typer.Option("--all", "-a", help="Include titles released more than 30 days ago.")
        ],
        False,
    ),
}


# The filters that pick titles by what the user keeps beside the dates (follows, marks,
# tags) and by platform or premiere: one name for the commands that take them all.
PICKS = ("follow", "mark", "tag", "platform", "premieres")
REPEATABLE = (
    "composer", "director", "person", "kind", "status", "search", "follow", "mark", "tag",
    "platform",
)  # fmt: skip


def _gathered(name: str, value: Any) -> Any:
    """A repeatable filter's occurrences as one tuple (one --kind may name several kinds)."""
    if name not in REPEATABLE:
        return value
    each: Iterable[Any] = value or ()
    return tuple(item for v in each for item in (v if isinstance(v, tuple) else (v,)))


def filter_options(*names: str) -> Callable[[F], F]:
    """Add the named `list` filters as options of a command, which receives them as
    ``filters: Filters`` (one place states each filter's option, help and parser)."""

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
            given = {name: _gathered(name, kwargs.pop(name)) for name in names}
            return func(**kwargs, filters=Filters(**given))

        parameters = own + added
        command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        return command  # type: ignore[return-value]

    return decorate
