"""`countdown follow add`'s options (core/follow.Follow's fields), beside cli/options.py."""

from typing import Annotated

import typer

from release_countdown.cli import completion
from release_countdown.cli.parsers import ABSOLUTE_DAY, one_of
from release_countdown.core.follow import FOLLOW_MODES
from release_countdown.core.model import KINDS
from release_countdown.core.params import DayArg

FollowJobsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--job",
        metavar="JOB",
        help='A TMDB crew job ("Original Music Composer", "Director", "Screenplay") or "cast" '
        "(repeatable; default: the person's known-for department's main job).",
    ),
]
FollowTypesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        help="A MusicBrainz release type: album, single, ep, soundtrack, live… (repeatable; "
        "default for an artist: album, ep, soundtrack).",
    ),
]
FollowKindsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help=f"Only titles of these kinds ({', '.join(KINDS)}; repeatable; default: every kind).",
        parser=one_of(KINDS),
        autocompletion=completion.complete_kind,
    ),
]
SinceOption = Annotated[
    DayArg | None,
    typer.Option(
        "--since",
        metavar="DAY",
        help="Ignore titles dated before this day (default: today).",
        parser=ABSOLUTE_DAY,
    ),
]
NoTbaOption = Annotated[
    bool, typer.Option("--no-tba", help="Keep only titles with a date (no TBA).")
]
FollowNameOption = Annotated[
    str | None,
    typer.Option(help="The follow's name (default: a slug of the person's name or the ref).",
                 metavar="NAME"),
]  # fmt: skip
FollowModeOption = Annotated[
    str,
    typer.Option(
        "--mode",
        metavar="MODE",
        help="inbox: propose new titles (`countdown inbox`); add: import them at once.",
        parser=one_of(FOLLOW_MODES),
    ),
]
