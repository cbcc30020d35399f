"""`countdown people`: everyone in the registry, or one person's titles."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_people
from release_countdown.cli.options import (
    AsOfOption,
    NoCacheOption,
    RegistryOption,
    today_of,
)
from release_countdown.cli.output import bad
from release_countdown.cli.parsers import one_of
from release_countdown.core.rows import PEOPLE_SORTS

app = command_app()


@app.command("people", short_help="List people with their roles, titles and next release.")
def people_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="List this person's titles.", metavar="[NAME]", autocompletion=complete_people
        ),
    ] = None,
    *,
    role: Annotated[
        str | None, typer.Option(help="Only people in this role (e.g. composer).", metavar="ROLE")
    ] = None,
    search: Annotated[
        str | None, typer.Option(help="Only people whose name contains TEXT.", metavar="TEXT")
    ] = None,
    as_of: AsOfOption = None,
    output: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, json, csv, or a template of {fields}, one line per person (fields: "
            "name, roles, titles, next_id, next_title, next_date, next_days, next_countdown).",
        ),
    ] = "table",
    json_output: Annotated[
        bool, typer.Option("--json", help="Shorthand for --format json.")
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            help="Order: name, titles (most first) or next (soonest next release first).",
            metavar="ORDER",
            parser=one_of(PEOPLE_SORTS),
        ),
    ] = "name",
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List everyone in the registry with their roles, titles and next release.

    With NAME, list that person's titles with their countdowns (all of them, released too).

    \b
    Examples:
      countdown people --role composer
      countdown people --search mcq --json
      countdown people --sort next --format '{next_days:>4d}  {name}: {next_title}'
      countdown people --format csv > people.csv
      countdown people "Lorne Balfe"
    """
    import sys

    from release_countdown.cli.output import say, write_bytes, write_json, write_rows
    from release_countdown.cli.reading import load
    from release_countdown.core.errors import NotFoundError
    from release_countdown.core.matching import did_you_mean, find
    from release_countdown.core.query import people_of, sort_key
    from release_countdown.core.rows import person_row, release_row, sort_people
    from release_countdown.core.standing import standings
    from release_countdown.views.safe import terminal_safe

    today = today_of(as_of)
    fmt = "json" if json_output else output
    if "{" in fmt and name is None:
        from release_countdown.formats.peoplerows import check_person_template

        try:
            check_person_template(fmt)
        except ValueError as exc:
            bad("--format", str(exc))
    elif "{" not in fmt and fmt not in ("table", "json", "csv"):
        bad("--format", f"{fmt!r} is not table, json, csv or a template with {{fields}}")
    loaded = load(registry, no_cache)
    everyone = standings(loaded.releases, today)
    people = people_of(everyone, role, search)
    if name is None:
        found = sort_people([person_row(p, today) for p in people], sort)
        if fmt == "json":
            from release_countdown.formats.jsonrows import person_json

            write_json([person_json(p) for p in found])
        elif fmt == "csv":
            from release_countdown.formats.peoplerows import people_csv

            write_bytes(people_csv(found).encode("utf-8"))
        elif "{" in fmt:
            from release_countdown.formats.peoplerows import render_person

            sys.stdout.writelines(terminal_safe(render_person(fmt, p)) + "\n" for p in found)
        elif found:
            from release_countdown.views.people import print_people

            print_people(found, today=today, file=sys.stdout)
        else:
            say("countdown: nobody matches")
        return
    chosen = find(people, name, lambda p: (p.name,))
    if not chosen:
        raise NotFoundError(
            f"nobody named {name!r} in the registry" + did_you_mean((p.name for p in people), name)
        )
    if len(chosen) > 1:
        say(
            f"countdown: {name!r} matches {len(chosen)} people: {', '.join(p.name for p in chosen)}"
        )
    titles = {s.release.id: s for p in chosen for s in p.titles}.values()
    rows = [release_row(s, today) for s in sorted(titles, key=lambda s: sort_key(s, "countdown"))]
    write_rows(rows, fmt, today=today, total=len(everyone))
