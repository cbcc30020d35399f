"""Any answer, however odd, ends as a record fit for the registry or a source error (issue 20,
items 3, 4, 5, 8, 9): documented answers with one value replaced by anything JSON can say
(lone surrogates, invisible characters, impossible dates, lists for objects)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from release_countdown.core.dates import parse_date_text
from release_countdown.core.errors import CountdownError
from release_countdown.core.record import FetchOptions, SourceRecord
from release_countdown.sources import musicbrainz, tmdb, wikidata
from tests.sources import musicbrainz_data as mb
from tests.sources import tmdb_data
from tests.sources import wikidata_data as wd

ODD_TEXT = st.sampled_from(
    ["\ud800", "a\udfffb", "Film 1001\u200b", "\U000e0041", "\ufeff", "\x1b[2J", "",
     "2027-13", "0000-00-00", "2027-02-30", "99999-01-01", "+0000-00-00T00:00:00Z",
     "-0044-03-15T00:00:00Z", "+2027-13-01T00:00:00Z", "2027-05-07T00:00:00.000Z", "TBA"]
)  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text() | ODD_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``value`` a leaf or a container could be replaced."""
    found = [at] if at else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, (*at, i))
    return found


def _at(value: Any, at: tuple[Any, ...]) -> Any:
    for step in at:
        value = value[step]
    return value


def replaced(value: Any, at: tuple[Any, ...], new: Any) -> Any:
    copied = copy.deepcopy(value)
    node = copied
    for step in at[:-1]:
        node = node[step]
    node[at[-1]] = new
    return copied


class Answers:
    """A Service that answers each request with the next of ``answers`` (the last repeats)."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)

    def get(self, path: str, params: object, ref: str) -> Any:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def fit(record: SourceRecord) -> None:
    """What the registry needs of a record: writable text, dates in its forms."""
    for text in (record.title, *record.aliases, *(n for ns in record.people.values() for n in ns)):
        assert text == text.strip()
        text.encode("utf-8")
        assert "\u200b" not in text
        assert "\ufeff" not in text
    for when in (record.date, *(d.date for d in record.dates)):
        parse_date_text(when)


def check(
    module: Any, ident: str, answers: list[Any], data: st.DataObject, *, answer: Any = None
) -> None:
    first = answers[0]
    places = paths(first)
    strings = [at for at in places if isinstance(_at(first, at), str)]  # texts, dates, ids
    at = data.draw(st.sampled_from(strings) | st.sampled_from(places))
    new = data.draw(ODD_TEXT | JSON)
    service = (answer or Answers)(replaced(first, at, new), *answers[1:])
    try:
        record = module.fetch(service, ident, FetchOptions())
    except CountdownError:
        return
    fit(record)


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_any_tmdb_answer(data: st.DataObject) -> None:
    check(tmdb, "movie/575264", [tmdb_data.movie()], data)


@SETTINGS
@given(st.data())
def test_any_musicbrainz_answer(data: st.DataObject) -> None:
    check(musicbrainz, f"release-group/{mb.MBID}", [mb.group()], data)


@SETTINGS
@given(st.data())
def test_any_wikidata_answer(data: st.DataObject) -> None:
    check(wikidata, wd.FILM, [wd.film(), wd.labels()], data)
