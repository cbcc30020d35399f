"""Trakt: a user's watchlist (USER, or USER/watchlist) or one of their lists (USER/LIST),
films, every page.

GET /users/{id}/watchlist/movies and /users/{id}/lists/{list_id}/items/movies (Trakt API
v2): the client id in ``trakt-api-key``, ``trakt-api-version: 2`` (sources/config.py), the
pages counted by ``X-Pagination-Page-Count``. Each item carries ``movie.ids.tmdb``.
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
    path = f"/users/{user}/lists/{name}/items/movies" if name else f"/users/{user}/watchlist/movies"
    shown = f"{user}/{name or 'watchlist'}"
    service = settings.service("trakt")
    rows: list[ListRow] = []
    page, pages = 1, 1
    while page <= min(pages, MAX_PAGES):
        ref = f"{shown} page {page}"
        data, headers = service.get_with_headers(
            path, {"page": str(page), "limit": str(PER_PAGE)}, ref
        )
        if not isinstance(data, list):
            raise clean.unexpected("Trakt", ref, TypeError("not a list"))
        for index, item in enumerate(data, start=len(rows) + 1):
            row = _row(item, f"trakt {shown} #{index}")
            if row is not None:
                rows.append(row)
        told = headers.get("X-Pagination-Page-Count", "1")
        pages = int(told) if told.isascii() and told.isdigit() else 1
        page += 1
    return rows


def _row(item: Any, line: str) -> ListRow | None:
    movie = item.get("movie") if isinstance(item, dict) else None
    if not isinstance(movie, dict):
        return None  # a show or a person in a list: not asked for (…/items/movies)
    title = clean.text(movie.get("title"))
    ids: dict[str, Any] = movie["ids"] if isinstance(movie.get("ids"), dict) else {}
    number, imdb = ids.get("tmdb"), id_of("imdb", ids.get("imdb"))
    found = {"tmdb": f"movie/{number}"} if type(number) is int and number > 0 else {}
    if imdb is not None:
        found["imdb"] = imdb
    year = movie.get("year")
    if title is None and not found:
        return None
    return ListRow(
        line=line, title=title or found.get("imdb") or found["tmdb"],
        year=year if type(year) is int and 1000 <= year <= 9999 else None, ids=found,
    )  # fmt: skip
