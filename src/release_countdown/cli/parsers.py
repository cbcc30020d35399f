"""Option values parsed and checked: each parser names its option in the message, and a bad
value exits 2 (``bad``). cli/options.py attaches them to the options."""

from collections.abc import Callable
from datetime import date

from release_countdown.cli.output import bad
from release_countdown.core.model import region_code
from release_countdown.core.notices import parse_leads
from release_countdown.core.query import SORTS


def day(option: str, value: str, *, relative: bool = False) -> date:
    """A YYYY-MM-DD day; with ``relative``, also today, tomorrow, yesterday, +30d, -1y... (the
    local calendar date is read only then)."""
    import re

    if relative:
        from release_countdown.core.dates import RELATIVE_HINT, relative_day

        moved = relative_day(value, date.today())
        if moved is not None:
            return moved
        expected = f"YYYY-MM-DD such as 2023-07-08, or {RELATIVE_HINT}"
    else:
        expected = "YYYY-MM-DD, e.g. 2023-07-08"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        bad(option, f"{value!r} is not a date (expected {expected})")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        bad(option, f"{value!r} is not a valid date ({exc})")


def today_of(as_of: str | None) -> date:
    """The day the countdown is for: --as-of, else the local calendar date (the only clock read)."""
    return day("--as-of", as_of, relative=True) if as_of is not None else date.today()


def duration(option: str, value: str) -> tuple[int, str]:
    from release_countdown.core.dates import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        bad(option, str(exc))


def leads(option: str, value: str) -> tuple[int, ...]:
    """Lead times, largest first: notify's --lead, export's --alarm (``30d,7d,1d,0d``)."""
    try:
        return parse_leads(value, "an alarm time" if option == "--alarm" else "a lead time")
    except ValueError as exc:
        bad(option, str(exc))


def leads_callback(option: str) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        return value if value is None else (leads(option, value), value)[1]

    return check


def region(value: str | None, option: str = "--region") -> str | None:
    """--region, else the `region` setting; None for the headline dates."""
    if value is None:
        from release_countdown.cli.reading import settings

        return settings().region.value
    try:
        return region_code(value)
    except ValueError as exc:
        bad(option, str(exc))


def checked_day(value: str | None) -> date | None:
    if value is None:
        return None
    return day("--checked", value, relative=True)


def choices_of(option: str, allowed: tuple[str, ...]) -> Callable[[list[str] | None], list[str]]:
    """Values of a repeatable option, also accepted comma-separated (--kind film,album)."""

    def check(values: list[str] | None) -> list[str]:
        found: list[str] = []
        for value in values or []:
            for part in value.split(","):
                item = part.strip().lower()
                if item not in allowed:
                    bad(option, f"{item!r} is not one of {', '.join(allowed)}")
                found.append(item)
        return found

    return check


def one_of(option: str, allowed: tuple[str, ...]) -> Callable[[str | None], str | None]:
    """The value of a single-choice option, when it is one of ``allowed``."""

    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            bad(option, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


def check_as_of(value: str | None) -> str | None:
    if value is not None:
        day("--as-of", value, relative=True)
    return value


def check_within(value: str | None) -> str | None:
    if value is not None:
        duration("--within", value)
    return value


def check_limit(value: int | None) -> int | None:
    if value is not None and value < 1:
        bad("--limit", f"{value} is not a valid limit (expected a whole number, 1 or more)")
    return value


def check_region(value: str | None) -> str | None:
    return region(value) if value is not None else None


def check_sort(value: str) -> str:
    if value not in SORTS:
        bad("--sort", f"{value!r} is not one of {', '.join(SORTS)}")
    return value


def template(value: str) -> str:
    """A --format template whose fields all exist (the option's callback)."""
    from release_countdown.formats.template import TemplateError, check_template

    try:
        check_template(value)
    except TemplateError as exc:
        bad("--format", str(exc))
    return value
