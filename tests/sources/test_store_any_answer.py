"""Any IGDB or Steam answer, however odd, ends as a record fit for the registry or a source
error: their documented answers with one value replaced by anything JSON can say (the
method of test_any_answer.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from release_countdown.core.errors import SourceError
from release_countdown.core.record import FetchOptions
from release_countdown.sources import igdb, steam
from tests.sources import igdb_data
from tests.sources.test_any_answer import SETTINGS, Answers, check
from tests.sources.test_steam import APP, details


class Posted(Answers):
    """IGDB's Service: POST answered as Answers answers GET."""

    def post(self, path: str, body: str, ref: str, **_: Any) -> Any:
        return self.get(path, body, ref)


def game() -> list[dict[str, Any]]:
    return [
        igdb_data.game(
            igdb_data.release_date("PS5", category=0, region=2),
            igdb_data.release_date("PC", date_format="YYYYQ3", release_region="worldwide"),
            igdb_data.release_date("Switch", category=7),
        )
    ]


@SETTINGS
@given(st.data())
def test_any_igdb_answer(data: st.DataObject) -> None:
    check(igdb, "game/1942", [game()], data, answer=Posted)


@SETTINGS
@given(st.data())
def test_any_steam_answer(data: st.DataObject) -> None:
    check(steam, f"app/{APP}", [details("18 Dec, 2026")], data)


def test_a_timestamp_no_calendar_holds_is_a_source_error() -> None:
    [answer] = game()
    answer["release_dates"][0]["date"] = 10**20
    with pytest.raises(SourceError, match="not what IGDB documents"):
        igdb.fetch(Posted([answer]), "game/1942", FetchOptions())  # type: ignore[arg-type]
