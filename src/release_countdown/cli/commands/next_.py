"""`countdown next`: the soonest upcoming title as one line, for status bars and prompts."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    template,
    today_of,
)

app = command_app()


@app.command("next", short_help="Print the soonest upcoming title as one line.")
@filter_options("composer", "director", "person", "kind", "within", "search", "limit", "region")
def next_command(
    *,
    filters: Filters,
    output: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="TEMPLATE",
            help="Template of {fields}: {title} {days} {in_days} {date} {countdown} {director} "
            "{composer} {cast} {developer} {showrunner} {people.ROLE} {kind} {status} {id} and "
            "every JSON scalar field.",
            callback=template,
        ),
    ] = "{title} {in_days} ({date})",
    as_of: AsOfOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the title's JSON row instead of a line.")
    ] = False,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print the soonest upcoming title as one line (--limit N: the next N), for status bars.

    A title releasing today counts; ties go to the title first in alphabetical order. When
    nothing is upcoming, a message goes to stderr, nothing to stdout, and the exit code is 1.

    \b
    Examples:
      countdown next
      countdown next --format '{title} in {days} days'
      countdown next --limit 3 --format '{days:>4d}  {title}'
      countdown next --composer balfe --format '{title}: {countdown}'
    """
    import sys

    from release_countdown.cli.empty import empty_error
    from release_countdown.cli.output import write_rows
    from release_countdown.cli.reading import load
    from release_countdown.core.query import select
    from release_countdown.core.rows import release_row

    today = today_of(as_of)
    query = filters.query(today, statuses=("upcoming", "today"))
    loaded = load(registry, no_cache)
    found = select(loaded.releases, query, today)
    if not found:
        raise empty_error(loaded, today, query, what="upcoming titles")
    rows = [release_row(standing, today) for standing in found[: filters.limit or 1]]
    if json_output:
        import json

        from release_countdown.formats.jsonrows import row_json

        sys.stdout.writelines(json.dumps(row_json(r), ensure_ascii=False) + "\n" for r in rows)
        return
    write_rows(rows, output, today=today, total=len(found))
