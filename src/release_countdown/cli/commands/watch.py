"""`countdown watch`: countdowns ticking to the second."""

from typing import Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import (
    PICKS,
    AsOfOption,
    Filters,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)  # fmt: skip

app = command_app()


@app.command("watch")
@filter_options("composer", "director", "person", "kind", "within", "limit", "region", *PICKS)
def watch_command(
    title: Annotated[
        str | None,
        typer.Argument(
            help="Watch only this title (id, title or alias).",
            metavar="[TITLE]",
            autocompletion=complete_titles,
        ),
    ] = None,
    *,
    filters: Filters,
    once: Annotated[
        bool, typer.Option("--once", help="Draw one frame and exit (works when piped).")
    ] = False,
    as_of: AsOfOption = None,
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
    import sys
    from datetime import datetime

    from release_countdown.cli.reading import load
    from release_countdown.core.errors import NotFoundError, UsageError
    from release_countdown.core.query import select
    from release_countdown.core.rows import release_row
    from release_countdown.core.standing import one_title, standings
    from release_countdown.views.watch import announced_of, progress, target_of

    if not once and not sys.stdout.isatty():
        raise UsageError(
            "watch draws a live display and needs a terminal; use --once to print one frame"
        )
    start_day = today_of(as_of)
    query = filters.query(start_day, statuses=("upcoming", "today"))
    loaded = load(registry, no_cache)
    if title is not None:
        everyone = standings(loaded.releases, start_day, query.region)
        chosen = [one_title(everyone, title)]
    else:
        chosen = select(loaded.releases, query, start_day)
    tz = datetime.now().astimezone().tzinfo
    items = []
    for standing in chosen:
        target = target_of(standing.date, tz)
        if target is not None:
            row = release_row(standing, start_day)
            items.append((row, target, announced_of(row, tz)))
    if not items and title is None and not chosen:
        from release_countdown.cli.empty import empty_error

        raise empty_error(loaded, start_day, query, what="upcoming titles to watch")
    if not items:
        raise NotFoundError("no upcoming title with an exact date to watch")

    from release_countdown.views.console import make_console, print_plain_or_styled
    from release_countdown.views.watch import watch_table

    console = make_console(sys.stdout)

    def frame(now: datetime, live: bool = True) -> Any:
        rows = [(row, target, progress(start, target, now)) for row, target, start in items]
        return watch_table(rows, now=now, live=live, width=console.width,
                           plain=not console.is_terminal)  # fmt: skip

    def clock_now() -> datetime:
        if as_of is None:
            return datetime.now(tz)
        return datetime.combine(start_day, datetime.min.time(), tz)

    if once:
        print_plain_or_styled(console, frame(clock_now(), live=False), sys.stdout)
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
