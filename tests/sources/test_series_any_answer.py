"""Any answer from TVmaze or TMDB tv, however odd, ends as season records fit for the
registry or a source error: the documented answers with one value replaced by anything."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from release_countdown.core.errors import CountdownError, SourceError
from release_countdown.core.record import FetchOptions
from release_countdown.sources import tmdb, tvmaze
from tests.sources import tmdb_tv_data, tvmaze_data
from tests.sources.test_any_answer import JSON, ODD_TEXT, SETTINGS, _at, fit, paths, replaced


class Answers:
    """A Service answering each request with the next answer (the last repeats)."""

    label = "TVmaze"

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)

    def get(self, path: str, params: object, ref: str) -> Any:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def redact(self, text: str) -> str:
        return text

    def fail(self, ref: str, reason: str) -> SourceError:
        return SourceError(f"{self.label}: {ref}: {reason}")


def check(module: Any, ident: str, answers: list[Any], data: st.DataObject) -> None:
    which = data.draw(st.integers(0, len(answers) - 1))
    chosen = answers[which]
    places = paths(chosen)
    strings = [at for at in places if isinstance(_at(chosen, at), str)]
    at = data.draw(st.sampled_from(strings) | st.sampled_from(places))
    new = data.draw(ODD_TEXT | JSON)
    changed = [*answers]
    changed[which] = replaced(chosen, at, new)
    try:
        records = module.seasons(Answers(*changed), ident, FetchOptions())
    except CountdownError:
        return
    for record in records:
        fit(record)
        assert record.kind == "series"
        assert record.season is not None


@SETTINGS
@given(st.data())
def test_any_tvmaze_answer(data: st.DataObject) -> None:
    answers = [tvmaze_data.show(), tvmaze_data.seasons(), tvmaze_data.second_season_episodes()]
    check(tvmaze, f"show/{tvmaze_data.SHOW}/season/2", answers, data)


@SETTINGS
@given(st.data())
def test_any_tmdb_tv_answer(data: st.DataObject) -> None:
    answers = [tmdb_tv_data.show(), tmdb_tv_data.season_two()]
    check(tmdb, f"tv/{tmdb_tv_data.SHOW}/season/2", answers, data)
