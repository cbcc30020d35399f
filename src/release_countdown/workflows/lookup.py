"""Lookup: the candidates a source has for some words of a title."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.core.record import Candidate
    from release_countdown.sources.config import SourceSettings


@dataclass(frozen=True)
class Found:
    source: str  # the source asked
    candidates: tuple[Candidate, ...]


def default_source(kind: str | None, tmdb_configured: bool) -> str:
    """MusicBrainz for albums; else TMDB when a key is set, else Wikidata (no key needed)."""
    if kind == "album":
        return "musicbrainz"
    return "tmdb" if tmdb_configured else "wikidata"


def lookup(
    where: SourceSettings, query: str, *, source: str, kind: str | None, year: int | None
) -> Found:
    from release_countdown.workflows.fetching import module

    candidates = module(source).lookup(where.service(source), query, kind, year)
    return Found(source, tuple(candidates))
