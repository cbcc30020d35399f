"""`countdown people`: everyone in the registry, or one person's titles."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.completion import complete_people, complete_people_sort, complete_roles
from release_countdown.cli.formatting import output_options, person_fields, title_fields
from release_countdown.cli.options import AsOfOption, NoCacheOption, RegistryOption, today_of
from release_countdown.cli.parsers import one_of
from release_countdown.core.rows import PEOPLE_SORTS
from release_countdown.formats.choice import Named, OutputFormat
from release_countdown.formats.peoplerows import PERSON_COLUMNS

app = command_app()


@app.command("people")
@output_options(
    supported=(Named.TABLE, Named.JSON, Named.CSV),
    default="table",
    help="table, json, csv, or a template of {fields}, one line per person (fields: "
    f"{', '.join(PERSON_COLUMNS)}; with NAME, one line per title, with the fields of `list`)",
    templates=lambda given: person_fields() if given["name"] is None else title_fields(),
)
def people_command(
    name: Annotated[
        str | None,
        typer.Argument(
            help="List this person's titles.", metavar="[NAME]", autocompletion=complete_people
        ),
    ] = None,
    *,
    role: Annotated[
        str | None,
        typer.Option(
            help="Only people in this role (e.g. composer).",
            metavar="ROLE",
            autocompletion=complete_roles,
        ),
    ] = None,
    search: Annotated[
        str | None, typer.Option(help="Only people whose name contains TEXT.", metavar="TEXT")
    ] = None,
    output: OutputFormat,
    as_of: AsOfOption = None,
    sort: Annotated[
        str,
        typer.Option(
            help="Order: name, titles (most first) or next (soonest next release first).",
            metavar="ORDER",
            parser=one_of(PEOPLE_SORTS),
            autocompletion=complete_people_sort,
        ),
    ] = "name",
    registry: RegistryOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List everyone in the registry with their roles, titles and next release.

    With NAME, list that person's titles with their countdowns (all of them, released too).
    A --role no one in the registry has is said on stderr (with the closest role); nothing is
    listed and the exit code is 0, as for any filter that matches nobody.

    \b
    Examples:
      countdown people --role composer
      countdown people --search mcq --json
      countdown people --sort next --format '{next_days:>4d}  {name}: {next_title}'
      countdown people --format csv > people.csv
      countdown people "Lorne Balfe"
    """
    from release_countdown.cli.output import say, write_people, write_rows
    from release_countdown.cli.reading import load
    from release_countdown.core.errors import NotFoundError
    from release_countdown.core.matching import did_you_mean, find, fold
    from release_countdown.core.query import people_of, roles_of, sort_key
    from release_countdown.core.rows import person_row, release_row, sort_people
    from release_countdown.core.standing import standings

    today = today_of(as_of)
    loaded = load(registry, no_cache)
    everyone = standings(loaded.releases, today)
    people = people_of(everyone, role, search)
    roles = roles_of(loaded.releases)
    if role is not None and fold(role) not in map(fold, roles):  # said, then nothing listed
        listed = f"roles: {', '.join(roles)}" if roles else "no one in the registry has a role"
        hint = did_you_mean(roles, role, quoted=False) or f" ({listed})"
        say(f"countdown: no role {role!r}{hint}")
        if output is Named.TABLE:
            return
    if name is None:
        write_people(sort_people([person_row(p, today) for p in people], sort), output, today=today)
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
    write_rows(rows, output, today=today, total=len(everyone))
