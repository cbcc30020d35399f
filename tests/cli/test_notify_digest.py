"""`notify --digest daily|weekly` and `--group-by`: one message a period, run day by day with
--as-of; what a run finds after the period's digest is held for the next one."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_notify import state_file, write_config
from tests.conftest import invoke

MONDAY = date(2027, 3, 1)  # ISO week 2027-W09
# Zero is out on the first Monday; Alpha on Wednesday (reminded Tuesday); Gamma is postponed
# on Thursday (the history entry announced then); Beta is out the next Wednesday.
REGISTRY = """schema = 1

[[release]]
id = "zero"
title = "Zero"
date = 2027-03-01
kind = "game"

[[release]]
id = "alpha"
title = "Alpha"
date = 2027-03-03
kind = "film"
tags = ["imax"]
[release.people]
composer = ["Hans Zimmer", "Lisa Gerrard"]
cast = ["Somebody Famous"]

[[release]]
id = "beta"
title = "Beta"
date = 2027-03-10
kind = "album"
origin = "follow:hans-zimmer"
[release.people]
artist = ["Hans Zimmer"]

[[release]]
id = "gamma"
title = "Gamma"
date = "2027-Q2"
kind = "film"
[release.people]
director = ["Denis Villeneuve"]

[[release.history]]
announced = 2027-01-01
date = 2027-03-31

[[release.history]]
announced = 2027-03-04
date = "2027-Q2"
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "reg.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def run(registry: Path, day: date, *args: str, code: int = 0) -> Any:
    result = invoke(
        "notify", "-r", str(registry), "--as-of", day.isoformat(), "--lead", "1d,0d", *args
    )
    assert result.exit_code == code, result.stderr
    return result


def sent(registry: Path, days: list[date], *args: str) -> dict[date, dict[str, Any]]:
    """The digest each run on ``days`` printed (--json), by day."""
    found: dict[date, dict[str, Any]] = {}
    for day in days:
        out = run(registry, day, "--json", *args).stdout
        if out:
            (line,) = out.splitlines()
            found[day] = json.loads(line)
    return found


def told(digest: dict[str, Any]) -> list[str]:
    """Each notice of a digest: 'FOUND EVENT ID'."""
    return [
        f"{n['found']} {n.get('change') or n['event']} {n['id']}"
        for group in digest["groups"]
        for n in group["notices"]
    ]


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def test_a_weekly_digest_goes_once_a_week_across_fourteen_daily_runs(registry: Path) -> None:
    digests = sent(registry, days(MONDAY, 14), "--digest", "weekly")
    assert list(digests) == [MONDAY, MONDAY + timedelta(days=7)]  # exactly two sends
    first, second = digests.values()
    assert (first["period"], first["since"], first["until"]) == (
        "2027-W09",
        "2027-03-01",
        "2027-03-01",
    )
    assert told(first) == ["2027-03-01 released zero"]
    assert (second["period"], second["since"], second["until"]) == (
        "2027-W10",
        "2027-03-02",
        "2027-03-08",
    )
    assert told(second) == [
        "2027-03-02 reminder alpha",
        "2027-03-03 released alpha",
        "2027-03-04 postponed gamma",
    ]
    assert second["groups"][0]["counts"] == {"upcoming": 1, "released": 1, "postponed": 1}
    # Nothing lost: what the second week found is the third digest.
    third = sent(registry, [MONDAY + timedelta(days=14)], "--digest", "weekly")
    assert [told(d) for d in third.values()] == [
        ["2027-03-09 reminder beta", "2027-03-10 released beta"]
    ]


@pytest.mark.parametrize("start", [1, 2, 3])  # Tuesday to Thursday: each has news
def test_fourteen_daily_runs_from_any_weekday_send_two_weekly_digests(
    registry: Path, start: int
) -> None:
    first = MONDAY + timedelta(days=start)
    digests = sent(registry, days(first, 14), "--digest", "weekly")
    assert list(digests) == [first, first + timedelta(days=7)]
    second = list(digests.values())[1]
    assert (second["since"], second["until"]) == (
        (first + timedelta(days=1)).isoformat(),
        (first + timedelta(days=7)).isoformat(),
    )
    seen = [line for d in digests.values() for line in told(d)]
    assert len(seen) == len(set(seen))  # nothing told twice


def test_a_daily_digest_goes_once_a_day(registry: Path) -> None:
    tuesday = MONDAY + timedelta(days=1)
    assert list(sent(registry, [MONDAY, MONDAY, tuesday, tuesday], "--digest", "daily")) == [
        MONDAY, tuesday,
    ]  # fmt: skip


def test_missed_periods_are_one_digest_with_what_was_held(registry: Path) -> None:
    tuesday = MONDAY + timedelta(days=1)
    assert list(sent(registry, [MONDAY, tuesday], "--digest", "weekly")) == [MONDAY]
    later = MONDAY + timedelta(days=28)  # three silent weeks
    digests = sent(registry, [later, later + timedelta(days=1), later], "--digest", "weekly")
    assert list(digests) == [later]  # once, not three times, and not again that week
    (digest,) = digests.values()
    assert (digest["since"], digest["until"]) == ("2027-03-02", "2027-03-29")
    # Held since Tuesday, and what the late run found (a release more than a week old is
    # no longer announced, as without a digest).
    assert told(digest) == ["2027-03-02 reminder alpha", "2027-03-29 postponed gamma"]


def test_the_digest_in_words(registry: Path) -> None:
    run(registry, MONDAY, "--digest", "weekly")
    for day in days(MONDAY + timedelta(days=1), 6):
        assert run(registry, day, "--digest", "weekly").stdout == ""
    result = run(registry, MONDAY + timedelta(days=7), "--digest", "weekly", "--group-by", "person")
    assert result.stdout.splitlines() == [
        "week (2027-03-02 to 2027-03-08): 3 notices",  # across two ISO weeks: none named
        "Hans Zimmer: 1 upcoming, 1 released",
        "  2027-03-02  reminder  Alpha  tomorrow (2027-03-03)",
        "  2027-03-03  released  Alpha  today (2027-03-03)",
        "Lisa Gerrard: 1 upcoming, 1 released",
        "  2027-03-02  reminder  Alpha  tomorrow (2027-03-03)",
        "  2027-03-03  released  Alpha  today (2027-03-03)",
        "Denis Villeneuve: 1 postponed",
        "  2027-03-04  changed   Gamma  postponed from 2027-03-31 to 2027-Q2 (in 28 days – 4 months)",
    ]


# One digest of Alpha (reminded, released), Gamma (postponed) and Beta (released): the first
# run after the week's Monday is on Beta's release day.
GROUPS = {
    "none": [(None, {"upcoming": 1, "released": 2, "postponed": 1})],
    # Alpha under both composers (not its cast); Beta under its artist.
    "person": [
        ("Hans Zimmer", {"upcoming": 1, "released": 2}),
        ("Lisa Gerrard", {"upcoming": 1, "released": 1}),
        ("Denis Villeneuve", {"postponed": 1}),
    ],
    "kind": [
        ("film", {"upcoming": 1, "released": 1, "postponed": 1}),
        ("album", {"released": 1}),
    ],
    "follow": [  # titles added by hand last
        ("Hans Zimmer", {"released": 1}),
        ("not from a follow", {"upcoming": 1, "released": 1, "postponed": 1}),
    ],
}


@pytest.mark.parametrize("group_by", list(GROUPS))
def test_each_grouping(registry: Path, group_by: str) -> None:
    runs = [*days(MONDAY, 7), MONDAY + timedelta(days=9)]
    digests = sent(registry, runs, "--digest", "weekly", "--group-by", group_by)
    digest = digests[runs[-1]]
    assert digest["group_by"] == group_by
    assert [(g["name"], g["counts"]) for g in digest["groups"]] == GROUPS[group_by]
    assert digest["total"] == 4  # a title under two people counts once


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--on", "released"), ["2027-03-03 released alpha"]),
        (("--tag", "imax"), ["2027-03-02 reminder alpha", "2027-03-03 released alpha"]),
        # Gamma's new date, a quarter, is vaguer than a day: not told.
        (("--min-precision", "day"), ["2027-03-02 reminder alpha", "2027-03-03 released alpha"]),
        (("--kind", "film", "--on", "postponed"), ["2027-03-04 postponed gamma"]),
    ],
)
def test_the_filters_and_alerts_of_notify_choose_what_a_digest_tells(
    registry: Path, args: tuple[str, ...], expected: list[str]
) -> None:
    digests = sent(registry, days(MONDAY, 8), "--digest", "weekly", *args)
    assert [told(d) for d in digests.values()][-1] == expected


def test_a_digest_not_delivered_is_held_and_retried(registry: Path, tmp_path: Path) -> None:
    run(registry, MONDAY, "--digest", "weekly")
    for day in days(MONDAY + timedelta(days=1), 6):
        run(registry, day, "--digest", "weekly")
    monday = MONDAY + timedelta(days=7)
    failed = run(registry, monday, "--digest", "weekly", "--exec", "false", code=4)
    assert "digest: --exec 'false' exited 1" in failed.stderr
    assert (
        "the digest was not delivered; its 3 notices are held and retried next run" in failed.stderr
    )
    again = sent(registry, [monday, monday], "--digest", "weekly")
    assert [told(d) for d in again.values()] == [
        ["2027-03-02 reminder alpha", "2027-03-03 released alpha", "2027-03-04 postponed gamma"]
    ]


def test_an_exec_command_gets_the_digest_once(registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "got.txt"
    script = tmp_path / "take.py"
    script.write_text(
        "import os, sys\n"
        f"with open({str(out)!r}, 'a') as f:\n"
        "    f.write(os.environ['COUNTDOWN_EVENT'] + ' ' + os.environ['COUNTDOWN_PERIOD'] + ' ')\n"
        "    f.write(sys.stdin.read())\n",
        encoding="utf-8",
    )
    command = f"{sys.executable} {script}"
    for day in days(MONDAY, 3):
        run(registry, day, "--digest", "daily", "--exec", command)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["digest", "2027-03-01"], ["digest", "2027-03-02"], ["digest", "2027-03-03"],
    ]  # fmt: skip
    assert told(json.loads(lines[2].split(" ", 2)[2])) == ["2027-03-03 released alpha"]


def test_a_dry_run_shows_the_digest_and_keeps_it(registry: Path) -> None:
    run(registry, MONDAY, "--digest", "weekly")
    tuesday = MONDAY + timedelta(days=1)
    shown = run(registry, tuesday, "--digest", "weekly", "--dry-run")
    assert shown.stdout.splitlines()[0] == "week 2027-W09: 1 notice"  # one day
    assert "a digest of 1 notice, not due this run (dry run" in shown.stderr
    assert run(registry, tuesday, "--digest", "weekly").stdout == ""  # held, not lost
    assert (
        "1 notice held for the next digest (due from 2027-03-08)"
        in run(registry, tuesday, "--digest", "weekly").stderr
    )


def test_settings_choose_the_digest_and_the_option_wins(registry: Path, tmp_path: Path) -> None:
    write_config(tmp_path, '[notify]\ndigest = "daily"\ngroup_by = "kind"\n')
    assert told(sent(registry, [MONDAY])[MONDAY]) == ["2027-03-01 released zero"]
    tuesday = MONDAY + timedelta(days=1)
    assert sent(registry, [tuesday])[tuesday]["group_by"] == "kind"
    wednesday = tuesday + timedelta(days=1)
    plain = run(registry, wednesday, "--digest", "none").stdout
    assert plain == "released  Alpha  today (2027-03-03)\n"  # a notice at a time
    settings = json.loads(invoke("config", "--json").stdout)["settings"]
    assert settings["notify.digest"]["value"] == "daily"
    assert settings["notify.group_by"]["value"] == "kind"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'digest = "weekley"',
            "notify.digest 'weekley' is not one of daily, weekly, none; did you mean weekly?",
        ),
        (
            'group_by = "people"',
            "notify.group_by 'people' is not one of none, person, kind, follow",
        ),
        (  # not a string: the message says so, and does not quote an empty string
            'group_by = ["person"]',
            'notify.group_by must be a string such as "person" (none, person, kind, follow)',
        ),
        ("digest = 7", 'notify.digest must be a string such as "weekly" (daily, weekly, none)'),
        (
            "min_precision = true",
            'notify.min_precision must be a string such as "day" (day, month, quarter, year)',
        ),
    ],
)
def test_bad_digest_settings_name_the_place(
    registry: Path, tmp_path: Path, text: str, message: str
) -> None:
    config = write_config(tmp_path, f"[notify]\n{text}\n")
    result = run(registry, MONDAY, code=2)
    assert f"{config}:2:" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--digest", "monthly"),
            "Invalid value for '--digest': 'monthly' is not one of daily, weekly, none",
        ),
        (("--digest", "weekly", "--group-by", "persons"), "did you mean person?"),
        (
            ("--group-by", "kind"),
            "--group-by groups a digest: add --digest daily or --digest weekly",
        ),
    ],
)
def test_bad_digest_options_are_refused(
    registry: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(registry, MONDAY, *args, code=2)
    assert message in " ".join(result.stderr.split())
    assert result.stdout == ""


def test_a_corrupt_digest_in_the_state_is_refused(registry: Path, tmp_path: Path) -> None:
    run(registry, MONDAY, "--digest", "weekly")
    path = state_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["digest"]["held"] = [{"event": "soon", "id": "x"}]
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run(registry, MONDAY, "--digest", "weekly", code=3)
    assert "digest.held[0]" in result.stderr
    assert "corrupt or foreign" in result.stderr


def test_a_first_runs_note_says_the_next_notice_waits_for_the_digest(registry: Path) -> None:
    """Under --digest the next reminder is not sent on its day but held for the next digest:
    the first run's note says so rather than "the next will be sent on"."""
    first = run(registry, MONDAY - timedelta(days=3), "--digest", "weekly")
    assert "the next will be sent on" not in first.stderr
    assert first.stderr.endswith(
        "countdown: first run: 0 earlier reminders skipped; the next is due on 2027-02-28, "
        "held for the next digest\n"
    )
