"""The shipped JSON Schemas say what the code says: the registry schema's keys, kinds, types
and limits are registry/format.py's, and the rows schema's fields are the typed rows'."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from release_countdown.core.rows import DateRow, HistoryRow, Row, Slip
from release_countdown.registry import format as registry_format


def schema(name: str) -> dict[str, Any]:
    text = resources.files("release_countdown").joinpath(f"schemas/{name}").read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def test_registry_schema_states_the_format() -> None:
    found = schema("registry.schema.json")
    assert tuple(found["properties"]) == registry_format.TOP_KEYS
    release = found["definitions"]["release"]["properties"]
    assert set(release) == set(registry_format.RELEASE_KEYS)
    dates = release["dates"]["items"]["properties"]
    history = release["history"]["items"]["properties"]
    assert tuple(dates) == registry_format.DATE_KEYS
    assert tuple(history) == registry_format.HISTORY_KEYS
    assert tuple(release["kind"]["enum"]) == registry_format.KINDS
    assert tuple(dates["type"]["enum"]) == registry_format.DATE_TYPES
    assert dates["region"]["pattern"] == f"^{registry_format.REGION_PATTERN.pattern}$"
    definitions = found["definitions"]
    assert definitions["text"]["maxLength"] == registry_format.MAX_SHORT_TEXT
    assert definitions["longText"]["maxLength"] == registry_format.MAX_LONG_TEXT

    # Each optional text of a release, in the schema with its limit.
    def limit(ref: dict[str, Any]) -> int:
        found: int = definitions[ref["$ref"].rsplit("/", 1)[1]]["maxLength"]
        return found

    for key, most in registry_format.OPTIONAL_TEXTS.items():
        assert limit(release[key]) == most, key
    for key, most in registry_format.TEXT_LISTS.items():
        items = release[key].get("items") or definitions["texts"]["items"]
        assert limit(items) == most, key
    tag = release["tags"]["items"]
    assert tag["pattern"] == f"^{registry_format.TAG_PATTERN.pattern}$"
    assert tag["maxLength"] == registry_format.MAX_TAG


def test_registry_schema_states_the_follow_tables() -> None:
    import re

    from release_countdown.core.follow import FOLLOW_KINDS

    definitions = schema("registry.schema.json")["definitions"]
    follow = definitions["follow"]["properties"]
    assert tuple(follow) == registry_format.FOLLOW_KEYS
    assert tuple(follow["mode"]["enum"]) == registry_format.FOLLOW_MODES
    assert tuple(follow["kinds"]["items"]["enum"]) == registry_format.KINDS
    ref = re.compile(follow["ref"]["pattern"])
    for source, kinds in FOLLOW_KINDS.items():
        for kind in kinds:
            ident = {"tmdb": "947", "musicbrainz": "e6de1f3b-6484-491c-88dd-6d619f142abc",
                     "tvmaze": "82"}  # fmt: skip
            written = f"{source}:{kind}/{ident[source]}" if kind else f"{source}:Q42"
            assert registry_format.follow_ref(written) == written
            assert ref.fullmatch(written), written
    origin = re.compile(definitions["origin"]["pattern"])
    assert origin.fullmatch("follow:lorne-balfe")
    assert not origin.fullmatch("follow:_x")


def fields(definition: dict[str, Any], defs: dict[str, Any]) -> set[str]:
    """The properties of a schema definition, with those of the definitions it includes."""
    found = set(definition.get("properties", {}))
    for part in definition.get("allOf", []):
        found |= fields(defs[part["$ref"].rsplit("/", 1)[1]], defs)
    return found


def test_rows_schema_names_the_typed_rows_fields() -> None:
    found = schema("rows.schema.json")
    defs = found["$defs"]
    assert fields(defs["row"], defs) == set(Row._fields)
    assert fields(defs["typedDate"], defs) == set(DateRow._fields)
    assert fields(defs["historyEntry"], defs) == set(HistoryRow._fields)
    assert fields(defs["slip"], defs) == set(Slip._fields)


def test_rows_schema_words_are_the_literal_types() -> None:
    """Statuses and precisions travel as Literal types; the schema lists the same words."""
    from typing import get_args

    from release_countdown.core.dates import Precision, PrecisionName
    from release_countdown.core.model import STATUSES

    defs = schema("rows.schema.json")["$defs"]
    assert tuple(defs["precision"]["enum"]) == get_args(PrecisionName)
    assert get_args(PrecisionName) == tuple(p.value for p in Precision)
    status = defs["row"]["properties"]["status"]
    assert tuple(status["enum"]) == STATUSES


def test_registry_schema_states_each_id_form() -> None:
    ids = schema("registry.schema.json")["definitions"]["release"]["properties"]["ids"]
    assert tuple(ids["properties"]) == registry_format.ID_KEYS
    for key, (pattern, example) in registry_format.ID_FORMS.items():
        assert ids["properties"][key]["pattern"] == f"^{pattern.pattern}$"
        assert pattern.fullmatch(example)
