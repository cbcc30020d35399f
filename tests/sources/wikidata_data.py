"""Wikidata answers shaped like wbgetentities / wbsearchentities JSON: precision 9/10/11
times, qualifiers (P291 place of publication), deprecated statements, items whose labels
need a second request, somevalue snaks."""

from __future__ import annotations

from typing import Any

FILM = "Q104123925"


def time(
    value: str, precision: int, *, rank: str = "normal", place: str | None = None
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "mainsnak": {"snaktype": "value", "property": "P577", "datavalue": {"type": "time", "value": {
            "time": value, "timezone": 0, "before": 0, "after": 0, "precision": precision,
            "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}},
        "type": "statement", "rank": rank,
    }  # fmt: skip
    if place:
        statement["qualifiers"] = {"P291": [{"snaktype": "value", "property": "P291",
            "datavalue": {"type": "wikibase-entityid", "value": {"id": place}}}]}  # fmt: skip
    return statement


def item(prop: str, ident: str, rank: str = "normal") -> dict[str, Any]:
    return {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": {
        "type": "wikibase-entityid", "value": {"entity-type": "item", "id": ident}}},
        "type": "statement", "rank": rank}  # fmt: skip


def film(
    dates: list[dict[str, Any]] | None = None,
    *,
    label: str = "Mission: Impossible – Dead Reckoning Part One",
) -> dict[str, Any]:
    return {"entities": {FILM: {
        "type": "item", "id": FILM,
        "labels": {"en": {"language": "en", "value": label}},
        "aliases": {"en": [{"language": "en", "value": "Mission: Impossible 7"},
                           {"language": "en", "value": "MI7"}]},
        "claims": {
            "P31": [item("P31", "Q11424")],
            "P577": dates if dates is not None else [
                time("+2023-07-12T00:00:00Z", 11, place="Q30"),
                time("+2023-07-10T00:00:00Z", 11, place="Q145"),
                time("+2023-00-00T00:00:00Z", 9),
                time("+2022-07-14T00:00:00Z", 11, rank="deprecated"),  # superseded
            ],
            "P57": [item("P57", "Q1"), {"mainsnak": {"snaktype": "somevalue", "property": "P57"},
                                        "rank": "normal"}],
            "P86": [item("P86", "Q2")],
            "P161": [item("P161", "Q3")],
            "P345": [{"mainsnak": {"snaktype": "value", "property": "P345", "datavalue": {
                "type": "string", "value": "tt9603212"}}, "rank": "normal"}],
        },
    }}}  # fmt: skip


def labels() -> dict[str, Any]:
    def named(ident: str, name: str, code: str | None = None) -> dict[str, Any]:
        claims = {"P297": [{"mainsnak": {"snaktype": "value", "property": "P297", "datavalue": {
            "type": "string", "value": code}}, "rank": "normal"}]} if code else {}  # fmt: skip
        return {"id": ident, "labels": {"en": {"language": "en", "value": name}}, "claims": claims}

    return {"entities": {
        "Q1": named("Q1", "Christopher McQuarrie"), "Q2": named("Q2", "Lorne Balfe"),
        "Q3": named("Q3", "Tom Cruise"), "Q30": named("Q30", "United States", "US"),
        "Q145": named("Q145", "United Kingdom", "GB"),
    }}  # fmt: skip
