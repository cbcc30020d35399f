"""The refs of shows and of their seasons (sources/refs.py over core/refs.py and
core/seasons.py): as typed, as pasted from a site, and as refresh asks for an entry."""

from __future__ import annotations

from datetime import date

import pytest

from release_countdown.core.errors import UsageError
from release_countdown.core.seasons import ref_ident, refs_of, split_season, upcoming
from release_countdown.sources.refs import Ref, parse_ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("tvmaze:show/82", Ref("tvmaze", "show/82")),
        ("https://www.tvmaze.com/shows/82/game-of-thrones", Ref("tvmaze", "show/82")),
        ("https://tvmaze.com/shows/82", Ref("tvmaze", "show/82")),
        ("tvmaze:show/82/season/3", Ref("tvmaze", "show/82/season/3")),
        ("tmdb:tv/1399", Ref("tmdb", "tv/1399")),
        ("https://www.themoviedb.org/tv/1399-game-of-thrones", Ref("tmdb", "tv/1399")),
        ("https://www.themoviedb.org/tv/1399-game-of-thrones/season/3?language=en-US",
         Ref("tmdb", "tv/1399/season/3")),
        ("tmdb:575264", Ref("tmdb", "movie/575264")),  # bare: still a film
    ],
)  # fmt: skip
def test_show_and_season_refs(text: str, ref: Ref) -> None:
    assert parse_ref(text) == ref


@pytest.mark.parametrize(
    "text", ["tmdb:movie/1/season/2", "tvmaze:show/82/season/0", "tvmaze:person/1"]
)
def test_a_season_of_what_is_not_a_show_is_no_ref(text: str) -> None:
    with pytest.raises(UsageError, match="is not a ref"):
        parse_ref(text)


def test_a_bare_tvmaze_id_is_a_show_as_tmdb_s_is_a_film() -> None:
    assert parse_ref("tvmaze:82") == Ref("tvmaze", "show/82")


def test_an_entry_with_a_season_is_asked_for_by_its_season() -> None:
    assert ref_ident("tvmaze", "show/82", 3) == "show/82/season/3"
    assert ref_ident("tmdb", "movie/1", 3) == "movie/1"  # a film's id is no show's
    assert ref_ident("tvmaze", "show/82", None) == "show/82"
    assert refs_of({"tvmaze": "show/82", "imdb": "tt0944947"}, 2) == [
        "tvmaze:show/82/season/2", "imdb:tt0944947",
    ]  # fmt: skip
    assert split_season("show/82/season/12") == ("show/82", 12)
    assert split_season("show/82") == ("show/82", None)


def test_a_season_premiering_today_is_still_to_come() -> None:
    today = date(2027, 3, 1)
    assert upcoming("2027-03-01", today)
    assert upcoming("TBA", today)
    assert upcoming("2027-03", today)  # a window not yet over
    assert not upcoming("2027-02-28", today)
