"""`countdown follow add`'s options (core/follow.Follow's fields), beside cli/options.py."""

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from release_countdown.cli import completion
from release_countdown.cli.parsers import ABSOLUTE_DAY, one_of
from release_countdown.core.follow import FOLLOW_MODES
from release_countdown.core.model import KINDS
from release_countdown.core.params import DayArg
from release_countdown.core.record import Candidate
from release_countdown.views.safe import terminal_safe

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


def pick(candidates: Sequence[Candidate]) -> str | None:
    """`follow add NAME` matching several people: on a terminal, the one the user picks (None
    for none); elsewhere each listed on stdout (ref, name, known for) and None."""
    lines = [f"{c.ref:<22} {c.title}" + (f"  ({c.note})" if c.note else "") for c in candidates]
    if not on_terminal():
        sys.stdout.writelines(terminal_safe(line) + "\n" for line in lines)
        return None
    for number, line in enumerate(lines, 1):
        typer.echo(f"{number:>2}  {terminal_safe(line)}", err=True)
    answer = typer.prompt("Which one? (number, or Enter for none)", default="", err=True)
    chosen = int(answer) if answer.strip().isdigit() else 0
    return candidates[chosen - 1].ref if 1 <= chosen <= len(candidates) else None


def on_terminal() -> bool:
    """Whether a person can answer a question here (stdin and stderr are terminals)."""
    return sys.stdin.isatty() and sys.stderr.isatty()
