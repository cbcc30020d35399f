"""`countdown next`: the soonest upcoming title as one line, for status bars and prompts."""

from release_countdown.cli.app import command_app
from release_countdown.cli.formatting import output_options, title_fields
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.formats.choice import Named, OutputFormat

app = command_app()


@app.command("next")
@filter_options(
    "composer", "director", "person", "kind", "within", "search", "limit", "region", "follow",
    "mark", "tag", "platform", "premieres",
)  # fmt: skip
@output_options(
    supported=(Named.TABLE, Named.JSON, Named.CSV),
    default="{title} {in_days} ({date})",
    help="A template of {fields}, one line per title: {title} {days} {in_days} {date} "
    "{countdown} {director} {composer} {cast} {developer} {showrunner} {people.ROLE} {kind} "
    "{status} {id} and every JSON scalar field; or table, csv, or json (one object a line), "
    "as `list` writes them",
    templates=title_fields,
)
def next_command(
    *,
    filters: Filters,
    output: OutputFormat,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print the soonest upcoming title as one line (--limit N: the next N), for status bars.

    A title releasing today counts, and so does one due now (inside its window: {days} is 0,
    {days_max} the days to the window's last day); ties go to the title first in alphabetical
    order. When
    nothing is upcoming, a message goes to stderr, nothing to stdout, and the exit code is 1.
    --format table, csv or json writes the same rows as `list` does (JSON: one object a line).

    \b
    Examples:
      countdown next
      countdown next --format '{title} in {days} days'
      countdown next --limit 3 --format '{days:>4d}  {title}'
      countdown next --composer balfe --format '{title}: {countdown}'
      countdown next --limit 5 --format csv
    """
    from release_countdown.cli.empty import empty_error
    from release_countdown.cli.output import write_rows
    from release_countdown.cli.reading import load
    from release_countdown.core.query import NEXT_STATUSES, select
    from release_countdown.core.rows import release_row

    today = today_of(as_of)
    query = filters.query(today, statuses=NEXT_STATUSES)
    loaded = load(registry, no_cache)
    found = select(loaded.releases, query, today)
    if not found:
        raise empty_error(loaded, today, query, what="upcoming titles")
    rows = [release_row(standing, today, query.marked) for standing in found[: filters.limit or 1]]
    write_rows(rows, output, today=today, total=len(found), json_per_line=True)
