"""`countdown export`: the filtered view as an iCalendar file, CSV or JSON."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.columns import ColumnsOption, RawOption, columns
from release_countdown.cli.formatting import output_options
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    OutputFileOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.cli.parsers import ALARMS
from release_countdown.core.params import Leads
from release_countdown.formats.choice import Named, OutputFormat
from release_countdown.formats.ics import FuzzyExport, calendar, plural

app = command_app()


@app.command("export", short_help="Export the view as iCalendar, CSV or JSON.")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "region",
    "show_all", "mark", "tag", "premieres", "platform",
)  # fmt: skip
@output_options(
    supported=(Named.ICS, Named.CSV, Named.JSON), default="ics", help="File format: ics, csv, json"
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
    alarm: Annotated[
        Leads | None,
        typer.Option(
            "--alarm",
            metavar="LEADS",
            help="ICS: add a reminder (VALARM) this long before each event, comma-separated "
            "days or weeks, at 09:00 local time: 7d,1d (0d: on the day).",
            parser=ALARMS,
        ),
    ] = None,
    columns_: ColumnsOption = None,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the filtered view as an iCalendar file, CSV or JSON.

    ICS: one all-day event per title (its id as UID, whatever the region, so importing again
    updates events instead of duplicating them) on the date it stands on; people and aliases
    go in the description. With --region, that region's typed dates are added as events of
    their own; with --all-dates, all (those no source lists now only with
    --unlisted). With --alarm, each event carries alarms.

    \b
    Examples:
      countdown export -o releases.ics
      countdown export --all --all-dates --fuzzy as-span -o everything.ics
      countdown export --alarm 7d,1d -o releases.ics
      countdown export --format csv --composer balfe -o balfe.csv
      countdown export --all --format csv --raw -o for-scripts.csv
      countdown export --format csv --columns id,title,date,people.composer
    """
    from datetime import datetime

    from release_countdown.cli.empty import say_empty
    from release_countdown.cli.output import file_data, say, write_bytes
    from release_countdown.cli.reading import load
    from release_countdown.core.query import roles_of, select
    from release_countdown.core.rows import release_row

    today = today_of(as_of)
    chosen = columns(columns_, output)
    query = filters.query(today)
    loaded = load(registry, no_cache)
    found = [release_row(s, today, query.marked) for s in select(loaded.releases, query, today)]
    if not found:
        say_empty(loaded, today, query, what="titles to export")
    summary = plural(len(found), "title")
    fuzzy_skipped = 0
    if output is Named.ICS:
        made = calendar(
            found, typed=None if query.premieres else "all" if all_dates else query.region,
            unlisted=unlisted,
            fuzzy_as_span=fuzzy is FuzzyExport.AS_SPAN, alarms=alarm or (),
            stamp=datetime.now().astimezone().replace(microsecond=0),
        )  # fmt: skip
        data, summary, fuzzy_skipped = made.data, made.summary(), made.skipped.fuzzy
        if made.skipped.total and to_file is None:
            say(f"countdown: {summary}")
    else:
        data = file_data(found, output, raw=raw, roles=roles_of(loaded.releases), columns=chosen)
    if to_file is None:
        write_bytes(data)
    else:
        from release_countdown.writing.atomic import write_file_atomically

        write_file_atomically(to_file, data)
        say(f"countdown: wrote {summary} to {to_file}")
    if fuzzy_skipped and fuzzy is not FuzzyExport.AS_SPAN:
        say("countdown: use --fuzzy as-span to export fuzzy windows as spans")
