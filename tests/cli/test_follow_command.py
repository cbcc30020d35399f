"""`countdown follow add/list/remove` (issue 24): refs, web addresses and names; the defaults
(name, jobs, types, since); the registry's [[follow]] tables written canonically, comments
kept. followsrc's `people` and `default_jobs` are stood in for here (no network)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli

from release_countdown.core.record import Candidate
from release_countdown.sources import musicbrainz, tmdb
from tests.conftest import invoke

MBID = "e6de1f3b-6484-491c-88dd-6d619f142abc"


@pytest.fixture
def registry() -> Path:
    path = Path(os.environ["XDG_DATA_HOME"]) / "release-countdown" / "releases.toml"
    assert invoke("init").exit_code == 0
    assert invoke("add", "Argylle", "--date", "2024-02-02", "--kind", "film").exit_code == 0
    return path


def follows(path: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = tomli.loads(path.read_text(encoding="utf-8")).get("follow", [])
    return found


def test_a_web_address_is_followed_with_the_defaults(registry: Path) -> None:
    done = invoke("follow", "add", "https://www.themoviedb.org/person/947-lorne-balfe")
    assert done.exit_code == 0, done.stderr
    assert "no TMDB key is set: following every job" in done.stderr
    assert follows(registry) == [
        {"name": "tmdb-person-947", "ref": "tmdb:person/947", "since": date.today(),
         "tba": True, "mode": "inbox"},
    ]  # fmt: skip
    assert invoke("fmt", "--check").exit_code == 0  # written where and as fmt writes it
    assert invoke("check").exit_code == 0
    assert invoke("add", "Beta", "--date", "2031-01-01").exit_code == 0
    assert invoke("fmt", "--check").exit_code == 0  # still, after a title is added
    assert len(follows(registry)) == 1


def test_every_option_is_written(registry: Path) -> None:
    done = invoke(
        "follow", "add", f"https://musicbrainz.org/artist/{MBID.upper()}", "--type", "Soundtrack",
        "--kind", "album", "--since", "2026-12-07", "--no-tba", "--mode", "add", "--name", "hz",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert follows(registry) == [
        {"name": "hz", "ref": f"musicbrainz:artist/{MBID}", "types": ["soundtrack"],
         "kinds": ["album"], "since": date(2026, 12, 7), "tba": False, "mode": "add"},
    ]  # fmt: skip


def test_an_artist_gets_albums_eps_and_soundtracks(registry: Path) -> None:
    assert invoke("follow", "add", f"musicbrainz:artist/{MBID}", "--name", "a").exit_code == 0
    assert follows(registry)[0]["types"] == ["album", "ep", "soundtrack"]


def test_a_person_s_jobs_come_from_the_known_for_department(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def default_jobs(service: Any, ident: str) -> tuple[str, ...]:
        asked.append(ident)
        return ("Original Music Composer",)

    monkeypatch.setattr(tmdb, "default_jobs", default_jobs, raising=False)
    monkeypatch.setenv("TMDB_API_KEY", "k3y-s3cr3t-0123456789")
    assert invoke("follow", "add", "tmdb:person/947", "--name", "lb").exit_code == 0
    assert invoke("follow", "add", "tmdb:person/29", "--job", "Director").exit_code == 0
    assert asked == ["person/947"]  # --job given: not asked
    assert [f.get("jobs") for f in follows(registry)] == [["Original Music Composer"], ["Director"]]


def _people(*names: str) -> Any:
    def people(service: Any, query: str) -> list[Candidate]:
        return [
            Candidate(ref=f"tmdb:person/{i + 1}", title=name, date=None, kind="person",
                      note="Sound")
            for i, name in enumerate(names)
        ]  # fmt: skip

    return people


def test_a_name_is_looked_up(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tmdb, "people", _people("Lorne Balfe"), raising=False)
    monkeypatch.setattr(tmdb, "default_jobs", lambda s, i: ("Original Music Composer",), False)
    monkeypatch.setenv("TMDB_API_KEY", "k3y-s3cr3t-0123456789")
    done = invoke("follow", "add", "Lorne Balfe")
    assert done.exit_code == 0, done.stderr
    assert "found Lorne Balfe (tmdb:person/1)" in done.stderr
    assert [(f["name"], f["ref"]) for f in follows(registry)] == [("lorne-balfe", "tmdb:person/1")]


def test_several_people_are_listed_and_none_chosen(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(musicbrainz, "people", _people("Hans Zimmer", "Hans Zimmerman"), False)
    before = registry.read_bytes()
    done = invoke("follow", "add", "Hans Zimmer")  # no TMDB key: MusicBrainz's artists
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        "tmdb:person/1          Hans Zimmer  (Sound)",
        "tmdb:person/2          Hans Zimmerman  (Sound)",
    ]
    assert "2 people answer to 'Hans Zimmer'" in done.stderr
    assert registry.read_bytes() == before


def test_on_a_terminal_the_user_picks_one(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from release_countdown.cli import follow_options
    from release_countdown.cli.app import app

    monkeypatch.setattr(musicbrainz, "people", _people("Hans Zimmer", "Hans Zimmerman"), False)
    monkeypatch.setattr(follow_options, "on_terminal", lambda: True)
    done = CliRunner().invoke(app, ["follow", "add", "Hans Zimmer"], input="2\n")
    assert done.exit_code == 0, done.output
    assert [f["ref"] for f in follows(registry)] == ["tmdb:person/2"]
    before = registry.read_bytes()
    none = CliRunner().invoke(app, ["follow", "add", "Hans Zimmer", "--name", "hz"], input="\n")
    assert none.exit_code == 1  # Enter: none of them, nothing written
    assert registry.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["tmdb:movie/5"], "'tmdb:movie/5' is not a ref to follow; the forms are: tmdb:person"),
        (["tmdb:person/947", "--mode", "later"], "Invalid value for '--mode'"),
        (["tmdb:person/947", "--since", "someday"], "Invalid value for '--since'"),
        (["tmdb:person/947", "--kind", "flim"], "Invalid value for '--kind'"),
    ],
)
def test_bad_input_is_refused(registry: Path, args: list[str], words: str) -> None:
    done = invoke("follow", "add", *args)
    assert done.exit_code == 2
    assert words in done.stderr
    assert follows(registry) == []


def test_a_name_or_ref_followed_twice_is_refused(registry: Path) -> None:
    assert invoke("follow", "add", "tmdb:person/947", "--name", "lb").exit_code == 0
    again = invoke("follow", "add", "tmdb:person/29", "--name", "lb")
    assert again.exit_code == 2
    assert 'a follow named "lb" exists already (tmdb:person/947)' in again.stderr
    same = invoke("follow", "add", "https://www.themoviedb.org/person/947")
    assert same.exit_code == 2
    assert 'tmdb:person/947 is followed already, as "lb"' in same.stderr


def test_dry_run_writes_nothing(registry: Path) -> None:
    before = registry.read_bytes()
    done = invoke("follow", "add", "tmdb:person/947", "--dry-run")
    assert done.exit_code == 0
    assert '+ref = "tmdb:person/947"' in done.stdout
    assert registry.read_bytes() == before
    assert invoke("follow", "add", "tmdb:person/947").exit_code == 0
    assert invoke("follow", "remove", "tmdb-person-947", "--dry-run").exit_code == 0
    assert len(follows(registry)) == 1


def test_list_shows_each_follow_and_its_titles(registry: Path) -> None:
    empty = invoke("follow", "list")
    assert (empty.exit_code, empty.stdout) == (0, "")
    assert "no follows yet" in empty.stderr
    assert invoke("follow", "list", "--json").stdout == "[]\n"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace('title = "Argylle"', 'title = "Argylle"\norigin = "follow:lb"')
    )
    added = invoke("follow", "add", "tmdb:person/947", "--name", "lb", "--since", "2026-01-01")
    assert added.exit_code == 0
    listed = invoke("follow", "list", "--json")
    assert json.loads(listed.stdout) == [
        {"name": "lb", "ref": "tmdb:person/947", "jobs": [], "types": [], "kinds": [],
         "since": "2026-01-01", "tba": True, "mode": "inbox", "ignore": [], "titles": 1},
    ]  # fmt: skip
    table = invoke("follow", "list")
    assert table.stdout.split() == (
        ["lb", "tmdb:person/947", "inbox", "1", "title", "every", "credit;", "since", "2026-01-01"]
    )


def test_remove_keeps_the_other_follows_and_their_comments(registry: Path) -> None:
    for ref, name in (("tmdb:person/1", "a"), ("tmdb:person/2", "b"), ("tmdb:person/3", "c")):
        assert invoke("follow", "add", ref, "--name", name, "--since", "2026-01-01").exit_code == 0
    text = registry.read_text(encoding="utf-8")
    for name in "abc":
        text = text.replace(
            f'[[follow]]\nname = "{name}"', f'# {name}\n[[follow]]\nname = "{name}"'
        )
    registry.write_text(text)
    assert invoke("fmt", "--check").exit_code == 0
    done = invoke("follow", "remove", "b")
    assert done.exit_code == 0, done.stderr
    assert 'no longer following tmdb:person/2 ("b")' in done.stderr
    assert registry.read_text(encoding="utf-8") == text.replace(
        '# b\n[[follow]]\nname = "b"\nref = "tmdb:person/2"\nsince = 2026-01-01\ntba = true\n'
        'mode = "inbox"\n\n',
        "",
    )
    missing = invoke("follow", "remove", "d")
    assert missing.exit_code == 1
    assert 'no follow named "d" (follows: a, c)' in missing.stderr


def test_each_follow_command_has_examples() -> None:
    for command in ("add", "list", "remove"):
        assert "Examples:" in invoke("follow", command, "--help").stdout
