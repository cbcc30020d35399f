"""notify's "new" event (issue 24): a title a follow brought is told once, while news; its
words are the follow's: 'Lorne Balfe: new film "X", TBA'."""

from datetime import date

from release_countdown.core.follow import InboxEntry
from release_countdown.core.notices import NEW_GRACE, Arrival, NoticeState, arrivals, plan_notices
from release_countdown.formats.notices import (
    notice_environment,
    notice_line,
    notice_message,
    notice_object,
)
from release_countdown.registry.load import check_text

TODAY = date(2026, 12, 7)
ENTRY = InboxEntry("tmdb:movie/101", "X", "film", "TBA", "lorne-balfe", TODAY)


def test_an_arrival_is_told_once_in_the_follows_words() -> None:
    state = NoticeState(created=date(2026, 1, 1))
    (notice,) = plan_notices([], (7,), state, TODAY, arrivals([], [ENTRY])).notices
    assert notice_line(notice) == 'new       Lorne Balfe: new film "X", TBA'
    assert notice_message(notice) == ("Lorne Balfe", 'new film "X", TBA')
    assert notice_object(notice) | {} == {
        "event": "new", "id": "tmdb:movie/101", "title": "X", "date": "TBA",
        "days_remaining": None, "lead": None, "countdown": "TBA", "kind": "film",
        "follow": "lorne-balfe",
    }  # fmt: skip
    assert notice_environment(notice)["COUNTDOWN_FOLLOW"] == "lorne-balfe"
    state.record(notice, TODAY)
    assert plan_notices([], (7,), state, TODAY, arrivals([], [ENTRY])).notices == []
    # dated later, accepted into the registry under the same ref: still not news again
    later = ENTRY._replace(date="2027-05-01", seen=TODAY)
    assert plan_notices([], (7,), state, TODAY, arrivals([], [later])).notices == []


def test_old_arrivals_are_not_news_and_a_first_run_skips_them() -> None:
    old = ENTRY._replace(seen=date(2026, 11, 1))
    assert plan_notices([], (7,), NoticeState(created=TODAY), TODAY, [_a(old)]).notices == []
    first = NoticeState()
    plan = plan_notices([], (7,), first, TODAY, [_a(ENTRY._replace(seen=date(2026, 12, 3)))])
    assert (plan.notices, plan.skipped) == ([], [("tmdb:movie/101", "new", "", None)])
    fresh = ENTRY._replace(seen=date(2026, 12, 6))
    assert len(plan_notices([], (7,), first, TODAY, [_a(fresh)]).notices) == 1
    edge = ENTRY._replace(seen=date(2026, 11, 30))
    assert (TODAY - edge.seen).days == NEW_GRACE
    assert len(plan_notices([], (7,), NoticeState(created=TODAY), TODAY, [_a(edge)]).notices) == 1


def _a(entry: InboxEntry) -> Arrival:
    (found,) = arrivals([], [entry])
    return found


def test_a_release_a_follow_added_arrives_the_day_it_was_recorded() -> None:
    text = (
        'schema = 1\n\n[[release]]\nid = "x"\ntitle = "X"\nkind = "film"\ndate = "TBA"\n'
        'checked = 2026-12-07\n\n[release.ids]\ntmdb = "movie/101"\n'
    )
    (release,), _ = check_text(text, "r.toml")
    assert arrivals([release], []) == []  # typed by hand or imported: no origin
    added = release._replace(origin="follow:lorne-balfe")
    assert arrivals([added], []) == [
        Arrival(("tmdb:movie/101",), "X", "film", "TBA", "lorne-balfe", TODAY)
    ]
