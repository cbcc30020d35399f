"""[release.ids]: known keys in their forms, unknown keys warned about, ids unique across a
registry (two entries from one TMDB page are an error naming both)."""

from __future__ import annotations

from pathlib import Path

import pytest

from release_countdown.core.errors import RegistryError
from release_countdown.registry.load import check_text, load_registry

ENTRY = """
[[release]]
title = "{title}"
date = 2027-05-07

[release.ids]
{ids}
"""


def text(*entries: tuple[str, str]) -> str:
    return "schema = 1\n" + "".join(ENTRY.format(title=t, ids=i) for t, i in entries)


def test_ids_are_read() -> None:
    ids = 'tmdb = "movie/575264"\nwikidata = "Q104123925"\nimdb = "tt9603212"\n'
    ids += 'musicbrainz = "release-group/6f2f1b8e-1c4a-4f6e-9a39-2f0d5c3e7b11"'
    (release,), problems = check_text(text(("Dead Reckoning", ids)), "r.toml")
    assert problems == []
    assert dict(release.ids) == {
        "tmdb": "movie/575264", "wikidata": "Q104123925", "imdb": "tt9603212",
        "musicbrainz": "release-group/6f2f1b8e-1c4a-4f6e-9a39-2f0d5c3e7b11",
    }  # fmt: skip


def test_a_tvdb_id_is_kept() -> None:
    """TheTVDB's series id (what Sonarr's lists key on) has a home in [release.ids]."""
    (release,), problems = check_text(text(("Severance", 'tvdb = "371980"')), "r.toml")
    assert problems == []
    assert dict(release.ids) == {"tvdb": "371980"}


def test_unknown_id_keys_are_warnings() -> None:
    (release,), problems = check_text(text(("X", 'anilist = "1"\ntmdb = "movie/1"')), "r.toml")
    assert [p.warning for p in problems] == [True]
    assert 'unknown key "anilist" is ignored' in problems[0].message
    assert dict(release.ids) == {"tmdb": "movie/1"}


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ('tmdb = "575264"', 'ids.tmdb "575264" is not a tmdb id (e.g. tmdb = "movie/575264")'),
        ('wikidata = "42"', 'ids.wikidata "42" is not a wikidata id'),
        ("imdb = 9603212", "imdb must be a string"),
        ('musicbrainz = "release-group/xyz"', "is not a musicbrainz id"),
        ('tvdb = "tt81189"', 'ids.tvdb "tt81189" is not a tvdb id (e.g. tvdb = "81189")'),
    ],
)
def test_malformed_ids_are_errors(ids: str, message: str) -> None:
    _, problems = check_text(text(("X", ids)), "r.toml")
    assert [p.warning for p in problems] == [False]
    assert message in problems[0].message
    assert problems[0].line == 8


def test_two_entries_with_one_tmdb_id_is_an_error_naming_both() -> None:
    registry = text(("First", 'tmdb = "movie/1"'), ("Second", 'tmdb = "movie/1"'))
    _, problems = check_text(registry, "r.toml")
    (problem,) = problems
    assert not problem.warning
    assert problem.line == 10
    assert 'release "Second": ids.tmdb "movie/1" is also the tmdb id of "First" (r.toml:3)' in (
        problem.message
    )


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(text(("First", 'wikidata = "Q5"')))
    second.write_text(text(("Second", 'wikidata = "Q5"')))
    with pytest.raises(RegistryError) as caught:
        load_registry([first, second])
    assert any('also the wikidata id of "First"' in p.message for p in caught.value.problems)


def test_the_fast_path_and_the_cache_keep_ids(tmp_path: Path) -> None:
    from release_countdown.accel import Speedups

    path = tmp_path / "r.toml"
    path.write_text(text(("X", 'tmdb = "movie/7"\nimdb = "tt0000007"')) * 1)
    careful = load_registry([path]).releases
    for _ in range(2):  # the second load comes from the cache
        speedups = Speedups(cache=True)
        fast = load_registry([path], accel=speedups).releases
        speedups.flush()
        assert fast == careful
        assert dict(fast[0].ids) == {"tmdb": "movie/7", "imdb": "tt0000007"}


def test_fmt_puts_ids_after_people() -> None:
    from release_countdown.writing.canonical import format_registry

    registry = (
        'schema = 1\n\n[[release]]\ntitle = "X"\ndate = 2027-01-01\n\n[release.ids]\n'
        'imdb = "tt0000007"\ntmdb = "movie/7"\n\n[release.people]\ncast = ["A"]\n'
    )
    assert format_registry(registry, "r.toml") == (
        'schema = 1\n\n[[release]]\ntitle = "X"\ndate = 2027-01-01\n\n[release.people]\n'
        'cast = ["A"]\n\n[release.ids]\ntmdb = "movie/7"\nimdb = "tt0000007"\n'
    )


SEASON = """
[[release]]
title = "{title}"
kind = "series"
season = {season}
date = "TBA"

[release.ids]
tvmaze = "show/82"
imdb = "tt0944947"
"""


def seasons(*entries: tuple[str, int]) -> str:
    return "".join(SEASON.format(title=t, season=s) for t, s in entries)


def test_seasons_of_a_show_share_its_ids_told_apart_by_season(tmp_path: Path) -> None:
    releases, problems = check_text("schema = 1\n" + seasons(("S2", 2), ("S3", 3)), "r.toml")
    assert problems == []
    assert [(r.ids["tvmaze"], r.season) for r in releases] == [("show/82", 2), ("show/82", 3)]
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text("schema = 1\n" + seasons(("S2", 2)))
    second.write_text("schema = 1\n" + seasons(("S3", 3)))
    assert len(load_registry([first, second]).releases) == 2


def test_one_show_id_and_season_in_two_entries_is_an_error() -> None:
    _, problems = check_text("schema = 1\n" + seasons(("S2", 2), ("Again", 2)), "r.toml")
    assert [p.message for p in problems if not p.warning] == [
        'release "Again": ids.imdb "tt0944947" is also the imdb id of "S2" (r.toml:3); an id '
        "at a source names one release",
        'release "Again": ids.tvmaze "show/82" is also the tvmaze id of "S2" (r.toml:3); an id '
        "at a source names one release",
    ]
