"""`import`'s options for refs (beside cli/import_list.py's, for --from) and its run over
refs: fetch, link or add, in one write (workflows/import_.import_refs)."""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli.parsers import one_of
from release_countdown.core.seasons import SEASON_CHOICES

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.sources.refs import Ref

AllDatesOption = Annotated[
    bool,
    typer.Option("--all-dates", help="Keep every country's dates, not only your region's and US."),
]
NewOption = Annotated[
    bool, typer.Option("--new", help="A separate entry, even when one of the same title exists.")
]
SeasonsOption = Annotated[
    str,
    typer.Option(
        help="A show's seasons: upcoming (every one not yet premiered) or next (the next one "
        "only).",
        metavar="WHICH",
        parser=one_of(SEASON_CHOICES),
    ),
]


def run_import(
    refs: list[str], *, region: str | None, all_dates: bool, new: bool, seasons: str,
    dry_run: bool, registry: list[Path] | None,
) -> None:  # fmt: skip
    """`countdown import REF...`: each ref fetched and added (or linked), in one write."""
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import finish, nothing_written, say
    from release_countdown.sources.refs import parse_ref
    from release_countdown.workflows.import_ import import_refs

    def present(ref: "Ref", owner: "Release") -> None:
        say(
            f"countdown: {ref} is already in the registry as {owner.title!r} "
            f"(id {owner.id}); nothing changed: use `countdown refresh {owner.id}` to update it"
        )

    wanted = [parse_ref(text) for text in refs]
    path = reading.writable_path(registry)
    found_settings, where = reading.settings(), sourcing.source_settings()
    try:
        done = import_refs(
            path, wanted, where=where, region=region or found_settings.region.value,
            all_dates=all_dates, today=date.today(), dry_run=dry_run,
            lock_timeout=found_settings.lock_timeout.value, new=new, on_present=present,
            seasons=seasons,
        )  # fmt: skip
    finally:
        where.close()
    for note in done.notes:
        say(f"countdown: {note}")
    if done.failed:
        nothing_written(done.failed)
    if done.change is None:
        return
    if done.change.new == done.change.old:
        say(f"countdown: {done.change.message}; nothing changed")
    else:
        finish(done.change, dry_run)
