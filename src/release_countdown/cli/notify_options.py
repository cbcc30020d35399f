"""The options of `countdown notify` that only it has (cli/options.py holds the shared ones)."""

from pathlib import Path
from typing import Annotated

import typer

from release_countdown.cli.parsers import LEADS
from release_countdown.core.params import Leads

LeadOption = Annotated[
    Leads | None,
    typer.Option(
        "--lead",
        metavar="LEADS",
        help="Lead times before each release, comma-separated days or weeks (default: the "
        "config file's [notify] lead, else 30d,7d,1d,0d; 0d is the release day).",
        parser=LEADS,
    ),
]

ToOption = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        metavar="URL",
        help="Send to this Apprise URL (ntfy://topic, mailto://…, json://host/path; needs "
        "release-countdown[notify]), 'desktop' (notify-send) or 'stdout' (repeatable; "
        "default: the config file's [notify] to, else stdout).",
    ),
]

ExecOption = Annotated[
    str | None,
    typer.Option(
        "--exec",
        metavar="CMD",
        help="Run CMD once per notice, without a shell, with COUNTDOWN_EVENT, _ID, _TITLE, "
        "_DATE, _DAYS, _COUNTDOWN in its environment and the notice as JSON on stdin.",
    ),
]

StateOption = Annotated[
    Path | None,
    typer.Option(
        "--state",
        metavar="PATH",
        help="The file of what was delivered (default: see `countdown where`).",
    ),
]
