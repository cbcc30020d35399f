"""Calendar events keep their identity whatever the region: one event per title (its id, its
title), typed dates as events of their own with UIDs of their own, none twice, CATEGORIES, and
alarms at 09:00 on the day they name."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from release_countdown.core.rows import Row
from release_countdown.formats import ics
from tests.conftest import invoke

AS_OF = "2026-06-01"
# An imported film as `import` writes it with region = "GB": the headline is the US
# theatrical date, the GB dates beside it (two premieres), and an album.
REGISTRY = """\
[[release]]
id = "dune-messiah"
title = "Dune: Messiah"
kind = "film"
date = 2026-12-18

[[release.dates]]
region = "GB"
type = "premiere"
date = 2026-12-01
where = "London"

[[release.dates]]
region = "GB"
type = "premiere"
date = 2026-12-03
where = "Edinburgh"

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2026-12-19

[[release.dates]]
region = "US"
type = "theatrical"
date = 2026-12-18

[[release.dates]]
region = "US"
type = "digital"
date = 2027-03-02

[[release]]
id = "dune-messiah-score"
title = "Dune: Messiah (Original Score)"
kind = "album"
date = 2026-12-11
"""
FILM = "dune-messiah@release-countdown"
REGIONS: list[tuple[str, ...]] = [(), ("--region", "GB"), ("--region", "US"), ("--region", "FR")]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "releases.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def export(registry: Path, *args: str, env: dict[str, str] | None = None) -> bytes:
    result = invoke("export", "-r", str(registry), "--as-of", AS_OF, *args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def vevents(data: bytes) -> list[Any]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def by_uid(data: bytes) -> dict[str, Any]:
    found = vevents(data)
    uids = [str(e["UID"]) for e in found]
    assert len(uids) == len(set(uids)), uids  # no UID twice in a file
    return dict(zip(uids, found, strict=True))


def shape(event: Any) -> tuple[str, str, tuple[str, ...]]:
    """What a UID stands for: the summary, the first day and the categories."""
    cats = tuple(str(c) for c in event["CATEGORIES"].cats)
    return str(event["SUMMARY"]), event.decoded("DTSTART").isoformat(), cats


@pytest.mark.parametrize("region", REGIONS)
def test_the_title_keeps_its_uid_and_title_whatever_the_region(
    registry: Path, region: tuple[str, ...]
) -> None:
    events = by_uid(export(registry, *region))
    film = events[FILM]
    assert str(film["SUMMARY"]) == "Dune: Messiah"
    day = "2026-12-19" if region == ("--region", "GB") else "2026-12-18"
    assert film.decoded("DTSTART").isoformat() == day  # the date the title stands on there
    regional = [u for u in events if u.startswith("dune-messiah.")]
    assert all("(" in str(events[u]["SUMMARY"]) for u in regional)  # typed: "(GB premiere…)"


def test_a_typed_date_keeps_its_uid_whatever_the_region(registry: Path) -> None:
    seen: dict[str, set[tuple[str, str, tuple[str, ...]]]] = {}
    for region in REGIONS:
        for extra in ((), ("--all-dates",)):
            for uid, event in by_uid(export(registry, *region, *extra)).items():
                seen.setdefault(uid, set()).add(shape(event))
    typed = {uid: shapes for uid, shapes in seen.items() if uid != FILM}
    assert {uid: len(shapes) for uid, shapes in typed.items() if len(shapes) > 1} == {}
    assert sorted(typed) == [
        "dune-messiah-score@release-countdown",
        "dune-messiah.gb.premiere-2@release-countdown",
        "dune-messiah.gb.premiere@release-countdown",
        "dune-messiah.gb.theatrical@release-countdown",
        "dune-messiah.us.digital@release-countdown",
        "dune-messiah.us.theatrical@release-countdown",
    ]
    assert seen["dune-messiah.gb.premiere-2@release-countdown"] == {
        ("Dune: Messiah (GB premiere, Edinburgh)", "2026-12-03", ("film", "premiere"))
    }


def test_the_region_setting_and_the_option_give_the_same_calendar(
    registry: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('region = "GB"\n', encoding="utf-8")
    stamp = b"DTSTAMP:"

    def lines(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if not line.startswith(stamp)]

    option = lines(export(registry, "--region", "GB"))
    assert lines(export(registry, env={"COUNTDOWN_CONFIG": str(config)})) == option
    assert lines(export(registry, env={"COUNTDOWN_REGION": "GB"})) == option
    assert lines(export(registry)) != option  # the region does change the film's day


def test_the_regions_date_is_not_exported_twice(registry: Path) -> None:
    """The title's event stands for the date it shows: that typed date is left out, as is a
    typed date on the headline's days (not a premiere, which is an event of its own)."""
    for args, dropped in (
        (("--region", "GB"), "dune-messiah.gb.theatrical@release-countdown"),
        (("--region", "GB", "--all-dates"), "dune-messiah.gb.theatrical@release-countdown"),
        (("--region", "US", "--all-dates"), "dune-messiah.us.theatrical@release-countdown"),
        (("--all-dates",), "dune-messiah.us.theatrical@release-countdown"),
    ):
        events = by_uid(export(registry, *args))
        assert dropped not in events, args
        days = [
            e.decoded("DTSTART") for u, e in events.items() if u.startswith("dune-messiah")
        ]  # the film's events, score aside
        assert len(days) == len(set(days)), args  # one event a day for the film here
    gb = by_uid(export(registry, "--region", "GB"))
    assert sorted(gb) == [
        "dune-messiah-score@release-countdown",
        "dune-messiah.gb.premiere-2@release-countdown",
        "dune-messiah.gb.premiere@release-countdown",
        FILM,
    ]


def test_events_carry_categories(registry: Path) -> None:
    events = by_uid(export(registry, "--all-dates"))
    assert shape(events[FILM])[2] == ("film",)  # the title's event: the kind alone
    assert shape(events["dune-messiah-score@release-countdown"])[2] == ("album",)
    assert shape(events["dune-messiah.us.digital@release-countdown"])[2] == ("film", "digital")
    assert b"CATEGORIES:film,premiere\r\n" in export(registry, "--all-dates")


def test_alarms_ring_at_nine_on_the_day_they_name(registry: Path) -> None:
    data = export(registry, "--alarm", "0d,1d,1w")
    assert b"TRIGGER:PT9H\r\n" in data
    assert b"TRIGGER:-PT15H\r\n" in data
    assert b"TRIGGER:-P6DT15H\r\n" in data
    film = by_uid(data)[FILM]
    # icalendar's own reading of a relative trigger on a DATE start: local (floating) times.
    assert sorted(t.trigger for t in film.alarms.times) == [
        datetime(2026, 12, 11, 9, 0),
        datetime(2026, 12, 17, 9, 0),
        datetime(2026, 12, 18, 9, 0),
    ]
    words = sorted(str(a["DESCRIPTION"]) for a in film.walk("VALARM"))
    assert words == ["Dune: Messiah: in 7 days", "Dune: Messiah: today", "Dune: Messiah: tomorrow"]


def _row(release_id: str, **fields: Any) -> Row:
    """A row of an exact day, with no typed dates unless given."""
    base: dict[str, Any] = dict.fromkeys(Row._fields)
    day = date(2030, 5, 5)
    base.update(
        id=release_id, title=release_id.title(), aliases=(), kind="film", date=day.isoformat(),
        precision="day", earliest=day, latest=day, people={}, dates=(), history=(),
        sources=(), status="upcoming", countdown="", source="test",
    )  # fmt: skip
    base.update(fields)
    return Row(**base)


def test_no_uid_twice_even_when_an_id_reads_like_a_typed_date() -> None:
    from release_countdown.core.rows import DateRow

    premiere = DateRow(
        "GB", "premiere", "2030-04-20", "day", date(2030, 4, 20), date(2030, 4, 20),
        None, None, None, None, None,
    )  # fmt: skip
    rows = [_row("x", dates=(premiere,)), _row("x.gb.premiere")]
    found, _ = ics.events(rows, typed="GB", fuzzy_as_span=False)
    assert [e.uid for e in found] == [
        "x@release-countdown",
        "x.gb.premiere@release-countdown",
        "x.gb.premiere-2@release-countdown",
    ]


def test_leaving_a_typed_date_out_renames_no_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """UIDs are numbered over every typed date of a title, so a filter that leaves one out
    (as an unlisted date will be) renames none of the others."""
    from release_countdown.core.rows import DateRow

    def typed(kind: str, day: date, where: str) -> DateRow:
        return DateRow("GB", kind, day.isoformat(), "day", day, day, 0, 0, where, None, None)

    dates = (
        typed("premiere", date(2030, 4, 20), "London"),
        typed("premiere", date(2030, 4, 22), "Leeds"),
    )
    rows = [_row("x", dates=dates)]
    found, _ = ics.events(rows, typed="all", fuzzy_as_span=False)
    assert [e.uid for e in found][1:] == [
        "x.gb.premiere@release-countdown",
        "x.gb.premiere-2@release-countdown",
    ]
    wanted = ics._wanted
    monkeypatch.setattr(ics, "_wanted", lambda d, *a: d.where != "London" and wanted(d, *a))
    found, _ = ics.events(rows, typed="all", fuzzy_as_span=False)
    assert [e.uid for e in found][1:] == ["x.gb.premiere-2@release-countdown"]
