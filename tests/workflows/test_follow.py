"""workflows.follow.check called as a function, the sources' part stood in for by a fake
``fetch_credits`` (a list of credits per follow); mode add imports against a local TMDB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer

from release_countdown.core.errors import CountdownError, NotFoundError, SourceError
from release_countdown.core.follow import Credit, Follow
from release_countdown.workflows.follow import Checked, check
from release_countdown.writing.inbox import read_inbox
from tests.sources import tmdb_data
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 7)
BALFE = Follow(
    name="lorne-balfe", ref="tmdb:person/947", jobs=("Original Music Composer",), since=TODAY
)
CREDITS = [
    Credit("tmdb:movie/101", "Tomorrow's Score", "film", "2027-05-01", ("Original Music Composer",)),
    Credit("tmdb:movie/102", "Untitled Balfe", "film", "TBA", ("Original Music Composer",)),
    Credit("tmdb:movie/103", "Loud Film", "film", "2027", ("Boom Operator",)),
    Credit("tmdb:movie/104", "Old Film", "film", "2019-03-01", ("Original Music Composer",)),
]  # fmt: skip


def credits_by(
    monkeypatch: pytest.MonkeyPatch, found: Sequence[list[Credit] | CountdownError]
) -> list[Sequence[Follow]]:
    """Stand in for workflows/fetching.fetch_credits; the follows it was asked about."""
    asked: list[Sequence[Follow]] = []

    def fake(where: object, follows: Sequence[Follow], options: object) -> list[Any]:
        asked.append(follows)
        return list(found)[: len(follows)]

    from release_countdown.workflows import fetching

    monkeypatch.setattr(fetching, "fetch_credits", fake, raising=False)
    return asked


def run(
    server: HTTPServer, path: Path, inbox: Path, follows: Sequence[Follow], *names: str,
    dry_run: bool = False,
) -> Checked:  # fmt: skip
    where = tmdb_settings(server)
    try:
        return check(
            path, names, where=where, today=TODAY, dry_run=dry_run, lock_timeout=5.0,
            follows=follows, inbox=inbox,
        )  # fmt: skip
    finally:
        where.close()


def test_inbox_mode_proposes_what_is_to_come_once(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    credits_by(monkeypatch, [CREDITS])
    inbox = tmp_path / "state" / "inbox.json"
    done = run(server, registry, inbox, [BALFE])
    assert [e.ref for e in done.proposed] == ["tmdb:movie/101", "tmdb:movie/102"]
    assert [(e.title, e.date, e.follow, e.seen) for e in read_inbox(inbox)] == [
        ("Tomorrow's Score", "2027-05-01", "lorne-balfe", TODAY),
        ("Untitled Balfe", "TBA", "lorne-balfe", TODAY),
    ]
    again = run(server, registry, inbox, [BALFE])  # a second run adds nothing
    assert (again.proposed, again.followed[0].kept) == ((), ())
    assert len(read_inbox(inbox)) == 2
    assert registry.read_text(encoding="utf-8") == "schema = 1\n"


def test_dry_run_writes_nothing(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in (101, 102):
        server.expect_request(f"/3/movie/{number}").respond_with_json(tmdb_data.movie(number))
    credits_by(monkeypatch, [CREDITS, CREDITS])
    inbox = tmp_path / "inbox.json"
    adding = Follow(name="adding", ref="tmdb:person/1", jobs=("Original Music Composer",))
    done = run(server, registry, inbox, [BALFE, adding._replace(mode="add")], dry_run=True)
    assert [len(f.kept) for f in done.followed] == [2, 2]
    assert done.failed == ()
    assert done.imported is not None
    assert done.imported.change is not None
    assert "imported" in done.imported.change.message
    assert not inbox.exists()
    assert registry.read_text(encoding="utf-8") == "schema = 1\n"


def test_a_title_already_in_the_registry_or_typed_by_hand_is_not_proposed(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.write_text(
        'schema = 1\n\n[[release]]\nid = "a"\ntitle = "Tomorrow\'s Score"\nkind = "film"\n'
        'date = 2027-05-01\n\n[release.ids]\ntmdb = "movie/9"\n\n'
        '[[release]]\nid = "b"\ntitle = "Untitled Balfe"\nkind = "film"\ndate = "TBA"\n',
        encoding="utf-8",
    )
    credits_by(monkeypatch, [[*CREDITS, CREDITS[0]._replace(ref="tmdb:movie/9", title="Other")]])
    done = run(server, registry, tmp_path / "inbox.json", [BALFE])
    # 9: by id; 101: same title and date as "a", but "a" has a TMDB id (not linkable, so new);
    # 102: "b" typed by hand, linkable
    assert [e.ref for e in done.proposed] == ["tmdb:movie/101"]


def test_add_mode_imports_with_the_origin_in_one_write(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.expect_request("/3/movie/101").respond_with_json(
        tmdb_data.movie(101, title="Tomorrow's Score", us_theatrical="2027-05-01T00:00:00.000Z")
    )
    credits_by(monkeypatch, [CREDITS[:1]])
    adding = BALFE._replace(mode="add")
    done = run(server, registry, tmp_path / "inbox.json", [adding])
    assert done.imported is not None
    assert done.imported.change is not None
    (entry,) = tomli.loads(registry.read_text(encoding="utf-8"))["release"]
    assert (entry["title"], entry["origin"]) == ("Tomorrow's Score", "follow:lorne-balfe")
    assert entry["ids"]["tmdb"] == "movie/101"
    server.clear()
    again = run(server, registry, tmp_path / "inbox.json", [adding])  # adds nothing
    assert (again.imported, again.followed[0].kept, server.log) == (None, (), [])


def test_a_failed_fetch_writes_nothing(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    credits_by(monkeypatch, [CREDITS, SourceError("TMDB: rate limited (429), gave up")])
    other = Follow(name="other", ref="tmdb:person/2")
    inbox = tmp_path / "inbox.json"
    done = run(server, registry, inbox, [BALFE, other])
    assert [str(e) for e in done.failed] == ["TMDB: rate limited (429), gave up"]
    assert (done.proposed, inbox.exists()) == ((), False)
    assert registry.read_text(encoding="utf-8") == "schema = 1\n"


def test_names_choose_follows_and_an_unknown_name_says_which(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = credits_by(monkeypatch, [[]])
    other = Follow(name="hans-zimmer", ref="tmdb:person/2")
    run(server, registry, tmp_path / "inbox.json", [BALFE, other], "hans-zimmer")
    assert [[f.name for f in follows] for follows in asked] == [["hans-zimmer"]]
    with pytest.raises(NotFoundError, match="no follow named 'hans-zimer'; did you mean"):
        run(server, registry, tmp_path / "inbox.json", [BALFE, other], "hans-zimer")


def test_a_tba_title_added_then_dated_is_told_once_as_dated(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime, timedelta, timezone

    from release_countdown.core.query import Query
    from release_countdown.registry.load import check_text
    from release_countdown.workflows.notify import notify
    from release_countdown.workflows.refresh import refresh
    from tests.workflows.test_notify import Collect

    undated = tmdb_data.movie(102, title="Untitled Balfe")
    undated |= {"release_date": "", "release_dates": {"results": []}, "status": "Planned"}
    server.expect_request("/3/movie/102").respond_with_json(undated)
    credits_by(monkeypatch, [CREDITS[1:2]])
    run(server, registry, tmp_path / "inbox.json", [BALFE._replace(mode="add")])
    assert tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]["date"] == "TBA"
    state, sent = tmp_path / "notify.json", []

    def told(day: date) -> None:
        releases, _ = check_text(registry.read_text(encoding="utf-8"), str(registry))
        collect = Collect()
        notify(
            releases, Query(), leads=(7,), sending=[collect], state_path=state, today=day,
            started=datetime(day.year, day.month, day.day, 9, tzinfo=timezone.utc),
            dry_run=False, lock_timeout=5.0, inbox=tmp_path / "inbox.json",
        )  # fmt: skip
        sent.extend(f"{n.event} {n.change} {n.date}" for n in collect.sent)

    told(TODAY)
    server.clear()
    server.expect_request("/3/movie/102").respond_with_json(
        tmdb_data.movie(102, title="Untitled Balfe", us_theatrical="2027-09-10T00:00:00.000Z")
    )
    later = TODAY + timedelta(days=30)
    where = tmdb_settings(server)
    try:
        refresh(
            registry, [], where=where, region=None, due=False, today=later, dry_run=False,
            lock_timeout=5.0,
        )  # fmt: skip
    finally:
        where.close()
    history = tomli.loads(registry.read_text(encoding="utf-8"))["release"][0]["history"]
    assert [h["date"] for h in history][-2:] == ["TBA", date(2027, 9, 10)]
    told(later)
    told(later + timedelta(days=1))
    assert sent == ["new None TBA", "changed dated 2027-09-10"]  # each told once


def test_a_series_credit_is_proposed_now_that_a_show_imports(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    show = Credit("tmdb:tv/77", "A Show", "series", "2027-02-01", ("Original Music Composer",))
    credits_by(monkeypatch, [[*CREDITS[:1], show]])
    inbox = tmp_path / "state" / "inbox.json"
    done = run(server, registry, inbox, [BALFE])
    # tmdb:tv/ID imports one entry per season (issue 25): no longer set aside.
    assert [e.ref for e in done.proposed] == ["tmdb:movie/101", "tmdb:tv/77"]
    assert done.followed[0].unsupported == ()


def test_a_credit_no_source_imports_is_set_aside_not_proposed(
    server: HTTPServer, registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = Credit("imdb:tt7654321", "A Short", "other", "2027-02-01", ("Original Music Composer",))
    credits_by(monkeypatch, [[*CREDITS[:1], odd]])
    inbox = tmp_path / "state" / "inbox.json"
    done = run(server, registry, inbox, [BALFE])
    assert [e.ref for e in done.proposed] == ["tmdb:movie/101"]  # imdb: no source imports it
    assert done.followed[0].unsupported == (odd,)
    assert [e.ref for e in read_inbox(inbox)] == ["tmdb:movie/101"]
