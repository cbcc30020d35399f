"""`countdown notify --digest daily|weekly` and `--group-by`: the options, and the words a
digest run says (workflows/digest.py runs it)."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli import parsers
from release_countdown.core.digest import GROUP_BY, PERIODS

if TYPE_CHECKING:
    from release_countdown.delivery import Destination
    from release_countdown.settings import Settings
    from release_countdown.workflows.digest import Digested

DigestOption = Annotated[
    str | None,
    typer.Option(
        "--digest",
        metavar="PERIOD",
        help=f"{', '.join(PERIODS)}: send what is due as one message a period: the first run "
        "sends, then the first run a day (or seven days) after the last digest; runs in between "
        "hold what they find for the next; none: a notice at a time (default: the config "
        "file's [notify] digest, else none).",
        parser=parsers.DIGEST,
    ),
]

GroupByOption = Annotated[
    str | None,
    typer.Option(
        "--group-by",
        metavar="GROUPS",
        help=f"{', '.join(GROUP_BY)}: a digest's groups, each with its counts by event "
        "(person: each credited person but the cast; follow: the follow that brought the "
        "title; default: the config file's [notify] group_by, else none).",
        parser=parsers.GROUP_BY,
    ),
]


def chosen(digest: str | None, group_by: str | None, found: "Settings") -> tuple[str | None, str]:
    """The digest's period (None: a notice at a time) and groups: each option, else its
    setting, else the default. --group-by without a digest is a usage error (it would say
    nothing)."""
    from release_countdown.core.digest import DEFAULT_GROUP_BY
    from release_countdown.core.errors import UsageError

    period = found.notify_digest.value if digest is None else digest
    period = None if period == "none" else period
    if period is None and group_by is not None:
        raise UsageError("--group-by groups a digest: add --digest daily or --digest weekly")
    return period, group_by or found.notify_group_by.value or DEFAULT_GROUP_BY


def tell(
    done: "Digested",
    sending: "Sequence[Destination]",
    path: Path,
    *,
    dry_run: bool,
    json_output: bool,
) -> None:
    """What a digest run did, in words on stderr (a dry run's digest on stdout);
    DeliveryError (exit 4) when the digest was not delivered."""
    from release_countdown.cli.notify_options import say_first_run
    from release_countdown.cli.output import say
    from release_countdown.core.errors import DeliveryError
    from release_countdown.delivery.channels import Stdout

    digest = done.digest
    if dry_run:
        if digest is not None:
            Stdout(json_lines=json_output).send_digest(digest)
        count = digest.total if digest is not None else 0
        when = "due this run" if done.due else "not due this run"
        say(f"countdown: a digest of {count} notice{'s' if count != 1 else ''}, {when} (dry "
            f"run: nothing sent or recorded in {path})")  # fmt: skip
        return
    say_first_run(done.first_run, digest=True)
    if done.sending_elsewhere is not None:
        since = done.sending_elsewhere.astimezone()
        say(f"countdown: another countdown notify, started {since:%H:%M:%S}, is sending a digest")
    for problem in done.problems:
        say(f"countdown: digest: {problem}")
    if done.problems:
        raise DeliveryError(
            f"the digest was not delivered; its {digest.total if digest else 0} notices are "
            "held and retried next run"
        )
    if digest is None and done.held:
        held = done.held
        say(f"countdown: {held} notice{'s' if held != 1 else ''} held for the next digest "
            f"(due from {done.next_period})")  # fmt: skip
