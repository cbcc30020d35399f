"""The one rule for refs as people write them: ``source:kind/ID`` and the web addresses they
copy from a source's site. Pure (no I/O): sources/refs.py reads a title's ref with it and
core/follow.py a followed person's, artist's, franchise's or studio's, for the registry's
checker, `follow add` and the sources alike."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

UUID: Final = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# Each source's id pattern, and the web addresses of its pages ("{kind}" and "{id}" filled in).
_IDS: Final = {
    "tmdb": r"[1-9][0-9]{0,11}",
    "musicbrainz": UUID,
    "wikidata": r"Q[1-9][0-9]{0,11}",
    "tvmaze": r"[1-9][0-9]{0,11}",
    "igdb": r"[1-9][0-9]{0,11}",
    "steam": r"[1-9][0-9]{0,11}",
}
_WEB: Final = {
    "tmdb": r"https?://(?:www\.)?themoviedb\.org/{kind}/({id})(?:-[^/?#]*)?/?(?:[?#].*)?",
    "musicbrainz": r"https?://(?:www\.)?musicbrainz\.org/{kind}/({id})/?(?:[?#].*)?",
    "wikidata": r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/({id})/?(?:[?#].*)?",
    # TVmaze's pages are /shows/82/game-of-thrones for the ref tvmaze:show/82.
    "tvmaze": r"https?://(?:www\.)?tvmaze\.com/{kind}s/({id})(?:/[^/?#]*)?/?(?:[?#].*)?",
    # IGDB's pages are named by a slug, not the id: its refs are typed (igdb:game/ID) only.
    "steam": r"https?://store\.steampowered\.com/{kind}/({id})(?:/[^?#]*)?(?:[?#].*)?",
}


def ref_parts(
    text: str, kinds: Mapping[str, tuple[str, ...]], bare: Mapping[str, str] | None = None
) -> tuple[str, str] | None:
    """``(source, ident)`` as [release.ids] and ``[[follow]]`` keep them ("tmdb",
    "person/947"; "musicbrainz", "artist/<lower-case MBID>"; "wikidata", "Q42") for a ref of
    one of ``kinds`` (source → its kinds; "" for a source whose ids need none: wikidata), or
    None. ``bare`` (source → kind) also takes ``source:ID`` as that kind ("tmdb:575264")."""
    given = text.strip()
    for source, names in kinds.items():
        ident = _IDS[source]
        flags = re.IGNORECASE if source == "wikidata" else 0
        for kind in names:
            prefix = f"{source}:{kind}/" if kind else f"{source}:"
            optional = bare is not None and bare.get(source) == kind
            short = (
                f"{re.escape(source)}:(?:{re.escape(kind)}/)?" if optional else re.escape(prefix)
            )
            web = _WEB.get(source, "").format(kind=re.escape(kind), id=ident)
            found = re.fullmatch(f"{short}({ident})", given, flags) or (
                re.fullmatch(web, given) if web else None
            )
            if found:
                return source, _ident(source, kind, found[1])
    return None


def _ident(source: str, kind: str, found: str) -> str:
    if source == "wikidata":
        return found.upper()
    return f"{kind}/{found.lower()}"
