"""The options of `countdown notify` that only it has (cli/options.py holds the shared ones),
and the words it says about a run."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli import parsers
from release_countdown.cli.parsers import LEADS
from release_countdown.core.notices import MIN_PRECISIONS, ON_KINDS
from release_countdown.core.params import Leads, OnKinds

if TYPE_CHECKING:
    from release_countdown.core.notices import Alerts
    from release_countdown.delivery import Destination
    from release_countdown.workflows.notify import FirstRun, Notified

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
        "_DATE, _DAYS, _COUNTDOWN in its environment and the notice as JSON on stdin (with "
        "--digest: once a digest, COUNTDOWN_EVENT=digest, _PERIOD, _SINCE, _UNTIL, _COUNT and "
        "the digest as JSON).",
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


OnOption = Annotated[
    OnKinds | None,
    typer.Option(
        "--on",
        metavar="KINDS",
        help=f"Send only these kinds of notice, comma-separated: {', '.join(ON_KINDS)} (the "
        "changes as the record names them; - for a space: moved-up; default: the config "
        "file's [notify] on, else all). A change left out is taken as seen.",
        parser=parsers.ON_KINDS,
    ),
]

MinPrecisionOption = Annotated[
    str | None,
    typer.Option(
        "--min-precision",
        metavar="PRECISION",
        help=f"{', '.join(MIN_PRECISIONS)}: say nothing of a change or a new title whose date "
        "is vaguer (default: the config file's [notify] min_precision, else any date).",
        parser=parsers.MIN_PRECISION,
    ),
]


def alerts(
    on: frozenset[str] | None,
    min_precision: str | None,
    on_setting: frozenset[str] | None,
    min_precision_setting: str | None,
) -> "Alerts":
    """The notices wanted: each option, else its [notify] setting, else all."""
    from release_countdown.core.notices import Alerts

    return Alerts(on or on_setting, min_precision or min_precision_setting)


def say_first_run(first: "FirstRun | None", *, digest: bool = False) -> None:
    """Once: a first run that sends nothing still says it works (and, under --digest, that
    the next notice waits for a digest rather than being sent on its day)."""
    from release_countdown.cli.output import say

    if first is None:
        return
    skipped, next_day = first.skipped, first.next_day
    then = f"the next will be sent on {next_day}" if next_day else "none is due later"
    if digest and next_day:
        then = f"the next is due on {next_day}, held for the next digest"
    say(f"countdown: first run: {skipped} earlier reminder{'s' if skipped != 1 else ''} "
        f"skipped; {then}")  # fmt: skip


def tell(
    done: "Notified",
    sending: "Sequence[Destination]",
    path: Path,
    *,
    dry_run: bool,
    json_output: bool,
) -> None:
    """What a notify run did, in words on stderr (the notices of a dry run on stdout);
    DeliveryError (exit 4) when a notice was not delivered."""
    from release_countdown.cli.output import say
    from release_countdown.core.errors import DeliveryError
    from release_countdown.delivery.channels import Stdout

    if dry_run:
        shown = Stdout(json_lines=json_output)
        for notice in done.notices:
            shown.send(notice)
        names = ", ".join(d.name for d in sending)
        count = len(done.notices)
        say(f"countdown: {count} notice{'s' if count != 1 else ''} due for {names} (dry run: "
            f"nothing sent or recorded in {path})")  # fmt: skip
        return
    say_first_run(done.first_run)
    if count := len(done.claimed):
        since = min(c.since for c in done.claimed).astimezone()
        them = "it" if count == 1 else "them"
        say(f"countdown: {count} notice{'s' if count != 1 else ''} left to another countdown "
            f"notify, started {since:%H:%M:%S}, which is delivering {them}")  # fmt: skip
    for failed in done.undelivered:
        notice = failed.notice
        for problem in failed.problems:
            say(f"countdown: {notice.event} {notice.id} ({notice.date}): {problem}")
    if count := len(done.undelivered):
        total = len(done.notices)
        raise DeliveryError(
            f"{count} of {total} notice{'s' if total != 1 else ''} not delivered; "
            f"{'it is' if count == 1 else 'they are'} retried next run"
        )
