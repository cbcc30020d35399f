"""`countdown follow check`, `countdown inbox` and its accept and dismiss, end to end on a
user registry whose follow is added with `follow add`, the sources' credits stood in for and
a local fake TMDB for the imports."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer

from release_countdown.core.follow import Credit, Follow
from tests.conftest import invoke
from tests.sources import tmdb_data

BALFE = Follow(name="lorne-balfe", ref="tmdb:person/947", jobs=("Original Music Composer",))
CREDITS = [
    Credit("tmdb:movie/101", "Tomorrow's Score", "film", "2099-05-01", ("Original Music Composer",)),
    Credit("tmdb:movie/102", "Untitled Balfe", "film", "TBA", ("Original Music Composer",)),
    Credit("tmdb:movie/103", "Loud Film", "film", "2099", ("Boom Operator",)),
    Credit("tmdb:movie/104", "Old Film", "film", "2019-03-01", ("Original Music Composer",)),
]  # fmt: skip


@pytest.fixture
def follows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user registry that follows Lorne Balfe, and the sources answering with CREDITS (the
    sources' own tests cover fetch_credits against local servers)."""
    from release_countdown.workflows import fetching

    monkeypatch.setattr(fetching, "fetch_credits", lambda where, fs, options: [CREDITS for _ in fs])
    assert invoke("init").exit_code == 0
    job = ("--job", BALFE.jobs[0], "--name", BALFE.name)
    added = invoke("follow", "add", BALFE.ref, *job, "--since", "2026-01-01")
    assert added.exit_code == 0, added.stderr


def registry_follows() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomli.loads(registry_text()).get("follow", [])
    return found


def state(name: str) -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "release-countdown" / name


def registry_text() -> str:
    path = Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"
    return path.read_text(encoding="utf-8")


def test_check_proposes_then_adds_nothing_and_inbox_lists(follows: None) -> None:
    before = registry_text()
    dry = invoke("follow", "check", "--dry-run")
    assert (dry.exit_code, dry.stderr) == (
        0,
        "countdown: 2 new for 1 follow (dry run: nothing written)\n",
    )
    assert not state("inbox.json").exists()
    done = invoke("follow", "check")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == (
        "lorne-balfe\tinbox\ttmdb:movie/101\t2099-05-01\tTomorrow's Score\n"
        "lorne-balfe\tinbox\ttmdb:movie/102\tTBA\tUntitled Balfe\n"
    )
    assert done.stderr == "countdown: 2 new in the inbox (see `countdown inbox`)\n"
    again = invoke("follow", "check", "--json")
    assert (again.stdout, again.stderr) == ("[]\n", "countdown: nothing new for 1 follow\n")
    listed = invoke("inbox")
    assert listed.stdout.splitlines()[1] == "tmdb:movie/102\tTBA\tUntitled Balfe\tlorne-balfe"
    (first, _) = json.loads(invoke("inbox", "--json").stdout)
    assert set(first) == {"ref", "title", "kind", "date", "follow", "seen"}
    assert registry_text() == before


def test_an_unknown_follow_name_exits_1(follows: None) -> None:
    done = invoke("follow", "check", "lorne-balf")
    assert done.exit_code == 1
    assert "no follow named 'lorne-balf'; did you mean 'lorne-balfe'?" in done.stderr


def test_dismissed_refs_never_return(follows: None) -> None:
    assert invoke("follow", "check").exit_code == 0
    done = invoke("inbox", "dismiss", "tmdb:movie/102")
    assert done.exit_code == 0, done.stderr
    assert registry_follows()[0]["ignore"] == ["tmdb:movie/102"]
    assert [e["ref"] for e in json.loads(invoke("inbox", "--json").stdout)] == ["tmdb:movie/101"]
    state("inbox.json").unlink()  # even with the inbox lost, the follow ignores it
    invoke("follow", "check")
    assert [e["ref"] for e in json.loads(invoke("inbox", "--json").stdout)] == ["tmdb:movie/101"]


def test_accept_imports_with_the_origin_and_empties_the_inbox(
    follows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("follow", "check").exit_code == 0
    with HTTPServer(host="127.0.0.1", port=0) as server:
        server.expect_request("/3/movie/101").respond_with_json(
            tmdb_data.movie(101, title="Tomorrow's Score", us_theatrical="2099-05-01T00:00:00.000Z")
        )
        monkeypatch.setenv("COUNTDOWN_TMDB_URL", server.url_for("/").rstrip("/"))
        monkeypatch.setenv("TMDB_API_KEY", "k3y-s3cr3t-0123456789")
        done = invoke("inbox", "accept", "https://www.themoviedb.org/movie/101-tomorrow")
    assert done.exit_code == 0, done.stderr
    (entry,) = tomli.loads(registry_text())["release"]
    assert (entry["title"], entry["origin"]) == ("Tomorrow's Score", "follow:lorne-balfe")
    assert [e["ref"] for e in json.loads(invoke("inbox", "--json").stdout)] == ["tmdb:movie/102"]
    assert invoke("follow", "check").stderr == "countdown: nothing new for 1 follow\n"


def test_accept_and_dismiss_refuse_what_is_not_there(follows: None) -> None:
    missing = invoke("inbox", "accept", "tmdb:movie/5")
    assert missing.exit_code == 1
    assert "'tmdb:movie/5' is not in the inbox" in missing.stderr
    both = invoke("inbox", "dismiss", "tmdb:movie/5", "--all")
    assert both.exit_code == 2
    assert "give the refs to take, or --all (not both)" in both.stderr


def test_a_source_that_fails_writes_nothing(follows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from release_countdown.core.errors import SourceError
    from release_countdown.workflows import fetching

    failing = SourceError("TMDB: tmdb:person/947: 429 Too Many Requests (retried 3 times)")
    monkeypatch.setattr(fetching, "fetch_credits", lambda where, fs, options: [failing])
    before = registry_text()
    done = invoke("follow", "check")
    assert done.exit_code == 4
    assert done.stderr.endswith("(retried 3 times) (nothing was written)\n")
    assert (registry_text(), state("inbox.json").exists()) == (before, False)


def test_no_follows_yet_says_how_to_add_one(follows: None) -> None:
    assert invoke("follow", "remove", "lorne-balfe").exit_code == 0
    done = invoke("follow", "check")
    assert done.exit_code == 0
    assert done.stderr.endswith("yet (countdown follow add REF)\n")
