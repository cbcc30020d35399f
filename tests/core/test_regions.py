"""Item 9 of issue 16: --region is an ISO 3166-1 alpha-2 code, from a table kept in step with
pycountry (run ``PYTHONPATH=src python -m tests.core.test_regions`` to regenerate it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke

MODULE = Path(__file__).resolve().parents[2] / "src" / "release_countdown" / "core" / "regions.py"


def table_text() -> str:
    import pycountry

    lines = [
        '"""ISO 3166-1 alpha-2 country codes and their short English names.',
        "",
        "Generated from pycountry by tests/core/test_regions.py, which checks that it still matches;",
        "kept as a table so that validating --region costs no import of a package.",
        '"""',
        "",
        "from typing import Final",
        "",
        "COUNTRIES: Final = {",
    ]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        name = getattr(country, "common_name", None) or country.name
        lines.append(f"    {json.dumps(country.alpha_2)}: {json.dumps(name, ensure_ascii=False)},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def test_the_table_matches_pycountry() -> None:
    pytest.importorskip("pycountry")
    assert MODULE.read_text(encoding="utf-8") == table_text()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("XX", "'XX' is not an ISO 3166-1 alpha-2 country code (or WW for worldwide)"),
        ("SP", "'SP' is not an ISO 3166-1 alpha-2 country code (or WW for worldwide); did you "
         "mean ES (Spain)?"),
        ("EU", "'EU' is not an ISO 3166-1 alpha-2 country code (or WW for worldwide); did you "
         "mean WW?"),
        ("Germany", "'Germany' is not an ISO 3166-1 alpha-2 country code (or WW for worldwide); "
         "did you mean DE (Germany)?"),
    ],
)  # fmt: skip
def test_a_region_that_is_not_a_country_is_refused_with_a_suggestion(
    given: str, message: str
) -> None:
    result = invoke("list", "--region", given)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())


def test_real_codes_ww_and_uk_are_accepted() -> None:
    for given in ("GB", "us", "WW", "UK", "fr"):
        result = invoke("list", "--all", "--region", given, "--json", "--as-of", "2023-07-08")
        assert result.exit_code == 0, (given, result.stderr)


def test_the_region_setting_is_checked_too() -> None:
    result = invoke("list", env={"COUNTDOWN_REGION": "XX"})
    assert result.exit_code == 2
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in result.stderr


if __name__ == "__main__":
    MODULE.write_text(table_text(), encoding="utf-8")
