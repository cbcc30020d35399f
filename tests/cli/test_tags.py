"""Issue 27 item 2: tags in the registry (``tags = ["imax", "must-see"]``): one rule
(core/model.tag_of) for the checker, the fast path, the cache decoder and `--tag`; added and
removed through the write path; the `--tag` filter of list, export, notify and serve's
``?tag=``; completion; `show`; JSON and CSV rows; `fmt` keeps them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli

from release_countdown.core.model import Release
from release_countdown.core.params import ParamError, parse_query
from release_countdown.core.query import Query, select
from release_countdown.registry.load import check_text
from tests.cli.test_completion import protocol
from tests.conftest import invoke
from tests.registry.test_predicates import base, decoded, readers

REGISTRY = """schema = 1

[[release]]
id = "a"
title = "Alpha"
date = 2030-01-02
tags = ["imax", "must-see"]

[[release]]
id = "b"
title = "Beta"
date = 2030-01-02
tags = ["vinyl"]

[[release]]
id = "c"
title = "Gamma"
date = 2030-01-03
"""
AS_OF = "2030-01-01"


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


# --- the one rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tags", "ok"),
    [(["imax"], True), (["must-see", "4k", "a1-b2"], True), ([], True), (["x" * 50], True),
     (["IMAX"], False), (["must see"], False), (["-imax"], False), (["imax-"], False),
     (["a--b"], False), (["must_see"], False), (["été"], False), (["x" * 51], False),
     (["imax", "imax"], False), ([""], False), ([3], False), ("imax", False)],
)  # fmt: skip
def test_checker_and_fast_path_agree_on_tags(tags: Any, ok: bool) -> None:
    assert readers({**base(), "tags": tags}) == (ok, ok)


# The codec stores the fields in order.
TAGS = Release._fields.index("tags")


@pytest.mark.parametrize(
    ("value", "ok"),
    [(["imax"], True), ([], True), (["x" * 50], True), (["x" * 51], False), (["IMAX"], False),
     (["must see"], False), ([3], False), ("imax", False), (None, False)],
)  # fmt: skip
def test_the_cache_decoder_takes_only_tags_the_rule_keeps(value: Any, ok: bool) -> None:
    def change(item: Any) -> None:
        item[TAGS] = value

    assert decoded(change) is ok


def test_check_words_each_bad_tag(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('[[release]]\ntitle = "X"\ndate = "TBA"\ntags = ["Must See", "ok", "ok"]\n')
    done = invoke("check", str(path))
    assert done.exit_code == 3
    assert 'tag "Must See" must be lower-case letters and digits' in done.stderr
    assert '(e.g. "must-see")' in done.stderr
    assert 'tags holds "ok" twice' in done.stderr


# --- the write path -----------------------------------------------------------------------


def tags_of(path: str, release_id: str) -> list[str] | None:
    releases = tomli.loads(Path(path).read_text(encoding="utf-8"))["release"]
    found: list[str] | None = next(r for r in releases if r["id"] == release_id).get("tags")
    return found


def test_add_and_edit_tag_and_untag(registry: str) -> None:
    added = invoke("add", "Delta", "--date", "TBA", "--tag", "IMAX", "--tag", "4k", "-r", registry)
    assert added.exit_code == 0, added.stderr
    assert tags_of(registry, "delta") == ["imax", "4k"]  # "IMAX" is the tag imax
    done = invoke("edit", "gamma", "--tag", "must-see", "--tag", "imax", "-r", registry)
    assert done.exit_code == 0, done.stderr
    assert "tag must-see added; tag imax added" in done.stderr
    assert tags_of(registry, "c") == ["must-see", "imax"]
    again = invoke("edit", "gamma", "--tag", "imax", "-r", registry)
    assert again.exit_code == 0
    assert 'nothing to change: "Gamma" already has tag imax' in again.stderr
    gone = invoke("edit", "alpha", "--untag", "imax", "--untag", "must-see", "-r", registry)
    assert gone.exit_code == 0, gone.stderr
    assert tags_of(registry, "a") is None  # the key goes with its last tag
    assert tags_of(registry, "b") == ["vinyl"]


def test_bad_tags_are_refused_before_anything_is_written(registry: str) -> None:
    before = Path(registry).read_bytes()
    bad = invoke("edit", "beta", "--tag", "Must See", "-r", registry)
    assert bad.exit_code == 2
    assert "Invalid value for '--tag'" in bad.stderr
    assert "did you mean must-see?" in bad.stderr
    missing = invoke("edit", "beta", "--untag", "imax", "-r", registry)
    assert missing.exit_code == 1
    assert "\"Beta\" has no tag 'imax'" in missing.stderr
    assert Path(registry).read_bytes() == before


def test_tags_round_trip_through_fmt(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'schema = 1\n\n[[release]]\ntags = ["must-see", "imax"]\ndate = 2030-01-02\n'
        'title = "Alpha"\nid = "a"\nkind = "film"\n',
        encoding="utf-8",
    )
    assert invoke("fmt", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    # In the canonical order of the keys (after franchise, before date); the tags' own
    # order is the writer's.
    assert text.index('kind = "film"') < text.index("tags = [") < text.index("date = ")
    assert 'tags = ["must-see", "imax"]' in text
    releases, problems = check_text(text, str(path))
    assert not problems
    assert releases[0].tags == ("must-see", "imax")
    assert invoke("fmt", "--check", str(path)).exit_code == 0
    assert invoke("fmt", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text


# --- reading ------------------------------------------------------------------------------


def ids(*args: str) -> list[str]:
    done = invoke("list", "--json", "--as-of", AS_OF, *args)
    assert done.exit_code == 0, done.stderr
    return [row["id"] for row in json.loads(done.stdout)]


def test_list_tag_keeps_titles_with_any_tag_named(registry: str) -> None:
    assert ids("-r", registry) == ["a", "b", "c"]
    assert ids("-r", registry, "--tag", "imax") == ["a"]
    assert ids("-r", registry, "--tag", "vinyl", "--tag", "must-see") == ["a", "b"]
    assert ids("-r", registry, "--tag", "IMAX") == ["a"]
    assert ids("-r", registry, "--tag", "ima") == []  # a tag, not a part of one


def test_rows_carry_the_tags(registry: str) -> None:
    rows = json.loads(invoke("list", "--json", "--as-of", AS_OF, "-r", registry).stdout)
    assert [row["tags"] for row in rows] == [["imax", "must-see"], ["vinyl"], []]
    done = invoke("list", "--format", "csv", "--as-of", AS_OF, "-r", registry)
    cells = [row["tags"] for row in csv.DictReader(io.StringIO(done.stdout))]
    assert cells == ["imax; must-see", "vinyl", ""]


def test_export_and_notify_take_the_tag_filter(registry: str) -> None:
    exported = invoke("export", "--format", "json", "--as-of", AS_OF, "--tag", "vinyl",
                      "-r", registry)  # fmt: skip
    assert exported.exit_code == 0, exported.stderr
    assert [row["id"] for row in json.loads(exported.stdout)] == ["b"]
    args = ("notify", "--as-of", AS_OF, "--lead", "1d", "--dry-run", "-r", registry)
    assert "Beta" in invoke(*args).stdout
    notified = invoke(*args, "--tag", "imax")
    assert notified.exit_code == 0, notified.stderr
    assert "Alpha" in notified.stdout
    assert "Beta" not in notified.stdout


def test_serve_s_tag_parameter_is_the_same_filter() -> None:
    releases, _ = check_text(REGISTRY, "r.toml")
    today = date(2030, 1, 1)
    query, day = parse_query({"tag": ["vinyl", "IMAX"]}, today=today, default_region=None)
    assert query == Query(tags=("vinyl", "imax"))
    assert [s.release.id for s in select(releases, query, day)] == ["a", "b"]
    with pytest.raises(ParamError, match="tag: 'must see' is not a tag"):
        parse_query({"tag": ["must see"]}, today=today, default_region=None)


def test_show_names_the_tags(registry: str) -> None:
    shown = invoke("show", "alpha", "--as-of", AS_OF, "-r", registry)
    assert shown.exit_code == 0, shown.stderr
    assert "Tags: imax, must-see" in shown.stdout
    assert "Tags:" not in invoke("show", "gamma", "--as-of", AS_OF, "-r", registry).stdout


def test_tag_names_complete(registry: str) -> None:
    assert protocol("bash", "countdown list --tag m", registry) == "must-see\n"
    assert protocol("bash", "countdown edit alpha --untag i", registry) == "imax\n"
    assert protocol("bash", "countdown add X --tag v", registry) == "vinyl\n"


def test_a_tag_no_title_has_is_said(registry: str) -> None:
    done = invoke("list", "--json", "--as-of", AS_OF, "--tag", "imx", "-r", registry)
    assert done.exit_code == 0
    assert json.loads(done.stdout) == []
    assert "no title has the tag 'imx'; did you mean imax?" in done.stderr
