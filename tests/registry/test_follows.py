"""[[follow]] tables: checked into Follow values with every problem at its place, names
unique as ids are, the same with and without the speedups; ``origin = "follow:NAME"``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from release_countdown.accel import CACHE_FROM, Speedups
from release_countdown.core.errors import RegistryError
from release_countdown.core.follow import Follow, follow_ref
from release_countdown.core.model import origin_of
from release_countdown.registry.load import check_follows, check_text, load_registry

FOLLOWS = """schema = 1

[[release]]
id = "x"
title = "X"
date = "TBA"
origin = "follow:lorne-balfe"

[[follow]]
name = "lorne-balfe"
ref = "tmdb:person/947"
jobs = ["Original Music Composer"]
since = 2026-12-07
tba = true
mode = "inbox"
ignore = ["tmdb:movie/123"]

[[follow]]
name = "zimmer"
ref = "musicbrainz:artist/e6de1f3b-6484-491c-88dd-6d619f142abc"
types = ["album", "soundtrack"]
kinds = ["album"]
tba = false
mode = "add"
"""


def test_follow_tables_become_follows() -> None:
    follows, problems = check_follows(FOLLOWS, "r.toml")
    assert problems == []
    assert follows == [
        Follow(
            name="lorne-balfe", ref="tmdb:person/947", jobs=("Original Music Composer",),
            since=date(2026, 12, 7), tba=True, mode="inbox", ignore=("tmdb:movie/123",), line=9,
        ),
        Follow(
            name="zimmer", ref="musicbrainz:artist/e6de1f3b-6484-491c-88dd-6d619f142abc",
            types=("album", "soundtrack"), kinds=("album",), tba=False, mode="add", line=18,
        ),
    ]  # fmt: skip
    (release,), _ = check_text(FOLLOWS, "r.toml")
    assert release.origin == "follow:lorne-balfe"


def test_every_problem_of_a_follow_is_at_its_place() -> None:
    text = """schema = 1

[[follow]]
name = "bad name"
ref = "https://www.themoviedb.org/person/947-lorne-balfe"
kinds = ["flim"]
mode = "inboxx"
since = "2026"
tbaa = true

[[follow]]
ref = "tmdb:movie/5"
"""
    follows, problems = check_follows(text, "r.toml")
    assert follows == []
    found = [(p.line, p.column, p.warning, p.message) for p in problems]
    assert found == [
        (4, 8, False, 'follow "bad name": name may hold only letters, digits, ".", "-" and "_" '
         '(e.g. name = "bad-name")'),
        (5, 7, False, 'follow "bad name": ref "https://www.themoviedb.org/person/947-lorne-balfe" '
         'is written ref = "tmdb:person/947" in a registry'),
        (6, 9, False, 'follow "bad name": kinds: "flim" is not a kind of release '
         '(did you mean "film"?)'),
        (7, 8, False, 'follow "bad name": mode "inboxx" is not a mode (did you mean "inbox"?)'),
        (8, 9, False, 'follow "bad name": since must be an exact day (e.g. since = 2026-11-25)'),
        (9, 8, True, 'follow "bad name": unknown key "tbaa" is ignored (did you mean "tba"?)'),
        (11, 1, False, 'follow #2: "name" is required (e.g. name = "...")'),
        (12, 7, False, 'follow #2: ref "tmdb:movie/5" is not a ref to follow (expected one of: '
         "tmdb:person/ID, tmdb:collection/ID, tmdb:company/ID, musicbrainz:artist/MBID, "
         "wikidata:QID)"),
    ]  # fmt: skip


def test_a_follow_name_twice_in_a_file_is_an_error() -> None:
    text = FOLLOWS + '\n[[follow]]\nname = "zimmer"\nref = "wikidata:Q76364"\n'
    follows, problems = check_follows(text, "r.toml")
    assert [f.ref for f in follows if f.name == "zimmer"] == [
        "musicbrainz:artist/e6de1f3b-6484-491c-88dd-6d619f142abc"
    ]
    assert [(p.line, p.warning, p.message) for p in problems] == [
        (
            26,
            False,
            'follow "zimmer": the name is also used at r.toml:18; follow names must be unique',
        )
    ]


def test_a_follow_name_in_a_later_file_is_a_warning_and_the_first_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(FOLLOWS)
    second.write_text('schema = 1\n\n[[follow]]\nname = "zimmer"\nref = "wikidata:Q76364"\n')
    loaded = load_registry([first, second])
    assert [(f.name, f.ref[:5]) for f in loaded.follows] == [
        ("lorne-balfe", "tmdb:"),
        ("zimmer", "music"),
    ]
    (warning,) = loaded.warnings
    assert warning.warning
    assert warning.path == str(second)
    assert warning.line == 3
    assert "the name is also used at" in warning.message


def test_an_invalid_follow_refuses_the_registry(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('schema = 1\n\n[[follow]]\nname = "x"\nref = "tmdb:person/0"\n')
    with pytest.raises(RegistryError) as raised:
        load_registry([path])
    assert raised.value.problems[0].line == 5


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ('"follow:lorne-balfe"', None),
        ('"lorne-balfe"', 'origin "lorne-balfe" is not "follow:"'),
        ('"follow:"', 'origin "follow:" is not "follow:"'),
        ("3", "origin must be a string"),
    ],
)
def test_origin_is_follow_and_a_name(written: str, expected: str | None) -> None:
    text = f'schema = 1\n\n[[release]]\ntitle = "T"\ndate = "TBA"\norigin = {written}\n'
    _, problems = check_text(text, "r.toml")
    messages = [p.message for p in problems if not p.warning]
    if expected is None:
        assert messages == []
    else:
        assert len(messages) == 1, messages
        assert expected in messages[0]
        assert problems[0].line == 6


def test_the_origin_and_ref_rules() -> None:
    assert origin_of("follow:a.b_c-1") == "follow:a.b_c-1"
    assert origin_of("follow:-x") is None
    assert origin_of("tmdb") is None
    assert follow_ref("https://musicbrainz.org/artist/E6DE1F3B-6484-491C-88DD-6D619F142ABC") == (
        "musicbrainz:artist/e6de1f3b-6484-491c-88dd-6d619f142abc"
    )
    assert follow_ref(" https://www.themoviedb.org/person/947-lorne-balfe?language=en ") == (
        "tmdb:person/947"
    )
    assert follow_ref("https://www.themoviedb.org/collection/10") == "tmdb:collection/10"
    assert follow_ref("wikidata:q76364") == "wikidata:Q76364"
    assert follow_ref("https://www.wikidata.org/wiki/Q76364") == "wikidata:Q76364"
    for text in ("tmdb:947", "tmdb:movie/5", "musicbrainz:release-group/x", "Lorne Balfe"):
        assert follow_ref(text) is None, text


def _large(follows: bool) -> str:
    body = "".join(
        f'[[release]]\nid = "t{i}"\ntitle = "Title {i}"\ndate = 2030-01-01\n'
        f'note = "{"n" * 200}"\norigin = "follow:lorne-balfe"\n\n'
        for i in range(400)
    )
    return (
        FOLLOWS.split("[[follow]]", maxsplit=1)[0]
        + body
        + (FOLLOWS[FOLLOWS.index("[[follow]]") :] * follows)
    )


@pytest.mark.parametrize("follows", [True, False])
def test_follows_load_the_same_with_and_without_the_speedups(tmp_path: Path, follows: bool) -> None:
    path = tmp_path / "big.toml"
    path.write_text(_large(follows))
    assert path.stat().st_size > CACHE_FROM
    cold = load_registry([path])
    speedups = Speedups()
    first = load_registry([path], accel=speedups)
    speedups.flush()
    warm = load_registry([path], accel=speedups)
    for loaded in (first, warm):
        assert loaded.releases == cold.releases
        assert loaded.follows == cold.follows
        assert loaded.warnings == cold.warnings
    assert len(cold.follows) == (2 if follows else 0)
    assert {r.origin for r in cold.releases} == {"follow:lorne-balfe"}
    cached = list((tmp_path / "xdg-cache").rglob("*.msgpack"))
    assert bool(cached) is not follows  # a file with follows is parsed afresh each time


def test_the_fast_path_takes_an_origin_and_leaves_a_bad_one_to_the_checker() -> None:
    from release_countdown.accel.fastpath import quick_release

    table = {"id": "x", "title": "X", "date": "TBA", "origin": "follow:lb"}
    release = quick_release(table, "r.toml", None)
    assert release is not None
    assert release.origin == "follow:lb"
    for bad in ("lb", "follow:", 3):
        assert quick_release({**table, "origin": bad}, "r.toml", None) is None


def test_fmt_puts_the_follows_first_sorted_by_name_with_their_comments() -> None:
    from release_countdown.writing.canonical import format_registry

    text = """schema = 1

[[release]]
id = "b"
title = "B"
date = 2030-01-01
origin = "follow:zz"  # kept

# about zz
[[follow]]
ref = "wikidata:Q1"
name = "zz"

[[follow]]
name = "aa"
# its ref
ref = "wikidata:Q2"
"""
    assert (
        format_registry(text, "r.toml")
        == """schema = 1

[[follow]]
name = "aa"
# its ref
ref = "wikidata:Q2"

# about zz
[[follow]]
name = "zz"
ref = "wikidata:Q1"

[[release]]
id = "b"
title = "B"
date = 2030-01-01
origin = "follow:zz"  # kept
"""
    )
