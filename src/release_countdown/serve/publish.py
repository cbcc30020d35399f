"""`countdown publish`: what `serve` answers, as files: a table of paths and the documents
they hold, made by serve's own functions (serve/documents.py, serve/feeds.py) with links
relative to each file (serve/links.py). Pure: the command hands in the registry, the day, the
query and the inbox; writing/published.py writes the files."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath

from release_countdown.core.follow import InboxEntry
from release_countdown.core.model import Release
from release_countdown.core.params import ParamError, parse_query, query_names
from release_countdown.core.query import Query, select
from release_countdown.core.rows import Row, release_row
from release_countdown.serve import documents, feeds
from release_countdown.serve.links import PUBLISHED, PUBLISHED_TITLE

FEED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
EXAMPLE = "e.g. balfe:composer=balfe&kind=film"


@dataclass(frozen=True)
class Feed:
    """`--feed NAME:FILTERS`: NAME.ics holds what /calendar.ics?FILTERS answers."""

    name: str
    params: Mapping[str, tuple[str, ...]]  # the list filters and as_of, as a URL gives them
    window: feeds.Window


def feed_of(text: str) -> Feed:
    """``balfe:composer=balfe&kind=film&futureDays=90`` parsed as serve parses a URL's query
    (core/params.parse_query, feeds.window_of); a parameter neither reads is refused."""
    from urllib.parse import parse_qs

    name, colon, query = text.partition(":")
    if not colon or not FEED_NAME.fullmatch(name):
        raise ParamError("feed", f"{text!r} is not NAME:FILTERS ({EXAMPLE}; NAME in letters, "
                         "digits, - and _)")  # fmt: skip
    if name.lower() == "calendar":
        raise ParamError("feed", "calendar.ics is the site's own calendar: choose another NAME")
    try:
        given = parse_qs(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError:
        raise ParamError("feed", f"{name}: {query!r} is not a query ({EXAMPLE})") from None
    unknown = sorted(set(given) - query_names() - set(feeds.WINDOW))
    if unknown:
        known = ", ".join(sorted(query_names() | set(feeds.WINDOW)))
        raise ParamError("feed", f"{name}: unknown parameter {unknown[0]!r} (known: {known})")

    def last(key: str) -> str | None:
        return given[key][-1] if key in given else None

    params = {key: tuple(values) for key, values in given.items() if key not in feeds.WINDOW}
    try:
        parse_query(params, today=date(2000, 1, 1), default_region=None)  # refused now, not later
        window = feeds.window_of(
            last("pastDays"), last("futureDays"), given.get("types", []), last("fuzzy"),
            last("alarm"),
        )  # fmt: skip
    except ParamError as exc:
        raise ParamError("feed", f"{name}: {exc}") from None
    return Feed(name, params, window)


@dataclass
class Publication:
    """What one publish shows: the registry's releases on ``today`` through ``query`` (the
    site's filters, the user's marks in it)."""

    releases: Sequence[Release]
    today: date
    query: Query
    stamp: datetime  # when the registry last changed (serve/state.modified)
    default_region: str | None = None
    waiting: Sequence[InboxEntry] = ()  # what follows proposed: the Atom feed's arrivals
    calendars: Sequence[Feed] = ()  # --feed NAME:FILTERS
    pages: documents.Pages = field(default_factory=documents.Pages)
    _rows: dict[tuple[Query, date], list[Row]] = field(default_factory=dict)

    def rows(self, query: Query | None = None, day: date | None = None) -> list[Row]:
        """The rows a query selects on a day (the site's query and day unless given)."""
        query, day = query or self.query, day or self.today
        key = (query, day)
        if key not in self._rows:
            chosen = select(self.releases, query, day)
            self._rows[key] = [_public(release_row(s, day, query.marked)) for s in chosen]
        return self._rows[key]

    @property
    def everything(self) -> Query:
        """The feeds' query: serve's calendar and Atom feed take released titles too."""
        return self.query._replace(show_all=True)

    def calendar(
        self, rows: Sequence[Row], window: feeds.Window, day: date, region: str | None
    ) -> bytes:
        return feeds.calendar(rows, today=day, window=window, region=region, stamp=self.stamp)

    def feed(self, feed: Feed) -> bytes:
        query, day = parse_query(feed.params, today=self.today, default_region=self.default_region)
        query = query._replace(marked=self.query.marked, show_all=True)
        return self.calendar(self.rows(query, day), feed.window, day, query.region)


def _public(row: Row) -> Row:
    """A published folder is public: its rows name their registry file, not the path on the
    publisher's disk (serve, which answers on the user's own machine, keeps the path)."""
    return row._replace(source=PurePath(row.source).name)


Render = Callable[[Publication], bytes]


def _arr_list(name: str) -> Render:
    return lambda p: documents.arr_list(name, p.rows())


# The documents of a published folder besides each title's page, each.ics feed and the static
# files: its path, and how it is made (the same function as serve's answer at that path).
DOCUMENTS: dict[str, Render] = {
    "index.html": lambda p: p.pages.index(
        p.rows(), links=PUBLISHED, today=p.today, total=len(p.releases), shown=p.query
    ),
    "releases.json": lambda p: documents.releases_json(p.rows()),
    "calendar.ics": lambda p: p.calendar(
        p.rows(p.everything), feeds.Window(), p.today, p.query.region
    ),
    "changes.atom": lambda p: documents.changes_atom(
        p.rows(p.everything), p.releases, p.waiting, links=PUBLISHED, updated=p.stamp
    ),
    **{name: _arr_list(name) for name in documents.ARR_LISTS},  # radarr.json, sonarr.json
}


def published(publication: Publication) -> dict[str, bytes]:
    """Every file of the folder: path (``/``-separated, relative) → bytes."""
    p = publication
    made = {path: render(p) for path, render in DOCUMENTS.items()}
    made.update({f"static/{name}": data for name, data in documents.static_files().items()})
    # Serve's title page: any title the filters select, whatever its status (any linked from
    # the list, the strip or the Atom feed).
    for row in p.rows(p.query._replace(show_all=True, statuses=(), limit=None)):
        made[f"title/{row.id}.html"] = p.pages.title(row, links=PUBLISHED_TITLE, today=p.today)
    for feed in p.calendars:
        made[f"{feed.name}.ics"] = p.feed(feed)
    return made
