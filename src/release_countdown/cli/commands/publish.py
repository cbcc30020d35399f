"""`countdown publish DIR`: what `serve` answers, written as static files."""

from pathlib import Path
from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import (
    AsOfOption,
    Filters,
    JsonOption,
    NoCacheOption,
    RegistryOption,
    filter_options,
    today_of,
)
from release_countdown.cli.parsers import converted
from release_countdown.serve.publish import Feed, feed_of

app = command_app()


@app.command("publish")
@filter_options(
    "composer", "director", "person", "kind", "status", "within", "search", "sort", "reverse",
    "limit", "region", "follow", "mark", "tag", "show_all", "platform", "premieres",
)  # fmt: skip
def publish_command(
    *,
    filters: Filters,
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to write (created when missing).")
    ],
    feed: Annotated[
        list[Feed] | None,
        typer.Option(
            "--feed",
            metavar="NAME:FILTERS",
            help="Also write NAME.ics: the calendar /calendar.ics?FILTERS answers in `serve` "
            "(repeatable; e.g. balfe:composer=balfe&kind=film&futureDays=90).",
            parser=converted(feed_of, "feed"),
        ),
    ] = None,
    json_: JsonOption = False,
    as_of: AsOfOption = None,
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Write what `serve` answers as static files, for any static host or CDN to serve.

    DIR gets index.html (its script and style in static/), title/ID.html, calendar.ics,
    releases.json, changes.atom, radarr.json and sonarr.json (Radarr's and Sonarr's Custom
    List), with the `list` filters given; links are relative, so the folder works from a disk
    and from any path of a host. A file whose bytes did not change is not touched (a sync
    uploads only what changed); a file an earlier publish wrote and this one does not is
    deleted. What publish wrote is listed in DIR/.countdown-publish.json; nothing else in DIR
    is touched. Summary on stderr; --json for data on stdout.

    \b
    Examples:
      countdown publish site
      countdown publish site --composer balfe --feed films:kind=film
      countdown publish public --all --json
    """
    from release_countdown.cli.output import say, write_json
    from release_countdown.cli.reading import load, registry_paths, settings
    from release_countdown.core.errors import UsageError
    from release_countdown.core.install import add_command
    from release_countdown.serve.publish import Publication, published
    from release_countdown.serve.state import modified
    from release_countdown.writing.inbox import inbox_reader
    from release_countdown.writing.published import publish_files

    try:
        import jinja2  # noqa: F401
    except ImportError:
        missing = "countdown publish needs the serve extra (Jinja2)"
        raise UsageError(f"{missing}: {add_command('serve')}") from None
    names = [f.name.lower() for f in feed or ()]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        from release_countdown.cli.output import bad

        bad("--feed", f"{twice[0]}.ics is named twice: give each feed its own NAME")
    today = today_of(as_of)
    loaded = load(registry, no_cache)
    publication = Publication(
        releases=loaded.releases,
        today=today,
        query=filters.query(today),
        stamp=modified(registry_paths(registry)),
        default_region=settings().region.value,
        waiting=inbox_reader()(),
        calendars=feed or (),
    )
    done = publish_files(folder, published(publication))
    say(
        f"countdown: published {folder}: written {len(done.written)}, unchanged "
        f"{len(done.unchanged)}, removed {len(done.removed)}"
    )
    if json_:
        write_json({"folder": str(folder), **done._asdict()})
