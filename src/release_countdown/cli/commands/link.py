"""`countdown link`: attach a source's title to an entry typed by hand, and refresh it."""

from datetime import date
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_titles
from release_countdown.cli.options import DryRunOption, RegionOption, TargetOption

app = command_app()


@app.command("link")
def link_command(
    title: Annotated[
        str,
        typer.Argument(
            help="Id, title or alias of the entry.",
            metavar="TITLE",
            autocompletion=complete_titles,
        ),
    ],
    ref: Annotated[
        str,
        typer.Argument(
            help="tmdb:movie/ID, musicbrainz:release-group/MBID, wikidata:QID, or the web "
            "address of the title's page.",
            metavar="REF",
        ),
    ],
    *,
    region: RegionOption = None,
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Fetch REF as `countdown import` does and attach it to the entry TITLE, whatever its
    title or date: the source's ids and page are added, then the entry is refreshed from it
    (a date that differs is recorded in the history). `import` links by itself when the
    title, kind and year match; `link` is for the entries it cannot tell. An id another entry
    has is refused (`countdown edit ID --remove-id SOURCE` first).

    \b
    Examples:
      countdown link "dune 3" tmdb:movie/1170608
      countdown link argylle-2 https://www.themoviedb.org/movie/1234567 --dry-run
      countdown link "new album" musicbrainz:release-group/MBID
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import finish
    from release_countdown.sources.refs import parse_ref
    from release_countdown.workflows.import_ import link_ref

    wanted = parse_ref(ref)
    path = reading.writable_path(registry)
    found_settings, where = reading.settings(), sourcing.source_settings()
    try:
        change = link_ref(
            path, title, wanted, where=where, region=region or found_settings.region.value,
            today=date.today(), dry_run=dry_run, lock_timeout=found_settings.lock_timeout.value,
        )  # fmt: skip
    finally:
        where.close()
    finish(change, dry_run)
