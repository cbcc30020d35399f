"""A row of a list a user brings (`import --from`): what the list says about one title, before
it is resolved to a source ref and imported (no I/O).

Each reader (sources/lists/: letterboxd, imdb, trakt, ics, radarr, sonarr, lidarr) turns its
file or service into ``ListRow`` values; workflows resolve each to a ref (an id it carries, or
its name and year searched at a source), then import them in one locked write. A row names
where it came from (``line``) so that every message and inbox reason can point at it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from release_countdown.core.record import EMPTY, SourceDate


class ListRow(NamedTuple):
    line: str  # where the row is, for messages: "watchlist.csv:12", "Radarr movie 42"
    title: str
    year: int | None = None  # the release year the list gives (name + year search)
    kind: str = "film"  # one of core.model.KINDS
    # Ids the list carries, as [release.ids] keeps them where a form exists ("tmdb":
    # "movie/603", "imdb": "tt0133093") and as the list spells them otherwise ("tvdb": "81189").
    ids: Mapping[str, str] = EMPTY
    date: str | None = None  # a registry date form the list itself gives (an ICS DTSTART)
    dates: tuple[SourceDate, ...] = ()  # typed dates the list gives (Radarr inCinemas, …)
    uid: str | None = None  # an ICS event's UID, kept
    note: str | None = None
    # A ref to follow instead of a title to import (a Lidarr artist:
    # "musicbrainz:artist/MBID"); title is then the followed name.
    follow: str | None = None
