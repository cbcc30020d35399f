"""The command line: parse options, read the clock, call the domain, print.

The one error boundary is ``CountdownGroup.invoke``: project exceptions become a message on
stderr and an exit code (see ``ExitCode``); nothing else here catches them.
"""

import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from release_countdown import __version__
from release_countdown.errors import (
    CountdownError,
    ExitCode,
    NotFoundError,
    RegistryError,
    UsageError,
)
from release_countdown.model import KINDS, STATUSES

if TYPE_CHECKING:
    from release_countdown.query import Query, Row, Standing
    from release_countdown.registry import Registry

REGISTRY_ENV = "COUNTDOWN_REGISTRY"
NAMED_FORMATS = ("table", "json", "csv")


class CountdownGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CountdownError as exc:
            _report(exc)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`countdown list | head -1`): it has what it wanted.
            _silence_stdout()
            raise typer.Exit(ExitCode.OK) from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail loudly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests): nothing to flush there
        pass


def say(message: object) -> None:
    """A line on stderr. Registry text in it cannot drive the terminal (see terminal_safe)."""
    from release_countdown.text import terminal_safe

    print(terminal_safe(str(message)).replace("\u240a", "\n"), file=sys.stderr)


def _report(exc: CountdownError) -> None:
    if isinstance(exc, RegistryError):
        for problem in exc.problems:
            say(problem)
    say(f"countdown: {exc}")


app = typer.Typer(
    cls=CountdownGroup,
    name="countdown",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)


class SortOrder(str, Enum):
    COUNTDOWN = "countdown"
    DATE = "date"
    TITLE = "title"


class ExportFormat(str, Enum):
    ICS = "ics"
    CSV = "csv"
    JSON = "json"


class FuzzyExport(str, Enum):
    SKIP = "skip"
    AS_SPAN = "as-span"


def _version(value: bool) -> None:
    if value:
        print(f"release-countdown {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Countdowns to the films, albums, games and series you follow, from a TOML registry.

    \b
    Examples:
      countdown list                          what is coming up
      countdown list --composer balfe --json  one composer's titles, for scripts
      countdown list --as-of 2023-07-08       the countdown as it stood on a day
      countdown show "final reckoning"        one title, its dates and history
      countdown next --format '{title} {countdown}'   for a status bar

    Exit codes: 0 ok, 1 title or person not found (or nothing next), 2 bad usage or option
    value, 3 registry unreadable or invalid.
    """


# --- option values (bad values exit 2 naming the option and the value) ----------------------


def _bad(option: str, message: str) -> NoReturn:
    raise typer.BadParameter(message, param_hint=f"'{option}'")


def _day(option: str, value: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        _bad(option, f"{value!r} is not a date (expected YYYY-MM-DD, e.g. 2023-07-08)")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        _bad(option, f"{value!r} is not a valid date ({exc})")


def today_of(as_of: str | None) -> date:
    """The day the countdown is for: --as-of, else the local calendar date (the only clock read)."""
    return _day("--as-of", as_of) if as_of is not None else date.today()


def _duration(option: str, value: str) -> tuple[int, str]:
    from release_countdown.dates import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        _bad(option, str(exc))


def _choices(option: str, values: list[str] | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """Values of a repeatable option, also accepted comma-separated (--kind film,album)."""
    found: list[str] = []
    for value in values or []:
        for part in value.split(","):
            item = part.strip().lower()
            if item not in allowed:
                _bad(option, f"{item!r} is not one of {', '.join(allowed)}")
            found.append(item)
    return tuple(found)


def _region(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha() or not code.isascii():
        _bad(
            "--region",
            f"{value!r} is not a region code (expected ISO 3166-1 alpha-2 such as US or GB, or WW)",
        )
    return "GB" if code == "UK" else code


def registry_paths(given: list[Path] | None) -> list[Path]:
    """What to read: ``--registry`` (repeatable), else $COUNTDOWN_REGISTRY (os.pathsep-separated),
    else the user registry if it exists, else the bundled registry."""
    if given:
        return given
    env = os.environ.get(REGISTRY_ENV, "")
    if env.strip():
        return [Path(p) for p in env.split(os.pathsep) if p.strip()]
    from release_countdown.paths import user_registry

    user = user_registry()
    if user.exists():
        return [user]
    from release_countdown.registry import bundled_registry

    return [bundled_registry()]


def writable_path(given: list[Path] | None) -> Path:
    """What writing commands change: ``--registry PATH`` (once), else the user registry."""
    from release_countdown.paths import user_registry
    from release_countdown.registry import bundled_registry

    if given and len(given) > 1:
        _bad("--registry", "writing commands change one file: give --registry once")
    path = given[0] if given else user_registry()
    if path.resolve() == bundled_registry().resolve():
        raise UsageError(
            f"{path} is the bundled registry, which is read-only; run `countdown init` to "
            "start your own registry from it"
        )
    if not given and not path.exists():
        raise UsageError(
            f"there is no user registry yet ({path}); run `countdown init` to create it, "
            "or pass --registry PATH"
        )
    return path


def load(
    registry: list[Path] | None, no_cache: bool = False, query: "Query | None" = None
) -> "Registry":
    """Read the registries; warnings go to stderr, errors raise RegistryError. With
    ``query``, a cache hit skips decoding titles the query is sure to drop."""
    from release_countdown.registry import load_registry

    loaded = load_registry(
        registry_paths(registry),
        use_cache=cache_enabled(no_cache),
        prefilter=prefilter_of(query) if query is not None else None,
        later=_Later.jobs,
    )
    for problem in loaded.warnings:
        say(problem)
    # Kept until the process ends, which skips freeing it (see main): 10,000 titles take
    # longer to free one object at a time than to query.
    _LOADED[:] = [loaded]
    return loaded


_LOADED: "list[Registry]" = []


class _Later:
    """Cache entries to write once the output is out: main() sets a list to collect them;
    in-process callers (tests, other programs) write them at once."""

    jobs: list[Callable[[], None]] | None = None


def cached_json(
    registry: list[Path] | None, no_cache: bool, query: "Query", today: date
) -> tuple[list[str], int] | None:
    """JSON rows straight from the parse cache (warnings go to stderr), or None to take the
    usual path: the same output, made faster (see cache.json_rows)."""
    paths = registry_paths(registry)
    if len(paths) != 1 or not cache_enabled(no_cache):
        return None
    from release_countdown.registry import cached_json_rows

    found = cached_json_rows(paths[0], query, today, prefilter_of(query))
    if found is None:
        return None
    texts, warnings, total = found
    for problem in warnings:
        say(problem)
    return texts, total


# --- completion -------------------------------------------------------------------------------


def cache_enabled(no_cache: bool = False) -> bool:
    """--no-cache, or COUNTDOWN_NO_CACHE=1, turns the parse cache off."""
    return not no_cache and os.environ.get("COUNTDOWN_NO_CACHE", "") not in ("1", "true", "yes")


def _completion_registry(ctx: typer.Context) -> "Registry | None":
    from release_countdown.registry import load_registry

    given = ctx.params.get("registry") if ctx is not None else None
    try:
        return load_registry(registry_paths(given))
    except CountdownError:
        return None


def complete_titles(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids and titles that start with (or contain) what was typed, for show and watch."""
    from release_countdown.text import fold

    loaded = _completion_registry(ctx)
    if loaded is None:
        return []
    needle = fold(incomplete)
    names = [n for r in loaded.releases for n in (r.id, r.title)]
    starting = [n for n in names if fold(n).startswith(needle)]
    return starting or [n for n in names if needle in fold(n)]


def _complete_role(ctx: typer.Context, incomplete: str, role: str | None) -> list[str]:
    from release_countdown.text import fold

    loaded = _completion_registry(ctx)
    if loaded is None:
        return []
    needle = fold(incomplete)
    names = {
        n: None
        for r in loaded.releases
        for each_role, ns in r.people.items()
        if role is None or fold(each_role) == role
        for n in ns
    }
    return sorted((n for n in names if needle in fold(n)), key=fold)


def complete_people(ctx: typer.Context, incomplete: str) -> list[str]:
    """People's names that contain what was typed, for --person and `people NAME`."""
    return _complete_role(ctx, incomplete, None)


def complete_composers(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "composer")


def complete_directors(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "director")


# --- shared options ---------------------------------------------------------------------------

RegistryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--registry",
        "-r",
        metavar="PATH",
        help=f"Registry file to read (repeatable; default: ${REGISTRY_ENV}, else your user "
        "registry, else the bundled one; see `countdown where`).",
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
        help="Parse the registry afresh, not from the parse cache (also COUNTDOWN_NO_CACHE=1).",
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
    ),
]
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region", metavar="CC", help="Use each title's date in this region (ISO 3166-1, or WW)."
    ),
]


def _people_option(who: str, complete: Any) -> Any:
    return typer.Option(
        help=f"Titles with {who} whose name contains NAME (repeatable).",
        metavar="NAME",
        autocompletion=complete,
    )


ComposerOption = Annotated[list[str] | None, _people_option("a composer", complete_composers)]
DirectorOption = Annotated[list[str] | None, _people_option("a director", complete_directors)]
PersonOption = Annotated[list[str] | None, _people_option("anyone (any role)", complete_people)]
KindOption = Annotated[
    list[str] | None,
    typer.Option(help=f"Only these kinds ({', '.join(KINDS)}; repeatable).", metavar="KIND"),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        help=f"Only these statuses ({', '.join(STATUSES)}; repeatable; replaces the default view).",
        metavar="STATUS",
    ),
]
WithinOption = Annotated[
    str | None,
    typer.Option(
        help="Only titles dated from today to today+N: 30d, 6w, 3m, 1y (inclusive).", metavar="N"
    ),
]
SearchOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Only titles whose title or an alias contains TEXT (repeatable).", metavar="TEXT"
    ),
]
SortOption = Annotated[SortOrder, typer.Option(help="Order of the rows.")]
ReverseOption = Annotated[bool, typer.Option("--reverse", help="Reverse the order.")]
LimitOption = Annotated[int | None, typer.Option(help="Show at most N titles.", metavar="N")]
AllOption = Annotated[
    bool, typer.Option("--all", "-a", help="Include titles released more than 30 days ago.")
]


def make_query(
    today: date,
    *,
    composer: list[str] | None = None,
    director: list[str] | None = None,
    person: list[str] | None = None,
    kind: list[str] | None = None,
    status: list[str] | None = None,
    within: str | None = None,
    search: list[str] | None = None,
    sort: SortOrder = SortOrder.COUNTDOWN,
    reverse: bool = False,
    limit: int | None = None,
    region: str | None = None,
    show_all: bool = False,
) -> "Query":
    from release_countdown.dates import add_duration
    from release_countdown.query import Query

    if limit is not None and limit < 1:
        _bad("--limit", f"{limit} is not a valid limit (expected a whole number, 1 or more)")
    return Query(
        today=today,
        composers=tuple(composer or ()),
        directors=tuple(director or ()),
        persons=tuple(person or ()),
        kinds=_choices("--kind", kind, KINDS),
        statuses=_choices("--status", status, STATUSES),
        within_until=add_duration(today, *_duration("--within", within)) if within else None,
        search=tuple(search or ()),
        sort=sort.value,
        reverse=reverse,
        limit=limit,
        region=_region(region),
        show_all=show_all,
    )


def prefilter_of(query: "Query") -> Any:
    from datetime import timedelta

    from release_countdown.query import RECENT_DAYS
    from release_countdown.registry import Prefilter
    from release_countdown.text import fold

    roles = tuple(
        (role, tuple(fold(n) for n in needles))
        for role, needles in (
            ("composer", query.composers),
            ("director", query.directors),
            ("", query.persons),
        )
        if needles
    )
    recent_since = None
    if not query.statuses and not query.show_all and query.today is not None:
        try:
            recent_since = query.today - timedelta(days=RECENT_DAYS)
        except OverflowError:
            recent_since = None
    return Prefilter(query.kinds, roles, query.today, recent_since, query.region is not None)


def _template(option: str, value: str) -> str:
    from release_countdown.template import TemplateError, check_template

    try:
        check_template(value)
    except TemplateError as exc:
        _bad(option, str(exc))
    return value


def write_rows(
    rows: "Sequence[Row]",
    fmt: str,
    *,
    today: date,
    total: int,
    svg: Path | None = None,
    html: Path | None = None,
) -> None:
    """Print rows in a named format or a ``{field}`` template (one line per row)."""
    if "{" in fmt:
        from release_countdown.template import TemplateError, render_template
        from release_countdown.text import terminal_safe

        try:
            # One line per title, whatever the registry holds: control characters (newlines
            # included) become visible stand-ins.
            lines = [terminal_safe(render_template(fmt, row)) for row in rows]
        except TemplateError as exc:
            _bad("--format", str(exc))
        sys.stdout.write("".join(line + "\n" for line in lines))
    elif fmt == "json":
        from release_countdown.output import json_lines

        sys.stdout.writelines(json_lines(rows))
    elif fmt == "csv":
        from release_countdown.output import to_csv

        # Bytes, so the RFC 4180 CRLF line ends reach the file untranslated on every platform.
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(rows).encode("utf-8"))
    elif rows and svg is None and html is None and not sys.stdout.isatty():
        # Piped: plain text laid out in linear time, without importing rich at all.
        from release_countdown.biglist import write_plain_table

        write_plain_table(rows, today=today, total=total, file=sys.stdout)
    elif rows:
        from release_countdown.render import print_list

        print_list(rows, today=today, total=total, file=sys.stdout, svg=svg, html=html)


def _format(value: str, json_output: bool) -> str:
    if json_output:
        if value.lower() not in ("table", "json"):
            _bad("--json", f"--json asks for JSON, --format {value!r} for something else: use one")
        return "json"
    if "{" in value:
        return _template("--format", value)
    if value.lower() not in NAMED_FORMATS:
        _bad(
            "--format",
            f"{value!r} is not one of {', '.join(NAMED_FORMATS)}, nor a template with "
            "{fields} (e.g. '{title} {countdown}')",
        )
    return value.lower()


def _say_empty(total: int, widened: bool) -> None:
    if total == 0:
        say("countdown: the registry holds no titles yet")
        return
    hint = "try other filters or --as-of DATE" if widened else "try --all, or --as-of DATE"
    say(f"countdown: no titles in this view ({total} in the registry); {hint}")


# --- commands ---------------------------------------------------------------------------------


@app.command("list")
def list_command(
    *,
    composer: ComposerOption = None,
    director: DirectorOption = None,
    person: PersonOption = None,
    kind: KindOption = None,
    status: StatusOption = None,
    within: WithinOption = None,
    search: SearchOption = None,
    sort: SortOption = SortOrder.COUNTDOWN,
    reverse: ReverseOption = False,
    limit: LimitOption = None,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    show_all: AllOption = False,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, csv, or a template of {fields}, one line per title.",
        ),
    ] = "table",
    json_output: Annotated[
        bool, typer.Option("--json", help="Shorthand for --format json.")
    ] = False,
    svg: SvgOption = None,
    html: HtmlOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List titles with their countdowns.

    By default: titles still to come, due or to be announced, and those released in the last
    30 days. Names match case- and accent-insensitively, as a part of a name; several values
    of one option match any of them, different options must all match.

    \b
    Examples:
      countdown list
      countdown list --composer balfe --director mcquarrie
      countdown list --within 90d --kind film --json
      countdown list --all --as-of 2023-07-08 --format csv > titles.csv
      countdown list --format '{days:>4}  {title}'
    """
    from release_countdown.query import RowView, select

    today = today_of(as_of)
    query = make_query(
        today, composer=composer, director=director, person=person, kind=kind, status=status,
        within=within, search=search, sort=sort, reverse=reverse, limit=limit, region=region,
        show_all=show_all,
    )  # fmt: skip
    fmt = _format(output_format, json_output)
    if (svg or html) and fmt != "table":
        _bad("--svg" if svg else "--html", "snapshots are of the table: leave out --format/--json")
    if fmt == "json" and (cached := cached_json(registry, no_cache, query, today)) is not None:
        texts, total = cached
        if not texts:
            _say_empty(total, show_all or bool(query.statuses))
        from release_countdown.output import json_array_lines

        sys.stdout.writelines(json_array_lines(texts))
        return
    loaded = load(registry, no_cache, query)
    found = RowView(select(loaded.releases, query, today), today)
    total = loaded.size
    if not found:
        _say_empty(total, show_all or bool(query.statuses))
    write_rows(found, fmt, today=today, total=total, svg=svg, html=html)


@app.command("next")
def next_command(
    *,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="TEMPLATE",
            help="Template of {fields}: {title} {days} {in_days} {date} {countdown} {director} "
            "{composer} {cast} {kind} {status} {id} and every JSON scalar field.",
        ),
    ] = "{title} {in_days} ({date})",
    composer: ComposerOption = None,
    director: DirectorOption = None,
    person: PersonOption = None,
    kind: KindOption = None,
    within: WithinOption = None,
    search: SearchOption = None,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the title's JSON row instead of a line.")
    ] = False,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print the soonest upcoming title as one line, for status bars and prompts.

    A title releasing today counts; ties go to the title first in alphabetical order. When
    nothing is upcoming, a message goes to stderr, nothing to stdout, and the exit code is 1.

    \b
    Examples:
      countdown next
      countdown next --format '{title} in {days} days'
      countdown next --composer balfe --format '{title}: {countdown}'
    """
    from release_countdown.query import release_row, select

    today = today_of(as_of)
    template = _template("--format", output_format)
    query = make_query(
        today, composer=composer, director=director, person=person, kind=kind,
        status=["upcoming", "today"], within=within, search=search, region=region,
    )  # fmt: skip
    loaded = load(registry, no_cache, query)
    found = select(loaded.releases, query, today)
    if not found:
        raise NotFoundError("nothing upcoming in this view; try other filters or --as-of DATE")
    if json_output:
        import json

        sys.stdout.write(json.dumps(release_row(found[0], today), ensure_ascii=False) + "\n")
        return
    write_rows([release_row(found[0], today)], template, today=today, total=len(found))


def _one(
    found: "list[Standing]",
    name: str,
    everyone: "list[Standing]",
    registry: "Registry | None" = None,
    today: date | None = None,
) -> "Standing":
    from release_countdown.query import names_of, suggestions

    if len(found) == 1:
        return found[0]
    if found:
        listed = "\n".join(f"  {s.release.id}  {s.title}" for s in found)
        raise NotFoundError(f"{name!r} matches {len(found)} titles; name one of:\n{listed}")
    if registry is not None and today is not None:
        from release_countdown.editing import find_release

        try:
            later = registry.releases[find_release(registry.releases, name)]
        except CountdownError:
            pass
        else:
            when = later.announced_on.isoformat() if later.announced_on else "later"
            raise NotFoundError(
                f'"{later.title}" was not announced yet on {today.isoformat()} '
                f"(announced {when}); try a later --as-of"
            )
    close = suggestions((n for s in everyone for n in (*names_of(s)[1:], s.release.id)), name)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise NotFoundError(f"no title matches {name!r}{hint}")


@app.command("show")
def show_command(
    title: Annotated[
        str,
        typer.Argument(
            help="Id, title or alias (or a part of one).", autocompletion=complete_titles
        ),
    ],
    *,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the title's JSON row.")
    ] = False,
    svg: SvgOption = None,
    html: HtmlOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one title: countdown, regional dates, announcement history, people, sources.

    TITLE matches an id, title or alias case- and accent-insensitively; an exact match wins,
    else a part of a name. Several matches are listed and the exit code is 1.

    \b
    Examples:
      countdown show argylle
      countdown show "part two" --as-of 2023-07-08
      countdown show gran-turismo --region GB --json
    """
    from release_countdown.query import find, release_row, standings

    today = today_of(as_of)
    loaded = load(registry, no_cache)
    everyone = standings(loaded.releases, today, _region(region))
    row = release_row(_one(find(everyone, title), title, everyone, loaded, today), today)
    if json_output:
        import json

        sys.stdout.write(json.dumps(row, ensure_ascii=False, indent=2) + "\n")
        return
    from release_countdown.render import print_show

    print_show(row, today=today, file=sys.stdout, svg=svg, html=html)


@app.command("people")
def people_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="List this person's titles.", metavar="[NAME]", autocompletion=complete_people
        ),
    ] = None,
    *,
    role: Annotated[
        str | None, typer.Option(help="Only people in this role (e.g. composer).", metavar="ROLE")
    ] = None,
    search: Annotated[
        str | None, typer.Option(help="Only people whose name contains TEXT.", metavar="TEXT")
    ] = None,
    as_of: AsOfOption = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List everyone in the registry with their roles, titles and next release.

    With NAME, list that person's titles with their countdowns (all of them, released too).

    \b
    Examples:
      countdown people --role composer
      countdown people --search mcq --json
      countdown people "Lorne Balfe"
    """
    from release_countdown.query import people_of, person_row, release_row, standings, suggestions
    from release_countdown.text import fold

    today = today_of(as_of)
    loaded = load(registry, no_cache)
    everyone = standings(loaded.releases, today)
    people = people_of(everyone, role)
    if search:
        people = [p for p in people if fold(search) in fold(p.name)]
    if name is None:
        found = [person_row(p, today) for p in people]
        if json_output:
            import json

            sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        elif found:
            from release_countdown.render import print_people

            print_people(found, file=sys.stdout)
        else:
            say("countdown: nobody matches")
        return
    exact = [p for p in people if fold(p.name) == fold(name)]
    matched = exact or [p for p in people if fold(name) in fold(p.name)]
    if not matched:
        close = suggestions((p.name for p in people), name)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(f"nobody named {name!r} in the registry{hint}")
    if len(matched) > 1:
        listed = "\n".join(f"  {p.name}" for p in matched)
        raise NotFoundError(f"{name!r} matches {len(matched)} people; name one of:\n{listed}")
    (chosen,) = matched
    found = [release_row(s, today) for s in chosen.titles]
    write_rows(found, "json" if json_output else "table", today=today, total=len(everyone))


@app.command("check")
def check_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Registry files (default: the ones `list` would read).", metavar="[PATH]..."
        ),
    ] = None,
    *,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    stale: Annotated[
        str | None,
        typer.Option(
            help="Warn about entries whose `checked` date is older than AGE (e.g. 180d) "
            "or missing.",
            metavar="AGE",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Validate registries without listing them, for pre-commit hooks and CI.

    Prints every error and warning as path:line:col: message, then a summary line (all on
    stderr). Exit code 3 when there are errors (with --strict, warnings too), else 0.

    \b
    Examples:
      countdown check
      countdown check releases.toml team.toml --strict
      countdown check --stale 180d
    """
    from release_countdown.errors import Problem
    from release_countdown.registry import load_registry, stale_warnings

    today = today_of(as_of)
    age = _duration("--stale", stale) if stale else None
    targets = registry_paths(paths)
    problems: list[Problem] = []
    titles = 0
    try:
        loaded = load_registry(targets)
    except RegistryError as exc:
        problems = list(exc.problems)
    else:
        problems = list(loaded.warnings)
        titles = len(loaded.releases)
        if age is not None:
            problems += stale_warnings(loaded.releases, today, *age)
    for problem in problems:
        say(problem)
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    files = f"{len(targets)} file{'s' if len(targets) != 1 else ''}"
    counted = f"{titles} title{'s' if titles != 1 else ''}, " if not errors else ""
    strictly = " (errors with --strict)" if strict and warnings else ""
    print(
        f"countdown check: {files}, {counted}{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}{strictly}",
        file=sys.stderr,
    )
    if failed:
        raise typer.Exit(ExitCode.REGISTRY)


@app.command("schema")
def schema_command(
    *,
    registry_format: Annotated[
        bool,
        typer.Option(
            "--registry-format", help="Print the JSON Schema of the TOML registry format instead."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of the JSON output (rows of `list --json`).

    \b
    Examples:
      countdown schema > rows.schema.json
      countdown schema --registry-format > registry.schema.json   # for taplo / Even Better TOML
    """
    from importlib import resources

    name = "registry.schema.json" if registry_format else "rows.schema.json"
    text = resources.files("release_countdown").joinpath(f"schemas/{name}").read_text("utf-8")
    sys.stdout.write(text)


@app.command("export")
def export_command(
    *,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="File format.")
    ] = ExportFormat.ICS,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE instead of stdout.", metavar="FILE"),
    ] = None,
    all_dates: Annotated[
        bool, typer.Option("--all-dates", help="ICS: add every typed regional date as an event.")
    ] = False,
    fuzzy: Annotated[
        FuzzyExport,
        typer.Option(help="ICS: skip fuzzy dates (counted on stderr), or export them as spans."),
    ] = FuzzyExport.SKIP,
    composer: ComposerOption = None,
    director: DirectorOption = None,
    person: PersonOption = None,
    kind: KindOption = None,
    status: StatusOption = None,
    within: WithinOption = None,
    search: SearchOption = None,
    sort: SortOption = SortOrder.COUNTDOWN,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    show_all: AllOption = False,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the filtered view as an iCalendar file, CSV or JSON.

    ICS: one all-day event per exact date, with UIDs derived from the ids so that importing
    again updates events instead of duplicating them; people and aliases go in the
    description. With --region, that region's typed dates are added; with --all-dates, all.

    \b
    Examples:
      countdown export -o releases.ics
      countdown export --all --all-dates --fuzzy as-span -o everything.ics
      countdown export --format csv --composer balfe -o balfe.csv
    """
    from release_countdown.query import rows

    today = today_of(as_of)
    query = make_query(
        today, composer=composer, director=director, person=person, kind=kind, status=status,
        within=within, search=search, sort=sort, region=region, show_all=show_all,
    )  # fmt: skip
    loaded = load(registry, no_cache)
    found = rows(loaded.releases, query, today)
    if output_format is ExportFormat.ICS:
        from release_countdown.export import events, to_ics

        typed = "all" if all_dates else query.region
        made, skipped = events(found, typed=typed, fuzzy_as_span=fuzzy is FuzzyExport.AS_SPAN)
        data = to_ics(made, stamp=datetime.now().astimezone().replace(microsecond=0))
        if skipped:
            print(
                f"countdown: skipped {skipped} fuzzy or TBA date{'s' if skipped != 1 else ''} "
                "(use --fuzzy as-span to export fuzzy windows)",
                file=sys.stderr,
            )
    elif output_format is ExportFormat.CSV:
        from release_countdown.output import to_csv

        data = to_csv(found).encode("utf-8")
    else:
        from release_countdown.output import to_json

        data = to_json(found).encode("utf-8")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    from release_countdown.files import write_file_atomically

    write_file_atomically(output, data)
    say(f"countdown: wrote {len(found)} titles to {output}")


@app.command("watch")
def watch_command(
    title: Annotated[
        str | None,
        typer.Argument(
            help="Watch only this title (id, title or alias).", autocompletion=complete_titles
        ),
    ] = None,
    *,
    once: Annotated[
        bool, typer.Option("--once", help="Draw one frame and exit (works when piped).")
    ] = False,
    composer: ComposerOption = None,
    director: DirectorOption = None,
    person: PersonOption = None,
    kind: KindOption = None,
    within: WithinOption = None,
    limit: LimitOption = None,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Watch countdowns tick: days, hours, minutes and seconds to each upcoming exact release.

    Day releases count to local midnight. The bar shows how much of the wait since the
    announcement has passed. Ctrl-C stops (exit 0). Needs a terminal unless --once.

    \b
    Examples:
      countdown watch
      countdown watch argylle --as-of 2024-01-31
      countdown watch --once --limit 3
    """
    from release_countdown.query import find, release_row, select, standings
    from release_countdown.watch import announced_of, progress, target_of

    if not once and not sys.stdout.isatty():
        raise UsageError(
            "watch draws a live display and needs a terminal; use --once to print one frame"
        )
    start_day = today_of(as_of)
    query = make_query(
        start_day, composer=composer, director=director, person=person, kind=kind,
        status=["upcoming", "today"], within=within, limit=limit, region=region,
    )  # fmt: skip
    loaded = load(registry, no_cache)
    if title is not None:
        everyone = standings(loaded.releases, start_day, query.region)
        chosen = [_one(find(everyone, title), title, everyone)]
    else:
        chosen = select(loaded.releases, query, start_day)
    tz = datetime.now().astimezone().tzinfo
    items = []
    for standing in chosen:
        row = release_row(standing, start_day)
        target = target_of(row, tz)
        if target is not None:
            items.append((row, target, announced_of(row, tz)))
    if not items:
        raise NotFoundError("no upcoming title with an exact date to watch")

    from release_countdown.render import make_console, watch_table

    def frame(now: datetime) -> Any:
        return watch_table(
            [(row, target, progress(start, target, now)) for row, target, start in items], now=now
        )

    def clock_now() -> datetime:
        if as_of is None:
            return datetime.now(tz)
        return datetime.combine(start_day, datetime.min.time(), tz)

    console = make_console(sys.stdout)
    if once:
        console.print(frame(clock_now()))
        return
    import time

    from rich.live import Live

    try:
        with Live(frame(clock_now()), console=console, auto_refresh=False, transient=False) as live:
            while True:
                time.sleep(1 - datetime.now().microsecond / 1_000_000)
                live.update(frame(clock_now()), refresh=True)
    except KeyboardInterrupt:
        return  # Ctrl-C is the normal way out of watch


@app.command("timeline")
def timeline_command(
    *,
    from_: Annotated[
        str | None, typer.Option("--from", metavar="YYYY-MM-DD", help="Start of the time axis.")
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="YYYY-MM-DD", help="End of the time axis.")
    ] = None,
    within: WithinOption = None,
    ascii_only: Annotated[
        bool, typer.Option("--ascii", help="Only ASCII characters (no box or block glyphs).")
    ] = False,
    composer: ComposerOption = None,
    director: DirectorOption = None,
    person: PersonOption = None,
    kind: KindOption = None,
    status: StatusOption = None,
    search: SearchOption = None,
    limit: LimitOption = None,
    as_of: AsOfOption = None,
    region: RegionOption = None,
    show_all: AllOption = False,
    svg: SvgOption = None,
    html: HtmlOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Draw the titles on a time axis: a marker per exact date, a bar per fuzzy window.

    Months or weeks are chosen to fit the span; today is marked; released titles are dimmed;
    TBA titles are listed at the end. The span is --from/--to, or today to --within, or just
    wide enough for the titles shown. Piped output uses ASCII and no colour.

    \b
    Examples:
      countdown timeline
      countdown timeline --as-of 2023-07-08 --all
      countdown timeline --within 1y --kind film --svg releases.svg
    """
    from release_countdown.query import RowView, select
    from release_countdown.timeline import default_span, timeline_lines

    today = today_of(as_of)
    query = make_query(
        today, composer=composer, director=director, person=person, kind=kind, status=status,
        search=search, sort=SortOrder.DATE, limit=limit, region=region, show_all=show_all,
    )  # fmt: skip
    start = _day("--from", from_) if from_ else None
    end = _day("--to", to) if to else None
    if within:
        from release_countdown.dates import add_duration

        start, end = start or today, end or add_duration(today, *_duration("--within", within))
    if start is not None and end is not None and end <= start:
        _bad("--to", f"{end.isoformat()} is not after {start.isoformat()}")
    loaded = load(registry, no_cache, query)
    rows = list(RowView(select(loaded.releases, query, today), today))
    if start is not None or end is not None:
        low, high = start or date.min, end or date.max
        rows = [
            r
            for r in rows
            if r["earliest"] is None
            or (r["latest"] >= low.isoformat() and r["earliest"] <= high.isoformat())
        ]
    if not rows:
        _say_empty(loaded.size, show_all or bool(query.statuses))
        return
    first, last = default_span(rows, today)
    start, end = start or first, end or last
    if end <= start:
        _bad("--to", f"{end.isoformat()} is not after {start.isoformat()}")
    from release_countdown.render import emit, lines_text, make_console

    console = make_console(sys.stdout)
    plain = ascii_only or not console.is_terminal
    picture = timeline_lines(
        rows, today=today, start=start, end=end, width=console.width, ascii_only=plain
    )
    emit(lines_text(picture), file=sys.stdout, svg=svg, html=html, title="release timeline")


# --- keeping a registry ------------------------------------------------------------------------


def _finish(change: Any, dry_run: bool) -> None:
    if dry_run:
        sys.stdout.write(change.diff())
        say(f"countdown: {change.message} (dry run: nothing written)")
    else:
        say(f"countdown: {change.message} in {change.path}")


def _checked(value: str | None) -> date | None:
    if value is None:
        return None
    return date.today() if value.strip().lower() == "today" else _day("--checked", value)


@app.command("init")
def init_command(
    *,
    empty: Annotated[
        bool, typer.Option("--empty", help="Start empty instead of from the bundled titles.")
    ] = False,
    registry: Annotated[
        Path | None,
        typer.Option(
            "--registry",
            "-r",
            metavar="PATH",
            help="Create this file instead of the user registry.",
        ),
    ] = None,
) -> None:
    """Create your user registry, seeded from the bundled titles (or empty with --empty).

    Refuses to overwrite a registry that exists (exit 2).

    \b
    Examples:
      countdown init
      countdown init --empty
      countdown init --registry team/releases.toml --empty
    """
    from release_countdown.paths import user_registry
    from release_countdown.registry import bundled_registry
    from release_countdown.store import create_registry

    path = registry or user_registry()
    if empty:
        data = b"# My release-countdown registry (format: see the README).\nschema = 1\n"
    else:
        data = bundled_registry().read_bytes()
    try:
        create_registry(path, data)
    except FileExistsError:
        raise UsageError(f"{path} already exists; it was left as it is") from None
    except OSError as exc:
        raise UsageError(f"cannot create {path}: {exc.strerror or exc}") from None
    say(f"countdown: created {path}" + ("" if empty else " with the bundled titles"))


@app.command("where")
def where_command(registry: RegistryOption = None) -> None:
    """Show which registries are read, in which order, and which file writes go to.

    \b
    Examples:
      countdown where
      COUNTDOWN_REGISTRY=a.toml:b.toml countdown where
    """
    from release_countdown.paths import user_registry
    from release_countdown.registry import bundled_registry

    user, bundled = user_registry(), bundled_registry()
    env = os.environ.get(REGISTRY_ENV, "")
    reading = registry_paths(registry)
    if registry:
        why = "from --registry"
    elif env.strip():
        why = f"from ${REGISTRY_ENV}"
    elif reading == [user]:
        why = "the user registry"
    else:
        why = "the bundled registry, as there is no user registry yet"
    lines = [f"reading {why}:"]
    lines += [f"  {path}" + ("" if path.exists() else "  (missing)") for path in reading]
    target = registry[0] if registry and len(registry) == 1 else user
    writes = (
        f"{target}" if target.exists() or registry else f"{target}  (missing: run countdown init)"
    )
    lines += [
        f"writes go to:\n  {writes}",
        "resolution order: --registry PATH (repeatable), then $COUNTDOWN_REGISTRY "
        f"({os.pathsep!r}-separated), then the user registry if it exists, then the bundled one",
        f"user registry:\n  {user}" + ("" if user.exists() else "  (missing)"),
        f"bundled registry (read-only):\n  {bundled}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


@app.command("add")
def add_command(
    title: Annotated[str, typer.Argument(help="The title.", metavar="TITLE")],
    *,
    date_: Annotated[
        str,
        typer.Option(
            "--date",
            "-d",
            help="Release date: 2024-02-02, 2024-Q1, early 2024, TBA…",
            metavar="DATE",
        ),
    ],
    kind: Annotated[str | None, typer.Option(help=f"{', '.join(KINDS)}.", metavar="KIND")] = None,
    release_id: Annotated[
        str | None, typer.Option("--id", help="Id (default: derived from the title).")
    ] = None,
    franchise: Annotated[str | None, typer.Option(help="Franchise.", metavar="NAME")] = None,
    composer: Annotated[
        list[str] | None, typer.Option(help="Composer (repeatable).", metavar="NAME")
    ] = None,
    director: Annotated[
        list[str] | None, typer.Option(help="Director (repeatable).", metavar="NAME")
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option(help="Anyone else: ROLE=NAME (repeatable).", metavar="ROLE=NAME"),
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Another name (repeatable).", metavar="NAME")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="Also record the date as this region's…", metavar="CC")
    ] = None,
    release_type: Annotated[
        str | None,
        typer.Option(
            "--type", help="…release of this type (theatrical, streaming…).", metavar="TYPE"
        ),
    ] = None,
    announced: Annotated[
        str | None, typer.Option(help="When it was announced.", metavar="DATE")
    ] = None,
    checked: Annotated[
        str | None, typer.Option(help="Verified on DATE (or 'today').", metavar="DATE")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note.", metavar="TEXT")] = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Add a title to a registry (validated before anything is written).

    \b
    Examples:
      countdown add "Dune: Part Three" --date 2026-12-18 --kind film --director "Denis Villeneuve"
      countdown add "Blade" --date TBA --kind film --person cast="Mahershala Ali"
      countdown add "Argylle 2" --date "late 2027" --composer "Lorne Balfe" --dry-run
    """
    from release_countdown.editing import NewRelease, add_release, parse_credit
    from release_countdown.model import DATE_TYPES
    from release_countdown.store import change_registry

    if kind is not None and kind not in KINDS:
        _bad("--kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if release_type is not None and release_type not in DATE_TYPES:
        _bad("--type", f"{release_type!r} is not one of {', '.join(DATE_TYPES)}")
    credits = [("composer", n) for n in composer or []] + [("director", n) for n in director or []]
    credits += [parse_credit(p) for p in person or []]
    new = NewRelease(
        title=title, date=date_, id=release_id, kind=kind, franchise=franchise,
        aliases=list(alias or []), credits=credits, region=_region(region), type=release_type,
        announced=announced, checked=_checked(checked), note=note,
    )  # fmt: skip
    path = writable_path(registry)
    change = change_registry(path, lambda doc, rels: add_release(doc, rels, new), dry_run=dry_run)
    _finish(change, dry_run)


@app.command("edit")
def edit_command(
    title: Annotated[
        str,
        typer.Argument(
            help="Id, title or alias of the title to change.", autocompletion=complete_titles
        ),
    ],
    *,
    new_title: Annotated[
        str | None,
        typer.Option("--title", help="Retitle (the old title is kept as an alias).", metavar="NEW"),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option(
            "--date", help="Set the date (use `postpone` to record a slip).", metavar="DATE"
        ),
    ] = None,
    kind: Annotated[str | None, typer.Option(help=f"{', '.join(KINDS)}.", metavar="KIND")] = None,
    add_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    remove_person: Annotated[
        list[str] | None, typer.Option(help="ROLE=NAME (repeatable).", metavar="ROLE=NAME")
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option(help="Add an alias (repeatable).", metavar="NAME")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Set the note.", metavar="TEXT")] = None,
    checked: Annotated[
        str | None, typer.Option(help="Verified on DATE (or 'today').", metavar="DATE")
    ] = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Change a title: retitle, date, people, aliases, note, checked.

    \b
    Examples:
      countdown edit argylle --add-person composer="Lorne Balfe" --checked today
      countdown edit "part two" --title "Mission: Impossible – The Final Reckoning"
      countdown edit gran-turismo --remove-person cast="Orlando Bloom" --dry-run
    """
    from release_countdown.editing import Edits, edit_release, parse_credit
    from release_countdown.store import change_registry

    if kind is not None and kind not in KINDS:
        _bad("--kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    edits = Edits(
        title=new_title, date=date_, kind=kind,
        add_people=[parse_credit(p) for p in add_person or []],
        remove_people=[parse_credit(p) for p in remove_person or []],
        aliases=list(alias or []), note=note, checked=_checked(checked),
    )  # fmt: skip
    path = writable_path(registry)
    change = change_registry(
        path, lambda doc, rels: edit_release(doc, rels, title, edits), dry_run=dry_run
    )
    _finish(change, dry_run)


@app.command("postpone")
def postpone_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    new_date: Annotated[
        str, typer.Argument(help="The new date (any date form).", metavar="NEW_DATE")
    ],
    *,
    announced: Annotated[
        str | None,
        typer.Option(help="When the move was announced (default: today).", metavar="DATE"),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="Why, or where it was announced.", metavar="TEXT")
    ] = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Move a title to a new date and record the announcement in its history.

    When the history is empty, an entry for the previous date is written first, so slip
    statistics stay true. Moving a date earlier works the same way.

    \b
    Examples:
      countdown postpone argylle 2024-02-02 --announced 2023-06-15
      countdown postpone "part two" 2025-05-23 --note "moved for the strikes"
    """
    from release_countdown.editing import postpone_release
    from release_countdown.store import change_registry

    today = date.today()
    when = _day("--announced", announced) if announced else today
    if when > today:
        _bad("--announced", f"{announced!r} is in the future; an announcement has happened already")
    path = writable_path(registry)
    change = change_registry(
        path,
        lambda doc, rels: postpone_release(doc, rels, title, new_date, announced=when, note=note),
        dry_run=dry_run,
    )
    _finish(change, dry_run)


@app.command("remove")
def remove_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    *,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Remove a title (asks first on a terminal; --yes for scripts).

    \b
    Examples:
      countdown remove argylle
      countdown remove gran-turismo --yes
    """
    from release_countdown.editing import find_release, remove_release
    from release_countdown.store import change_registry, read_text, validate

    path = writable_path(registry)
    releases = validate(read_text(path), path)
    chosen = releases[find_release(releases, title)]
    if not yes and not dry_run:
        if not sys.stdin.isatty():
            raise UsageError(f'remove "{chosen.title}"? Not on a terminal: pass --yes to confirm')
        if not typer.confirm(f'Remove "{chosen.title}" (id {chosen.id}) from {path}?', err=True):
            raise typer.Exit(ExitCode.NOT_FOUND)

    def edit(document: Any, current: list[Any]) -> Any:
        return remove_release(document, current, find_release(current, chosen.id))

    _finish(change_registry(path, edit, dry_run=dry_run), dry_run)


@app.command("fmt")
def fmt_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="Registry to format (default: your user registry).", metavar="[PATH]"),
    ] = None,
    *,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if the file is not canonical.")
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """Rewrite a registry in canonical form, so that shared registries diff and merge cleanly.

    Releases sorted by id, keys in a fixed order, one table per release, whitespace
    normalised; values keep their spelling and comments stay with what they precede.

    \b
    Examples:
      countdown fmt
      countdown fmt team/releases.toml --dry-run
      countdown fmt team/releases.toml --check     # in a pre-commit hook
    """
    from release_countdown.canonical import format_registry
    from release_countdown.store import NewText, change_registry, read_text, validate

    if check:
        target = path or registry_paths(None)[0]
        text = read_text(target)
        validate(text, target)
        if format_registry(text, str(target)) != text:
            say(f"countdown: {target} is not in canonical form (run: countdown fmt {target})")
            raise typer.Exit(ExitCode.NOT_FOUND)
        say(f"countdown: {target} is in canonical form")
        return
    target = writable_path([path] if path else None)

    def edit(document: Any, releases: list[Any]) -> NewText:
        text = document.as_string()
        return NewText("formatted", format_registry(text, str(target)))

    _finish(change_registry(target, edit, dry_run=dry_run), dry_run)


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: when the command line names a command, an app holding only that one.

    Typer builds a click command for every registered command at each start, which costs
    more than running most of them; the answer for that command line is the same.
    """
    completing = any(name.endswith("_COMPLETE") for name in os.environ)
    wanted = argv[1] if len(argv) > 1 else None
    infos = [info for info in app.registered_commands if info.name == wanted]
    if completing or not infos:
        return app
    single = typer.Typer(
        cls=CountdownGroup,
        name="countdown",
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    single.registered_callback = app.registered_callback
    single.registered_commands = infos
    return single


def _write_cache_in_background(jobs: list[Callable[[], None]]) -> None:
    """Write new cache entries after the output is out: in a detached child where processes
    fork (the command's caller does not wait for it), else now. Building an entry for 10,000
    titles takes about a second; the answer does not need it."""
    if not jobs:
        return
    try:
        pid = os.fork() if hasattr(os, "fork") else -1
    except OSError:
        pid = -1
    if pid == 0:  # the child: no terminal, no pipe held open, nothing run at exit
        try:
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            for job in jobs:
                job()
        finally:
            os._exit(0)
    if pid < 0:
        for job in jobs:
            job()


def main() -> NoReturn:
    """Entry point of the installed ``countdown`` command."""
    _Later.jobs = []
    code: object = 0
    try:
        _app_for(sys.argv)()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
    if code is not None and not isinstance(code, int):
        say(code)
        code = 1
    sys.stderr.flush()
    _write_cache_in_background(_Later.jobs)
    # Leave without tearing the interpreter down: freeing a large registry's objects one by
    # one takes longer than the query did (tens of milliseconds for 10,000 titles). Output is
    # flushed above, files are closed where they are written, and nothing registers exits.
    os._exit(code or 0)
