"""`countdown export`: the filtered view as an iCalendar file, CSV or JSON."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.columns import ColumnsOption, columns
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.cli.parsers import ALARMS
from release_countdown.core.params import Leads

app = command_app()


class ExportFormat(str, Enum):
    ICS = "ics"
    CSV = "csv"
    JSON = "json"


class FuzzyExport(str, Enum):
    SKIP = "skip"
    AS_SPAN = "as-span"


@app.command("export", short_help="Export the view as iCalendar, CSV or JSON.")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "region",
    "show_all",
)  # fmt: skip
def export_command(
    *,
    filters: Filters,
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
    raw: Annotated[
        bool,
        typer.Option(
            "--raw",
            help="CSV: write cells verbatim, for pipelines; by default cells that a spreadsheet "
            "would run as a formula are prefixed with '.",
        ),
    ] = False,
    alarm: Annotated[
        Leads | None,
        typer.Option(
            "--alarm",
            metavar="LEADS",
            help="ICS: add a reminder (VALARM) this long before each event, comma-separated "
            "days or weeks: 7d,1d (0d: on the day).",
            parser=ALARMS,
        ),
    ] = None,
    columns_: ColumnsOption = None,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the filtered view as an iCalendar file, CSV or JSON.

    ICS: one all-day event per exact date, with UIDs derived from the ids so that importing
    again updates events instead of duplicating them; people and aliases go in the
    description. With --region, that region's typed dates are added; with --all-dates, all.
    With --alarm, each event carries alarms, so a calendar app reminds you.

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

    from release_countdown.cli.output import say, write_bytes
    from release_countdown.cli.reading import load
    from release_countdown.core.query import roles_of, select
    from release_countdown.core.rows import release_row

    today = today_of(as_of)
    chosen = columns(columns_, output_format.value)
    query = filters.query(today)
    loaded = load(registry, no_cache)
    found = [release_row(s, today) for s in select(loaded.releases, query, today)]
    if not found:
        from release_countdown.cli.empty import say_empty

        say_empty(loaded, today, query, what="titles to export")
    summary = f"{len(found)} title{'s' if len(found) != 1 else ''}"
    advice = None
    if output_format is ExportFormat.ICS:
        from release_countdown.formats.ics import events, to_ics

        typed = "all" if all_dates else query.region
        as_span = fuzzy is FuzzyExport.AS_SPAN
        made, skipped = events(found, typed=typed, fuzzy_as_span=as_span)
        alarms = alarm or ()
        now = datetime.now().astimezone().replace(microsecond=0)
        data = to_ics(made, stamp=now, alarms=alarms)
        counted = f"{len(made)} event{'s' if len(made) != 1 else ''} ({summary}"
        summary = counted + (f"; {skipped.words()})" if skipped.total else ")")
        if skipped.total and output is None:
            say(f"countdown: {summary}")
        if skipped.fuzzy and not as_span:
            advice = "countdown: use --fuzzy as-span to export fuzzy windows as spans"
    elif output_format is ExportFormat.CSV:
        from release_countdown.formats.csvrows import to_csv

        roles = roles_of(loaded.releases)
        data = to_csv(found, raw=raw, roles=roles, columns=chosen).encode("utf-8")
    else:
        from release_countdown.formats.jsonrows import to_json

        data = to_json(found).encode("utf-8")
    if output is None:
        write_bytes(data)
    else:
        from release_countdown.writing.atomic import write_file_atomically

        write_file_atomically(output, data)
        say(f"countdown: wrote {summary} to {output}")
    if advice is not None:
        say(advice)
