"""`countdown remove`: remove a title."""

import sys
from typing import Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import DryRunOption, TargetOption
from release_countdown.core.errors import UsageError

app = command_app()


@app.command("remove")
def remove_command(
    title: Annotated[
        str,
        typer.Argument(help="Id, title or alias.", metavar="TITLE", autocompletion=complete_titles),
    ],
    *,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Remove a title (asks first on a terminal; --yes for scripts).

    \b
    Examples:
      countdown remove argylle
      countdown remove gran-turismo --yes
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish, say
    from release_countdown.writing.change import read_snapshot
    from release_countdown.writing.edits import find_release
    from release_countdown.writing.removal import remove_release

    path = reading.writable_path(registry)
    snapshot = read_snapshot(path)  # an empty file is refused here as the write refuses it
    chosen = snapshot.releases[find_release(snapshot.releases, title)]
    if not yes and not dry_run:
        if not sys.stdin.isatty():
            raise UsageError(f'remove "{chosen.title}"? Not on a terminal: pass --yes to confirm')
        if not typer.confirm(f'Remove "{chosen.title}" (id {chosen.id}) from {path}?', err=True):
            say("countdown: nothing removed")
            return

    def edit(document: Any, current: list[Any]) -> Any:
        verb = "would remove" if dry_run else "removed"
        return remove_release(document, current, find_release(current, chosen.id), verb)

    finish(reading.change(path, edit, dry_run=dry_run, snapshot=snapshot), dry_run)
