"""The options of `edit` alone (the ones `add` shares are in cli/options.py), each with its
parser attached (cli/parsers.py)."""

from typing import Annotated, Any

import typer
from typer._click.types import Tuple as Pair  # typer vendors click (as cli/shells.py knows)

from release_countdown.cli import completion
from release_countdown.cli.parsers import DAY, OWN_LEADS, TAG
from release_countdown.core.params import DayArg, Leads

RetitledOnOption = Annotated[  # edit --announced
    DayArg | None,
    typer.Option(
        help="With --title: the day the new title was announced (default: today).",
        metavar="DATE",
        parser=DAY,
    ),
]
DateForOption = Annotated[  # edit --date-for
    list[Any] | None,  # each a (REGION:TYPE, DATE) pair: typer takes no list of tuples
    typer.Option(
        click_type=Pair([str, str]),
        help="Add or change a typed regional date on no platform (repeatable; e.g. --date-for "
        "US:theatrical 2026-12-18; a game's per-platform dates are left as they are).",
        metavar="REGION:TYPE DATE",
    ),
]
IdOption = Annotated[  # edit --id: parsed by writing/fields.parse_id
    list[str] | None,
    typer.Option(
        "--id",
        help="Attach a source's id, e.g. tmdb=movie/575264 (repeatable; refresh then uses it).",
        metavar="SOURCE=ID",
    ),
]
RemoveIdOption = Annotated[
    list[str] | None,
    typer.Option("--remove-id", help="Detach a source's id (repeatable).", metavar="SOURCE"),
]
AliasOption = Annotated[  # edit --alias, --remove-alias, --source, --franchise
    list[str] | None, typer.Option(help="Add an alias (repeatable).", metavar="NAME")
]
RemoveAliasOption = Annotated[
    list[str] | None, typer.Option(help="Remove an alias (repeatable).", metavar="NAME")
]
SourceOption = Annotated[
    list[str] | None, typer.Option(help="Add a source (repeatable).", metavar="URL")
]
FranchiseOption = Annotated[str | None, typer.Option(help="Set the franchise.", metavar="NAME")]
UntagOption = Annotated[  # edit --untag
    list[str] | None,
    typer.Option("--untag", help="Remove a tag (repeatable).", metavar="TAG", parser=TAG,
                 autocompletion=completion.complete_tags),
]  # fmt: skip
OwnLeadOption = Annotated[
    Leads | None,
    typer.Option(
        "--lead",
        metavar="LEADS",
        help="The title's own lead times for notify (30d,1d; 'default': the [notify] lead "
        "or notify's --lead again).",
        parser=OWN_LEADS,
    ),
]
