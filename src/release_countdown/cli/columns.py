"""The CSV options of `list` and `export`: --columns, chosen and ordered (an option with its
validator, kept beside cli/options.py), and --raw."""

from typing import Annotated

import typer

from release_countdown.cli.output import bad
from release_countdown.formats.choice import Named, OutputFormat

RawOption = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="CSV: write cells verbatim, for pipelines; by default cells that a spreadsheet "
        "would run as a formula are prefixed with '.",
    ),
]
ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="A,B,C",
        help="CSV: these columns, in this order (e.g. title,date,people.composer).",
    ),
]


def columns(value: str | None, output: OutputFormat) -> list[str] | None:
    """--columns as a list of CSV columns (only with CSV)."""
    if value is None:
        return None
    if output is not Named.CSV:
        bad("--columns", "goes with --format csv")
    from release_countdown.formats.csvrows import choose_columns

    try:
        return choose_columns(value)
    except ValueError as exc:
        bad("--columns", str(exc))
