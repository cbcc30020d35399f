"""`countdown import --from LIST SOURCE`'s options, progress bar and words (the command is
cli/commands/import_.py; the work is workflows/import_list.py)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from release_countdown.cli.parsers import one_of
from release_countdown.workflows.import_list import LIST_MODES, LISTS, ONLY

if TYPE_CHECKING:
    from pathlib import Path

    from release_countdown.workflows.import_list import ListImported, ListMode, Only

FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", metavar="LIST", parser=one_of(LISTS),
        help=f"Import a whole list: {', '.join(LISTS)} (SOURCE is then its FILE, URL or "
        "USER[/LIST]).",
    ),
]  # fmt: skip
ListModeOption = Annotated[
    str | None,
    typer.Option(
        "--mode", metavar="MODE", parser=one_of(LIST_MODES),
        help="With --from: add (write the titles) or inbox (propose them; `countdown inbox`). "
        "Default: inbox for more than 20 rows, else add.",
    ),
]  # fmt: skip
OnlyOption = Annotated[
    str | None,
    typer.Option(
        "--only", metavar="WHICH", parser=one_of(ONLY),
        help="With --from: upcoming (default: titles already released are left out) or all.",
    ),
]  # fmt: skip

ListJsonOption = Annotated[
    bool,
    typer.Option("--json", help="With --from: print what became of each row as JSON."),
]


class BarSteps:
    """A Rich progress bar on stderr, one task a step of the import."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self.progress = Progress(console=console or Console(stderr=True), transient=True)
        self.task: Any = None

    def begin(self, what: str, total: int) -> None:
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(what, total=total)

    def step(self) -> None:
        self.progress.advance(self.task)


def import_from(
    name: str, given: list[str], *, target: list[Path] | None, mode: str | None,
    only: str | None, dry_run: bool, json_output: bool, region: str | None,
) -> None:  # fmt: skip
    """Read the list, import or propose its titles, say what became of each row."""
    from contextlib import nullcontext
    from datetime import date

    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import bad, nothing_written
    from release_countdown.core.redact import redact_url
    from release_countdown.registry.locations import inbox_file
    from release_countdown.workflows.import_list import import_list, mode_for, read_list

    if len(given) != 1:
        bad("SOURCE", f"--from {name} takes one FILE, URL or USER[/LIST], not {len(given)}")
    path, found, where = (
        reading.writable_path(target),
        reading.settings(),
        sourcing.source_settings(),
    )
    bar = BarSteps() if sys.stderr.isatty() and not json_output else None
    try:
        rows = read_list(name, given[0], where)
        with bar.progress if bar is not None else nullcontext():
            done = import_list(
                path, rows, list_name=name, where=where, inbox=inbox_file(),
                today=date.today(), mode=mode_for(rows, cast("ListMode | None", mode)),
                only=cast("Only", only or "upcoming"),
                region=region or found.region.value, dry_run=dry_run,
                lock_timeout=found.lock_timeout.value, steps=bar,
            )  # fmt: skip
    finally:
        where.close()
    if done.failed:
        nothing_written(done.failed, "the inbox is unchanged")
    _tell(done, f"{name} {redact_url(given[0])}", dry_run, json_output)  # a feed's key


def _tell(done: ListImported, shown: str, dry_run: bool, json_output: bool) -> None:
    from release_countdown.cli.output import say, write_json
    from release_countdown.formats.ics import plural
    from release_countdown.writing.inbox import entry_object

    counts = {
        "imported": len(done.imported), "linked": len(done.linked),
        "present": len(done.present), "released": len(done.released),
        "unresolved": len(done.unresolved), "proposed": len(done.proposed),
        "followed": len(done.followed),
    }  # fmt: skip
    if json_output:
        write_json({
            "rows": done.rows, "mode": done.mode, "dry_run": dry_run, "counts": counts,
            "imported": list(done.imported), "linked": list(done.linked),
            "present": list(done.present), "released": list(done.released),
            "proposed": [entry_object(e) for e in done.proposed],
            "unresolved": [entry_object(e) for e in done.unresolved],
            "followed": list(done.followed),
        })  # fmt: skip
        return
    if dry_run and done.change is not None:
        sys.stdout.write(done.change.diff())
    for entry in done.unresolved:
        say(f"countdown: {entry.source}: {entry.reason} (to the inbox as {entry.ref})")
    words = [f"{counts['imported']} imported", f"{counts['linked']} linked"]
    if done.mode == "inbox":
        words = [f"{counts['proposed']} proposed in the inbox"]
    words += [
        f"{counts['present']} already there", f"{counts['released']} released (left out)",
        f"{counts['unresolved']} unresolved (in the inbox)",
    ]  # fmt: skip
    if done.followed:
        words.append(f"{counts['followed']} followed (`countdown follow list`)")
    where = " (dry run: nothing written)" if dry_run else ""
    if not dry_run and done.change is not None and done.change.new != done.change.old:
        where = f" in {done.change.path}"
    say(f"countdown: {shown}: {plural(done.rows, 'row')}: {', '.join(words)}{where}")
    for warning in getattr(done.change, "warnings", ()):
        say(f"countdown: warning: {warning}")
