"""Issue 21 item 9, as a property: any sequence of writes (add, edit, postpone, remove, and
import and refresh through a local fake TMDB) on a canonical file leaves it canonical."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.core.errors import CountdownError
from release_countdown.writing.canonical import format_registry
from release_countdown.writing.change import change_registry
from release_countdown.writing.edits import (
    Edits,
    NewRelease,
    add_release,
    edit_release,
    find_release,
)
from release_countdown.writing.postpone import postpone_release
from release_countdown.writing.removal import remove_release
from tests.sources import tmdb_data
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 1)
INIT = "# My registry\n#\n# (comments as init writes them)\nschema = 1\n"
TITLES = ["Zeta", "Alpha", "Mid", "Blade", "Nope"]
DATES = ["2027", "2027-05", "2027-Q3", "2027-06-11", "2028-02-01", "TBA", "late 2027"]
MOVIES = {1001: "Blade", 1002: "Heat Two", 1003: "Alpha"}
# A canonical file with an imported entry between two others.
STARTED = f"""{INIT}
[[release]]
id = "alpha"
title = "Alpha"
date = "2027"

[[release]]
id = "blade"
title = "Blade"
kind = "film"
date = 2027-06-25
sources = ["https://example.org/news"]

[release.ids]
tmdb = "movie/1001"

[[release]]
id = "zeta"
title = "Zeta"
date = 2027-05-01
"""

Op = tuple[Any, ...]
ops: st.SearchStrategy[Op] = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(TITLES), st.sampled_from(DATES)),
    st.tuples(st.just("title"), st.integers(0, 9), st.sampled_from([*TITLES, "New Name"])),
    st.tuples(
        st.just("source"), st.integers(0, 9), st.sampled_from(["https://a.org", "https://b.org"])
    ),
    st.tuples(
        st.just("date-for"),
        st.integers(0, 9),
        st.sampled_from(["US", "GB"]),
        st.sampled_from(["theatrical", "digital"]),
        st.sampled_from(DATES[:5]),
    ),
    st.tuples(st.just("people"), st.integers(0, 9), st.sampled_from(["Ana", "Bo"])),
    st.tuples(st.just("franchise"), st.integers(0, 9), st.sampled_from(["Saga", "Cycle"])),
    st.tuples(st.just("postpone"), st.integers(0, 9), st.sampled_from(DATES[:5])),
    st.tuples(st.just("remove"), st.integers(0, 9)),
    st.tuples(st.just("import"), st.sampled_from(sorted(MOVIES))),
    st.tuples(
        st.just("refresh"),
        st.sampled_from(sorted(MOVIES)),
        st.sampled_from(["2027-03-05", "2027-09-03", "2028-01-14"]),
        st.sampled_from(["", " (Renamed)"]),
    ),  # TMDB moves a date (and renames), then a refresh of every entry
)


@pytest.fixture
def tmdb() -> Iterator[tuple[HTTPServer, dict[int, tuple[str, str]]]]:
    answers: dict[int, tuple[str, str]] = {}

    def answer(request: Request) -> Response:
        number = int(request.path.rsplit("/", 1)[-1])
        title, when = answers.get(number, (MOVIES[number], "2027-06-25"))
        body = tmdb_data.movie(number, title=title, us_theatrical=f"{when}T00:00:00.000Z")
        for country in body["release_dates"]["results"]:
            for typed in country["release_dates"]:
                typed["release_date"] = f"{when}T00:00:00.000Z"  # every region: this date
        return Response(json.dumps(body), content_type="application/json")

    with HTTPServer(host="127.0.0.1", port=0) as server:
        for number in MOVIES:
            server.expect_request(f"/3/movie/{number}").respond_with_handler(answer)
        yield server, answers


def _edit(path: Path, name_at: int, make: Callable[[str], Edits]) -> None:
    def edit(document: Any, releases: list[Any]) -> str:
        name = releases[name_at % len(releases)].id
        return edit_release(document, releases, name, make(name))

    change_registry(path, edit, lock_timeout=5.0)


def apply(op: Op, path: Path, server: HTTPServer, answers: dict[int, tuple[str, str]]) -> None:
    from release_countdown.sources.refs import parse_ref
    from release_countdown.workflows.import_ import import_refs
    from release_countdown.workflows.refresh import refresh

    kind, *args = op
    has_releases = "[[release]]" in path.read_text(encoding="utf-8")
    if kind == "add":
        new = NewRelease(title=args[0], date=args[1])
        change_registry(path, lambda d, r: add_release(d, r, new), lock_timeout=5.0)
    elif kind in ("import", "refresh"):
        if kind == "refresh":
            answers[args[0]] = (MOVIES[args[0]] + args[2], args[1])
        where = tmdb_settings(server)
        try:
            if kind == "import":
                import_refs(
                    path, [parse_ref(f"tmdb:movie/{args[0]}")], where=where, region="GB",
                    all_dates=False, today=TODAY, dry_run=False, lock_timeout=5.0,
                )  # fmt: skip
            else:
                refresh(
                    path, (), where=where, region=None, due=False, today=TODAY,
                    dry_run=False, lock_timeout=5.0,
                )  # fmt: skip
        finally:
            where.close()
    elif not has_releases:
        return
    elif kind == "postpone":

        def postpone(document: Any, releases: list[Any]) -> str:
            name = releases[args[0] % len(releases)].id
            return postpone_release(document, releases, name, args[1], announced=TODAY, note=None)

        change_registry(path, postpone, lock_timeout=5.0)
    elif kind == "remove":

        def remove(document: Any, releases: list[Any]) -> Any:
            index = find_release(releases, releases[args[0] % len(releases)].id)
            return remove_release(document, releases, index)

        change_registry(path, remove, lock_timeout=5.0)
    else:
        at, rest = args[0], args[1:]
        made: dict[str, Callable[[str], Edits]] = {
            "title": lambda _: Edits(title=rest[0], today=TODAY),
            "source": lambda _: Edits(sources=[rest[0]]),
            "date-for": lambda _: Edits(date_for=[(rest[0], rest[1], rest[2])]),
            "people": lambda _: Edits(add_people=[("cast", rest[0])]),
            "franchise": lambda _: Edits(franchise=rest[0]),
        }
        _edit(path, at, made[kind])


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(st.sampled_from([INIT, STARTED]), st.lists(ops, min_size=1, max_size=8))
@example(INIT, [("add", "Zeta", "2027"), ("add", "Alpha", "2027-05")])  # `init`, then adds
@example(STARTED, [("refresh", 1001, "2028-01-14", " (Renamed)")])  # history, dates, title
def test_every_write_leaves_a_canonical_file_canonical(
    tmp_path: Path,
    tmdb: tuple[HTTPServer, dict[int, tuple[str, str]]],
    start: str,
    steps: list[Op],
) -> None:
    server, answers = tmdb
    answers.clear()
    path = tmp_path / "releases.toml"
    path.write_text(start, encoding="utf-8")
    assert format_registry(start, str(path)) == start
    for step in steps:
        with contextlib.suppress(CountdownError):  # refused (a title taken): nothing written
            apply(step, path, server, answers)
        text = path.read_text(encoding="utf-8")
        assert format_registry(text, str(path)) == text, (step, text)
