"""`countdown show`: one title, its dates, history and people."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import (
    AsOfOption,
    HtmlOption,
    NoCacheOption,
    RegionOption,
    RegistryOption,
    SvgOption,
    today_of,
)

app = command_app()


@app.command("show")
def show_command(
    title: Annotated[
        str,
        typer.Argument(
            help="Id, title or alias (or a part of one).",
            metavar="TITLE",
            autocompletion=complete_titles,
        ),
    ],
    *,
    as_of: AsOfOption = None,
    region_code: RegionOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the title's JSON row.")
    ] = False,
    svg: SvgOption = None,
    html: HtmlOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show one title: countdown, regional dates, announcement history, people, sources.

    TITLE matches an id, title or alias case- and accent-insensitively, punctuation ignored
    ("dune part three"); an exact match wins, else a part of a name. Several matches are
    listed and the exit code is 1; a lone close match with every word asked for is taken.

    \b
    Examples:
      countdown show argylle
      countdown show "part two" --as-of 2023-07-08
      countdown show gran-turismo --region GB --json
    """
    import sys

    from release_countdown.cli.parsers import region_or_setting
    from release_countdown.cli.reading import load, marks
    from release_countdown.core.rows import release_row
    from release_countdown.core.standing import one_title, standings

    today = today_of(as_of)
    loaded = load(registry, no_cache)
    everyone = standings(loaded.releases, today, region_or_setting(region_code))
    standing = one_title(everyone, title, loaded.releases, today)
    row = release_row(standing, today, marks())
    if json_output:
        from release_countdown.cli.output import write_json
        from release_countdown.formats.jsonrows import row_json

        write_json(row_json(row))
        return
    from release_countdown.views.show import print_show

    print_show(row, today=today, file=sys.stdout, svg=svg, html=html, recorded=standing.recorded)
