"""`countdown slips`: how far the record's dates moved, counted (read-only)."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    JsonOption,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.cli.parsers import one_of
from release_countdown.core.slips import BYS

app = command_app()


@app.command("slips")
@filter_options("composer", "director", "person", "kind", "search")
def slips_command(
    *,
    filters: Filters,
    by: Annotated[
        str,
        typer.Option(
            help="Break down by kind (of change), precision (at first announcement), horizon "
            "(months from announcement to release), person or franchise.",
            metavar="BY",
            parser=one_of(BYS),
        ),
    ] = "kind",
    json_output: JsonOption = False,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Count how the titles' dates moved: how many titles moved, by kind of change, with the
    median and largest days moved. Descriptive figures only, each with its count (n).

    Every title is counted, released ones too, as the record stood on --as-of. With --by kind
    each row is a kind of change (core/changes.py: postponed, moved up, narrowed...): the titles
    that went through it, how often, and the days of those changes. With any other --by each
    row is a group of titles: how many moved, their changes, and the days between the first
    announced date and the one in force (0 when the windows overlap), over the titles that
    moved. Horizon bands: under 6, 6–12, 12–24, 24 or more months from the first announcement
    to the date in force; "unknown" without an announcement day. A title counts once for each
    of its people.

    \b
    Examples:
      countdown slips
      countdown slips --by horizon --kind film
      countdown slips --by person --composer zimmer
      countdown slips --as-of 2025-01-01 --json | jq .groups
    """
    import sys

    from release_countdown.cli.empty import say_unknown_people
    from release_countdown.cli.output import write_json
    from release_countdown.cli.reading import load
    from release_countdown.core.query import select
    from release_countdown.core.slips import slips

    today = today_of(as_of)
    query = filters.query(today, show_all=True)
    loaded = load(registry, no_cache)
    result = slips(select(loaded.releases, query, today), today, by)
    unknown = say_unknown_people(loaded, query)  # on stderr; JSON still prints the figures
    if json_output:
        from release_countdown.formats.jsonrows import slips_json

        write_json(slips_json(result))
        return
    if unknown:
        return
    from release_countdown.views.slips import nothing_moved, print_slips

    if not result.moved:
        sys.stdout.write(nothing_moved(result) + "\n")
        return

    print_slips(result, file=sys.stdout)
