"""Imports link (issue 21 item 5): a title typed by hand gets the source's id instead of a
second entry; --new keeps them apart; an incompatible year does not link."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer

from release_countdown.core.errors import UsageError
from release_countdown.sources.refs import parse_ref
from release_countdown.workflows.import_ import Imported, import_refs, link_ref
from release_countdown.writing.canonical import format_registry
from tests.sources import tmdb_data
from tests.workflows.conftest import tmdb_settings

TODAY = date(2026, 12, 1)
TITLE = "Mission: Impossible - Dead Reckoning Part One"
REF = "tmdb:movie/575264"


def typed(path: Path, when: str, kind: str = "film") -> Path:
    text = (
        f'schema = 1\n\n[[release]]\nid = "mi7"\ntitle = "{TITLE}"\nkind = "{kind}"\n'
        f"date = {when}\n"
    )
    path.write_text(format_registry(text, str(path)), encoding="utf-8")
    return path


def run(server: HTTPServer, path: Path, *, new: bool = False) -> Imported:
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    where = tmdb_settings(server)
    try:
        return import_refs(
            path, [parse_ref(REF)], where=where, region="GB", all_dates=False, today=TODAY,
            dry_run=False, lock_timeout=5.0, new=new,
        )  # fmt: skip
    finally:
        where.close()


def entries(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert format_registry(text, str(path)) == text  # still canonical
    found: list[dict[str, Any]] = tomli.loads(text)["release"]
    return found


def test_an_import_links_to_the_title_typed_by_hand(server: HTTPServer, tmp_path: Path) -> None:
    path = typed(tmp_path / "r.toml", "2023-07-10")  # GB's date: nothing moves
    done = run(server, path)
    assert done.change is not None
    assert done.change.message == f'linked {REF} to "{TITLE}" (mi7)'
    (entry,) = entries(path)
    assert (entry["id"], entry["ids"]["tmdb"], entry["date"]) == (
        "mi7",
        "movie/575264",
        date(2023, 7, 10),
    )
    assert "history" not in entry
    assert entry["checked"] == TODAY


def test_a_linked_date_that_differs_is_history(server: HTTPServer, tmp_path: Path) -> None:
    path = typed(tmp_path / "r.toml", '"2023"')
    done = run(server, path)
    assert done.change is not None
    assert done.change.message == (
        f'linked {REF} to "{TITLE}" (mi7); date 2023 → 2023-07-10, narrowed'
    )
    (entry,) = entries(path)
    assert entry["date"] == date(2023, 7, 10)
    assert [h["date"] for h in entry["history"]] == ["2023", date(2023, 7, 10)]


def test_new_makes_a_second_entry(server: HTTPServer, tmp_path: Path) -> None:
    path = typed(tmp_path / "r.toml", "2023-07-10")
    done = run(server, path, new=True)
    assert done.change is not None
    assert done.change.message.startswith("imported ")
    assert len(entries(path)) == 2


def test_another_year_or_kind_does_not_link(server: HTTPServer, tmp_path: Path) -> None:
    path = typed(tmp_path / "r.toml", "2025-05-23")
    assert run(server, path).change.message.startswith("imported ")  # type: ignore[union-attr]
    assert len(entries(path)) == 2
    server.clear()
    path = typed(tmp_path / "s.toml", "2023-07-10", kind="album")
    assert run(server, path).change.message.startswith("imported ")  # type: ignore[union-attr]
    assert len(entries(path)) == 2


def test_link_attaches_a_ref_to_an_entry_import_cannot_tell(
    server: HTTPServer, tmp_path: Path
) -> None:
    import pytest

    from release_countdown.core.errors import UsageError
    from release_countdown.workflows.import_ import link_ref

    path = tmp_path / "r.toml"
    text = 'schema = 1\n\n[[release]]\ntitle = "MI 7"\nkind = "film"\ndate = 2022-01-01\n'
    path.write_text(format_registry(text, str(path)), encoding="utf-8")
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    where = tmdb_settings(server)
    try:
        change = link_ref(
            path, "mi 7", parse_ref(REF), where=where, region="GB", today=TODAY,
            dry_run=False, lock_timeout=5.0,
        )  # fmt: skip
        assert change.message == (
            f'linked {REF} to "MI 7" (mi-7); date 2022-01-01 → 2023-07-10, postponed 555 days'
        )
        (entry,) = entries(path)
        assert (entry["id"], entry["title"], entry["ids"]["tmdb"]) == (
            "mi-7",
            TITLE,
            "movie/575264",
        )
        assert entry["aliases"] == ["MI 7"]
        assert [h["date"] for h in entry["history"]] == [date(2022, 1, 1), date(2023, 7, 10)]
        path.write_text(
            path.read_text(encoding="utf-8")
            + '\n[[release]]\nid = "other"\ntitle = "Other"\ndate = "TBA"\n',
            encoding="utf-8",
        )
        with pytest.raises(UsageError, match='already belong to "Mission: Impossible') as held:
            link_ref(
                path, "other", parse_ref(REF), where=where, region="GB", today=TODAY,
                dry_run=False, lock_timeout=5.0,
            )  # fmt: skip
        # Every id the other entry holds is named at once, not one failure at a time.
        assert str(held.value).startswith(f"{REF}: its TMDB, IMDb and Wikidata ids already")
        assert str(held.value).endswith(
            "`countdown edit mi-7 --remove-id tmdb --remove-id imdb --remove-id wikidata` first"
        )
    finally:
        where.close()


def test_compatible_dates_share_a_year_or_overlap() -> None:
    from release_countdown.core.changes import compatible
    from release_countdown.core.dates import TBA
    from release_countdown.core.dates import parse_date_text as d

    assert compatible(d("2023-01-20"), d("2023-07-10"))  # the same year
    assert compatible(d("2022-Q4"), d("2022-12-31"))
    assert not compatible(d("2023-12"), d("2024"))  # no shared day, no shared year
    assert not compatible(d("2025-05-23"), d("2023-07-10"))
    assert compatible(TBA, d("2023-07-10"))
    assert compatible(d("2023"), TBA)


def test_a_dated_entry_is_preferred_to_an_undated_one(server: HTTPServer, tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    text = (
        f'schema = 1\n\n[[release]]\nid = "a"\ntitle = "{TITLE}"\nkind = "film"\ndate = "TBA"\n'
        f'\n[[release]]\nid = "b"\ntitle = "{TITLE}"\nkind = "film"\ndate = "2023"\n'
    )
    path.write_text(format_registry(text, str(path)), encoding="utf-8")
    done = run(server, path)
    assert done.change is not None
    assert done.change.message.startswith(f'linked {REF} to "{TITLE}" (b)')


def test_a_link_to_an_entry_with_another_id_names_the_source(
    server: HTTPServer, tmp_path: Path
) -> None:
    """The message spells the source as TMDB does; the command keeps the key (tmdb)."""
    path = tmp_path / "r.toml"
    path.write_text(
        f'schema = 1\n\n[[release]]\nid = "mi7"\ntitle = "{TITLE}"\ndate = 2023-07-10\n\n'
        '[release.ids]\ntmdb = "movie/1"\n',
        encoding="utf-8",
    )
    server.expect_request("/3/movie/575264").respond_with_json(tmdb_data.movie())
    where = tmdb_settings(server)
    try:
        with pytest.raises(UsageError) as refused:
            link_ref(
                path, "mi7", parse_ref(REF), where=where, region="GB", today=TODAY,
                dry_run=True, lock_timeout=5.0,
            )  # fmt: skip
    finally:
        where.close()
    assert str(refused.value) == (
        f"'{TITLE}' (id mi7) already has a TMDB id (movie/1); `countdown edit mi7 --remove-id "
        "tmdb` first"
    )
