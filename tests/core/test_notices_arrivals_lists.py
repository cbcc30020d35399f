"""core/notices.arrivals: a list's rows waiting in the inbox are the user's own titles, not
a follow's news: no "new" notice for them."""

from __future__ import annotations

from datetime import date

from release_countdown.core.follow import InboxEntry
from release_countdown.core.notices import arrivals


def test_only_a_follows_entries_arrive() -> None:
    followed = InboxEntry("tmdb:movie/1", "A", "film", "2027", "lorne-balfe", date(2026, 12, 7))
    listed = followed._replace(ref="tmdb:movie/2", follow="", source="trakt sean/watchlist #1")
    assert [a.refs for a in arrivals([], [followed, listed])] == [("tmdb:movie/1",)]
