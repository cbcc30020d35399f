"""Item 8 of issue 16: common date phrasings on the command line, and relative --as-of days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from release_countdown.core.dates import DateFormError, canonical_date_text, parse_date_text
from tests.cli.daily import daily_registry
from tests.conftest import invoke

PHRASINGS = {
    "Q4 2027": "2027-Q4",
    "2027 Q4": "2027-Q4",
    "q4-2027": "2027-Q4",
    "December 2027": "2027-12",
    "Dec 2027": "2027-12",
    "dec. 2027": "2027-12",
    "Sept 2027": "2027-09",
    "H2 2027": "2027-H2",
    "18 December 2027": "2027-12-18",
    "December 18, 2027": "2027-12-18",
    "late 2027": "late 2027",
    "2027-12-18": "2027-12-18",
    "TBA": "TBA",
}


@pytest.mark.parametrize(("phrase", "canonical"), PHRASINGS.items())
def test_phrasings_have_a_canonical_form(phrase: str, canonical: str) -> None:
    assert canonical_date_text(phrase) == canonical
    parse_date_text(canonical)  # a registry form


@pytest.mark.parametrize("phrase", ["December", "Dec", "Q4", "H2", "late"])
def test_a_month_word_without_a_year_suggests_the_form(phrase: str) -> None:
    with pytest.raises(
        DateFormError, match=f'"{phrase}" has no year: add one, e.g. "{phrase} YYYY"'
    ):
        canonical_date_text(phrase)


def test_a_registry_with_a_phrasing_is_told_the_form() -> None:
    with pytest.raises(DateFormError, match='write "2027-12"'):
        parse_date_text("December 2027")
    with pytest.raises(DateFormError, match='write "2027-Q4"'):
        parse_date_text("Q4 2027")


@pytest.mark.parametrize(("phrase", "canonical"), [("Q4 2027", '"2027-Q4"'), ("Dec 2027", '"2027-12"'), ("H2 2027", '"2027-H2"'), ("2027 Q4", '"2027-Q4"'), ("December 2027", '"2027-12"')])  # fmt: skip
def test_add_and_postpone_write_the_canonical_form(
    tmp_path: Path, phrase: str, canonical: str
) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("add", "Blade", "--date", phrase, "-r", registry)
    assert result.exit_code == 0, result.stderr
    assert f'title = "Blade"\ndate = {canonical}\n' in Path(registry).read_text("utf-8")
    result = invoke("postpone", "dune", phrase, "--announced", "2026-11-20", "-r", registry)
    assert result.exit_code == 0, result.stderr
    assert f"date = {canonical}" in Path(registry).read_text("utf-8").split('"Dune')[1]
    assert invoke("check", registry).exit_code == 0


def test_add_refuses_a_month_without_a_year(tmp_path: Path) -> None:
    result = invoke("add", "Blade", "--date", "December", "-r", daily_registry(tmp_path))
    assert result.exit_code == 2
    assert '"December" has no year: add one, e.g. "December YYYY"' in result.stderr


def test_as_of_accepts_relative_days() -> None:
    today = dt.date.today()
    for asked, day in (
        ("today", today),
        ("tomorrow", today + dt.timedelta(days=1)),
        ("yesterday", today - dt.timedelta(days=1)),
        ("+30d", today + dt.timedelta(days=30)),
        ("-2w", today - dt.timedelta(weeks=2)),
        ("-1y", today - relativedelta(years=1)),
    ):
        result = invoke("list", "--all", "--as-of", asked)
        assert result.exit_code == 0, (asked, result.stderr)
        assert f"as of {day.isoformat()}" in result.stdout, asked
    result = invoke("list", "--as-of", "soon")
    assert result.exit_code == 2
    assert "'soon' is not a date (expected YYYY-MM-DD such as 2023-07-08, or today, " in (
        result.stderr
    )


def test_checked_accepts_yesterday(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke("edit", "dune", "--checked", "yesterday", "-r", registry)
    assert result.exit_code == 0, result.stderr
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert f"checked = {yesterday.isoformat()}" in Path(registry).read_text("utf-8")
