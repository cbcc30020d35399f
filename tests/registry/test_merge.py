"""Merging (registry/merge.py), through `check_text` (one file) and `load_registry` (several):
unique ids, derived-id collisions, shared names, one release per source id,
and `override` across files."""

from __future__ import annotations

from pathlib import Path

import pytest

from release_countdown.core.errors import RegistryError
from release_countdown.registry.load import check_text, load_registry


def entry(
    title: str, *, id: str | None = None, aliases: tuple[str, ...] = (), extra: str = ""
) -> str:
    lines = ["[[release]]", f'title = "{title}"', "date = 2030-01-01"]
    if id is not None:
        lines.append(f'id = "{id}"')
    if aliases:
        lines.append("aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]")
    return "\n".join(lines) + ("\n" + extra if extra else "") + "\n\n"


def errors_of(*entries: str) -> list[str]:
    _, problems = check_text("schema = 1\n\n" + "".join(entries), "r.toml")
    return [f"{p.line}: {p.message}" for p in problems if not p.warning]


def test_a_repeated_id_names_the_first_one() -> None:
    assert errors_of(entry("A", id="x"), entry("B", id="x")) == [
        '8: duplicate id "x": also used by "A" at r.toml:3; ids must be unique'
    ]


def test_two_titles_deriving_one_id_are_told_how_to_part() -> None:
    assert errors_of(entry("Dune!"), entry("dune")) == [
        '7: titles "Dune!" (r.toml:3) and "dune" both derive the id "dune"; give this one an '
        'explicit id (id = "dune-2030")'
    ]


def test_the_suggested_id_is_free_and_checks(tmp_path: Path) -> None:
    """The hint's id, once written, passes: the old hint (id = "dune-2") led to a title clash."""
    (error,) = errors_of(entry("Dune"), entry("Dune"))
    suggested = error.split('(id = "')[1].rstrip('")')
    assert errors_of(entry("Dune"), entry("Dune", id=suggested)) == []


def test_titles_and_aliases_may_be_shared_ids_may_not(tmp_path: Path) -> None:
    assert errors_of(entry("Blade", id="blade"), entry("Blade", id="blade-2027")) == []
    assert errors_of(entry("A", id="a"), entry("B", id="b", aliases=("a",))) == []
    assert errors_of(entry("A", id="a", aliases=("Same",)), entry("same", id="b")) == []
    first = write(tmp_path, "a.toml", entry("Dune", id="dune"))
    second = write(tmp_path, "b.toml", entry("Dune", id="dune-2030"))
    assert [r.id for r in load_registry([first, second]).releases] == ["dune", "dune-2030"]


def test_one_release_per_source_id() -> None:
    ids = '[release.ids]\ntmdb = "movie/1"'
    (error,) = errors_of(entry("A", extra=ids), entry("B", extra=ids))
    assert 'release "B": ids.tmdb "movie/1" is also the tmdb id of "A" (r.toml:3)' in error


def write(tmp_path: Path, name: str, *entries: str) -> Path:
    path = tmp_path / name
    path.write_text("schema = 1\n\n" + "".join(entries), encoding="utf-8")
    return path


def test_override_replaces_the_earlier_entry_where_it_stood(tmp_path: Path) -> None:
    first = write(tmp_path, "a.toml", entry("A", id="a"), entry("B", id="b"), entry("C", id="c"))
    second = write(tmp_path, "b.toml", entry("B again", id="b", extra="override = true"))
    registry = load_registry([first, second])
    assert [r.title for r in registry.releases] == ["A", "B again", "C"]
    assert [r.source for r in registry.releases] == [str(first), str(second), str(first)]
    assert registry.spots[1][0] == 3  # where the overriding entry stands in its own file


def test_a_repeated_id_across_files_warns_and_the_first_file_wins(tmp_path: Path) -> None:
    """Issue 22 item 9: a personal and a team registry that both took an id keep working."""
    first = write(tmp_path, "a.toml", entry("A", id="a"), entry("B", id="b"))
    second = write(tmp_path, "b.toml", entry("C", id="c"), entry("A2", id="a"))
    registry = load_registry([first, second])
    assert [(r.title, r.source) for r in registry.releases] == [
        ("A", str(first)), ("B", str(first)), ("C", str(second)),
    ]  # fmt: skip
    (problem,) = registry.warnings
    assert problem.warning
    assert (problem.path, problem.line) == (str(second), 8)
    assert problem.message == (
        f'release "A2": id "a" is also defined at {first}:3 ("A"), which is used; this entry '
        "is skipped (rename one, or set override = true here to replace the earlier entry)"
    )
    registry = load_registry([second, first])  # the order listed decides
    assert [r.title for r in registry.releases] == ["C", "A2", "B"]


def test_a_repeated_id_within_one_file_stays_an_error(tmp_path: Path) -> None:
    one = write(tmp_path, "a.toml", entry("A", id="a"), entry("A2", id="a"))
    other = write(tmp_path, "b.toml", entry("B", id="b"))
    with pytest.raises(RegistryError) as raised:
        load_registry([other, one])
    (problem,) = raised.value.problems
    assert not problem.warning
    assert 'duplicate id "a": also used by "A"' in problem.message


def test_override_with_nothing_to_replace_is_a_warning(tmp_path: Path) -> None:
    only = write(tmp_path, "a.toml", entry("A", id="a", extra="override = true"))
    registry = load_registry([only])
    (warning,) = registry.warnings
    assert warning.warning
    assert 'override = true, but no earlier registry defines id "a"' in warning.message
