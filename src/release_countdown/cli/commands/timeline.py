"""`countdown timeline`: the titles on a time axis."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    DayArg,
    Duration,
    Filters,
    HtmlOption,
    NoCacheOption,
    RegistryOption,
    SvgOption,
    filter_options,
    today_of,
)
from release_countdown.cli.output import bad
from release_countdown.cli.parsers import ABSOLUTE_DAY, DURATION

app = command_app()


@app.command("timeline")
@filter_options(
    "composer", "director", "person", "kind", "status", "search", "limit", "region", "show_all",
    "follow", "mark", "tag", "platform", "premieres",
)  # fmt: skip
def timeline_command(
    *,
    filters: Filters,
    from_: Annotated[
        DayArg | None,
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="Start of the time axis.", parser=ABSOLUTE_DAY
        ),
    ] = None,
    to: Annotated[
        DayArg | None,
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="End of the time axis.", parser=ABSOLUTE_DAY
        ),
    ] = None,
    within: Annotated[
        Duration | None,
        typer.Option(
            help="Draw from today to today+N: 30d, 6w, 3m, 1y.", metavar="N", parser=DURATION
        ),
    ] = None,
    ascii_only: Annotated[
        bool, typer.Option("--ascii", help="Only ASCII characters (no box or block glyphs).")
    ] = False,
    as_of: AsOfOption = None,
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
    import sys

    from release_countdown.cli.empty import say_empty
    from release_countdown.cli.reading import load
    from release_countdown.core.query import select
    from release_countdown.core.rows import RowView
    from release_countdown.views.timeline import default_span, timeline_lines, within_span

    today = today_of(as_of)
    query = filters.query(today, sort="date")
    start = from_.on(today) if from_ else None
    end = to.on(today) if to else None
    if within:
        start, end = start or today, end or within.after(today)
    if start is not None and end is not None and end <= start:
        bad("--to", f"{end.isoformat()} is not after {start.isoformat()}")
    loaded = load(registry, no_cache)
    rows = list(RowView(select(loaded.releases, query, today), today, query.marked))
    rows = within_span(rows, start, end)
    if not rows:
        say_empty(loaded, today, query)
        return
    first, last = default_span(rows, today)
    start, end = start or first, end or last
    if end <= start:
        bad("--to", f"{end.isoformat()} is not after {start.isoformat()}")
    from release_countdown.views.console import emit, lines_text, make_console

    console = make_console(sys.stdout)
    plain = ascii_only or not console.is_terminal
    picture = timeline_lines(
        rows, today=today, start=start, end=end, width=console.width, ascii_only=plain
    )
    snapshot = None
    if (svg or html) and plain and not ascii_only:  # a snapshot is drawn in full Unicode
        snapshot = lines_text(
            timeline_lines(rows, today=today, start=start, end=end, width=console.width)
        )
    emit(
        lines_text(picture), file=sys.stdout, svg=svg, html=html, title="release timeline",
        snapshot=snapshot,
    )  # fmt: skip
