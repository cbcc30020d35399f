"""Lookup: the candidates a source has for some words of a title, each with the date import
would write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from release_countdown.core.record import Candidate
    from release_countdown.sources.config import SourceSettings

# Candidates shown from a source whose search shows another date than import writes (TMDB):
# each costs one more request, for the date import would write.
SHOWN: Final = 10
# The mark of a candidate whose date is the search's: its dates by country could not be read.
SEARCH_DATE: Final = "release_date: its dates by country could not be read"


@dataclass(frozen=True)
class Found:
    source: str  # the source asked
    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()  # for stderr: which source was used and why, what is missing


def default_source(kind: str | None, tmdb_configured: bool) -> str:
    """MusicBrainz for albums; TVmaze for series (no key, and its seasons are dated, as
    TMDB's are only with a key); Wikidata for games; else TMDB when a key is set, else
    Wikidata (no key)."""
    if kind == "album":
        return "musicbrainz"
    if kind == "series":
        return "tvmaze"
    if kind == "game":
        return "wikidata"
    return "tmdb" if tmdb_configured else "wikidata"


def lookup(
    where: SourceSettings,
    query: str,
    *,
    source: str | None,
    kind: str | None,
    year: int | None,
    region: str | None = None,
) -> Found:
    """The candidates of ``source`` (None: ``default_source``), dated as import would date
    them in ``region``."""
    from release_countdown.core.record import LABELS, FetchOptions
    from release_countdown.workflows.fetching import at_once, fetch_region, module

    notes: list[str] = []
    if source is None:
        source = default_source(kind, where.tmdb_configured())
        if source == "wikidata" and kind != "game":
            notes.append(
                f"searched {LABELS['wikidata']}: no {LABELS['tmdb']} key is set (set "
                "TMDB_API_KEY for TMDB's dates by country, or give --source wikidata)"
            )
    service = where.service(source)
    found = module(source).lookup(service, query, kind, year)
    # --kind is every source's filter: TMDB's search finds films whatever was asked for.
    found = [c for c in found if kind is None or c.kind == kind]
    dating = getattr(module(source), "import_date", None)
    if dating is None:
        return Found(source, tuple(found), tuple(notes))
    if len(found) > SHOWN:
        notes.append(
            f"showing the first {SHOWN} of {len(found)} {LABELS[source]} candidates; "
            "add words or --year for the others"
        )
    shown = found[:SHOWN]
    options = FetchOptions(region=fetch_region(region), platform=where.platform)
    answers = at_once(lambda candidate: dating(service, candidate, options), shown)
    candidates: list[Candidate] = []
    failed: list[str] = []
    for candidate, answer in zip(shown, answers, strict=True):
        if isinstance(answer, Exception):
            failed.append(str(answer))
            candidates.append(candidate._replace(date_note=SEARCH_DATE))
        else:
            candidates.append(answer)
    if failed:
        many = f"{len(failed)} candidates" if len(failed) > 1 else "1 candidate"
        notes.append(
            f"the dates by country of {many} could not be read ({failed[0]}); the date shown "
            f"for {'them' if len(failed) > 1 else 'it'} is {LABELS[source]}'s release_date, "
            "which import may not write"
        )
    return Found(source, tuple(candidates), tuple(notes))
