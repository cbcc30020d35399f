"""The rules of one [[release]] (registry/checker.py), through `check_text`: what is kept,
what is refused and how it is worded, and every text limit of registry/format.py reached
(accepted at the limit, refused at limit + 1, by the checker and never taken by the fast path)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from release_countdown.accel.fastpath import quick_release
from release_countdown.core.model import Release
from release_countdown.registry.format import MAX_LONG_TEXT, MAX_SHORT_TEXT
from release_countdown.registry.load import check_text
from tests.conftest import tomli_only

FULL = """schema = 1

[[release]]
id = "dune-3"
title = "Dune: Part Three"
aliases = ["Dune Messiah"]
kind = "film"
franchise = "Dune"
date = 2026-12-18
announced = 2024-06-01
checked = 2026-11-01
sources = ["https://example.com/dune"]
note = "a note"
override = false

[release.people]
director = ["Denis Villeneuve"]

[release.ids]
tmdb = "movie/1170608"

[[release.dates]]
region = "us"
type = "theatrical"
date = 2026-12-18
where = "cinemas"

[[release.history]]
announced = 2024-06-01
date = "2026"
"""


def checked(text: str) -> tuple[list[Release], list[str]]:
    releases, problems = check_text(text, "r.toml")
    with tomli_only():  # every case here: the same with rtoml (the suite's) as with tomli
        assert check_text(text, "r.toml") == (releases, problems)
    return releases, [p.message for p in problems if not p.warning]


def one(body: str) -> tuple[list[Release], list[str]]:
    return checked(f'schema = 1\n\n[[release]]\ntitle = "T"\ndate = 2030-01-01\n{body}')


def test_a_full_release_keeps_every_field() -> None:
    (release,), errors = checked(FULL)
    assert errors == []
    assert (release.id, release.title, release.kind, release.franchise) == (
        "dune-3", "Dune: Part Three", "film", "Dune",
    )  # fmt: skip
    assert release.aliases == ("Dune Messiah",)
    assert release.date.iso() == "2026-12-18"
    assert release.checked == date(2026, 11, 1)
    assert dict(release.people) == {"director": ("Denis Villeneuve",)}
    assert dict(release.ids) == {"tmdb": "movie/1170608"}
    (typed,) = release.dates
    assert (typed.region, typed.type, typed.where) == ("US", "theatrical", "cinemas")
    assert [h.date.iso() for h in release.history] == ["2026"]
    assert release.source == "r.toml"


def test_an_id_is_derived_from_the_title() -> None:
    (release,), _ = one("")
    assert release.id == "t"
    (release,), _ = checked('[[release]]\ntitle = "Mission: Impossible"\ndate = "TBA"\n')
    assert release.id == "mission-impossible"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'id = "a b"',
            'id "a b" may hold only letters, digits, ".", "-" and "_" (e.g. id = "a-b")',
        ),
        ('kind = "movie"', 'kind "movie" is not a kind of release'),
        ('checked = "2026-11"', "checked must be an exact day (e.g. checked = 2026-11-25)"),
        ('override = "yes"', "override must be true or false, not a string"),
        ('aliases = "x"', "aliases must be an array of strings, not a string"),
        ('aliases = [" "]', "aliases holds an empty string"),
        ('franchise = ""', "franchise is empty"),
        (
            '[release.people]\ndirector = "D"',
            "people.director must be a list of names, not a string",
        ),
        ('[release.ids]\ntmdb = "575264"', 'ids.tmdb "575264" is not a tmdb id'),
        (
            '[[release.dates]]\nregion = "UK"\ntype = "theatrical"\ndate = 2030-01-01',
            'region "UK" is not ISO 3166-1: use "GB"',
        ),
        (
            '[[release.dates]]\nregion = "USA"\ntype = "theatrical"\ndate = 2030-01-01',
            'region "USA" is not an ISO 3166-1 alpha-2 code',
        ),
        (
            '[[release.dates]]\nregion = "US"\ntype = "cinema"\ndate = 2030-01-01',
            'type "cinema" is not a release type',
        ),
        (
            "[[release.history]]\nannounced = 2031-01-01\ndate = 2030-01-01",
            'announced "2031-01-01" is after the date it announces ("2030-01-01")',
        ),
    ],
)
def test_each_rule_is_worded(body: str, message: str) -> None:
    _, errors = one(body)
    assert len(errors) == 1, errors
    assert message in errors[0]
    assert errors[0].startswith('release "T": ')


def test_every_problem_is_reported_in_one_pass() -> None:
    releases, errors = checked(
        '[[release]]\ntitle = "A"\ndate = "someday"\nkind = "movie"\nid = "a b"\n'
        "[[release]]\ndate = 2030-01-01\n"
    )
    assert releases == []
    assert len(errors) == 4, errors


# --- the text limits -------------------------------------------------------------------------

# (name, limit, the TOML body holding a text VALUE): every text the format limits.
LIMITED: list[tuple[str, int, Callable[[str], str]]] = [
    ("title", MAX_SHORT_TEXT, lambda v: f"title = {v}\ndate = 2030-01-01\n"),
    ("id", MAX_SHORT_TEXT, lambda v: f'title = "T"\ndate = 2030-01-01\nid = {v}\n'),
    ("alias", MAX_SHORT_TEXT, lambda v: f'title = "T"\ndate = 2030-01-01\naliases = [{v}]\n'),
    ("franchise", MAX_SHORT_TEXT, lambda v: f'title = "T"\ndate = 2030-01-01\nfranchise = {v}\n'),
    ("note", MAX_LONG_TEXT, lambda v: f'title = "T"\ndate = 2030-01-01\nnote = {v}\n'),
    ("source", MAX_LONG_TEXT, lambda v: f'title = "T"\ndate = 2030-01-01\nsources = [{v}]\n'),
    ("person", MAX_SHORT_TEXT,
     lambda v: f'title = "T"\ndate = 2030-01-01\n[release.people]\ncast = [{v}]\n'),
    ("role", MAX_SHORT_TEXT,
     lambda v: f'title = "T"\ndate = 2030-01-01\n[release.people]\n{v} = ["P"]\n'),
    ("where", MAX_SHORT_TEXT,
     lambda v: 'title = "T"\ndate = 2030-01-01\n[[release.dates]]\nregion = "US"\n'
     f'type = "theatrical"\ndate = 2030-01-01\nwhere = {v}\n'),
    ("date note", MAX_LONG_TEXT,
     lambda v: 'title = "T"\ndate = 2030-01-01\n[[release.dates]]\nregion = "US"\n'
     f'type = "theatrical"\ndate = 2030-01-01\nnote = {v}\n'),
    ("history title", MAX_SHORT_TEXT,
     lambda v: f'title = "T"\ndate = 2030-01-01\n[[release.history]]\ndate = 2030-01-01\ntitle = {v}\n'),
    ("history note", MAX_LONG_TEXT,
     lambda v: f'title = "T"\ndate = 2030-01-01\n[[release.history]]\ndate = 2030-01-01\nnote = {v}\n'),
]  # fmt: skip
NAMES = [name for name, _, _ in LIMITED]


def too_long(name: str, limit: int) -> str:
    """How the checker words a text over the limit."""
    return "empty or overlong role name" if name == "role" else f"at most {limit:,} allowed"


def text_of(chunk: str, length: int) -> str:
    """``length`` characters: ``chunk`` repeated, starting with a letter (never blank, and a
    valid id)."""
    body = "a" + chunk * (length // max(len(chunk), 1) + 1)
    return body[:length]


def limited(name: str, value: str) -> tuple[list[Release], list[str], Release | None]:
    body = LIMITED[NAMES.index(name)][2]
    text = f"schema = 1\n\n[[release]]\n{body(json.dumps(value, ensure_ascii=False))}"
    releases, errors = checked(text)
    table = tomli.loads(text)["release"][0]
    return releases, errors, quick_release(table, "r.toml", None)


@pytest.mark.parametrize("name", NAMES)
def test_each_text_limit_is_exact(name: str) -> None:
    limit = LIMITED[NAMES.index(name)][1]
    releases, errors, fast = limited(name, text_of("x", limit))
    assert errors == []
    assert len(releases) == 1
    assert fast is None or fast == releases[0]
    releases, errors, fast = limited(name, text_of("x", limit + 1))
    assert len(errors) == 1, errors
    assert too_long(name, limit) in errors[0]
    assert fast is None


ID_CHARS = "abc019._-"
TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs"))


@st.composite
def near_a_limit(draw: st.DrawFn) -> tuple[str, str, int]:
    """A limited field and a text of length 1 … limit + 1, half the time within 3 of the limit."""
    name = draw(st.sampled_from(NAMES))
    limit = LIMITED[NAMES.index(name)][1]
    length = draw(st.integers(limit - 3, limit + 1) | st.integers(1, limit + 1))
    alphabet = st.sampled_from(ID_CHARS) if name in ("id", "role") else TEXT_CHARS
    chunk = draw(st.text(alphabet, min_size=1, max_size=20))
    return name, text_of(chunk, length), limit


@settings(max_examples=60, deadline=None)
@given(near_a_limit())
def test_texts_up_to_the_limit_and_one_over(case: tuple[str, str, int]) -> None:
    name, value, limit = case
    releases, errors, fast = limited(name, value)
    if len(value) <= limit:
        assert errors == [], (name, len(value))
        assert fast is None or fast == releases[0]
    else:
        assert any(too_long(name, limit) in e for e in errors), (name, errors)
        assert fast is None  # the fast path bails; it never takes what the checker refuses
