"""radarr-list and sonarr-list: what Radarr's and Sonarr's custom lists read back (modelled in
tests/formats/arr_readers.py from their parsers), ids as numbers, titles without the id a
list needs left out and counted."""

from __future__ import annotations

import json
from datetime import date

import pytest

from release_countdown.core.query import Query, select
from release_countdown.core.rows import Row, release_row
from release_countdown.formats.arrlists import LISTS, radarr_list, sonarr_list
from release_countdown.formats.choice import Named
from release_countdown.registry.load import check_text
from tests.formats.arr_readers import (
    ListRefused,
    radarr_tmdb_ids,
    sonarr_series,
    stevenlu_movies,
)

DAY = date(2027, 1, 1)
REGISTRY = """\
schema = 1

[[release]]
title = "The Matrix Resurrections"
kind = "film"
date = 2027-12-22

[release.ids]
tmdb = "movie/624860"
imdb = "tt10838180"

[[release]]
title = "Dune: Messiah"
kind = "film"
date = 2027-06-18

[release.ids]
tmdb = "movie/1170608"

[[release]]
title = "Severance"
kind = "series"
date = 2027-01-17

[release.ids]
tvdb = "371980"
imdb = "tt11280740"

[[release]]
title = "Andor"
kind = "series"
date = 2027-04-22

[release.ids]
tvdb = "393189"

[[release]]
title = "A \\"quoted\\" title, with ünïcode"
date = 2027-03-01
"""


def rows(text: str = REGISTRY) -> list[Row]:
    releases, problems = check_text(text, "r.toml")
    assert not [p for p in problems if not p.warning]
    return [release_row(s, DAY) for s in select(releases, Query(show_all=True), DAY)]


def test_radarr_reads_each_film_by_its_tmdb_id() -> None:
    made = radarr_list(rows())
    assert sorted(radarr_tmdb_ids(made.data)) == [624860, 1170608]
    assert (made.titles, made.left_out) == (2, 3)
    assert made.summary() == "2 titles (3 left out: no TMDB film id)"


def test_radarr_list_is_the_documented_shape() -> None:
    made = radarr_list(rows())
    assert json.loads(made.data) == [
        {"id": 1170608, "title": "Dune: Messiah"},
        {"id": 624860, "title": "The Matrix Resurrections", "imdb_id": "tt10838180"},
    ]
    assert made.data.startswith(b'[\n{"id": 1170608, "title": "Dune: Messiah"},\n')


def test_stevenlu_reads_the_imdb_ids_that_are_known() -> None:
    movies = stevenlu_movies(radarr_list(rows()).data)
    assert ("The Matrix Resurrections", "tt10838180") in movies


def test_sonarr_reads_each_series_by_its_tvdb_id() -> None:
    made = sonarr_list(rows())
    assert sonarr_series(made.data) == [
        {"title": "Severance", "tvdbId": 371980, "tmdbId": 0, "imdbId": "tt11280740"},
        {"title": "Andor", "tvdbId": 393189, "tmdbId": 0, "imdbId": None},
    ]
    assert made.summary() == "2 titles (3 left out: no TheTVDB id)"


def test_an_unknown_id_is_left_out_never_null() -> None:
    """Sonarr reads its ids as ints: a null would refuse the whole list."""
    data = sonarr_list(rows()).data
    assert b"null" not in data
    assert json.loads(data)[1] == {"title": "Andor", "tvdbId": 393189}
    with pytest.raises(ListRefused):  # the reader model refuses what Sonarr would
        sonarr_series(b'[{"title": "Andor", "tvdbId": 393189, "tmdbId": null}]')


def test_a_tmdb_tv_id_goes_to_sonarr_and_not_to_radarr() -> None:
    """A TMDB id names a film ("movie/ID") or a series ("tv/ID"): each list takes its own."""
    (row,) = rows('[[release]]\ntitle = "Andor"\nkind = "series"\ndate = 2027-04-22\n')
    row = row._replace(ids={"tmdb": "tv/83867", "tvdb": "393189"})
    assert json.loads(sonarr_list([row]).data) == [
        {"title": "Andor", "tvdbId": 393189, "tmdbId": 83867}
    ]
    assert radarr_list([row]).left_out == 1
    bare = row._replace(ids={"tmdb": "83867"})  # no kind of TMDB page: neither list's
    assert (radarr_list([bare]).left_out, sonarr_list([bare]).left_out) == (1, 1)


def test_an_empty_list_is_an_empty_array() -> None:
    made = radarr_list([])
    assert made.data == b"[]\n"
    assert radarr_tmdb_ids(made.data) == []
    assert made.summary() == "0 titles"


def test_text_survives_as_utf8() -> None:
    (row,) = [r for r in rows() if "quoted" in r.title]
    row = row._replace(ids={"tmdb": "movie/7"})
    assert stevenlu_movies(radarr_list([row]).data) == [('A "quoted" title, with ünïcode', None)]


def test_each_list_is_named_as_export_names_it() -> None:
    assert [LISTS[Named.RADARR_LIST.value], LISTS[Named.SONARR_LIST.value]] == [
        radarr_list,
        sonarr_list,
    ]
