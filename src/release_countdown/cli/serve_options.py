"""The options of `countdown serve` that only it has (cli/options.py holds the shared ones).
Host and port default to None: the config file's ``[serve] host`` and ``port`` fill them in
(an option given wins), then 127.0.0.1 and 8787 (settings.py)."""

from typing import Annotated

import typer

from release_countdown.cli.parsers import EVERY, converted
from release_countdown.core import params
from release_countdown.core.schedule import Every

HostOption = Annotated[
    str | None,
    typer.Option(
        help="Address to bind; any but loopback needs a token (default: [serve] host in the "
        "config file, else 127.0.0.1).",
        metavar="HOST",
    ),
]

PortOption = Annotated[
    int | None,
    typer.Option(
        help="Port to listen on; 0 for any free port, which is printed (default: [serve] port "
        "in the config file, else 8787).",
        metavar="PORT",
        parser=converted(params.port, "port"),
    ),
]

TokenOption = Annotated[
    str | None,
    typer.Option(
        help="Require this token on every request (?token= or Authorization: Bearer); "
        "default: [serve] token in the config file.",
        metavar="TOKEN",
        show_default=False,
    ),
]

RefreshOption = Annotated[
    Every | None,
    typer.Option(
        "--refresh",
        help="Refresh the titles due (as `refresh --due`) inside the server, now and then every "
        "INTERVAL: 30min, 6h, 1d… (at least 15min); the registry written is --registry's, "
        "else yours.",
        metavar="INTERVAL",
        parser=EVERY,
        show_default=False,
    ),
]
