"""`countdown list`: titles with their countdowns."""

from release_countdown.cli.app import command_app
from release_countdown.cli.columns import ColumnsOption, RawOption, columns
from release_countdown.cli.formatting import output_options, title_fields
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    HtmlOption,
    NoCacheOption,
    RegistryOption,
    SvgOption,
    filter_options,
    today_of,
)
from release_countdown.cli.output import bad
from release_countdown.formats.choice import Named, OutputFormat

app = command_app()


@app.command("list")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "reverse",
    "limit", "region", "show_all", "follow", "mark", "tag", "premieres", "platform",
)  # fmt: skip
@output_options(
    supported=(Named.TABLE, Named.JSON, Named.CSV),
    default="table",
    help="table, json, csv, or a template of {fields}, one line per title",
    templates=title_fields,
)
def list_command(
    *,
    filters: Filters,
    output: OutputFormat,
    as_of: AsOfOption = None,
    raw: RawOption = False,
    columns_: ColumnsOption = None,
    svg: SvgOption = None,
    html: HtmlOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List titles with their countdowns.

    By default: titles still to come, due or to be announced, and those released in the last
    30 days. Names match case- and accent-insensitively, as a part of a name, punctuation
    ignored ("star wars starfighter" finds "Star Wars: Starfighter"); several values
    of one option match any of them, different options must all match.

    \b
    Examples:
      countdown list
      countdown list --composer balfe --director mcquarrie
      countdown list --within 90d --kind film --json
      countdown list --kind game --platform PS5
      countdown list --all --as-of 2023-07-08 --format csv > titles.csv
      countdown list --format csv --raw | python3 import_titles.py
      countdown list --format csv --columns title,date,people.composer
      countdown list --format '{days:>4}  {title}'
    """
    from release_countdown.cli.output import write_rows
    from release_countdown.cli.reading import load
    from release_countdown.core.query import roles_of, select
    from release_countdown.core.rows import RowView

    today = today_of(as_of)
    query = filters.query(today)
    if (svg or html) and output is not Named.TABLE:
        bad("--svg" if svg else "--html", "snapshots are of the table: leave out --format/--json")
    chosen = columns(columns_, output)
    loaded = load(registry, no_cache)
    found = RowView(select(loaded.releases, query, today), today, query.marked)
    if not found:
        from release_countdown.cli.empty import say_empty

        say_empty(loaded, today, query)
    write_rows(
        found, output, today=today, total=len(loaded.releases), svg=svg, html=html, raw=raw,
        roles=roles_of(loaded.releases), columns=chosen,
    )  # fmt: skip
