"""`countdown publish DIR`: serve's documents as files; unchanged files untouched, files of an
earlier publish no longer made deleted, nothing else in DIR touched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, invoke

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ".countdown-publish.json"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    shutil.copy(ROOT / "data" / "releases.toml", path)
    return path


def publish(registry: Path, folder: Path, *args: str) -> dict[str, Any]:
    result = invoke("publish", str(folder), "-r", str(registry), "--as-of", AS_OF, "--json", *args)
    assert result.exit_code == 0, result.stderr
    done: dict[str, Any] = json.loads(result.stdout)
    counts = [len(done[key]) for key in ("written", "unchanged", "removed")]
    summary = "written {}, unchanged {}, removed {}".format(*counts)
    assert result.stderr == f"countdown: published {folder}: {summary}\n"
    return done


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit(registry: Path, old: str, new: str) -> None:
    """Change the registry's text and keep its mtime: what changes is what the text says."""
    before = registry.stat()
    text = registry.read_text(encoding="utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(registry, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_the_folder_holds_the_site(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = publish(registry, site)
    assert done["folder"] == str(site)
    assert set(done["written"]) == {
        "index.html", "releases.json", "calendar.ics", "changes.atom", "radarr.json",
        "sonarr.json", "static/countdown.js", "static/style.css", "static/favicon.svg",
        "title/argylle.html", "title/gran-turismo.html", "title/mi-dead-reckoning-part-one.html",
        "title/mi-dead-reckoning-part-one-soundtrack.html", "title/mi-the-final-reckoning.html",
    }  # fmt: skip
    assert json.loads((site / MANIFEST).read_text())["files"] == sorted(done["written"])
    index = (site / "index.html").read_text()
    assert '<script src="static/countdown.js" defer></script>' in index
    assert 'href="title/argylle.html"' in index
    assert 'action="' not in index  # no server to ask: the search box filters in the page
    page = (site / "title" / "argylle.html").read_text()
    assert '<link rel="stylesheet" href="../static/style.css">' in page
    assert 'href="../index.html"' in page
    assert 'href="/' not in index + page  # nothing from a host's root
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((site / "changes.atom").read_bytes())
    assert feed.findtext(f"{atom}id") == "urn:release-countdown:changes"  # an id is absolute
    links = {e.get("href", "") for e in feed.iter(f"{atom}link")}
    assert links == {"changes.atom", "title/mi-dead-reckoning-part-one.html",
                     "title/mi-the-final-reckoning.html"}  # fmt: skip


def test_a_second_publish_with_no_change_touches_nothing(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(registry, site, "--feed", "balfe:composer=balfe")
    before = state(site)
    done = publish(registry, site, "--feed", "balfe:composer=balfe")
    assert (done["written"], done["removed"]) == ([], [])
    assert len(done["unchanged"]) == len(before) - 1  # all but the manifest
    assert state(site) == before  # bytes and mtimes


def test_a_changed_title_rewrites_only_the_files_that_show_it(
    registry: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    publish(registry, site)
    before = state(site)
    edit(registry, "Apple Studios, Marv", "Apple Studios and Marv")  # Argylle's note
    done = publish(registry, site)
    shown = ["calendar.ics", "releases.json", "title/argylle.html"]  # the note is in each
    assert done["written"] == shown
    after = state(site)
    assert [name for name in before if before[name] != after[name]] == shown


def test_a_removed_title_loses_its_page_and_nothing_else_goes(
    registry: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "CNAME").write_text("countdown.example\n")  # the host's file: never publish's
    publish(registry, site)
    (site / "title" / "notes.txt").write_text("mine")
    text = registry.read_text(encoding="utf-8")
    start = text.index('[[release]]\nid = "gran-turismo"')
    end = text.index("[[release]]", start + 1)
    registry.write_text(text[:start] + text[end:], encoding="utf-8")
    done = publish(registry, site)
    assert done["removed"] == ["title/gran-turismo.html"]
    assert not (site / "title" / "gran-turismo.html").exists()
    assert (site / "CNAME").read_text() == "countdown.example\n"
    assert (site / "title" / "notes.txt").read_text() == "mine"
    assert "title/gran-turismo.html" not in json.loads((site / MANIFEST).read_text())["files"]


def test_filters_narrow_the_site(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(registry, site)
    done = publish(registry, site, "--kind", "album")
    assert sorted(p for p in done["removed"] if p.startswith("title/")) == [
        "title/argylle.html", "title/gran-turismo.html", "title/mi-dead-reckoning-part-one.html",
        "title/mi-the-final-reckoning.html",
    ]  # fmt: skip
    assert sorted(p.name for p in (site / "title").iterdir()) == [
        "mi-dead-reckoning-part-one-soundtrack.html"
    ]


def test_each_feed_writes_its_own_calendar(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = publish(
        registry, site, "--feed", "albums:kind=album", "--feed", "gt:search=gran&futureDays=60"
    )
    assert {"albums.ics", "gt.ics", "calendar.ics"} <= set(done["written"])
    albums = (site / "albums.ics").read_text()
    assert albums.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Mission: Impossible – Dead Reckoning Part One (Music from" in albums
    gt = (site / "gt.ics").read_text()
    assert gt.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Gran Turismo" in gt
    assert (site / "calendar.ics").read_text().count("BEGIN:VEVENT") == 5


@pytest.mark.parametrize(
    ("feed", "message"),
    [
        ("balfe", "'balfe' is not NAME:FILTERS"),
        ("../up:kind=film", "'../up:kind=film' is not NAME:FILTERS"),
        ("calendar:kind=film", "calendar.ics is the site's own calendar"),
        ("films:knd=film", "films: unknown parameter 'knd'"),
        ("films:within=3x", "films: within: '3x' is not a duration"),
        ("films:futureDays=-1", "films: futureDays: '-1' is not a number of days"),
    ],
)
def test_a_bad_feed_is_a_usage_error(
    registry: Path, tmp_path: Path, feed: str, message: str
) -> None:
    result = invoke("publish", str(tmp_path / "site"), "-r", str(registry), "--feed", feed)
    assert result.exit_code == 2
    assert "Invalid value for '--feed'" in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_feed_named_twice_is_a_usage_error(registry: Path, tmp_path: Path) -> None:
    result = invoke(
        "publish", str(tmp_path / "s"), "-r", str(registry), "--feed", "a:kind=film",
        "--feed", "A:kind=album",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "a.ics is named twice" in result.stderr


def test_the_json_is_export_s_and_serve_s(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    filters = ("--composer", "balfe", "--all")
    publish(registry, site, *filters)
    exported = invoke("export", "--format", "json", "-r", str(registry), "--as-of", AS_OF, *filters)
    assert exported.exit_code == 0, exported.stderr
    published = (site / "releases.json").read_bytes()
    # The same rows, except that a public folder names the registry file, not its path.
    assert str(registry).encode() not in published
    assert published == exported.stdout_bytes.replace(
        json.dumps(str(registry))[1:-1].encode(), registry.name.encode()
    )
    pytest.importorskip("starlette", reason="the serve extra is not installed")
    from starlette.testclient import TestClient

    from release_countdown.cli.commands.serve import application

    asgi, _ = application("127.0.0.1", [registry], None, no_cache=True)
    with TestClient(asgi, base_url="http://127.0.0.1:8787") as client:
        served = client.get(f"/releases.json?composer=balfe&all=1&as_of={AS_OF}")
    assert published == served.content.replace(
        json.dumps(str(registry))[1:-1].encode(), registry.name.encode()
    )


def test_a_file_where_the_folder_goes_is_a_clear_error(registry: Path, tmp_path: Path) -> None:
    spot = tmp_path / "site"
    spot.write_text("not a folder")
    result = invoke("publish", str(spot), "-r", str(registry), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"countdown: {spot} is a file: publish writes a folder (created when missing)\n"
    )
    assert spot.read_text() == "not a folder"


def test_a_manifest_publish_cannot_read_stops_it(registry: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text("[1, 2")
    result = invoke("publish", str(site), "-r", str(registry), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert f"{site / MANIFEST}: not a manifest publish can read" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == [MANIFEST]
