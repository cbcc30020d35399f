"""Trakt: a user's watchlist (USER, or USER/watchlist) or one of their lists (USER/LIST),
films and shows, every page.

GET /users/{id}/watchlist/{movies,shows} and /users/{id}/lists/{list_id}/items/{movies,shows}
(Trakt API v2): the client id in ``trakt-api-key``, ``trakt-api-version: 2``
(sources/config.py), the pages counted by ``X-Pagination-Page-Count``. Each item carries
``movie.ids.tmdb`` (a film: ``tmdb = "movie/ID"``) or ``show.ids.tmdb`` (a series: ``tv/ID``,
whose seasons to come are imported, and its ``tvdb``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from release_countdown.core.errors import UsageError
from release_countdown.core.listrow import ListRow
from release_countdown.registry.format import id_of
from release_countdown.sources import clean

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings

PER_PAGE: Final = 100
MAX_PAGES: Final = 1000  # 100,000 titles: past that the answer is not a person's list
_SLUG: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,99}")


def read(where: str, settings: SourceSettings) -> list[ListRow]:
    user, _, name = where.strip().strip("/").partition("/")
    name = "" if name == "watchlist" else name  # USER/watchlist: the watchlist too
    for part in (user, name) if name else (user,):
        if not _SLUG.fullmatch(part):
            raise UsageError(
                f"trakt: {where!r} is not USER or USER/LIST (the names in the list's address, "
                "trakt.tv/users/USER/lists/LIST)"
            )
    shown = f"{user}/{name or 'watchlist'}"
    service = settings.service("trakt")
    rows: list[ListRow] = []
    for kind, key in (("movies", "movie"), ("shows", "show")):
        path = (
            f"/users/{user}/lists/{name}/items/{kind}"
            if name
            else f"/users/{user}/watchlist/{kind}"
        )
        page, pages = 1, 1
        while page <= min(pages, MAX_PAGES):
            ref = f"{shown} {kind} page {page}"
            data, headers = service.get_with_headers(
                path, {"page": str(page), "limit": str(PER_PAGE)}, ref
            )
            if not isinstance(data, list):
                raise clean.unexpected("Trakt", ref, TypeError("not a list"))
            for index, item in enumerate(data, start=len(rows) + 1):
                row = _row(item, key, f"trakt {shown} #{index}")
                if row is not None:
                    rows.append(row)
            told = headers.get("X-Pagination-Page-Count", "1")
            pages = int(told) if told.isascii() and told.isdigit() else 1
            page += 1
    return rows


# What a Trakt item of each key becomes: its kind, and its TMDB id's form.
_KINDS: Final = {"movie": ("film", "movie/"), "show": ("series", "tv/")}


def _row(item: Any, key: str, line: str) -> ListRow | None:
    title_of = item.get(key) if isinstance(item, dict) else None
    if not isinstance(title_of, dict):
        return None  # a person or another kind in a list: not asked for
    kind, form = _KINDS[key]
    title = clean.text(title_of.get("title"))
    ids: dict[str, Any] = title_of["ids"] if isinstance(title_of.get("ids"), dict) else {}
    number, imdb = ids.get("tmdb"), id_of("imdb", ids.get("imdb"))
    found = {"tmdb": f"{form}{number}"} if type(number) is int and number > 0 else {}
    if imdb is not None:
        found["imdb"] = imdb
    tvdb = ids.get("tvdb")
    if key == "show" and type(tvdb) is int and tvdb > 0:
        found["tvdb"] = str(tvdb)
    year = title_of.get("year")
    if title is None and not found:
        return None
    return ListRow(
        line=line, title=title or found.get("imdb") or found["tmdb"], kind=kind,
        year=year if type(year) is int and 1000 <= year <= 9999 else None, ids=found,
    )  # fmt: skip
