"""Series: one registry entry per season. The rules every source of seasons (TVmaze, TMDB tv)
and every workflow (import, refresh, follows, the id checks) share; pure, no clock.

A show's id at a source names the whole show (``tvmaze = "show/82"``, ``tmdb = "tv/1399"``),
so several entries hold the same id and their ``season`` tells them apart: (id, season) is
the key. A single season is named by a ref with a season tail: ``tvmaze:show/82/season/3``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Final, Literal, get_args

if TYPE_CHECKING:
    from release_countdown.core.model import Release

# The id forms that name a show, by source: an entry holding one is told apart by season.
SHOWS: Final = {"tvmaze": "show/", "tmdb": "tv/"}
SeasonChoice = Literal["upcoming", "next"]
# `import --seasons`: every season not yet premiered (the default: the issue's "one release
# per upcoming season"), or the next one only.
SEASON_CHOICES: Final[tuple[SeasonChoice, ...]] = get_args(SeasonChoice)
_TAIL: Final = re.compile(r"/season/([1-9][0-9]{0,3})")
# How a season entry is titled: "Severance — Season 3".
TITLE: Final = "{show} — Season {number}"


def season_title(show: str, number: int) -> str:
    return TITLE.format(show=show, number=number)


def is_show(source: str, ident: str) -> bool:
    """Whether ``ident`` (as [release.ids] keeps it) names a whole show at ``source``."""
    prefix = SHOWS.get(source)
    return prefix is not None and ident.startswith(prefix) and _TAIL.search(ident) is None


def season_ident(ident: str, number: int) -> str:
    """The ident of one season of the show ``ident``: "show/82" → "show/82/season/3"."""
    return f"{ident}/season/{number}"


def split_season(ident: str) -> tuple[str, int | None]:
    """``("show/82", 3)`` for "show/82/season/3"; ``(ident, None)`` without a season tail."""
    found = _TAIL.search(ident)
    if found is None or found.end() != len(ident):
        return ident, None
    return ident[: found.start()], int(found[1])


def ref_ident(source: str, ident: str, season: int | None) -> str:
    """The ident refresh, follows and import ask a source with for an entry holding the id
    ``ident`` of ``source``: its season's when it is a show's id and the entry has one."""
    if season is not None and is_show(source, ident):
        return season_ident(ident, season)
    return ident


def keyed_ids(ids: Mapping[str, str], season: int | None) -> list[tuple[str, str, int | None]]:
    """An entry's ids as the keys that name one entry: (key, value, season). Two seasons of
    a show share its ids; two entries with the same id and season name the same title."""
    return [(key, value, season) for key, value in ids.items()]


def refs_of(ids: Mapping[str, str], season: int | None) -> list[str]:
    """The refs an entry answers to, as "source:ident" (a season's for a show's id)."""
    return [f"{key}:{ref_ident(key, value, season)}" for key, value in ids.items()]


def is_premiere(release: Release) -> bool:
    """Whether ``release``'s date is a season's premiere (`list --premieres`, Sonarr's
    premieresOnly): a series entry of one season. Its typed dates (the finale) are not."""
    return release.kind == "series" and release.season is not None


def upcoming(premiere: str, today: date) -> bool:
    """Whether a season whose premiere is ``premiere`` (a date form or "TBA") has not yet
    premiered on ``today``: TBA, or a window that has not ended before today."""
    from release_countdown.core.dates import parse_date_text

    spec = parse_date_text(premiere)
    return spec.latest is None or spec.latest >= today
