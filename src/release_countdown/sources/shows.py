"""A show's seasons as registry records, whichever source listed them (tvmaze.py, tmdb_tv.py):
one SourceRecord per season, titled "Show — Season N" (core/seasons.py), dated by its
premiere (TBA when the season is listed without one), its finale a typed date when the last
episode's day is known. Days are calendar days as the source lists them (an episode's
``airdate``, never its instant converted to a time zone)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Final, NamedTuple

from release_countdown.core.follow import Credit
from release_countdown.core.model import WORLDWIDE
from release_countdown.core.record import LABELS, FetchOptions, SourceDate, SourceRecord
from release_countdown.core.seasons import (
    is_show,
    season_ident,
    season_title,
    split_season,
    upcoming,
)  # fmt: skip
from release_countdown.sources.http import Service

FINALE: Final = "finale"


class Season(NamedTuple):
    number: int  # from 1 (specials, season 0, are no entry)
    premiere: str  # a date form, or "TBA"
    key: str  # the source's own handle of the season (TVmaze's season id, TMDB's number)
    episodes: int | None = None  # the episodes ordered, when the source says


def season(
    number: int, day: date | None, key: str, episodes: object,
    upcoming: tuple[object, object, date | None] | None,
) -> Season:  # fmt: skip
    """Season ``number`` of a source's list: its premiere ``day``, else the next episode's
    (``upcoming``: season, episode, day) when that is the season's first, else TBA; the
    episodes ordered when the source gives a count."""
    if day is None and upcoming is not None and upcoming[:2] == (number, 1):
        day = upcoming[2]  # the premiere scheduled as the next episode
    count = episodes if type(episodes) is int and episodes > 0 else None
    return Season(number, day.isoformat() if day else "TBA", key, count)


def in_order(seasons: list[Season]) -> tuple[Season, ...]:
    """A show's seasons by number, each number once (the first listed kept)."""
    return tuple(sorted({s.number: s for s in reversed(seasons)}.values(), key=lambda s: s.number))


class Show(NamedTuple):
    source: str  # "tvmaze", "tmdb"
    ident: str  # as [release.ids] keeps it: "show/82", "tv/1399"
    title: str
    seasons: tuple[Season, ...]  # in season order
    ids: Mapping[str, str]  # [release.ids] keys -> values
    page: str | None = None
    ended: bool = False  # the source says no season will come (TVmaze "Ended")
    status: str | None = None  # as the source words it, for notes
    region: str = WORLDWIDE  # where it airs (the network's country), for typed dates
    network: str | None = None  # the network or streaming service, as the typed dates' note


def wanted(show: Show, ident: str, options: FetchOptions) -> list[Season]:
    """The seasons a fetch of ``ident`` answers for: the one its season tail names (a
    SourceNotFound-worthy empty list when the show lists none such), else those not yet
    premiered on ``options.since`` (every one when None)."""
    _, number = split_season(ident)
    if number is not None:
        return [s for s in show.seasons if s.number == number]
    since = options.since
    return [s for s in show.seasons if since is None or upcoming(s.premiere, since)]


def record(show: Show, season: Season, finale: str | None) -> SourceRecord:
    """The entry of one season of ``show``; ``finale``: its last episode's day, if known."""
    dates: tuple[SourceDate, ...] = ()
    if finale is not None:
        dates = (SourceDate(show.region, FINALE, finale, note=show.network),)
    return SourceRecord(
        source=show.source,
        label=LABELS[show.source],
        ref=f"{show.source}:{season_ident(show.ident, season.number)}",
        title=season_title(show.title, season.number),
        kind="series",
        date=season.premiere,
        dates=dates,
        page=show.page,
        ids=show.ids,
        headline=None,  # a season's date is its premiere, chosen by no region
        covers=None,  # the season's dates are listed in full: a finale gone is unlisted
        season=season.number,
    )


def credits(show: Show) -> list[Credit]:
    """Each season of ``show`` as a Credit a follow keeps or not (core/follow.kept), its ref
    the season's own (``tvmaze:show/82/season/3``)."""
    return [
        Credit(
            f"{show.source}:{season_ident(show.ident, s.number)}",
            season_title(show.title, s.number),
            "series",
            s.premiere,
        )
        for s in show.seasons
    ]


def finale_of(days: Sequence[date | None], ordered: int | None) -> str | None:
    """The finale's day from a season's numbered episodes' days in order: known only when
    the episodes ordered are all listed and the last is dated (a season half scheduled has
    no finale yet, whatever its last listed episode says)."""
    if not days or ordered is None or len(days) < ordered:
        return None
    last = days[ordered - 1]
    return last.isoformat() if last is not None else None


def missing(service: Service, show: Show, ident: str) -> Exception:
    """The error of a season ``ident`` names that the show does not list."""
    from release_countdown.core.errors import SourceNotFound

    _, number = split_season(ident)
    listed = ", ".join(str(s.number) for s in show.seasons) or "none"
    return SourceNotFound(
        service.redact(
            f"{service.label}: {show.source}:{ident}: {show.title!r} lists no season {number} "
            f"(seasons: {listed})"
        )
    )


Seasons = Callable[[Service, str, FetchOptions], list[SourceRecord]]


def one_season(
    service: Service, source: str, ident: str, options: FetchOptions, seasons: Seasons
) -> SourceRecord:
    """A show source's ``fetch``: the one season ``ident`` names ("show/82/season/3"); a
    whole show's ref is refused here (it is an entry a season: import reads its ``seasons``)."""
    if is_show(source, ident):
        raise service.fail(
            f"{source}:{ident}",
            f"a show has one entry per season: import it, or name one ({source}:{ident}/season/N)",
        )
    (found,) = seasons(service, ident, options)
    return found
