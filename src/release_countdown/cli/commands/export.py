"""`countdown export`: the filtered view as an iCalendar file, CSV, JSON or a Radarr/Sonarr
list."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.columns import ColumnsOption, RawOption, columns
from release_countdown.cli.formatting import output_options
from release_countdown.cli.options import (
    AlarmOption,
    AsOfOption,
    Filters,
    NoCacheOption,
    OutputFileOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.formats.choice import Named, OutputFormat
from release_countdown.formats.ics import FuzzyExport, calendar, plural

app = command_app()


@app.command("export")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "region",
    "show_all", "mark", "tag", "premieres", "platform",
)  # fmt: skip
@output_options(
    supported=(Named.ICS, Named.CSV, Named.JSON, Named.RADARR_LIST, Named.SONARR_LIST),
    default="ics",
    help="File format: ics, csv, json, radarr-list, sonarr-list",
)
def export_command(
    *,
    filters: Filters,
    output: OutputFormat,
    to_file: OutputFileOption = None,
    all_dates: Annotated[
        bool, typer.Option("--all-dates", help="ICS: add every typed regional date as an event.")
    ] = False,
    unlisted: Annotated[bool, typer.Option(help="ICS: add dates no longer listed.")] = False,
    fuzzy: Annotated[
        FuzzyExport,
        typer.Option(help="ICS: skip fuzzy dates (counted on stderr), or export them as spans."),
    ] = FuzzyExport.SKIP,
    raw: RawOption = False,
    alarm: AlarmOption = None,
    columns_: ColumnsOption = None,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the filtered view as an iCalendar file, CSV, JSON or a Radarr/Sonarr list.

    ICS: one all-day event per title (its id as UID, whatever the region, so importing again
    updates events instead of duplicating them) on the date it stands on; people and aliases
    go in the description. With --region, that region's typed dates are added as events of
    their own; with --all-dates, all (those no source lists now only with
    --unlisted). With --alarm, each event carries alarms. radarr-list and sonarr-list are
    the JSON lists Radarr's and Sonarr's "Custom List" read (titles without a TMDB film id,
    or a TheTVDB id, left out and counted).

    \b
    Examples:
      countdown export -o releases.ics
      countdown export --all --all-dates --fuzzy as-span -o everything.ics
      countdown export --alarm 7d,1d -o releases.ics
      countdown export --format csv --composer balfe -o balfe.csv
      countdown export --all --format csv --raw -o for-scripts.csv
      countdown export --format csv --columns id,title,date,people.composer
      countdown export --format radarr-list --kind film -o radarr.json
    """
    from datetime import datetime

    from release_countdown.cli.empty import say_empty
    from release_countdown.cli.output import file_data, say, write_bytes
    from release_countdown.cli.reading import load
    from release_countdown.core.query import roles_of, select
    from release_countdown.core.rows import release_row
    from release_countdown.formats.arrlists import LISTS

    today = today_of(as_of)
    chosen = columns(columns_, output)
    query = filters.query(today)
    loaded = load(registry, no_cache)
    found = [release_row(s, today, query.marked) for s in select(loaded.releases, query, today)]
    if not found:
        say_empty(loaded, today, query, what="titles to export")
    summary = plural(len(found), "title")
    fuzzy_skipped, skipped = 0, False
    if output is Named.ICS:
        made = calendar(
            found, typed=None if query.premieres else "all" if all_dates else query.region,
            unlisted=unlisted,
            fuzzy_as_span=fuzzy is FuzzyExport.AS_SPAN, alarms=alarm or (),
            stamp=datetime.now().astimezone().replace(microsecond=0),
        )  # fmt: skip
        data, summary, fuzzy_skipped = made.data, made.summary(), made.skipped.fuzzy
        skipped = made.skipped.total > 0
    elif output is Named.RADARR_LIST or output is Named.SONARR_LIST:
        listed = LISTS[output.value](found)
        data, summary, skipped = listed.data, listed.summary(), listed.left_out > 0
    else:
        data = file_data(found, output, raw=raw, roles=roles_of(loaded.releases), columns=chosen)
    if skipped and to_file is None:
        say(f"countdown: {summary}")
    if to_file is None:
        write_bytes(data)
    else:
        from release_countdown.writing.atomic import write_file_atomically

        write_file_atomically(to_file, data)
        say(f"countdown: wrote {summary} to {to_file}")
    if fuzzy_skipped and fuzzy is not FuzzyExport.AS_SPAN:
        say("countdown: use --fuzzy as-span to export fuzzy windows as spans")
