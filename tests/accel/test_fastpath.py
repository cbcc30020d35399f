"""The fast path skips the checks of keys a table does not hold, and only those."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from release_countdown.accel import fastpath
from release_countdown.registry.format import DATE_KEYS, HISTORY_KEYS, RELEASE_KEYS

PLAIN: dict[str, Any] = {
    "id": "x",
    "title": "X",
    "date": date(2027, 5, 1),
    "announced": date(2025, 1, 2),
    "people": {"director": ["Ada Vaughn"]},
    "dates": [{"region": "GB", "type": "theatrical", "date": date(2027, 5, 2)}],
    "history": [{"announced": date(2024, 1, 1), "date": "2026"}],
}


def test_the_plain_keys_are_the_formats() -> None:
    assert set(RELEASE_KEYS) >= fastpath._PLAIN_RELEASE
    assert set(DATE_KEYS) >= fastpath._PLAIN_DATE
    assert set(HISTORY_KEYS) >= fastpath._PLAIN_ENTRY


def test_a_plain_table_skips_the_checks_of_keys_it_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_called(*args: object) -> object:
        raise AssertionError("checked a key the table does not hold")

    expected = fastpath.quick_release(PLAIN, "r.toml", None)
    assert expected is not None
    for name in ("_headline", "_follow_origin", "_lead", "_tags", "_season", "_ids", "_origin"):
        monkeypatch.setattr(fastpath, name, not_called)
    monkeypatch.setattr(fastpath, "_optional_text", not_called)
    assert fastpath.quick_release(PLAIN, "r.toml", None) == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("tags", ["Not A Tag"]),
        ("headline", "XX:theatrical"),
        ("override", "yes"),
        ("season", 2),  # not a series
        ("ids", {"tmdb": "not a number"}),
        ("origin", "follow:"),
    ],
)
def test_a_rare_key_is_still_checked(key: str, value: object) -> None:
    assert fastpath.quick_release({**PLAIN, key: value}, "r.toml", None) is None


def test_a_typed_date_or_entry_with_more_keys_is_still_checked() -> None:
    typed = {**PLAIN["dates"][0], "where": " "}
    assert fastpath.quick_release({**PLAIN, "dates": [typed]}, "r.toml", None) is None
    entry = {**PLAIN["history"][0], "title": ""}
    assert fastpath.quick_release({**PLAIN, "history": [entry]}, "r.toml", None) is None
