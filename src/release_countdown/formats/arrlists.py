"""Rows as the lists Radarr and Sonarr subscribe to (`export --format radarr-list|sonarr-list`,
serve's /radarr.json and /sonarr.json, `publish`): one pure function each, rows in, bytes out.

radarr-list is what Radarr's "Custom List" reads (its RadarrListParser takes a TMDB movie
result's ``id`` from each object): ``[{"id": 603, "title": "The Matrix"}]``, with
``"imdb_id"`` too when the title has one, which is what its "StevenLu Custom" list reads.
sonarr-list is what Sonarr's "Custom List" reads (its CustomSeries: ``title``, ``tvdbId``,
``tmdbId``, ``imdbId``; it adds series by ``tvdbId``). Ids are JSON numbers where the services
read numbers; an id the title lacks is left out of its object, never null (Sonarr reads its
ids as integers, and a null would fail the whole list). A title without the id a list needs
(Radarr: a TMDB film id; Sonarr: a TheTVDB id) is left out and counted. Never imports rich.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, NamedTuple

from release_countdown.core.rows import Row
from release_countdown.formats.jsonrows import object_lines

RADARR_NEEDS: Final = "TMDB film id"
SONARR_NEEDS: Final = "TheTVDB id"


class ListFile(NamedTuple):
    data: bytes
    titles: int  # written
    left_out: int  # titles without the id the list needs
    needs: str  # that id, for messages: "TMDB film id"

    def summary(self) -> str:
        """``"2 titles (1 left out: no TMDB film id)"``."""
        from release_countdown.formats.ics import plural

        left = f" ({self.left_out} left out: no {self.needs})" if self.left_out else ""
        return f"{plural(self.titles, 'title')}{left}"


def _number(ids: Mapping[str, str], key: str, prefix: str = "") -> int | None:
    """The number of ``ids[key]`` when it is ``prefix`` and digits ("movie/603" -> 603)."""
    value = ids.get(key, "")
    digits = value.removeprefix(prefix)
    if not value.startswith(prefix) or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def radarr_object(row: Row) -> dict[str, Any] | None:
    """The object of one title in a radarr-list, or None without a TMDB film id."""
    tmdb = _number(row.ids, "tmdb", "movie/")
    if tmdb is None:
        return None
    found: dict[str, Any] = {"id": tmdb, "title": row.title}
    if "imdb" in row.ids:
        found["imdb_id"] = row.ids["imdb"]
    return found


def sonarr_object(row: Row) -> dict[str, Any] | None:
    """The object of one title in a sonarr-list, or None without a TheTVDB id."""
    tvdb = _number(row.ids, "tvdb")
    if tvdb is None:
        return None
    found: dict[str, Any] = {"title": row.title, "tvdbId": tvdb}
    tmdb = _number(row.ids, "tmdb", "tv/")  # a TMDB tv id ("tv/1399"), never a film's
    if tmdb is not None:
        found["tmdbId"] = tmdb
    if "imdb" in row.ids:
        found["imdbId"] = row.ids["imdb"]
    return found


def _list(
    rows: Sequence[Row], entry: Callable[[Row], dict[str, Any] | None], needs: str,
    *, once_by: str | None = None,
) -> ListFile:  # fmt: skip
    """The list of ``rows``' objects; with ``once_by``, the first object of each value of
    that key only."""
    found = [made for row in rows if (made := entry(row)) is not None]
    left_out = len(rows) - len(found)
    if once_by is not None:
        first: dict[Any, dict[str, Any]] = {}
        for made in found:
            first.setdefault(made[once_by], made)
        found = list(first.values())
    data = "".join(object_lines(found)).encode("utf-8")
    return ListFile(data, len(found), left_out, needs)


def radarr_list(rows: Sequence[Row]) -> ListFile:
    return _list(rows, radarr_object, RADARR_NEEDS)


def sonarr_list(rows: Sequence[Row]) -> ListFile:
    """One object per series: a show's seasons are entries of their own sharing its TheTVDB
    id, and the first in the view's order stands for it."""
    return _list(rows, sonarr_object, SONARR_NEEDS, once_by="tvdbId")


# Each list by its --format name.
LISTS: Final[Mapping[str, Callable[[Sequence[Row]], ListFile]]] = {
    "radarr-list": radarr_list,
    "sonarr-list": sonarr_list,
}
