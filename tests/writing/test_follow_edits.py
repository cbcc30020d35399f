"""writing/follows.py: the edits of [[follow]] tables, through change_registry; only the part
of the file before the first release is parsed by tomlkit."""

from __future__ import annotations

from pathlib import Path

import pytest

from release_countdown.core.errors import NotFoundError
from release_countdown.core.follow import Follow
from release_countdown.registry import parse
from release_countdown.registry.load import check_follows, check_text
from release_countdown.writing.change import change_registry
from release_countdown.writing.follows import add_follow, ignore_refs, on_follows

TEXT = """schema = 1

# the composer
[[follow]]
name = "lb"
ref = "tmdb:person/947"
mode = "inbox"

[[release]]
id = "a"
title = "A"
date = 2030-01-01
"""


def test_ignore_appends_each_ref_once(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(TEXT)

    def dismiss(refs: list[str]) -> list[str]:
        edit = on_follows(lambda d: ignore_refs(d, "lb", refs), lambda added: f"{added}")
        result = change_registry(path, edit).result
        assert isinstance(result, list)
        return result

    assert dismiss(["tmdb:movie/1", "tmdb:movie/1", "tmdb:movie/2"]) == [
        "tmdb:movie/1",
        "tmdb:movie/2",
    ]
    assert dismiss(["tmdb:movie/2", "tmdb:movie/3"]) == ["tmdb:movie/3"]
    assert dismiss(["tmdb:movie/3"]) == []
    (follow,), problems = check_follows(path.read_text(), str(path))
    assert problems == []
    assert follow.ignore == ("tmdb:movie/1", "tmdb:movie/2", "tmdb:movie/3")
    assert 'mode = "inbox"\nignore = [' in path.read_text()  # after the last key
    with pytest.raises(NotFoundError, match='no follow named "nobody"'):
        change_registry(path, on_follows(lambda d: ignore_refs(d, "nobody", ["x"])))


def test_only_the_follows_are_parsed_by_tomlkit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tomlkit

    path = tmp_path / "r.toml"
    path.write_text(TEXT + "".join(f'\n[[release]]\nid = "t{i}"\ntitle = "T"\ndate = "TBA"\n'
                                   for i in range(50)))  # fmt: skip
    parsed: list[str] = []
    real = tomlkit.parse

    def spy(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(tomlkit, "parse", spy)
    follow = Follow(name="z", ref="wikidata:Q42")
    change_registry(path, on_follows(lambda d: add_follow(d, follow)))
    assert parsed
    assert all("[[release]]" not in text for text in parsed)
    releases, problems = check_text(path.read_text(), str(path))
    assert len(releases) == 51
    assert problems == []
    assert [f.name for f in check_follows(path.read_text(), str(path))[0]] == ["lb", "z"]


def test_a_large_file_with_follows_is_still_read_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXT + "".join(f'\n[[release]]\nid = "t{i}"\ntitle = "T"\ndate = "TBA"\n'
                          for i in range(20))  # fmt: skip
    assert parse.release_chunks(text) is not None
    whole = parse.parse_registry(text, "r.toml")
    monkeypatch.setattr(parse, "chunked_from", lambda: 10)
    chunked = parse.parse_registry(text, "r.toml")
    assert chunked.follows == whole.follows
    assert len(chunked.follows) == 1
    assert [r for r, _ in chunked.releases] == [r for r, _ in whole.releases]
    after = text + '\n[[follow]]\nname = "late"\nref = "wikidata:Q1"\n'
    assert parse.release_chunks(after) is None  # a follow after the releases: parsed whole
    assert len(parse.parse_registry(after, "r.toml").follows) == 2
