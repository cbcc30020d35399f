"""`countdown import`: add titles from a source, complete, in `fmt` canonical form."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, RegionOption, TargetOption
from release_countdown.cli.parsers import one_of
from release_countdown.core.seasons import SEASON_CHOICES

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.sources.refs import Ref

app = command_app()


@app.command("import", short_help="Add titles from a source, complete and canonical.")
def import_command(
    refs: Annotated[
        list[str],
        typer.Argument(
            help="tmdb:movie/ID, musicbrainz:release-group/MBID, wikidata:QID, "
            "tvmaze:show/ID, tmdb:tv/ID (a show: one entry per season), igdb:game/ID, "
            "steam:app/ID, or the web address of the title's page (a Steam store page too).",
            metavar="REF...",
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
    seasons: Annotated[
        str,
        typer.Option(
            help="A show's seasons: upcoming (every one not yet premiered) or next (the "
            "next one only).",
            metavar="WHICH",
            parser=one_of(SEASON_CHOICES),
        ),
    ] = "upcoming",
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Add titles from TMDB (films), MusicBrainz (albums), TVmaze (series), Wikidata, IGDB
    or Steam (games): title, aliases, dates by country and type (and platform), people, the
    source's page and ids, and the date in force as the first history entry. The entry goes
    where `countdown fmt` would put it.

    A film's headline date is the theatrical date in your region (--region, else the
    `region` setting, else US); else the earliest limited or theatrical date anywhere; else
    the earliest other date; a festival premiere only when nothing else is known. A game's
    is its earliest date on any platform, anywhere (IGDB: a Twitch application's
    IGDB_CLIENT_ID and IGDB_CLIENT_SECRET; Steam needs no key). A ref
    already in the registry changes nothing: use `countdown refresh` for it. If any ref
    fails, nothing is written. A title already typed by hand (same name and kind, no id
    from that source, a date in the same year or window) gets the source's ids and dates
    instead of a second entry: --new keeps them apart.

    A show (TVmaze, or TMDB tv) becomes one entry per season not yet premiered: "Show —
    Season N", dated by its premiere (TBA while it has none), its finale a typed date once
    the last episode's day is known; --seasons next imports the next season only.

    \b
    Examples:
      countdown import tmdb:movie/575264
      countdown import https://www.themoviedb.org/movie/575264-mission-impossible --dry-run
      countdown import tmdb:movie/693134 tmdb:movie/1011985 --region GB --all-dates
      countdown import https://musicbrainz.org/release-group/MBID
      countdown import igdb:game/1942 https://store.steampowered.com/app/1245620/
      countdown import tmdb:movie/1170608 --new
      countdown import tvmaze:show/44458 --seasons next
      countdown import https://www.tvmaze.com/shows/44458/severance
    """
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
