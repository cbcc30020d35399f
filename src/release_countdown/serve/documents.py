"""The documents `serve` answers and `publish` writes, made from rows by the same functions:
the pages (Jinja2 templates), the JSON rows, the Atom feed of changes and the static files.
Pure: no request, no clock, no file written; how a document links to the others is its
``Links`` (serve/links.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from importlib import resources
from typing import Any

from release_countdown.core.follow import InboxEntry
from release_countdown.core.model import Release
from release_countdown.core.notices import arrivals
from release_countdown.core.query import Query
from release_countdown.core.rows import Row, slip_words
from release_countdown.serve import feeds, pages
from release_countdown.serve.links import Links

# The script, style and icon beside the pages: a fixed table (no path reaches the file system).
STATIC = {
    "countdown.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def static_files() -> dict[str, bytes]:
    folder = resources.files("release_countdown.serve").joinpath("static")
    return {name: folder.joinpath(name).read_bytes() for name in STATIC}


def releases_json(rows: Sequence[Row]) -> bytes:
    """/releases.json: the rows as `list --json` and `export --format json` write them."""
    from release_countdown.formats.jsonrows import to_json

    return to_json(rows).encode("utf-8")


# The lists Radarr and Sonarr subscribe to, by file name (their `export --format` names).
ARR_LISTS = {"radarr.json": "radarr-list", "sonarr.json": "sonarr-list"}


def arr_list(name: str, rows: Sequence[Row]) -> bytes:
    """/radarr.json and /sonarr.json (``name``, one of ARR_LISTS): the rows as the list Radarr
    or Sonarr subscribes to, as `export --format radarr-list|sonarr-list` writes it (titles
    without the id the list needs left out)."""
    from release_countdown.formats.arrlists import LISTS

    return LISTS[ARR_LISTS[name]](rows).data


def changes_atom(
    rows: Sequence[Row],
    releases: Sequence[Release],
    waiting: Sequence[InboxEntry],
    *,
    links: Links,
    updated: datetime,
) -> bytes:
    """/changes.atom: the rows' changes, and the arrivals of what follows proposed."""
    news = arrivals(releases, waiting)
    return feeds.atom(feeds.changes(rows), links=links, updated=updated, arrivals=news)


def _kinds() -> Sequence[str]:
    from release_countdown.core.model import KINDS

    return KINDS


class Pages:
    """The HTML pages: the list with its timeline strip, and a title's page."""

    def __init__(self) -> None:
        import jinja2

        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("release_countdown.serve", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["safe_url"] = pages.safe_url
        self.templates.filters["slip_words"] = slip_words

    def render(self, name: str, links: Links, **values: Any) -> bytes:
        html = self.templates.get_template(name).render(links=links, **values)
        return html.encode("utf-8")

    def index(
        self,
        rows: Sequence[Row],
        *,
        links: Links,
        today: date,
        total: int,
        shown: Query,
        errors: Sequence[str] = (),
        form: Mapping[str, str] | None = None,
        inbox: int = 0,
    ) -> bytes:
        """The list: ``form`` is what the filter bar shows as typed (a server's), ``total``
        the titles in the registry, ``inbox`` the count of what follows proposed."""
        return self.render(
            "index.html",
            links,
            cards=pages.cards(rows),
            strip=pages.strip(rows, today),
            today=today,
            total=total,
            errors=errors,
            form=form or {},
            kinds=_kinds(),
            shown=shown,
            inbox=pages.inbox_words(inbox),
        )

    def title(self, row: Row, *, links: Links, today: date, errors: Sequence[str] = ()) -> bytes:
        """A title's page: its dates, people, history and slip chart."""
        return self.render(
            "title.html",
            links,
            row=row,
            chart=pages.slip_chart(row),
            today=today,
            errors=errors,
        )
