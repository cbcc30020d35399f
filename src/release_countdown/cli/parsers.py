"""Option parsers: Typer ``parser=`` functions over the pure converters of core/params.py, so
that an option's value reaches the command parsed and typed (a ``DayArg``, a ``Duration``,
lead times, a region code, choices), and a bad one exits 2 with "Invalid value for
'--within': …": click names the option, the converter words the problem.

``today_of`` is the one clock read of the options: a relative day (``--as-of +30d``) is
resolved against it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import typer

from release_countdown.core import params
from release_countdown.core.params import DayArg, Duration, Leads, ParamError

if TYPE_CHECKING:
    from release_countdown.core.schedule import Every

T = TypeVar("T")


def converted(convert: Callable[[str], T], name: str) -> Callable[[str], T]:
    """``convert`` as an option's parser: a ParamError becomes click's BadParameter, which
    click words with the option's name (the value is parsed once, here)."""

    def parse(text: str) -> T:
        try:
            return convert(text)
        except ParamError as exc:
            raise typer.BadParameter(exc.problem) from None

    parse.__name__ = name  # click's name of the type
    return parse


def _day(text: str) -> DayArg:
    return params.day(text, relative=True)


def _absolute_day(text: str) -> DayArg:
    return params.day(text)


def _alarms(text: str) -> Leads:
    return params.leads(text, "alarm", "an alarm time")


def _date_text(text: str) -> str:
    """A date in any of the registry's forms, as typed, in the registry's form ("Dec 18,
    2026" -> "2026-12-18"); what no form reads is left for the writer to word."""
    from release_countdown.core.typed_dates import AmbiguousDate, typed_date_text

    try:
        return typed_date_text(text)
    except AmbiguousDate as exc:
        raise ParamError("date", str(exc)) from None


def date_text(text: str, option: str) -> str:
    """``DATE_TEXT`` for a date inside another option's values (--date-for REGION:TYPE DATE)."""
    try:
        return _date_text(text)
    except ParamError as exc:
        from release_countdown.cli.output import bad

        bad(option, exc.problem)


DAY: Callable[[str], DayArg] = converted(_day, "day")  # YYYY-MM-DD, typed, today, +30d…
ABSOLUTE_DAY: Callable[[str], DayArg] = converted(_absolute_day, "day")
DURATION: Callable[[str], Duration] = converted(params.duration, "duration")
REGION: Callable[[str], str] = converted(params.region, "region")
SORT: Callable[[str], str] = converted(params.sort, "sort")
LIMIT: Callable[[str], int] = converted(params.limit, "limit")
NAME_PART: Callable[[str], str] = converted(params.name_part, "name")
TAG: Callable[[str], str] = converted(params.tag, "tag")
LEADS: Callable[[str], Leads] = converted(params.leads, "leads")
OWN_LEADS: Callable[[str], Leads] = converted(params.own_leads, "leads")
ON_KINDS: Callable[[str], params.OnKinds] = converted(params.on_kinds, "kinds")
MIN_PRECISION: Callable[[str], str] = converted(params.min_precision, "precision")


def _digest_period(text: str) -> str:
    from release_countdown.core.digest import digest_period

    return digest_period(text)


def _group_by(text: str) -> str:
    from release_countdown.core.digest import group_by

    return group_by(text)


DIGEST: Callable[[str], str] = converted(_digest_period, "period")
GROUP_BY: Callable[[str], str] = converted(_group_by, "grouping")
ALARMS: Callable[[str], Leads] = converted(_alarms, "leads")
DATE_TEXT: Callable[[str], str] = converted(_date_text, "date")
EVERY: Callable[[str], Every] = converted(params.every, "interval")  # schedule, serve --refresh


def choices(allowed: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    """One or more of ``allowed`` per occurrence, comma-separated (--kind film,album)."""
    return converted(lambda text: params.choices(text, allowed, "choice"), "choices")


def one_of(allowed: Sequence[str]) -> Callable[[str], str]:
    """Exactly one of ``allowed``."""
    return converted(lambda text: params.one_of(text, allowed, "choice"), "choice")


def today_of(as_of: DayArg | None) -> date:
    """The day the countdown is for: --as-of, else the local calendar date. The clock is read
    only when the day depends on it, and then once: a relative day counts from that read."""
    if as_of is not None and as_of.day is not None:
        return as_of.day
    today = date.today()
    return as_of.on(today) if as_of is not None else today


def past_day(value: DayArg | None, today: date, option: str, what: str) -> date | None:
    """The day ``value`` means (None when not given), refused when after ``today``: ``what``
    ("a check", "an announcement") has happened already."""
    if value is None:
        return None
    day = value.on(today)
    if day > today:
        from release_countdown.cli.output import bad

        bad(option, f"{value.text!r} is in the future; {what} has happened already")
    return day


def template(value: str) -> str:
    """A --format template whose fields all exist (the template is the value: only the
    template engine reads it)."""
    from release_countdown.cli.output import bad
    from release_countdown.formats.template import TemplateError, check_template

    try:
        check_template(value)
    except TemplateError as exc:
        bad("--format", str(exc))
    return value


def region_or_setting(value: str | None) -> str | None:
    """A parsed --region, else the `region` setting; None for the headline dates."""
    if value is not None:
        return value
    from release_countdown.cli.reading import settings

    return settings().region.value


def region(text: str, option: str = "--region") -> str:
    """A region code typed inside another option's value (--date-for US:theatrical)."""
    from release_countdown.cli.output import bad

    try:
        return params.region(text)
    except ParamError as exc:
        bad(option, exc.problem)


def typed_date(value: tuple[str, str]) -> tuple[str, str, str]:
    """`--date-for REGION:TYPE DATE` as (region, type, date text), each checked."""
    from release_countdown.cli.output import bad
    from release_countdown.core.model import DATE_TYPES, headline_of

    where, colon, kind = value[0].partition(":")
    spec = headline_of(f"{region(where, '--date-for')}:{kind}") if colon else None
    if spec is None:  # the one REGION:TYPE rule, also the `headline` field's
        from release_countdown.core.matching import did_you_mean

        hint = did_you_mean(DATE_TYPES, kind, quoted=False) if colon and kind else ""
        types = f" (types: {', '.join(DATE_TYPES)})"
        bad("--date-for", f"{value[0]!r} is not REGION:TYPE{hint or types}")
    code, _, kind = spec.partition(":")
    return code, kind, date_text(value[1], "--date-for")
