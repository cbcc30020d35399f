"""The reads a writing command makes before its write (`remove` finding the title it asks
about, `import` and `refresh` choosing what to fetch) follow the write's own rule for a file
being saved: an empty registry is refused with the write's words (exit 3), never read as a
registry without titles, and a save that ends while it looks again is used."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from release_countdown.core.errors import ExitCode
from release_countdown.sources.refs import parse_ref
from release_countdown.workflows.import_ import import_refs
from release_countdown.writing.change import EmptyRegistry
from tests.conftest import invoke
from tests.workflows.conftest import tmdb_settings
from tests.writing.test_other_programs import EMPTY_MESSAGE, SMALL, registry

BLANKS = [b"", b"\n\n  \n", b"\xef\xbb\xbf"]


@pytest.mark.parametrize("blank", BLANKS)
@pytest.mark.parametrize(
    "command",
    [
        ("remove", "alpha", "--yes"),
        ("remove", "alpha", "--dry-run"),
        ("remove", "alpha"),  # would ask, on a terminal: the file is refused first
        ("edit", "alpha", "--title", "Alpha Two", "--dry-run"),
        ("postpone", "alpha", "2032-01-01", "--dry-run"),
    ],
)
def test_an_empty_registry_is_refused_with_the_writes_words(
    tmp_path: Path, blank: bytes, command: tuple[str, ...]
) -> None:
    """`remove` said "no title matches 'alpha'" and exited 1 (fails on 5cdfeae)."""
    path = registry(tmp_path, "")
    path.write_bytes(blank)
    result = invoke(*command, "-r", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"countdown: {path} {EMPTY_MESSAGE} (a registry with no titles yet holds `schema = 1`)\n"
    )
    assert path.read_bytes() == blank


def test_a_registry_with_no_titles_on_purpose_is_read_as_such(tmp_path: Path) -> None:
    path = registry(tmp_path, "schema = 1\n")
    result = invoke("remove", "alpha", "--yes", "-r", str(path))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "no title matches 'alpha'" in result.stderr


def test_a_save_that_ends_while_remove_looks_again_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from release_countdown.writing import change

    path = registry(tmp_path, "")
    real = change._moves
    looks: list[int] = []

    def editor_finishes(*args: Any) -> bool:
        looks.append(1)
        path.write_text(SMALL, encoding="utf-8")
        return real(*args)

    monkeypatch.setattr(change, "_moves", editor_finishes)
    result = invoke("remove", "alpha", "--yes", "-r", str(path))
    assert looks == [1]
    assert result.exit_code == 0, result.stderr
    assert 'id = "alpha"' not in path.read_text(encoding="utf-8")
    assert 'id = "beta"' in path.read_text(encoding="utf-8")


@pytest.fixture
def tmdb() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0) as server:
        yield server


def test_import_refuses_an_empty_registry_before_fetching(tmdb: HTTPServer, tmp_path: Path) -> None:
    """It fetched the title, then refused to write (fails on 5cdfeae: the request is made)."""
    path = registry(tmp_path, "")
    where = tmdb_settings(tmdb)
    try:
        with pytest.raises(EmptyRegistry, match="is empty — is it being saved"):
            import_refs(
                path, [parse_ref("tmdb:movie/575264")], where=where, region="GB",
                all_dates=False, today=date(2026, 12, 1), dry_run=False,
                lock_timeout=5.0,
            )  # fmt: skip
    finally:
        where.close()
    assert tmdb.log == []
    assert path.read_bytes() == b""


def test_refresh_says_an_empty_registry_is_empty_not_that_nothing_is_due(
    tmp_path: Path,
) -> None:
    """It said "nothing to refresh" and exited 0 (fails on 5cdfeae)."""
    path = registry(tmp_path, "")
    result = invoke("refresh", "--due", "-r", str(path))
    assert result.exit_code == 3
    assert EMPTY_MESSAGE in result.stderr
