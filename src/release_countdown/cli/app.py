"""The `countdown` command: the root group, its one error boundary, and lazy commands.

Each command lives in ``cli/commands/<module>.py`` and is imported only when it runs (or when
shell completion describes it): ``LazyGroup`` answers click's documented ``list_commands``,
``get_command`` and ``format_commands`` from the table below, as hatch's ``cli/lazy.py`` does,
so ``countdown --help`` lists every command without importing one. The error boundary is
``LazyGroup.invoke``: the project's exceptions become a message on stderr and an exit code.

This module imports typer and nothing of the project at its top: every run imports it, help
and ``--version`` included, and the rest comes with the command that needs it.
"""

import importlib
import os
import sys
from typing import Annotated, Any, Final, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from release_countdown import __version__

# command name -> (module under cli/commands, which defines ``app``, a Typer with that command;
# the command's summary in the root help and in shell completion: its one place)
COMMANDS: Final = {
    "list": ("list_", "List titles with their countdowns."),
    "next": ("next_", "Print the soonest upcoming title as one line."),
    "show": ("show", "Show one title: dates, history, people, sources."),
    "people": ("people", "List people with their roles, titles and next release."),
    "timeline": ("timeline", "Draw the titles on a time axis."),
    "slips": ("slips", "Count how the titles' dates moved, and by how many days."),
    "watch": ("watch", "Watch countdowns tick to the second."),
    "export": ("export", "Export the view as iCalendar, CSV, JSON or an *arr list."),
    "check": ("check", "Validate registries (for pre-commit hooks and CI)."),
    "schema": ("schema", "Print the JSON Schema of the rows or the registry."),
    "add": ("add", "Add a title to a registry."),
    "edit": ("edit", "Change a title: retitle, dates, people, sources."),
    "postpone": ("postpone", "Move a title to a new date, recorded in its history."),
    "remove": ("remove", "Remove a title (asks first on a terminal)."),
    "fmt": ("fmt", "Rewrite a registry in canonical form."),
    "init": ("init", "Create your user registry."),
    "where": ("where", "Show which registry files are read and written."),
    "config": ("config", "Show the settings in force and where each came from."),
    "notify": ("notify", "Deliver the reminders and date-change notices due, once."),
    "serve": ("serve", "Serve a countdown page, a calendar feed and JSON over HTTP."),
    "lookup": ("lookup", "Find titles at TMDB, MusicBrainz, Wikidata, TVmaze or IGDB."),
    "import": ("import_", "Add titles from a source, complete and canonical."),
    "link": ("link", "Attach a source's title to an entry, and refresh it."),
    "refresh": ("refresh", "Fetch titles again and record every date that moved."),
    "follow": ("follow", "Follow people, franchises, studios, artists."),
    "inbox": ("inbox", "The titles follows proposed."),
    "mark": ("mark", "Mark a title seen, owned, skip or wanted."),
    "unmark": ("unmark", "Forget your mark on a title."),
    "undo": ("undo", "Undo countdown's last write to a registry."),
    "publish": ("publish", "Write the page, feeds and JSON as static files."),
    "schedule": ("schedule", "Refresh and notify by themselves."),
}


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return None
        module, summary = COMMANDS[cmd_name]
        loaded = importlib.import_module(f"release_countdown.cli.commands.{module}")
        command = typer.main.get_command(loaded.app)
        command.short_help = summary
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The root help's command list, from the table: no command module is imported."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, summary) in COMMANDS.items()])

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        import os

        if any(name.endswith("_COMPLETE") for name in os.environ):
            from release_countdown.cli.shells import register

            register()  # values with spaces and shell characters quoted for each shell
        super()._main_shell_completion(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; its exit code (returned or raised) becomes the process's."""
        from typer._click import ClickException

        from release_countdown.cli.context import Run
        from release_countdown.cli.output import report, silence_stdout
        from release_countdown.core.errors import CountdownError, ExitCode

        if not isinstance(ctx.obj, Run):
            ctx.obj = Run()  # one per command run (main() gives its own)
        try:
            result = super().invoke(ctx)
            ctx.obj.finish()
        except CountdownError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (`countdown list | head -1`): it has what it wanted.
            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except (ClickException, typer.Exit, typer.Abort):
            raise  # click's own: usage errors and exits, worded by click
        except Exception as exc:  # the one place the unexpected is reported
            from release_countdown.cli.crash import unexpected

            raise typer.Exit(unexpected(exc)) from None
        if isinstance(result, int) and not isinstance(result, bool) and result:
            raise typer.Exit(result)  # a command's exit code: `check` found errors, say
        return result


class Command(TyperCommand):
    """A command whose usage line names arguments as `TITLE` and `[TITLE]`, never `{TITLE}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in pieces]


class CommandTyper(typer.Typer):
    """A Typer whose commands are `Command`s."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        return super().command(*args, **kwargs)


def command_app() -> typer.Typer:
    """The Typer that holds one command of a module under cli/commands."""
    return CommandTyper(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


app = typer.Typer(
    cls=LazyGroup,
    name="countdown",
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"release-countdown {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Countdowns to the films, albums, games and series you follow, from a TOML registry.

    \b
    Examples:
      countdown list                          what is coming up
      countdown list --composer balfe --json  one composer's titles, for scripts
      countdown list --as-of 2023-07-08       the countdown as it stood on a day
      countdown show "final reckoning"        one title, its dates and history
      countdown next --format '{title} {countdown}'   for a status bar

    Exit codes: 0 ok, 1 title or person not found (or nothing next), 2 bad usage, option
    value or setting (config file, environment; no TMDB key when TMDB is needed), 3 registry
    unreadable or invalid (or a corrupt notify state file), 4 an outside service failed: an
    online source (lookup, import, refresh) or a notice's delivery (notify; retried next run),
    70 an unexpected error (a bug: stderr names the file with its details; COUNTDOWN_DEBUG=1
    prints them), 130 interrupted (Ctrl-C).
    """


def main() -> NoReturn:
    """Entry point of the installed ``countdown`` command."""
    from release_countdown.cli.context import Run
    from release_countdown.cli.output import silence_stdout
    from release_countdown.core.errors import ExitCode

    code: object = 0
    run = Run(defer_cache_writes=True, whole_process=True)
    try:
        app(obj=run)
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stderr.flush()
    if run.cache_pending():
        silence_stdout()  # a reader of our output sees its end now, not after the cache write
        run.write_cache()
    # Leave without tearing the interpreter down: freeing a large registry's objects one by
    # one takes longer than the query did (tens of milliseconds for 10,000 titles). Output is
    # flushed above, files are closed where they are written, and nothing registers exits.
    os._exit(code or 0)
