"""`countdown undo`: put back the registry as it was before countdown's last write."""

from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, TargetOption
from release_countdown.core.errors import ExitCode

if TYPE_CHECKING:
    from release_countdown.writing.journal import Entry

app = command_app()


@app.command("undo")
def undo_command(
    *,
    list_: Annotated[
        bool, typer.Option("--list", help="Show the writes that can be undone; change nothing.")
    ] = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> ExitCode:
    """Undo countdown's last write to a registry (add, edit, postpone, remove, link, import,
    refresh, fmt, follow, inbox): the file gets back the bytes it had before.

    The last 20 writes of each registry are kept in the state folder; each `undo` steps one
    write further back (an undo is not itself recorded: there is no redo). A registry changed
    since countdown's write (by an editor, say) is left alone (exit 3).

    \b
    Examples:
      countdown undo --list
      countdown undo --dry-run
      countdown undo --registry team/releases.toml
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish, say
    from release_countdown.registry.read import read_registry_bytes
    from release_countdown.writing import journal, undo

    path = reading.writable_path(registry)
    kept = journal.entries(path)
    if kept and list_:
        _show(kept)
        return ExitCode.OK
    if not kept:
        say(f"countdown: nothing to undo in {path} (no write by countdown is kept for it)")
        return ExitCode.OK if list_ else ExitCode.NOT_FOUND
    last = kept[-1]
    undo.check_unchanged(path, last, read_registry_bytes(path))  # said before any lock
    finish(
        reading.change(path, undo.restoring(path, last, dry_run=dry_run), dry_run=dry_run),
        dry_run,
    )
    return ExitCode.OK


def _show(kept: "list[Entry]") -> None:
    """One line a write, newest first (the one `undo` puts back first is numbered 1)."""
    import datetime
    import sys

    from release_countdown.views.safe import terminal_safe

    for number, entry in enumerate(reversed(kept), start=1):
        when = datetime.datetime.fromtimestamp(entry.written_ns / 1e9).astimezone()
        sizes = f"{entry.size_before:,} -> {entry.size_after:,} bytes"
        stat = f"+{entry.added} -{entry.removed}"
        what = terminal_safe(entry.message)
        sys.stdout.write(f"{number:>2}  {when:%Y-%m-%d %H:%M:%S}  {what}  ({sizes}, {stat})\n")
