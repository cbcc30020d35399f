"""core/follow.kept: which credits a follow takes (pure; today passed in)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from release_countdown.core.follow import CAST, Credit, Follow, display_name, kept

TODAY = date(2026, 12, 7)
BALFE = Follow(
    name="lorne-balfe", ref="tmdb:person/947", jobs=("Original Music Composer",), since=TODAY
)


def credit(ref: str, date_text: str = "2027-05-01", *jobs: str, **more: object) -> Credit:
    return Credit(
        ref=ref, title=f"Title {ref}", kind="film", date=date_text,
        jobs=jobs or ("Original Music Composer",), **more,  # type: ignore[arg-type]
    )  # fmt: skip


def refs(credits: list[Credit]) -> list[str]:
    return [c.ref for c in credits]


def test_the_composers_job_not_the_department() -> None:
    found = [credit("tmdb:movie/1"), credit("tmdb:movie/2", "2027", "Boom Operator")]
    assert refs(kept(BALFE, found, TODAY, ())) == ["tmdb:movie/1"]


def test_a_2019_film_and_one_released_are_skipped() -> None:
    everything = Follow(name="x", ref="tmdb:person/1", jobs=(CAST,))
    found = [
        credit("tmdb:movie/1", "2019-03-01", CAST),
        credit("tmdb:movie/2", "2026-12-06", CAST),  # released yesterday
        credit("tmdb:movie/3", "2026-12-07", CAST),  # today: still to come
        credit("tmdb:movie/4", "2026", CAST),  # this year: not over yet
    ]
    assert refs(kept(everything, found, TODAY, ())) == ["tmdb:movie/3", "tmdb:movie/4"]


def test_since_drops_what_is_dated_before() -> None:
    late = BALFE._replace(since=date(2027, 6, 1))
    found = [credit("tmdb:movie/1", "2027-05-01"), credit("tmdb:movie/2", "2027-h1")]
    found += [credit("tmdb:movie/3", "2027")]
    assert refs(kept(late, found, TODAY, ())) == ["tmdb:movie/2", "tmdb:movie/3"]


def test_tba_kept_when_tba_dropped_when_not() -> None:
    found = [credit("tmdb:movie/1", "TBA")]
    assert refs(kept(BALFE, found, TODAY, ())) == ["tmdb:movie/1"]
    assert kept(BALFE._replace(tba=False), found, TODAY, ()) == []


def test_types_and_kinds() -> None:
    artist = Follow(name="a", ref="musicbrainz:artist/x", types=("album", "soundtrack"))
    found = [
        credit("mb:1", "TBA", types=("album", "soundtrack")),
        credit("mb:2", "TBA", types=("album", "live")),
        credit("mb:3", "TBA", types=("single",)),
    ]
    assert refs(kept(artist._replace(types=("Soundtrack",)), found, TODAY, ())) == ["mb:1"]
    assert refs(kept(artist, found, TODAY, ())) == ["mb:1", "mb:2"]
    assert kept(artist._replace(kinds=("game",)), found, TODAY, ()) == []


def test_one_title_credited_twice_is_one_credit_with_both_jobs() -> None:
    director = Follow(name="d", ref="tmdb:person/2", jobs=("Director", "Screenplay"))
    found = [credit("tmdb:movie/1", "TBA", "Director"), credit("tmdb:movie/1", "TBA", "Writer")]
    (one,) = kept(director, found, TODAY, ())
    assert one.jobs == ("Director", "Writer")


def test_known_and_ignored_refs_are_dropped() -> None:
    found = [credit("tmdb:movie/1"), credit("tmdb:movie/2"), credit("tmdb:movie/3")]
    ignoring = BALFE._replace(ignore=("tmdb:movie/2",))
    assert refs(kept(ignoring, found, TODAY, {"tmdb:movie/1"})) == ["tmdb:movie/3"]


def test_display_name() -> None:
    assert display_name("lorne-balfe") == "Lorne Balfe"
    assert display_name("a24") == "A24"


_DATES = st.sampled_from(["TBA", "2019-03-01", "2026-12-06", "2026-12-07", "2027", "2027-q2"])
_CREDITS = st.lists(
    st.builds(
        credit,
        st.sampled_from([f"tmdb:movie/{n}" for n in range(1, 6)]),
        _DATES,
        st.sampled_from(["Original Music Composer", "Boom Operator", CAST]),
    ),
    max_size=12,
)
_FOLLOWS = st.builds(
    Follow,
    name=st.just("f"),
    ref=st.just("tmdb:person/1"),
    jobs=st.sampled_from([(), ("Original Music Composer",), (CAST,)]),
    types=st.just(()),
    kinds=st.just(()),
    since=st.sampled_from([None, TODAY, date(2027, 4, 1)]),
    tba=st.booleans(),
    ignore=st.lists(st.sampled_from(["tmdb:movie/1", "tmdb:movie/2"]), max_size=2).map(tuple),
)


@given(_FOLLOWS, _CREDITS)
def test_a_second_run_adds_nothing(follow: Follow, found: list[Credit]) -> None:
    first = kept(follow, found, TODAY, ())
    assert kept(follow, found, TODAY, refs(first)) == []


@given(_FOLLOWS, _CREDITS, st.sampled_from(["tmdb:movie/1", "tmdb:movie/3"]))
def test_a_dismissed_ref_never_returns(follow: Follow, found: list[Credit], ref: str) -> None:
    dismissed = follow._replace(ignore=(*follow.ignore, ref))
    assert ref not in refs(kept(dismissed, found, TODAY, ()))


@given(_FOLLOWS, _CREDITS)
def test_each_title_once_by_the_plain_rules(follow: Follow, found: list[Credit]) -> None:
    firsts: dict[str, Credit] = {}
    jobs: dict[str, set[str]] = {}
    for one in found:
        firsts.setdefault(one.ref, one)
        jobs.setdefault(one.ref, set()).update(one.jobs)
    # The oracle: the rules written out plainly for this handful of dates.
    wanted = [
        ref
        for ref, first in firsts.items()
        if ref not in follow.ignore
        and (not follow.jobs or set(follow.jobs) & jobs[ref])
        and (first.date != "TBA" or follow.tba)
        and first.date not in ("2019-03-01", "2026-12-06")
        and not (follow.since == date(2027, 4, 1) and first.date == "2026-12-07")
    ]
    assert refs(kept(follow, found, TODAY, ())) == wanted
