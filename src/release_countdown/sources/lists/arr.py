"""Radarr, Sonarr and Lidarr libraries as list rows (`import --from radarr|sonarr|lidarr URL`).

One request each, to the address the user gives (its URL base included), with the API key in
``X-Api-Key`` (sources/config.SourceSettings.library: RADARR_API_KEY and the others, or
``[sources.radarr] api_key``):

- Radarr v3 ``GET /api/v3/movie``: a film a movie, by its ``tmdbId`` (and ``imdbId``), with
  ``inCinemas``, ``digitalRelease`` and ``physicalRelease`` as its theatrical, digital and
  physical dates. Radarr keeps one date of each type, not a country's: its metadata is
  US-centric by default, so they are kept as US dates. A date the registry refuses is left out
  and said in the row's note; Radarr writes days as midnight UTC, and only the day is taken.
- Sonarr v3 ``GET /api/v3/series``: a series by its ``tvdbId`` (``ids.tvdb``), ``tmdbId``
  (``tmdb = "tv/ID"``) and ``imdbId``; its seasons and status in the note (episodes' air
  times are not release dates: the series source dates what is imported).
- Lidarr v1 ``GET /api/v1/artist``: an artist a follow of its MusicBrainz artist
  (``foreignArtistId``, "musicbrainz:artist/MBID").

Ids of the wrong form (0, a number as text, an MBID that is not one) are left out, never
guessed; a row without one is resolved by its title and year, or goes to the inbox with the
reason. An answer that is not a list of objects is the service's error, naming the path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from release_countdown.core.errors import SourceError
from release_countdown.core.follow import follow_ref
from release_countdown.core.listrow import ListRow
from release_countdown.core.record import SourceDate
from release_countdown.registry.format import id_of
from release_countdown.sources import clean

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings
    from release_countdown.sources.http import Service

MOVIES: Final = "/api/v3/movie"
SERIES: Final = "/api/v3/series"
ARTISTS: Final = "/api/v1/artist"
# Radarr's dates, each as the registry's typed date of a film.
RADARR_DATES: Final = (
    ("inCinemas", "theatrical"),
    ("digitalRelease", "digital"),
    ("physicalRelease", "physical"),
)
RADARR_REGION: Final = "US"  # Radarr's dates are US-centric by default (see above)


def read_radarr(where: str, settings: SourceSettings) -> list[ListRow]:
    """The films of the Radarr at ``where``."""
    service = settings.library("radarr", where)
    return [_movie(item) for item in _items(service, MOVIES)]


def read_sonarr(where: str, settings: SourceSettings) -> list[ListRow]:
    """The series of the Sonarr at ``where``."""
    service = settings.library("sonarr", where)
    return [_series(item) for item in _items(service, SERIES)]


def read_lidarr(where: str, settings: SourceSettings) -> list[ListRow]:
    """The artists of the Lidarr at ``where``, each a follow of its MusicBrainz artist."""
    service = settings.library("lidarr", where)
    return [_artist(item) for item in _items(service, ARTISTS)]


def _items(service: Service, path: str) -> list[dict[str, Any]]:
    """The answer's objects; SourceError when the answer is not a list of them, or there is
    no such path (a 404 here is an address to correct, not a title not found)."""
    from release_countdown.core.errors import SourceNotFound

    which = f"(is this the address of a {service.label}, its URL base included?)"
    try:
        data = service.get(path, {}, f"GET {path}")
    except SourceNotFound as exc:
        raise SourceError(f"{exc} {which}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise SourceError(
            f"{service.label}: GET {path}: the answer is not a list of objects {which}"
        )
    return data


def _number(value: Any) -> int | None:
    """A positive integer id (Radarr and Sonarr write 0 for none); booleans are not ids."""
    return value if type(value) is int and value > 0 else None


def _line(label: str, what: str, item: dict[str, Any]) -> str:
    ident = _number(item.get("id"))
    return f"{label} {what} {ident}" if ident is not None else f"{label} {what}"


def _year(value: Any) -> int | None:
    return value if type(value) is int and 1000 <= value <= 9999 else None


def _ids(**found: str | None) -> dict[str, str]:
    """The ids whose form [release.ids] accepts (registry/format.id_of), the others left out."""
    return {key: value for key, value in found.items() if value and id_of(key, value)}


def _prefixed(prefix: str, value: Any) -> str | None:
    number = _number(value)
    return None if number is None else f"{prefix}{number}"


def _title(item: dict[str, Any], *keys: str) -> str:
    for key in keys:
        if found := clean.text(item.get(key)):
            return found
    return "(no title)"


def _movie(item: dict[str, Any]) -> ListRow:
    line = _line("Radarr", "movie", item)
    dates, refused = [], []
    for key, kind in RADARR_DATES:
        try:
            form = clean.date_form(item.get(key), f"{line}: {key}")
        except clean.RefusedDate as exc:
            refused.append(str(exc).removesuffix("; the registry keeps its own"))
            continue
        if form is not None:
            dates.append(SourceDate(RADARR_REGION, kind, form, note="from Radarr", listed=False))
    return ListRow(
        line=line,
        title=_title(item, "title", "originalTitle"),
        year=_year(item.get("year")),
        kind="film",
        ids=_ids(tmdb=_prefixed("movie/", item.get("tmdbId")), imdb=clean.text(item.get("imdbId"))),
        dates=tuple(dates),
        note="; ".join(f"left out: {reason}" for reason in refused) or None,
    )


def _series(item: dict[str, Any]) -> ListRow:
    seasons = sorted(
        number
        for season in item.get("seasons") or []
        if isinstance(season, dict)
        and type(number := season.get("seasonNumber")) is int
        and number > 0  # season 0: Sonarr's specials
    )
    if len(seasons) > 1:
        span = f"seasons {seasons[0]}–{seasons[-1]}"
    else:
        span = f"season {seasons[0]}" if seasons else ""
    note = ", ".join(part for part in (span, clean.text(item.get("status"))) if part)
    return ListRow(
        line=_line("Sonarr", "series", item),
        title=_title(item, "title"),
        year=_year(item.get("year")),
        kind="series",
        ids=_ids(
            tvdb=_prefixed("", item.get("tvdbId")),
            tmdb=_prefixed("tv/", item.get("tmdbId")),
            imdb=clean.text(item.get("imdbId")),
        ),
        note=f"Sonarr: {note}" if note else None,
    )


def _artist(item: dict[str, Any]) -> ListRow:
    line = _line("Lidarr", "artist", item)
    mbid = clean.text(item.get("foreignArtistId"))
    follow = follow_ref(f"musicbrainz:artist/{mbid}") if mbid else None
    note = None if follow else f"Lidarr gives no MusicBrainz artist id ({mbid or 'none'})"
    return ListRow(
        line=line,
        title=_title(item, "artistName"),
        kind="album",
        follow=follow,
        note=note,
    )
