"""`countdown lookup`: find a title at a source, to import it by its ref."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import JsonOption, RegionOption

app = command_app()

KINDS = ("film", "album", "game", "series")


def _kind(value: str | None) -> str | None:
    from release_countdown.cli.output import bad
    from release_countdown.core.params import ParamError, one_of

    try:
        return None if value is None else one_of(value, KINDS, "kind")
    except ParamError as exc:  # "'movie' is not one of film, album, series; did you mean film?"
        bad("--kind", exc.problem)


def _year(value: int | None) -> int | None:
    from release_countdown.cli.output import bad

    if value is not None and not 1870 <= value <= 2200:
        bad("--year", f"{value} is not a year (e.g. 2027)")
    return value


@app.command("lookup")
def lookup_command(
    query: Annotated[str, typer.Argument(help="Words of the title.", metavar="QUERY")],
    *,
    source: Annotated[
        str | None,
        typer.Option(
            help="tmdb (films; the default when a TMDB key is set), musicbrainz (albums; the "
            "default for --kind album), wikidata (films, albums and games, no key; the default "
            "for --kind game and when no TMDB key is set), tvmaze (series, no key; the default "
            "for --kind series) or igdb (games; a Twitch application's IGDB_CLIENT_ID and "
            "IGDB_CLIENT_SECRET). Steam has no search: import its store address.",
            metavar="SOURCE",
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="film, album, game or series.", metavar="KIND", callback=_kind),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(help="Released (or due) in this year.", metavar="YYYY", callback=_year),
    ] = None,
    region: RegionOption = None,
    json_: JsonOption = False,
) -> None:
    """Find titles at a source: each candidate's ref, title, date, kind and people.

    The date is the one `countdown import REF` would write: for TMDB, the theatrical date
    in your region (--region, else the `region` setting, else US), not the first festival
    screening; the first 10 TMDB candidates are shown.

    \b
    Examples:
      countdown lookup "mission impossible" --year 2023
      countdown lookup dune --json
      countdown lookup "the odyssey" --source tmdb --kind film --region GB
      countdown lookup "dune part three" --kind album     (MusicBrainz)
      countdown lookup severance --kind series            (TVmaze)
      countdown lookup judas --kind game                   (Wikidata)
      countdown lookup judas --source igdb
    """
    import sys

    from release_countdown.cli import reading, sourcing
    from release_countdown.cli.output import bad, say
    from release_countdown.core.errors import NotFoundError
    from release_countdown.core.record import label
    from release_countdown.views.safe import terminal_safe
    from release_countdown.workflows.fetching import SOURCES
    from release_countdown.workflows.lookup import lookup

    if source is not None and source not in SOURCES:
        bad("--source", f"{source!r} is not one of {', '.join(SOURCES)}")
    if not query.strip():
        bad("QUERY", "give some words of the title")
    where = sourcing.source_settings()
    try:
        found = lookup(
            where, query, source=source, kind=kind, year=year,
            region=region or reading.settings().region.value,
        )  # fmt: skip
    finally:
        where.close()
    for note in found.notes:
        say(f"countdown: {note}")
    candidates = found.candidates
    if json_:
        from release_countdown.cli.output import write_json

        write_json([
            {"ref": c.ref, "title": c.title, "date": c.date, "kind": c.kind,
             "people": {role: list(names) for role, names in c.people.items()}, "note": c.note,
             "date_note": c.date_note}
            for c in candidates
        ])  # fmt: skip
    else:
        for c in candidates:
            people = "; ".join(f"{role} {', '.join(names)}" for role, names in c.people.items())
            notes = "; ".join(n for n in (c.note, c.date_note) if n)
            also = f"  ({notes})" if notes else ""
            line = f"{c.ref:<22} {c.date or 'TBA':<10} {c.kind:<5} {c.title}{also}"
            sys.stdout.write(terminal_safe(line + (f"  – {people}" if people else "")) + "\n")
    if not candidates:
        raise NotFoundError(
            f"no {label(found.source)} candidates for {query!r}" + (f" in {year}" if year else "")
        )
