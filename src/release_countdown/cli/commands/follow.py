"""`countdown follow`: follow a person, franchise, studio or artist (add, list, remove)."""

import sys
from dataclasses import replace
from typing import Annotated

import typer

from release_countdown.cli import follow_options as fopt
from release_countdown.cli import options as opt
from release_countdown.cli.completion import complete_follows
from release_countdown.cli.follow_check import check_command

app = typer.Typer(
    name="follow", no_args_is_help=True, add_completion=False, rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Follow a person, franchise, studio or artist: `follow check` brings their new "
    "titles (see `countdown inbox`).",
)  # fmt: skip


@app.command("add", short_help="Follow a person, franchise, studio or artist.")
def add_command(
    ref: Annotated[str, typer.Argument(help="A ref, a web address or a name.", metavar="REF")],
    *,
    job: fopt.FollowJobsOption = None,
    type_: fopt.FollowTypesOption = None,
    kind: fopt.FollowKindsOption = None,
    since: fopt.SinceOption = None,
    no_tba: fopt.NoTbaOption = False,
    mode: fopt.FollowModeOption = "inbox",
    name: fopt.FollowNameOption = None,
    registry: opt.TargetOption = None,
    dry_run: opt.DryRunOption = False,
) -> None:
    """Follow REF: tmdb:person/ID, tmdb:collection/ID, tmdb:company/ID, tvmaze:show/ID,
    musicbrainz:artist/MBID, wikidata:QID, their web addresses, or a person's name.

    \b
    Examples:
      countdown follow add https://www.themoviedb.org/person/947-lorne-balfe
      countdown follow add tmdb:person/947 --job "Original Music Composer" --mode add
      countdown follow add musicbrainz:artist/MBID --type soundtrack
      countdown follow add "Lorne Balfe"
    """
    from release_countdown.cli import reading
    from release_countdown.cli.options import today_of
    from release_countdown.cli.output import finish, say
    from release_countdown.cli.sourcing import source_settings
    from release_countdown.workflows.following import Ambiguous, Wanted, add

    today = today_of(None)
    path = reading.writable_path(registry)
    wanted = Wanted(
        ref, jobs=tuple(job or ()), types=tuple(t.lower() for t in type_ or ()),
        kinds=tuple(dict.fromkeys(k for k in kind or ())), since=since and since.on(today),
        tba=not no_tba, mode=mode, name=name,  # type: ignore[arg-type]  # one_of(FOLLOW_MODES)
    )  # fmt: skip
    where, write = source_settings(), lambda edit: reading.change(path, edit, dry_run=dry_run)
    try:
        try:
            added = add(wanted, where, today, write)
        except Ambiguous as many:  # on a terminal: asked; else listed on stdout, exit 1
            if (chosen := fopt.pick(many.candidates)) is None:
                raise
            added = add(replace(wanted, what=chosen), where, today, write)
    finally:
        where.close()
    for note in added.notes:
        say(f"countdown: {note}")
    finish(added.change, dry_run)


@app.command("list", short_help="The registry's follows.")
def list_command(*, registry: opt.RegistryOption = None, json_: opt.JsonOption = False) -> None:
    """The registry's follows, and how many titles each has brought.

    \b
    Examples:
      countdown follow list
      countdown follow list --json
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import say, write_json
    from release_countdown.views.safe import terminal_safe
    from release_countdown.workflows.following import listed, listed_line

    loaded = reading.load(registry)
    rows = listed(loaded.follows, loaded.releases)
    if json_:
        write_json(rows)
        return
    if not rows:
        say("countdown: no follows yet (countdown follow add REF)")
    for row in rows:
        sys.stdout.write(terminal_safe(listed_line(row)) + "\n")


@app.command("remove", short_help="Stop following (titles it brought stay).")
def remove_command(
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=complete_follows)],
    *,
    registry: opt.TargetOption = None,
    dry_run: opt.DryRunOption = False,
) -> None:
    """Stop following NAME; the titles it brought stay, with their origin.

    \b
    Examples:
      countdown follow remove lorne-balfe
    """
    from release_countdown.cli import reading
    from release_countdown.cli.output import finish
    from release_countdown.writing.follows import on_follows, remove_follow

    edit = on_follows(lambda document: remove_follow(document, name))
    finish(reading.change(reading.writable_path(registry), edit, dry_run=dry_run), dry_run)


app.command("check", short_help="Check the follows for new titles.")(check_command)
