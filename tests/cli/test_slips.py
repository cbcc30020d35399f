"""`countdown slips` on the bundled registry (issue 21 item 10): exact output, JSON, empty."""

from __future__ import annotations

import json

from tests.conftest import invoke

AS_OF = "2026-12-07"

BY_KIND = """\
Kind of change  Titles  Moved  Changes  Median days  Largest days  n
────────────────────────────────────────────────────────────────────
postponed            3      3        9          189           357  9
moved up             1      1        1            2             2  1

as of 2026-12-07 · 5 titles, 3 moved, 10 changes
days moved since first announced: median 719, largest 1,022 (n=3)
"""

BY_HORIZON = """\
Horizon       Titles  Moved  Changes  Median days  Largest days  n
──────────────────────────────────────────────────────────────────
6–12 months        1      0        0            —             —  0
12–24 months       1      1        1           14            14  1
24+ months         2      2        9        870.5         1,022  2
unknown            1      0        0            —             —  0

as of 2026-12-07 · 5 titles, 3 moved, 10 changes
days moved since first announced: median 719, largest 1,022 (n=3)
"""


def test_slips_by_kind_on_the_bundled_registry() -> None:
    result = invoke("slips", "--as-of", AS_OF)
    assert (result.exit_code, result.stdout, result.stderr) == (0, BY_KIND, "")


def test_slips_by_horizon_on_the_bundled_registry() -> None:
    result = invoke("slips", "--as-of", AS_OF, "--by", "horizon")
    assert (result.exit_code, result.stdout, result.stderr) == (0, BY_HORIZON, "")


def test_slips_json_has_each_figure_with_its_n() -> None:
    result = invoke("slips", "--as-of", AS_OF, "--by", "franchise", "--json")
    assert result.exit_code == 0
    got = json.loads(result.stdout)
    assert list(got) == [
        "as_of", "by", "titles", "moved", "changes", "median_days", "largest_days", "n", "groups",
    ]  # fmt: skip
    assert (got["as_of"], got["by"], got["titles"], got["moved"], got["n"]) == (
        AS_OF, "franchise", 5, 3, 3,
    )  # fmt: skip
    assert got["groups"] == [
        {"group": "Mission: Impossible", "titles": 3, "moved": 2, "changes": 9,
         "median_days": 870.5, "largest_days": 1022, "n": 2},
        {"group": "(none)", "titles": 2, "moved": 1, "changes": 1,
         "median_days": 14.0, "largest_days": 14, "n": 1},
    ]  # fmt: skip


def test_no_title_moved_says_so_and_exits_0() -> None:
    result = invoke("slips", "--as-of", "2020-01-01")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "No title moved (3 titles as of 2020-01-01).\n", "",
    )  # fmt: skip
    result = invoke("slips", "--as-of", AS_OF, "--kind", "album", "--by", "person")
    assert result.stdout == "No title moved (1 title as of 2026-12-07).\n"
    got = json.loads(invoke("slips", "--as-of", "2020-01-01", "--json").stdout)
    assert (got["moved"], got["median_days"], got["largest_days"], got["groups"]) == (
        0, None, None, [],
    )  # fmt: skip


def test_filters_narrow_what_is_counted() -> None:
    result = invoke("slips", "--as-of", AS_OF, "--search", "final reckoning", "--json")
    got = json.loads(result.stdout)
    assert (got["titles"], got["moved"], got["changes"], got["largest_days"]) == (1, 1, 4, 1022)
    result = invoke("slips", "--as-of", AS_OF, "--composer", "zimer")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("countdown: nobody named 'zimer' in the registry")


def test_an_unknown_by_is_a_usage_error() -> None:
    result = invoke("slips", "--by", "year")
    assert result.exit_code == 2
