"""core/params.py: the one parser of typed values, for the CLI's options and serve's query."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core import params
from release_countdown.core.errors import UsageError
from release_countdown.core.params import DayArg, Duration, Filters, ParamError, parse_query
from release_countdown.core.query import Query

TODAY = date(2023, 7, 8)


def test_a_day_is_a_value_resolved_against_the_day_given() -> None:
    assert params.day("2023-07-11") == DayArg("2023-07-11", day=date(2023, 7, 11))
    assert params.day("2023-07-11").on(date(1999, 1, 1)) == date(2023, 7, 11)
    relative = params.day("+30d", relative=True)
    assert relative.relative
    assert relative.offset == Duration(30, "d")
    assert relative.on(TODAY) == date(2023, 8, 7)
    assert params.day("yesterday", relative=True).on(TODAY) == date(2023, 7, 7)
    assert params.day("Tomorrow", relative=True).on(TODAY) == date(2023, 7, 9)
    assert params.day("-1m", relative=True).on(date(2024, 3, 31)) == date(2024, 2, 29)
    assert params.day("+1d", relative=True).on(date.max) == date.max  # clamped, no overflow


@pytest.mark.parametrize(
    ("text", "relative", "problem"),
    [
        ("soon", False, "'soon' is not a date (expected YYYY-MM-DD, e.g. 2023-07-08)"),
        ("2023-02-30", False, "'2023-02-30' is not a valid date (day is out of range for month)"),
        ("+30d", False, "'+30d' is not a date (expected YYYY-MM-DD, e.g. 2023-07-08)"),
        ("2027-Q1", True, "'2027-Q1' is not a date (expected YYYY-MM-DD such as 2023-07-08, or "),
        ("20230101", False, "'20230101' is not a date"),
    ],
)
def test_a_bad_day_names_the_parameter(text: str, relative: bool, problem: str) -> None:
    with pytest.raises(ParamError) as caught:
        params.day(text, "as_of", relative=relative)
    assert caught.value.name == "as_of"
    assert caught.value.problem.startswith(problem)
    assert str(caught.value) == f"as_of: {caught.value.problem}"
    assert isinstance(caught.value, UsageError)  # exit 2 wherever it escapes


def test_converters_return_typed_values() -> None:
    assert params.duration("6w") == Duration(6, "w")
    assert params.duration("6w").after(TODAY) == date(2023, 8, 19)
    assert params.leads("1d,2w,7d") == (14, 7, 1)
    assert params.region("uk") == "GB"
    assert params.choices("Film, album", ("film", "album"), "kind") == ("film", "album")
    assert params.sort("title") == "title"
    assert params.limit("3") == 3
    assert params.flag("", "all") is True
    assert params.flag("off", "all") is False


@pytest.mark.parametrize(
    ("convert", "text", "problem"),
    [
        (params.duration, "3 lightyears", "'3 lightyears' is not a duration (expected a number"),
        (params.leads, "7x", "'7x' is not a lead time"),
        (params.region, "ZZZ", "'ZZZ' is not an ISO 3166-1 alpha-2 country code"),
        (params.sort, "year", "'year' is not one of countdown, date, title"),
        (params.limit, "0", "0 is not a valid limit (expected a whole number, 1 or more)"),
        (params.limit, "ten", "'ten' is not a valid integer."),
    ],
)
def test_converters_word_the_problem(convert: object, text: str, problem: str) -> None:
    with pytest.raises(ParamError) as caught:
        convert(text)  # type: ignore[operator]
    assert caught.value.problem.startswith(problem)


def test_parse_query_builds_the_query_the_filters_ask_for() -> None:
    query, day = parse_query(
        {
            "kind": ["film,album", "game"],
            "composer": ["balfe"],
            "within": ["2w"],
            "sort": ["title"],
            "reverse": ["1"],
            "limit": ["3"],
            "all": [""],
        },
        today=TODAY,
        default_region="GB",
    )
    assert day == TODAY
    assert query == Query(
        composers=("balfe",),
        kinds=("film", "album", "game"),
        within_until=date(2023, 7, 22),
        sort="title",
        reverse=True,
        limit=3,
        region="GB",
        show_all=True,
    )


def test_parse_query_as_of_overrides_today_and_may_be_relative() -> None:
    assert parse_query({"as_of": ["2024-01-01"]}, today=TODAY, default_region=None)[1] == date(
        2024, 1, 1
    )
    query, day = parse_query({"as_of": ["+3d"], "within": ["1w"]}, today=TODAY, default_region=None)
    assert day == date(2023, 7, 11)
    assert query.within_until == date(2023, 7, 18)  # --within counts from the day asked for


def test_parse_query_region_overrides_the_default() -> None:
    assert parse_query({}, today=TODAY, default_region="FR")[0].region == "FR"
    assert parse_query({}, today=TODAY, default_region=None)[0].region is None
    assert parse_query({"region": ["us"]}, today=TODAY, default_region="FR")[0].region == "US"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"within": ["3 lightyears"]}, "within: '3 lightyears' is not a duration (expected"),
        ({"sort": ["date", "title"]}, "sort: given 2 times; give it once"),
        ({"all": ["maybe"]}, "all: 'maybe' is not one of 1, true, yes, 0, false, no"),
        ({"status": ["upcoming,gone"]}, "status: 'gone' is not one of upcoming"),
        ({"as_of": ["03/04/2023"]}, "as_of: '03/04/2023' is ambiguous"),
    ],
)
def test_parse_query_errors_name_the_parameter(query: dict[str, list[str]], message: str) -> None:
    with pytest.raises(ParamError) as caught:
        parse_query(query, today=TODAY, default_region=None)
    assert str(caught.value).startswith(message)


def test_filters_query_on_fixed_fields_override() -> None:
    filters = Filters(status=("released",), sort="title")
    query = filters.query_on(TODAY, None, statuses=("upcoming", "today"), sort="date")
    assert (query.statuses, query.sort) == (("upcoming", "today"), "date")
