"""The `list` filters read from a URL's query parameters (for `countdown serve`), through the
same validators as the command-line options, so that a bad value gets the same message."""

from collections.abc import Mapping, Sequence
from datetime import date

import typer

from release_countdown.cli import options, parsers
from release_countdown.cli.output import bad
from release_countdown.core.model import KINDS, STATUSES
from release_countdown.core.query import Query

# query parameter -> the option it mirrors; repeatable parameters may also be comma-separated
REPEATABLE = {"composer": "--composer", "director": "--director", "person": "--person"}
SINGLE = ("within", "sort", "limit", "region", "as_of", "all", "reverse")
FLAGS = {"1": True, "true": True, "yes": True, "on": True, "": True}
FLAGS |= {"0": False, "false": False, "no": False, "off": False}


class BadQuery(ValueError):
    """A query parameter's value the CLI would refuse; the message is the CLI's."""


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name) or ()
    option = "--all" if name == "all" else "--" + name.replace("_", "-")
    if len(values) > 1:
        bad(option, f"given {len(values)} times; give it once")
    return values[0] if values else None


def _flag(params: Mapping[str, Sequence[str]], name: str) -> bool:
    value = _one(params, name)
    if value is None:
        return False
    if value.strip().lower() not in FLAGS:
        bad(f"--{name}", f"{value!r} is not one of 1, true, yes, 0, false, no")
    return FLAGS[value.strip().lower()]


def check_limit(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        bad("--limit", f"{value!r} is not a valid integer.")
    return parsers.check_limit(number)


def filters_of(params: Mapping[str, Sequence[str]]) -> tuple[options.Filters, str | None]:
    """The filters and the ``as_of`` day the parameters ask for; BadQuery when one is bad."""
    try:
        found = options.Filters(
            composer=list(params.get("composer") or ()) or None,
            director=list(params.get("director") or ()) or None,
            person=list(params.get("person") or ()) or None,
            kind=parsers.choices_of("--kind", KINDS)(list(params.get("kind") or ())) or None,
            status=parsers.choices_of("--status", STATUSES)(list(params.get("status") or ()))
            or None,
            within=parsers.check_within(_one(params, "within")),
            search=list(params.get("search") or ()) or None,
            sort=parsers.check_sort(_one(params, "sort") or "countdown"),
            reverse=_flag(params, "reverse"),
            limit=check_limit(_one(params, "limit")),
            region=parsers.check_region(_one(params, "region")),
            show_all=_flag(params, "all"),
        )
        return found, parsers.check_as_of(_one(params, "as_of"))
    except typer.BadParameter as exc:
        raise BadQuery(exc.format_message()) from None


def query_of(
    params: Mapping[str, Sequence[str]], today: date, **fixed: object
) -> tuple[Query, date]:
    """The query and the day of a request: ``as_of`` overrides the server's ``today``."""
    found, as_of = filters_of(params)
    try:
        day = options.day("--as-of", as_of) if as_of is not None else today
        return found.query(day, **fixed), day
    except typer.BadParameter as exc:
        raise BadQuery(exc.format_message()) from None
