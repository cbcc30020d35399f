"""Refs of IGDB and Steam as users write and paste them (sources/refs.py over core/refs.py)."""

from __future__ import annotations

import pytest

from release_countdown.core.errors import UsageError
from release_countdown.sources.refs import FORMS, Ref, parse_ref


@pytest.mark.parametrize(
    ("text", "ref"),
    [("igdb:game/1942", Ref("igdb", "game/1942")), ("igdb:1942", Ref("igdb", "game/1942")),
     ("steam:app/1245620", Ref("steam", "app/1245620")), ("steam:1245620", Ref("steam", "app/1245620")),
     ("https://store.steampowered.com/app/1245620/ELDEN_RING_NIGHTREIGN/",
      Ref("steam", "app/1245620")),
     ("https://store.steampowered.com/app/1245620", Ref("steam", "app/1245620")),
     ("https://store.steampowered.com/app/1245620/?l=french", Ref("steam", "app/1245620"))],
)  # fmt: skip
def test_store_refs(text: str, ref: Ref) -> None:
    assert parse_ref(text) == ref


@pytest.mark.parametrize(
    "text",
    ["igdb:game/0", "steam:app/x", "https://www.igdb.com/games/judas",
     "https://store.steampowered.com/sub/1245620/", "https://evil.example/app/1245620/"],
)  # fmt: skip
def test_what_is_not_a_store_ref_lists_the_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_ref(text)
    assert "igdb:game/ID" in str(caught.value)
    assert "https://store.steampowered.com/app/ID/slug/" in str(caught.value)
    assert FORMS[-1] == "https://store.steampowered.com/app/ID/slug/"
