"""`countdown import`: add titles from a source, complete, in `fmt` canonical form."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.import_list import FromOption, ListModeOption, OnlyOption
from release_countdown.cli.options import DryRunOption, JsonOption, RegionOption, TargetOption

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.sources.refs import Ref

app = command_app()


@app.command("import", short_help="Add titles from a source, complete and canonical.")
def import_command(
    refs: Annotated[
        list[str],
        typer.Argument(
            help="tmdb:movie/ID, musicbrainz:release-group/MBID, wikidata:QID, or the web "
            "address of the title's page; with --from, the list's FILE, URL or USER[/LIST].",
            metavar="REF...|SOURCE",
        ),
    ],
    *,
    region: RegionOption = None,
    all_dates: Annotated[
        bool,
        typer.Option(
            "--all-dates", help="Keep every country's dates, not only your region's and US."
        ),
    ] = False,
    new: Annotated[
        bool,
        typer.Option("--new", help="A separate entry, even when one of the same title exists."),
    ] = False,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
    from_list: FromOption = None,
    mode: ListModeOption = None,
    only: OnlyOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add titles from TMDB (films) or MusicBrainz (albums): title, aliases, dates by
    country and type, people, the source's page and ids, and the date in force as the first
    history entry. The entry goes where `countdown fmt` would put it.

    A film's headline date is the theatrical date in your region (--region, else the
    `region` setting, else US); else the earliest limited or theatrical date anywhere; else
    the earliest other date; a festival premiere only when nothing else is known. A ref
    already in the registry changes nothing: use `countdown refresh` for it. If any ref
    fails, nothing is written. A title already typed by hand (same name and kind, no id
    from that source, a date in the same year or window) gets the source's ids and dates
    instead of a second entry: --new keeps them apart.

    --from reads a whole list (a Letterboxd or IMDb export, a Trakt list, a calendar) and
    imports each row it resolves, in one write; rows it cannot resolve wait in the inbox
    with the reason.

    \b
    Examples:
      countdown import tmdb:movie/575264
      countdown import https://www.themoviedb.org/movie/575264-mission-impossible --dry-run
      countdown import tmdb:movie/693134 tmdb:movie/1011985 --region GB --all-dates
      countdown import https://musicbrainz.org/release-group/MBID
      countdown import tmdb:movie/1170608 --new
      countdown import --from letterboxd letterboxd-me-2026-12-07-utc.zip --dry-run
      countdown import --from trakt sean --mode add --only all
      countdown import --from ics https://muspy.com/feed?id=ID
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.import_list import import_from
    from release_countdown.cli.output import bad, finish, nothing_written, say
    from release_countdown.sources.refs import parse_ref
    from release_countdown.workflows.import_ import import_refs

    if from_list is not None:
        if new or all_dates:
            bad("--from", "--new and --all-dates are for refs, not with --from LIST")
        import_from(
            from_list, refs, target=registry, mode=mode, only=only, dry_run=dry_run,
            json_output=json_output, region=region,
        )  # fmt: skip
        return
    if mode or only or json_output:
        bad("--from", "--mode, --only and --json go with --from LIST")

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
        )  # fmt: skip
    finally:
        where.close()
    if done.failed:
        nothing_written(done.failed)
    if done.change is None:
        return
    if done.change.new == done.change.old:
        say(f"countdown: {done.change.message}; nothing changed")
    else:
        finish(done.change, dry_run)
