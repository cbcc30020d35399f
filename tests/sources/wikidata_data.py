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


# --- a video game: P577 statements with P400 (platform) and P291 (place) qualifiers -------

GAME = "Q55000001"
PS5, WINDOWS, XBOX, EUROPE = "Q63184502", "Q1406", "Q64513817", "Q46"


def qualifier(prop: str, ident: str) -> dict[str, Any]:
    return {"snaktype": "value", "property": prop, "hash": "0" * 40, "datavalue": {
        "type": "wikibase-entityid", "value": {"entity-type": "item", "id": ident}},
        "datatype": "wikibase-item"}  # fmt: skip


def played(
    value: str,
    precision: int,
    platforms: list[str],
    places: list[str] = (),
    **kwargs: Any,  # type: ignore[assignment]
) -> dict[str, Any]:
    """A P577 statement with P400 and P291 qualifiers, in wbgetentities' shape."""
    statement = time(value, precision, **kwargs)
    qualifiers = {"P400": [qualifier("P400", p) for p in platforms]}
    if places:
        qualifiers["P291"] = [qualifier("P291", p) for p in places]
    statement["qualifiers"] = qualifiers
    statement["qualifiers-order"] = list(qualifiers)
    return statement


def game(dates: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Three platforms: a day (PS5, no place: worldwide), a month (Windows, US), a year
    (Xbox, worldwide); a day in Europe (no country: the headline's only) and a deprecated one."""
    return {"entities": {GAME: {
        "type": "item", "id": GAME,
        "labels": {"en": {"language": "en", "value": "Judas"}},
        "aliases": {},
        "claims": {
            "P31": [item("P31", "Q7889")],
            "P577": dates if dates is not None else [
                played("+2027-03-05T00:00:00Z", 11, [PS5]),
                played("+2027-03-00T00:00:00Z", 10, [WINDOWS], ("Q30",)),
                played("+2027-00-00T00:00:00Z", 9, [XBOX]),
                played("+2027-02-20T00:00:00Z", 11, [PS5], (EUROPE,)),
                played("+2026-10-01T00:00:00Z", 11, [PS5], rank="deprecated"),
            ],
            "P178": [item("P178", "Q10"), {"mainsnak": {"snaktype": "somevalue", "property": "P178"},
                                           "rank": "normal"}],
            "P123": [item("P123", "Q11")],
            "P179": [item("P179", "Q12")],
        },
    }}}  # fmt: skip


def game_labels() -> dict[str, Any]:
    found = labels()
    for ident, name in ((PS5, "PlayStation 5"), (WINDOWS, "Microsoft Windows"),
                        (XBOX, "Xbox Series X and Series S"), (EUROPE, "Europe"),
                        ("Q10", "Ghost Story Games"), ("Q11", "2K"), ("Q12", "BioShock")):  # fmt: skip
        found["entities"][ident] = {"id": ident, "labels": {"en": {"language": "en", "value": name}},
                                    "claims": {}}  # fmt: skip
    return found
