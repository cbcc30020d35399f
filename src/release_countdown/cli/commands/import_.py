"""`countdown import`: add titles from a source, complete, in `fmt` canonical form."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import DryRunOption, RegionOption, TargetOption

if TYPE_CHECKING:
    from release_countdown.core.model import Release

app = command_app()


@app.command("import", short_help="Add titles from a source, complete and canonical.")
def import_command(
    refs: Annotated[
        list[str],
        typer.Argument(
            help="tmdb:movie/ID, musicbrainz:release-group/MBID, wikidata:QID, or the web "
            "address of the title's page.",
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
    dry_run: DryRunOption = False,
    registry: TargetOption = None,
) -> None:
    """Add titles from TMDB (films) or MusicBrainz (albums): title, aliases, dates by
    country and type, people, the source's page and ids, and the date in force as the first
    history entry. The entry goes where `countdown fmt` would put it.

    A film's headline date is the theatrical date in your region (--region, else the
    `region` setting, else US); else the earliest limited or theatrical date anywhere; else
    the earliest other date; a festival premiere only when nothing else is known. A ref
    already in the registry changes nothing: use `countdown refresh` for it. If any ref
    fails, nothing is written.

    \b
    Examples:
      countdown import tmdb:movie/575264
      countdown import https://www.themoviedb.org/movie/575264-mission-impossible --dry-run
      countdown import tmdb:movie/693134 tmdb:movie/1011985 --region GB --all-dates
      countdown import https://musicbrainz.org/release-group/MBID
    """
    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import finish, say
    from release_countdown.core.errors import CountdownError
    from release_countdown.core.record import FetchOptions, SourceRecord
    from release_countdown.registry.load import load_registry
    from release_countdown.sources.refs import parse_ref
    from release_countdown.writing.change import NewText

    wanted = list(dict.fromkeys(parse_ref(text) for text in refs))
    path = reading.writable_path(registry)
    present = load_registry([path]).releases
    owners = {(key, value): r for r in present for key, value in r.ids.items()}
    fresh = []
    for ref in wanted:
        owner = owners.get((ref.source, ref.ident))
        if owner is not None:
            say(
                f"countdown: {ref} is already in the registry as {owner.title!r} "
                f"(id {owner.id}); nothing changed: use `countdown refresh {owner.id}` to update it"
            )
        else:
            fresh.append(ref)
    if not fresh:
        return
    chosen = region or reading.settings().region.value or "US"
    options = FetchOptions(region="US" if chosen == "WW" else chosen, all_dates=all_dates)
    where = sourcing.source_settings()
    try:
        results = sourcing.fetch_all(where, fresh, options)
    finally:
        where.close()
    errors = [r for r in results if isinstance(r, CountdownError)]
    if errors:
        for error in errors[:-1]:
            say(f"countdown: {error}")
        last = errors[-1]
        raise type(last)(f"{last} (nothing was written)")
    records = [r for r in results if isinstance(r, SourceRecord)]
    today = date.today()

    def edit(document: Any, releases: "list[Release]") -> "NewText":
        from release_countdown.registry.load import check_text
        from release_countdown.writing.sourced import entry_text, insert_entry

        text: str = document.as_string()
        done: list[str] = []
        current = list(releases)
        for record in records:
            owner, key = _owner(current, record.ids)
            if owner is not None:  # imported meanwhile, or the same title from another source
                done.append(
                    f"{record.ref}: already in the registry as {owner.title!r} (id {owner.id}, "
                    f"same {key} id); use `countdown refresh {owner.id}`"
                )
                continue
            block = entry_text(record, current, today)
            new_id = _block_id(block)
            text = insert_entry(text, block, new_id, current)
            current, _ = check_text(text, str(path))
            done.append(f'imported "{record.title}" from {record.label} (id {new_id})')
        return NewText("; ".join(done) or "nothing to import", text)

    change = reading.change(path, edit, dry_run=dry_run)
    if change.new == change.old:
        say(f"countdown: {change.message}; nothing changed")
    else:
        finish(change, dry_run)


def _block_id(block: str) -> str:
    import tomli

    table = tomli.loads(block)["release"][0]
    return str(table["id"])


def _owner(releases: "list[Release]", ids: Any) -> "tuple[Release | None, str]":
    """The entry that already has one of ``ids`` (any source's), and which key matched."""
    for release in releases:
        for key, value in ids.items():
            if release.ids.get(key) == value:
                return release, key
    return None, ""
