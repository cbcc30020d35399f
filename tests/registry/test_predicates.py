"""Issue 19 item 3: each rule of the format is written once (registry/format.py, and
core/model.py's region_of), and the three readers agree at its boundary: the checker (which
words the problem), the fast path (which leaves the table to the checker) and the cache
decoder (which refuses the entry)."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import pytest

from release_countdown.accel.codec import Decoder, Encoder, spec_of
from release_countdown.accel.fastpath import quick_release
from release_countdown.core.model import Release
from release_countdown.registry.checker import check_release
from release_countdown.registry.format import MAX_LONG_TEXT, MAX_SHORT_TEXT
from release_countdown.registry.positions import LazyLocator
from release_countdown.registry.values import Reporter

SHORT, LONG = MAX_SHORT_TEXT, MAX_LONG_TEXT


def base() -> dict[str, Any]:
    return {
        "id": "x",
        "title": "X",
        "date": date(2027, 3, 1),
        "kind": "film",
        "note": "n",
        "dates": [{"region": "US", "type": "theatrical", "date": date(2027, 3, 2)}],
    }


def careful(table: dict[str, Any]) -> Release | None:
    """The checker's release, or None when it reports an error."""
    reporter = Reporter("t.toml", LazyLocator(""))
    release = check_release(reporter, 0, table, "t.toml", None)
    return None if any(not p.warning for p in reporter.problems) else release


def readers(table: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the checker and the fast path accept ``table``; the same release if both do."""
    checked, fast = careful(table), quick_release(table, "t.toml", None)
    if checked is not None and fast is not None:
        assert checked == fast
    return checked is not None, fast is not None


def decoded(change: Any) -> bool:
    """Whether the cache decoder takes the entry of ``base()`` after ``change(encoded)``."""
    release = careful(base())
    assert release is not None
    encoder = Encoder()
    item = msgspec.msgpack.decode(msgspec.msgpack.encode(encoder.release(release)))
    change(item)
    specs = [spec_of(row) for row in encoder.spec_table()]
    try:
        Decoder(specs, "t.toml").releases(msgspec.msgpack.encode([item]))
    except Exception:
        return False
    return True


# Positions in an encoded release (Release's fields) and typed date.
TITLE, KIND, NOTE, DATES = 1, 3, 9, 11
REGION, TYPE = 0, 1


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("title", "t" * SHORT, True),
        ("title", "t" * (SHORT + 1), False),
        ("title", " \t", False),
        ("title", "", False),
        ("note", "n" * LONG, True),
        ("note", "n" * (LONG + 1), False),
        ("kind", "film", True),
        ("kind", "Film", False),
        ("kind", "movie", False),
    ],
)
def test_checker_and_fast_path_agree_on_texts_and_kinds(key: str, value: str, ok: bool) -> None:
    assert readers({**base(), key: value}) == (ok, ok)


@pytest.mark.parametrize(
    ("region", "ok"),
    [("GB", True), ("gb", True), ("WW", True), ("XX", False), ("UK", False), ("G", False),
     ("GBR", False), ("ＧＢ", False), ("ss", True), ("ß", False)],
)  # fmt: skip
def test_checker_and_fast_path_agree_on_regions(region: str, ok: bool) -> None:
    table = base()
    table["dates"] = [{**table["dates"][0], "region": region}]
    assert readers(table) == (ok, ok)
    if ok:
        release = careful(table)
        assert release is not None
        assert release.dates[0].region == region.upper()


@pytest.mark.parametrize(
    ("kind", "ok"), [("theatrical", True), ("Theatrical", False), ("cinema", False)]
)
def test_checker_and_fast_path_agree_on_release_types(kind: str, ok: bool) -> None:
    table = base()
    table["dates"] = [{**table["dates"][0], "type": kind}]
    assert readers(table) == (ok, ok)


@pytest.mark.parametrize(
    ("region", "ok"),
    # The decoder takes what the checker leaves (upper case), nothing else.
    [("GB", True), ("WW", True), ("gb", False), ("XX", False), ("UK", False), ("G", False),
     (None, False), (7, False)],
)  # fmt: skip
def test_the_cache_decoder_takes_the_regions_the_checker_leaves(region: Any, ok: bool) -> None:
    def change(item: Any) -> None:
        item[DATES][0][REGION] = region

    assert decoded(change) is ok


@pytest.mark.parametrize(
    ("where", "value", "ok"),
    [((KIND,), "album", True), ((KIND,), "Album", False), ((KIND,), "movie", False),
     ((DATES, 0, TYPE), "digital", True), ((DATES, 0, TYPE), "Digital", False),
     ((TITLE,), "t", True), ((TITLE,), 1, False), ((NOTE,), None, True), ((NOTE,), [], False)],
)  # fmt: skip
def test_the_cache_decoder_checks_closed_sets_and_types(
    where: tuple[int, ...], value: Any, ok: bool
) -> None:
    def change(item: Any) -> None:
        for step in where[:-1]:
            item = item[step]
        item[where[-1]] = value

    assert decoded(change) is ok


@pytest.mark.parametrize(
    ("row", "ok"),
    [(["2027-03", "month", "2027-03-01", "2027-03-31", None], True),
     (["2027-03", "Month", "2027-03-01", "2027-03-31", None], False),
     (["2027-03", "exact", "2027-03-01", "2027-03-31", None], False),
     (["2027-03", "month", 739951, 739981, None], False),
     (["TBA", "tba", None, None, None], True),
     (["TBA", "tba", "2027-03-01", None, None], False)],
)  # fmt: skip
def test_the_cache_decoder_knows_the_precisions(row: list[Any], ok: bool) -> None:
    try:
        spec_of(row)
    except Exception:
        assert not ok
    else:
        assert ok


def test_the_parser_keeps_explicit_ids_and_history_order() -> None:
    """`check --strict` and `check`'s future days read these instead of the file."""
    history = [
        {"date": "2027", "announced": date(2025, 5, 1)},
        {"date": "2026", "announced": date(2024, 1, 1)},
        {"date": "2028"},
    ]
    table = {**base(), "history": history}
    del table["id"]
    release = careful(table)
    assert release is not None
    assert release == quick_release(table, "t.toml", None)
    assert release.derived_id
    assert [h.date.text for h in release.history] == ["2028", "2026", "2027"]
    assert release.history_positions == (2, 1, 0)
    ordered = careful({**base(), "history": history[2:]})
    assert ordered is not None
    assert not ordered.derived_id
    assert ordered.history_positions == ()


def test_every_field_of_the_model_survives_the_cache() -> None:
    """The codec is derived from the fields: a value in each one comes back the same."""
    table = {
        **base(),
        "aliases": ["A"],
        "franchise": "F",
        "announced": "2025-Q1",
        "checked": date(2025, 1, 2),
        "sources": ["https://example.org"],
        "people": {"director": ["D"]},
        "ids": {"wikidata": "Q42"},
        "headline": "US:theatrical",
        "origin": "follow:lorne-balfe",
        "lead": ["30d", "1d"],
        "tags": ["imax", "must-see"],
        "kind": "series",
        "season": 2,
        "override": True,
        "dates": [
            {
                "region": "US",
                "type": "digital",
                "date": "2028",
                "origin": "tmdb",
                "unlisted": date(2026, 1, 2),
                "platform": "PS5",
            }
        ],
        "history": [
            {"date": "2028", "announced": date(2025, 5, 1), "headline": "GB:theatrical"},
            {"date": "2027"},
        ],
    }
    del table["id"]
    release = careful(table)
    assert release is not None
    assert release == quick_release(table, "t.toml", None)
    for name in Release._fields:
        assert getattr(release, name) not in (None, (), {}, False), name
    assert release.dates[0].unlisted == date(2026, 1, 2)
    assert release.dates[0].platform == "PS5"
    assert release.history[-1].headline == "GB:theatrical"
    encoder = Encoder()
    item = msgspec.msgpack.encode([encoder.release(release)])
    specs = [spec_of(row) for row in encoder.spec_table()]
    assert Decoder(specs, "t.toml").releases(item) == [release]


def test_check_reads_each_file_once(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check --strict`'s id warnings and its future days come from what the parser kept:
    the TOML parser reads the file once, and history entries are named in file order."""
    from release_countdown.registry import toml_parser
    from release_countdown.registry.load import (
        future_warnings,
        implicit_id_warnings,
        load_registry,
    )

    path = tmp_path / "r.toml"
    path.write_text(
        '[[release]]\ntitle = "Derived"\ndate = "2027"\n\n'
        '[[release.history]]\ndate = "2032"\nannounced = 2031-01-01\n\n'
        '[[release.history]]\ndate = "2026"\n\n'
        '[[release]]\nid = "given"\ntitle = "Given"\ndate = "2027"\n',
        encoding="utf-8",
    )
    calls: list[int] = []
    parse = toml_parser.parse_toml
    monkeypatch.setattr(toml_parser, "parse_toml", lambda text: calls.append(1) or parse(text))
    registry = load_registry([path])
    strict = implicit_id_warnings(registry)
    future = future_warnings(registry, date(2030, 1, 1))
    assert len(calls) == 1
    assert [(p.line, p.message.split(":")[1].strip()) for p in strict] == [
        (1, 'no explicit id; the derived id "derived" (and the calendar UID) changes if the '
         'title is fixed')
    ]  # fmt: skip
    assert [(p.line, p.column) for p in future] == [(7, 13)]
    assert 'history #1: announced "2031-01-01" is after today' in future[0].message


@pytest.mark.slow
def test_the_codec_signature_is_the_same_in_every_process() -> None:
    """It names the cache entries: a signature that changed from run to run (a function's
    address in it) would make every run a cold one."""
    import subprocess
    import sys

    from release_countdown.accel.codec import SIGNATURE

    code = "from release_countdown.accel.codec import SIGNATURE; print(SIGNATURE)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == SIGNATURE
    assert "region_of" in SIGNATURE
    assert "history_positions" in SIGNATURE
