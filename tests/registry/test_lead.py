"""A release's own ``lead`` (issue 27 item 3): one rule (core/leads.parse_leads, through
registry/format.leads_of) that the checker, the fast path and the shipped schema agree on."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import pytest

from release_countdown.accel.fastpath import quick_release
from tests.registry.test_predicates import base, careful

SAMPLES: list[tuple[Any, tuple[int, ...] | None]] = [
    (["30d", "1d"], (30, 1)),
    (["1d", "30d", "1d"], (30, 1)),
    (["2w", "0d"], (14, 0)),
    ([" 7D "], (7,)),
    (["30d,1d"], None),  # one lead an item
    (["30"], None),
    (["30x"], None),
    (["-1d"], None),
    ([], None),
    ("30d", None),
    ([30], None),
]


@pytest.mark.parametrize(("value", "leads"), SAMPLES)
def test_checker_fast_path_and_schema_agree(value: Any, leads: tuple[int, ...] | None) -> None:
    table = {**base(), "lead": value}
    checked, fast = careful(table), quick_release(table, "t.toml", None)
    assert (checked is not None) == (leads is not None)
    if checked is not None:
        assert checked.lead == leads
        assert fast == checked
    else:
        assert fast is None  # left to the checker, which says what is wrong
    text = resources.files("release_countdown").joinpath("schemas/registry.schema.json")
    schema = json.loads(text.read_text(encoding="utf-8"))
    rule = schema["definitions"]["release"]["properties"]["lead"]
    pattern = re.compile(rule["items"]["pattern"])
    fits = (
        isinstance(value, list)
        and len(value) >= rule["minItems"]
        and all(isinstance(v, str) and pattern.search(v) for v in value)
    )
    assert fits == (leads is not None)


def test_no_lead_is_the_default() -> None:
    release = careful(base())
    assert release is not None
    assert release.lead == ()
