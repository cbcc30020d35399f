"""`list --follow NAME`, `?follow=` on serve (the one query parser) and the completion of
follow names: titles found by the follow that added them (their ``origin``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from release_countdown.core.params import parse_query
from release_countdown.core.query import Query, select
from release_countdown.registry.load import check_text
from tests.cli.test_completion import protocol
from tests.conftest import invoke

REGISTRY = """schema = 1

[[follow]]
name = "lorne-balfe"
ref = "tmdb:person/947"

[[follow]]
name = "zimmer"
ref = "wikidata:Q76364"

[[release]]
id = "a"
title = "A"
date = 2030-01-01
origin = "follow:lorne-balfe"

[[release]]
id = "b"
title = "B"
date = 2030-01-02
origin = "follow:zimmer"

[[release]]
id = "c"
title = "C"
date = 2030-01-03
"""


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


def ids(*args: str) -> list[str]:
    done = invoke("list", "--json", "--as-of", "2029-01-01", *args)
    assert done.exit_code == 0, done.stderr
    return [row["id"] for row in json.loads(done.stdout)]


def test_list_follow_keeps_what_each_follow_added(registry: str) -> None:
    assert ids("-r", registry) == ["a", "b", "c"]
    assert ids("-r", registry, "--follow", "lorne-balfe") == ["a"]
    assert ids("-r", registry, "--follow", "lorne-balfe", "--follow", "zimmer") == ["a", "b"]
    assert ids("-r", registry, "--follow", "lorne") == []  # a name, not a part of one


def test_the_json_row_carries_the_origin(registry: str) -> None:
    done = invoke("list", "--json", "--as-of", "2029-01-01", "-r", registry)
    origins = [row["origin"] for row in json.loads(done.stdout)]
    assert origins == ["follow:lorne-balfe", "follow:zimmer", None]


def test_serve_s_follow_parameter_is_the_same_filter() -> None:
    releases, _ = check_text(REGISTRY, "r.toml")
    today = date(2029, 1, 1)
    query, day = parse_query({"follow": ["zimmer"]}, today=today, default_region=None)
    assert query == Query(follows=("zimmer",))
    assert [s.release.id for s in select(releases, query, day)] == ["b"]


def test_follow_names_complete(registry: str) -> None:
    assert protocol("bash", "countdown list --follow zi", registry) == "zimmer\n"
    assert protocol("bash", "countdown follow remove l", registry) == "lorne-balfe\n"
