"""`countdown import`: add titles from a source, complete, in `fmt` canonical form."""

from typing import Annotated

import typer

from release_countdown.cli import import_options as io
from release_countdown.cli.app import command_app
from release_countdown.cli.import_list import (
    FromOption,
    ListJsonOption,
    ListModeOption,
    OnlyOption,
)
from release_countdown.cli.options import DryRunOption, RegionOption, TargetOption

app = command_app()


@app.command("import")
def import_command(
    refs: Annotated[
        list[str],
        typer.Argument(
            help="tmdb:movie/ID, musicbrainz:release-group/MBID, wikidata:QID, "
            "tvmaze:show/ID, tmdb:tv/ID (a show: one entry per season), igdb:game/ID, "
            "steam:app/ID, or the web address of the title's page (a Steam store page too); "
            "with --from, the list's FILE, URL or USER[/LIST].",
            metavar="REF...|SOURCE",
        ),
    ],
    *,
    region: RegionOption = None,
    all_dates: io.AllDatesOption = False,
    new: io.NewOption = False,
    seasons: io.SeasonsOption = "upcoming",
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
    from_list: FromOption = None,
    mode: ListModeOption = None,
    only: OnlyOption = None,
    json_output: ListJsonOption = False,
) -> None:
    """Add titles from TMDB (films), MusicBrainz (albums), TVmaze (series), Wikidata, IGDB
    or Steam (games): title, aliases, dates by country and type (and platform), people, the
    source's page and ids, and the date in force as the first history entry. The entry goes
    where `countdown fmt` would put it.

    A film's headline date is the theatrical date in your region (--region, else the
    `region` setting, else US); else the earliest limited or theatrical date anywhere; else
    the earliest other date; a festival premiere only when nothing else is known. A game's
    is its earliest date on the platform `[sources] platform` prefers (when it has one, else
    on any): Wikidata's in your region, else worldwide, else anywhere; IGDB's and Steam's
    anywhere (IGDB: a Twitch application's IGDB_CLIENT_ID and IGDB_CLIENT_SECRET; Steam
    needs no key). A ref
    already in the registry changes nothing: use `countdown refresh` for it. If any ref
    fails, nothing is written. A title already typed by hand (same name and kind, no id
    from that source, a date in the same year or window) gets the source's ids and dates
    instead of a second entry: --new keeps them apart.

    A show (TVmaze, or TMDB tv) becomes one entry per season not yet premiered: "Show —
    Season N", dated by its premiere (TBA while it has none), its finale a typed date once
    the last episode's day is known; --seasons next imports the next season only.

    --from reads a whole list (a Letterboxd or IMDb export, a Trakt list, a calendar) and
    imports each row it resolves, in one write; rows it cannot resolve wait in the inbox
    with the reason.

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
      countdown import --from letterboxd letterboxd-me-2026-12-07-utc.zip --dry-run
      countdown import --from trakt sean --mode add --only all
      countdown import --from ics https://muspy.com/feed?id=ID
    """
    from release_countdown.cli.import_list import import_from
    from release_countdown.cli.import_options import run_import
    from release_countdown.cli.output import bad

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

    run_import(
        refs, region=region, all_dates=all_dates, new=new, seasons=seasons, dry_run=dry_run,
        registry=registry,
    )  # fmt: skip
