"""`countdown fmt`: a registry in canonical form."""

from pathlib import Path
from typing import Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption
from release_countdown.core.errors import ExitCode

app = command_app()


@app.command("fmt")
def fmt_command(
    path: Annotated[
        Path | None,
        typer.Argument(help="Registry to format (default: your user registry).", metavar="[PATH]"),
    ] = None,
    *,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if the file is not canonical.")
    ] = False,
    dry_run: DryRunOption = False,
) -> ExitCode:
    """Rewrite a registry in canonical form, so that shared registries diff and merge cleanly.

    Releases sorted by id, keys in a fixed order, one table per release, whitespace
    normalised; values keep their spelling and comments stay with what they precede.

    \b
    Examples:
      countdown fmt
      countdown fmt team/releases.toml --dry-run
      countdown fmt team/releases.toml --check     # in a pre-commit hook
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish, say
    from release_countdown.writing.canonical import format_registry
    from release_countdown.writing.change import NewText, read_text, validate

    if check:
        target = path or reading.registry_paths(None)[0]
        text = read_text(target)
        validate(text, target)
        if format_registry(text, str(target)) != text:
            say(f"countdown: {target} is not in canonical form (run: countdown fmt {target})")
            return ExitCode.NOT_FOUND
        say(f"countdown: {target} is in canonical form")
        return ExitCode.OK
    target = reading.writable_path([path] if path else None)

    def edit(document: Any, releases: list[Any]) -> NewText:
        text = document.as_string()
        return NewText("formatted", format_registry(text, str(target)))

    change = reading.change(target, edit, dry_run=dry_run)
    if change.new == change.old:
        say(f"countdown: {target} is already in canonical form")
    else:
        finish(change, dry_run)
    return ExitCode.OK
