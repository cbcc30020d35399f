"""Refs: where a title lives at a source, as users write them and as [release.ids] keeps them."""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from release_countdown.core.errors import UsageError
from release_countdown.core.record import LABELS
from release_countdown.core.refs import ref_parts

FORMS: Final = (
    "tmdb:movie/ID",
    "musicbrainz:release-group/MBID",
    "wikidata:QID",
    "https://www.themoviedb.org/movie/ID-slug",
    "https://musicbrainz.org/release-group/MBID",
    "https://www.wikidata.org/wiki/QID",
    "tvmaze:show/ID",
    "tmdb:tv/ID",
    "https://www.tvmaze.com/shows/ID/slug",
    "https://www.themoviedb.org/tv/ID-slug",
    "a show's ref + /season/N (one season: tvmaze:show/ID/season/N)",
    "igdb:game/ID",
    "steam:app/ID",
    "https://store.steampowered.com/app/ID/slug/",
)
# The kind of title each source's refs name (core/refs.py holds the rule of the forms).
KINDS: Final = {
    "tmdb": ("movie", "tv"),
    "musicbrainz": ("release-group",),
    "wikidata": ("",),
    "tvmaze": ("show",),
    "igdb": ("game",),
    "steam": ("app",),
}
_BARE: Final = {
    "tmdb": "movie", "musicbrainz": "release-group", "igdb": "game", "steam": "app",
    "tvmaze": "show",
}  # fmt: skip
# One season of a show: "tvmaze:show/82/season/3", ".../tv/1399-slug/season/3?language=en".
_SEASON_TAIL: Final = re.compile(r"(.*?)/season/([1-9][0-9]{0,3})/?((?:[?#].*)?)")


class Ref(NamedTuple):
    source: str  # "tmdb", "musicbrainz", "wikidata", "tvmaze", "igdb", "steam"
    # as [release.ids] keeps it: "movie/575264", "release-group/…", "Q…"; one season of a
    # show with its tail: "show/82/season/3" (core/seasons.py)
    ident: str

    def __str__(self) -> str:
        return f"{self.source}:{self.ident}"


def parse_ref(text: str) -> Ref:
    """A ref from what a user typed or pasted; UsageError listing the forms otherwise."""
    from release_countdown.core.seasons import is_show, season_ident

    given = text.strip()
    tail = _SEASON_TAIL.fullmatch(given)
    base = tail[1] + tail[3] if tail else given
    found = ref_parts(base, KINDS, _BARE)
    if found is not None and tail is None:
        return Ref(*found)
    if found is not None and is_show(*found):
        return Ref(found[0], season_ident(found[1], int(tail[2])))  # type: ignore[index]
    raise UsageError(f"{given!r} is not a ref; the forms are: " + ", ".join(FORMS))


def ref_of_id(key: str, value: str, season: int | None = None) -> Ref | None:
    """The ref of an ``[release.ids]`` entry refresh can fetch from (imdb: none); a show's
    id of an entry with a ``season``: that season's ref."""
    from release_countdown.core.seasons import ref_ident

    return Ref(key, ref_ident(key, value, season)) if key in LABELS else None
