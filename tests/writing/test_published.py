"""writing/published.py: a published folder's files, and only those, under publish's hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from release_countdown.core.errors import UsageError
from release_countdown.writing.published import MANIFEST, publish_files


def test_only_paths_inside_the_folder_are_ever_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    publish_files(site, {"index.html": b"x"})
    listed = ["index.html", "../victim.txt", "title/../../victim.txt", str(victim), "./x"]
    (site / MANIFEST).write_text(json.dumps({"version": 1, "files": listed}))
    done = publish_files(site, {"other.html": b"y"})
    assert done.removed == ("index.html",)
    assert victim.read_text() == "keep me"


def test_a_folder_on_the_way_that_became_a_link_is_not_followed(tmp_path: Path) -> None:
    site, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    publish_files(site, {"title/a.html": b"a", "index.html": b"i"})
    (site / "title" / "a.html").unlink()
    (site / "title").rmdir()
    elsewhere.mkdir()
    (elsewhere / "a.html").write_text("not publish's")
    (site / "title").symlink_to(elsewhere)
    done = publish_files(site, {"index.html": b"i"})
    assert done.removed == ()
    assert (elsewhere / "a.html").read_text() == "not publish's"


def test_an_emptied_folder_goes_with_its_last_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish_files(site, {"title/a.html": b"a", "index.html": b"i"})
    assert publish_files(site, {"index.html": b"i"}).removed == ("title/a.html",)
    assert not (site / "title").exists()


def test_a_folder_where_a_file_goes_is_a_clear_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "index.html").mkdir(parents=True)
    with pytest.raises(UsageError, match=r"index\.html is a folder: publish writes a file there"):
        publish_files(site, {"index.html": b"i"})
