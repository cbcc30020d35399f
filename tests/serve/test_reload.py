"""The registry followed while serving: edits show at the next request, an invalid edit keeps
the last good registry in service with its errors on the page and in /healthz, and the day is
read per request."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from release_countdown.cli.reading import loader
from release_countdown.serve.app import ServeConfig, create_app
from release_countdown.serve.state import RegistryState
from tests.serve.conftest import BASE, Make

EXTRA = '\n[[release]]\nid = "newcomer"\ntitle = "Newcomer"\nkind = "album"\ndate = 2030-01-01\n'


def titles(client: TestClient) -> int:
    count: int = client.get("/healthz").json()["titles"]
    return count


def test_an_edit_shows_at_the_next_request(make_client: Make, registry_file: Path) -> None:
    client = make_client(registry_file)
    assert titles(client) == 5
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + EXTRA, "utf-8")
    assert titles(client) == 6
    assert "Newcomer" in client.get("/?all=1").text


def test_a_same_size_edit_with_the_old_mtime_is_seen_by_its_inode(
    make_client: Make, registry_file: Path, tmp_path: Path
) -> None:
    client = make_client(registry_file)
    assert "Argylle" in client.get("/title/argylle").text
    stat = registry_file.stat()
    replaced = tmp_path / "new.toml"  # what an editor's atomic save does: a new file renamed
    replaced.write_text(registry_file.read_text(encoding="utf-8").replace("Argylle", "Argyle!"))
    os.utime(replaced, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replaced, registry_file)
    assert "Argyle!" in client.get("/title/argylle").text


def test_a_same_size_edit_in_place_with_the_old_mtime_is_seen(
    make_client: Make, registry_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Size, mtime and inode all say "same": the content hash (checked every RECHECK
    seconds, here at once) sees the edit (issue 20, item 18)."""
    from release_countdown.serve import state

    monkeypatch.setattr(state, "RECHECK", 0.0)
    client = make_client(registry_file)
    assert "Argylle" in client.get("/title/argylle").text
    stat = registry_file.stat()
    text = registry_file.read_text(encoding="utf-8").replace("Argylle", "Argyl1e")
    with registry_file.open("r+b") as out:  # in place: the same inode, the same size
        out.write(text.encode("utf-8"))
    os.utime(registry_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "Argyl1e" in client.get("/title/argylle").text


def test_an_invalid_edit_keeps_the_last_good_registry(
    make_client: Make, registry_file: Path
) -> None:
    lines: list[str] = []
    client = make_client(registry_file, log=lines.append)
    good = registry_file.read_text(encoding="utf-8")
    registry_file.write_text(good + '\n[[release]]\nid = "broken"\ndate = "someday"\n', "utf-8")
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["titles"] == 5
    assert body["status"] == "errors"
    assert body["errors"]
    assert all(str(registry_file) in e for e in body["errors"])
    page = client.get("/?all=1")
    assert page.status_code == 200
    assert 'class="banner"' in page.text
    assert "Argylle" in page.text
    assert client.get("/releases.json?all=1").status_code == 200
    assert any(line.startswith("registry: ") and "broken" in line for line in lines) or any(
        str(registry_file) in line for line in lines
    )
    registry_file.write_text(good + EXTRA, "utf-8")  # fixed: the banner goes
    assert client.get("/healthz").json() == {"status": "ok", "titles": 6, "errors": []}
    assert 'class="banner"' not in client.get("/").text


def test_today_is_read_per_request(registry_file: Path) -> None:
    days = [date(2023, 7, 8)]
    config = ServeConfig(
        state=RegistryState([registry_file], loader([registry_file], no_cache=True)),
        today=lambda: days[0],
    )
    client = TestClient(create_app(config), base_url=BASE)
    first = {r["id"]: r for r in client.get("/releases.json").json()}
    assert first["mi-dead-reckoning-part-one"]["days_remaining"] == 4
    days[0] = date(2023, 7, 10)  # midnight passed twice
    second = {r["id"]: r for r in client.get("/releases.json").json()}
    assert second["mi-dead-reckoning-part-one"]["days_remaining"] == 2
    # as_of overrides the clock
    third = {r["id"]: r for r in client.get("/releases.json?as_of=2023-07-11").json()}
    assert third["mi-dead-reckoning-part-one"]["days_remaining"] == 1
    # a relative as_of counts from the request's day (2023-07-10), as --as-of +1d does
    fourth = {r["id"]: r for r in client.get("/releases.json?as_of=%2B1d").json()}
    assert fourth["mi-dead-reckoning-part-one"]["days_remaining"] == 1


def test_the_clock_is_read_once_per_request(registry_file: Path) -> None:
    """The answer cache's key and the query are for the same day, even at midnight."""
    reads: list[date] = []

    def today() -> date:
        reads.append(date(2023, 7, 8))
        return reads[-1]

    config = ServeConfig(
        state=RegistryState([registry_file], loader([registry_file], no_cache=True)),
        today=today,
    )
    client = TestClient(create_app(config), base_url=BASE)
    for path in ("/releases.json", "/calendar.ics", "/changes.atom", "/", "/title/argylle"):
        reads.clear()
        assert client.get(path).status_code == 200, path
        assert len(reads) == 1, path


def test_the_default_region_is_handed_in(registry_file: Path) -> None:
    """serve's default region is its config's (the command passes the `region` setting); a
    region= parameter overrides it."""

    def dates(default_region: str | None, query: str = "") -> dict[str, str]:
        config = ServeConfig(
            state=RegistryState([registry_file], loader([registry_file], no_cache=True)),
            today=lambda: date(2023, 7, 8),
            default_region=default_region,
        )
        answer = TestClient(create_app(config), base_url=BASE).get(f"/releases.json?all=1{query}")
        return {r["id"]: r["date"] for r in answer.json()}

    assert dates("GB") != dates(None)
    assert dates("GB") == dates(None, "&region=GB")
    assert dates("GB", "&region=US") == dates(None, "&region=US")


def same_size_in_place(path: Path, old: str, new: str) -> None:
    """What `cp -p` onto the file (or `rsync -a --inplace`) does: the same inode, the same size,
    new bytes, the old mtime put back."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    with open(path, "r+b") as file:  # truncate-free: same inode, same size
        file.write(text.replace(old, new).encode("utf-8"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ino,
    )


def test_a_same_size_in_place_edit_with_the_old_mtime_is_seen_within_the_recheck(
    make_client: Make, registry_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.serve import state

    clock = [1000.0]
    recheck = getattr(state, "RECHECK", 3.0)
    monkeypatch.setattr(state, "monotonic", lambda: clock[0], raising=False)
    lines: list[str] = []
    client = make_client(registry_file, log=lines.append)
    assert "Argylle" in client.get("/title/argylle").text
    same_size_in_place(registry_file, "Argylle", "Argyle!")
    clock[0] += recheck / 2  # not due yet: stat alone is asked, and sees nothing
    assert "Argylle" in client.get("/title/argylle").text
    clock[0] += recheck / 2  # due: the content is read, and differs
    assert "Argyle!" in client.get("/title/argylle").text
    told = [line for line in lines if line.startswith("registry:")]
    assert told == [
        "registry: its content changed (same size and mtime)",
        "registry: re-read (5 titles)",
    ]
    count = len(lines)
    clock[0] += recheck * 5  # due again, nothing changed: no re-read
    assert "Argyle!" in client.get("/title/argylle").text
    assert len([line for line in lines[count:] if line.startswith("registry:")]) == 0


def test_registry_text_reaches_the_log_with_its_controls_made_visible(
    make_client: Make, registry_file: Path
) -> None:
    lines: list[str] = []
    client = make_client(registry_file, log=lines.append)
    good = registry_file.read_text(encoding="utf-8")
    hostile = (
        "\\u001b]0;owned\\u0007\\u001b[31m\\u009b2J\\u202e"  # TOML escapes: OSC, CSI, C1, bidi
    )
    registry_file.write_text(
        good + f'\n[[release]]\nid = "x"\ntitle = "T{hostile}"\nkind = "film{hostile}"\n'
        "date = 2024-01-01\n",
        "utf-8",
    )
    assert client.get("/healthz").json()["status"] == "errors"
    told = [line for line in lines if "is not a kind of release" in line]
    assert len(told) == 1
    assert 'kind "film\u241b]0;owned\u2407\u241b[31m\ufffd2J\ufffd"' in told[0]
    for line in lines:
        assert not any(ch in line for ch in "\x1b\x07\x9b\u202e"), repr(line)
