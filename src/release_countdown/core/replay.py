"""What notify plans from (the rows in view, each title's own leads), and notify's plan replayed
day by day over past periods: the digests a daily run would have made, for `serve`'s
/digest.atom, which keeps no state of its own.

Pure: releases, the query, the leads, the alerts wanted, follows' arrivals and ``today`` go
in; the notices each day would have planned come out, by period (core/digest.py), each
period's digest covering exactly its days (the first digest of a notify run instead covers
the days since the last one sent)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from release_countdown.core.digest import Digest, Held, build_digest, period_start

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.notices import Alerts, Arrival
    from release_countdown.core.query import Query
    from release_countdown.core.rows import Row

# How many periods, the current one included, a replay covers (a feed's entries).
PERIODS_SHOWN: Final = {"daily": 7, "weekly": 4}


def notice_rows(releases: Sequence[Release], query: Query, today: date) -> list[Row]:
    """The rows notify plans for: those ``query`` selects, but a title marked skip."""
    from release_countdown.core.query import select
    from release_countdown.core.rows import release_row

    rows = [release_row(s, today, query.marked) for s in select(releases, query, today)]
    return [row for row in rows if row.mark != "skip"]


def own_leads(releases: Sequence[Release]) -> dict[str, tuple[int, ...]]:
    """Each title's own lead times, by id (those without use the run's)."""
    return {release.id: release.lead for release in releases if release.lead}


def replay(
    releases: Sequence[Release],
    query: Query,
    *,
    today: date,
    period: str,
    leads: Sequence[int],
    alerts: Alerts,
    news: Sequence[Arrival] = (),
    group_by: str,
) -> list[Digest]:
    """The digest of each of the last ``PERIODS_SHOWN[period]`` periods (the current one up to
    ``today``) that has notices, newest first: what a run each day would have planned, the
    day before the first one taken as a first run whose notices are already told."""
    from release_countdown.core.notices import NoticeState, plan_notices

    step = timedelta(days=1 if period == "daily" else 7)
    first = period_start(today, period) - step * (PERIODS_SHOWN[period] - 1)
    own = own_leads(releases)
    state = NoticeState()
    found: dict[date, list[Held]] = {}
    day = first - timedelta(days=1)
    while day <= today:
        rows = notice_rows(releases, query, day)
        plan = plan_notices(rows, leads, state, day, news, own_leads=own, alerts=alerts)
        for notice in plan.notices:
            state.record(notice, day)
            if day >= first:
                found.setdefault(period_start(day, period), []).append(Held(notice, day))
        state.finish(plan, day)
        day += timedelta(days=1)
    by_id = {release.id: release for release in releases}
    digests: list[Digest] = []
    for start, held in sorted(found.items(), reverse=True):
        end = min(start + step - timedelta(days=1), today)
        last = start - timedelta(days=1)
        digests.append(
            build_digest(held, by_id, period=period, today=end, last=last, group_by=group_by)
        )
    return digests
