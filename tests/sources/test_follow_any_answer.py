"""Any answer about a followed ref, however odd, ends as credits fit for the registry or a
source error: documented answers (follow_data.py) with one value replaced by anything JSON
can say (the same odd values as test_any_answer.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from release_countdown.core.dates import parse_date_text
from release_countdown.core.errors import CountdownError
from release_countdown.core.model import KINDS
from release_countdown.core.record import FetchOptions
from release_countdown.sources import musicbrainz, tmdb, wikidata
from tests.sources import follow_data as fd
from tests.sources.test_any_answer import JSON, ODD_TEXT, SETTINGS, Answers, _at, paths, replaced

CASES = {
    "tmdb person": (tmdb, f"person/{fd.BALFE}", [fd.person_movies(), fd.tv_credits()]),
    "tmdb collection": (tmdb, "collection/10", [fd.collection()]),
    "tmdb company": (tmdb, "company/5", [fd.discover(1, 2), fd.discover(2, 2)]),
    "musicbrainz": (
        musicbrainz, f"artist/{fd.ARTIST}",
        [fd.browse(3, 0, [fd.release_group(n, secondary=("Live",)) for n in range(3)])],
    ),
    "wikidata": (
        wikidata, fd.PERSON,
        [fd.sparql(fd.binding("Q1", "A", date="2027-05-01T00:00:00Z", precision=10),
                   fd.binding("Q1", "A", "P57"), fd.binding("Q2", "B", kind=None))],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
@SETTINGS
@given(st.data())
def test_any_answer_about_a_follow(case: str, data: st.DataObject) -> None:
    module, ident, answers = CASES[case]
    first: Any = answers[0]
    places = paths(first)
    strings = [at for at in places if isinstance(_at(first, at), str)]
    at = data.draw(st.sampled_from(strings) | st.sampled_from(places))
    service = Answers(replaced(first, at, data.draw(ODD_TEXT | JSON)), *answers[1:])
    try:
        found = module.credits(service, ident, FetchOptions(since=date(2026, 12, 7)))
    except CountdownError:
        return
    assert len({credit.ref for credit in found}) == len(found)
    for credit in found:
        assert credit.kind in KINDS
        assert credit.title == credit.title.strip()
        assert "\u200b" not in credit.title
        assert credit.date == "TBA" or parse_date_text(credit.date).earliest is not None
        assert all(isinstance(job, str) and job for job in credit.jobs)
        assert all(isinstance(kind, str) and kind == kind.lower() for kind in credit.types)
