"""The rules of a release's smaller keys checked beside registry/checker.py: its own lead
times (``lead``), its tags (``tags``) and a series entry's season (``season``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from release_countdown.core.matching import slugify
from release_countdown.registry.format import MAX_SEASON, MAX_TAG, leads_of, season_of, tag_of
from release_countdown.registry.positions import Where
from release_countdown.registry.values import Fields, clip, type_name


def lead(fields: Fields, where: Where, table: Mapping[str, Any]) -> tuple[int, ...]:
    """``lead = ["30d", "1d"]``: the title's own lead times (registry.format.leads_of)."""
    value = table.get("lead")
    if value is None:
        return ()
    found = leads_of(value)
    if found is None:
        from release_countdown.core.leads import parse_leads

        problem = 'must be an array of lead times, one each (e.g. lead = ["30d", "1d"])'
        if value == []:
            problem = (
                'is empty: give one lead time or more (e.g. lead = ["30d", "1d"]), or remove '
                "it for the usual leads"
            )
        texts = type(value) is list and all(type(v) is str for v in value)
        single = [v for v in value if "," not in v] if texts else []
        if single:
            try:
                parse_leads(single, "a lead time")
            except ValueError as exc:
                problem = str(exc)
        fields.report((*where, "lead"), f"lead {problem}")
        return ()
    return found


def tags(fields: Fields, where: Where, table: Mapping[str, Any]) -> tuple[str, ...]:
    """``tags = ["imax", "must-see"]``: each as core.model.tag_of keeps it, none twice."""
    kept: list[str] = []
    for written in fields.texts(where, table, "tags", limit=MAX_TAG):
        slug = slugify(written)
        if tag_of(written) is None:
            fields.report(
                (*where, "tags"),
                f'tag "{clip(written)}" must be lower-case letters and digits in words joined '
                "by hyphens" + (f' (e.g. "{slug}")' if tag_of(slug) else ' (e.g. "must-see")'),
            )
        elif written in kept:
            fields.report((*where, "tags"), f'tags holds "{written}" twice')
        else:
            kept.append(written)
    return tuple(kept)


def season(fields: Fields, where: Where, table: Mapping[str, Any]) -> int | None:
    """``season = 2``: a series entry's season (registry.format.season_of)."""
    value = table.get("season")
    if value is None:
        return None
    found = season_of(value)
    if found is None:
        shown = repr(value) if type(value) is int else type_name(value)
        fields.report(
            (*where, "season"),
            f"season must be a whole number from 1 to {MAX_SEASON} (e.g. season = 2), not {shown}",
        )
    elif table.get("kind") != "series":
        fields.report(
            (*where, "season"), 'season is for series (add kind = "series")', warning=True
        )
    return found


def show_needs_season(
    fields: Fields, where: Where, ids: Mapping[str, str], season: int | None
) -> None:
    """A warning for a show's id (tvmaze = "show/82") on an entry without ``season``: it names
    the whole show, and an entry is one season (core/seasons.py), so refresh cannot date it."""
    from release_countdown.core.seasons import is_show

    if season is not None:
        return
    for key, value in ids.items():
        if is_show(key, value):
            fields.report(
                (*where, "ids", key),
                f'ids.{key} "{value}" names a whole show, which refresh cannot date: add '
                "season = N (one entry per season)",
                warning=True,
            )
