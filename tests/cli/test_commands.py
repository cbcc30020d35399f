"""show, next, people, check, schema, export, watch and completion, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, DATA, invoke, khal_in, validate_rows


def write(tmp_path: Path, text: str, name: str = "reg.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- show -------------------------------------------------------------------------------------


def test_show_part_two_as_of_the_news_item() -> None:
    result = invoke("show", "part two", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Mission: Impossible – Dead Reckoning Part Two" in out
    assert "in 1 year" in out
    assert "356 days" in out
    assert "postponed 3 times; 693 days later than first announced" in out
    assert "2023-10-23" not in out  # announced after the day
    assert "Max Aruj, Alfie Godfrey" in out


def test_show_today_has_slip_statistics_and_dates() -> None:
    result = invoke("show", "FINAL RECKONING", "--as-of", "2026-11-25")
    out = result.stdout
    assert "postponed 4 times; 1,022 days later than first announced" in out
    assert "IN theatrical" in out
    assert "Tokyo" in out
    assert "Checked: 2026-11-25" in out


def test_show_json_is_the_row(row_schema: dict[str, Any]) -> None:
    result = invoke("show", "gran turismo", "--json", "--as-of", AS_OF, "--region", "US")
    row = json.loads(result.stdout)
    validate_rows([row], row_schema)
    assert (row["date"], row["days_remaining"], row["release_type"]) == (
        "2023-08-11",
        34,
        "limited",
    )
    assert row["slip"] == {
        "first_date": "2023-08-11", "announcements": 1, "postponed": 0, "moved_up": 0, "days_later": 0,
        "dated": 0, "undated": 0, "narrowed": 0, "widened": 0, "shifted_later": 0,
        "shifted_earlier": 0, "since_first": "unchanged", "rechosen": 0,
    }  # fmt: skip


def test_show_several_matches_and_none() -> None:
    result = invoke("show", "reckoning", "--as-of", "2026-11-25")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "matches 3 titles" in result.stderr
    assert "mi-the-final-reckoning" in result.stderr
    result = invoke("show", "argyle")
    assert result.exit_code == 1
    assert "no title matches 'argyle'; did you mean 'Argylle'?" in result.stderr


def test_show_exact_alias_beats_partial_matches() -> None:
    result = invoke("show", "Dead Reckoning Part One", "--json")
    assert json.loads(result.stdout)["id"] == "mi-dead-reckoning-part-one"


# --- next -------------------------------------------------------------------------------------


def test_next_one_line() -> None:
    result = invoke("next", "--as-of", AS_OF, "--format", "{title} in {days} days")
    assert result.exit_code == 0
    assert result.stdout == "Mission: Impossible – Dead Reckoning Part One in 4 days\n"
    result = invoke("next", "--as-of", "2023-07-13", "--kind", "film")
    assert result.stdout == "Gran Turismo in 29 days (2023-08-11)\n"
    result = invoke("next", "--as-of", "2023-08-26", "--director", "vaughn")
    assert result.stdout == "Argylle in 160 days (2024-02-02)\n"


def test_next_counts_today_and_breaks_ties_alphabetically() -> None:
    result = invoke("next", "--as-of", "2023-07-12", "--format", "{title}|{status}|{countdown}")
    assert result.stdout == "Mission: Impossible – Dead Reckoning Part One|today|today\n"


def test_next_nothing_upcoming() -> None:
    result = invoke("next", "--as-of", "2026-11-25")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "nothing upcoming" in result.stderr


def test_template_fields_and_errors() -> None:
    result = invoke(
        "next",
        "--as-of",
        AS_OF,
        "--search",
        "argylle",
        "--format",
        "{composer}/{director}/{days:>5}",
    )
    assert result.stdout == "Lorne Balfe/Matthew Vaughn/  209\n"
    result = invoke("next", "--format", "{title} {nope}")
    assert result.exit_code == 2
    assert "unknown field {nope}" in result.stderr
    assert "{countdown}" in result.stderr
    result = invoke("list", "--format", "{title.__class__}")
    assert result.exit_code == 2
    result = invoke("list", "--format", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of table, json, csv" in result.stderr


def test_list_template_one_line_per_title() -> None:
    result = invoke("list", "--as-of", AS_OF, "--format", "{id}:{days}")
    assert result.stdout.splitlines() == [
        "mi-dead-reckoning-part-one:4",
        "mi-dead-reckoning-part-one-soundtrack:4",
        "gran-turismo:34",
        "argylle:209",
        "mi-the-final-reckoning:356",
    ]


# --- people -----------------------------------------------------------------------------------


def test_people_by_role() -> None:
    result = invoke("people", "--role", "composer", "--as-of", AS_OF, "--json")
    people = json.loads(result.stdout)
    assert [p["name"] for p in people] == [
        "Alfie Godfrey",
        "Andrew Kawczynski",
        "Lorne Balfe",
        "Max Aruj",
    ]
    balfe = people[2]
    assert balfe["roles"] == ["composer"]
    assert balfe["titles"] == [
        "mi-dead-reckoning-part-one", "mi-dead-reckoning-part-one-soundtrack", "gran-turismo", "argylle",
    ]  # fmt: skip
    assert balfe["next"]["id"] == "mi-dead-reckoning-part-one"
    assert balfe["next"]["days_remaining"] == 4
    table = invoke("people", "--role", "composer", "--as-of", AS_OF).stdout
    assert "Lorne Balfe" in table
    assert "in 4 days" in table


def test_people_search_and_roles() -> None:
    people = json.loads(invoke("people", "--search", "mcquarrie", "--json").stdout)
    assert people[0]["name"] == "Christopher McQuarrie"
    assert people[0]["roles"] == ["director", "writer"]
    assert people[0]["next"] is None


def test_people_name_lists_titles(row_schema: dict[str, Any]) -> None:
    result = invoke("people", "jason hall", "--json", "--as-of", AS_OF)
    rows = json.loads(result.stdout)
    validate_rows(rows, row_schema)
    assert [r["id"] for r in rows] == ["gran-turismo"]
    result = invoke("people", "Lorne Balfe", "--as-of", AS_OF)
    assert "Argylle" in result.stdout
    result = invoke("people", "Lorne Balf")
    assert result.exit_code == 0
    result = invoke("people", "Zimmer")
    assert result.exit_code == 1
    assert "nobody named 'Zimmer'" in result.stderr
    result = invoke("people", "Jason")  # issue 16 item 21: both, not an error
    assert result.exit_code == 0
    assert "matches 2 people" in result.stderr


# --- check ------------------------------------------------------------------------------------


def test_check_valid_bundled_registry() -> None:
    result = invoke("check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "countdown check: 1 file, 5 titles, 0 errors, 0 warnings" in result.stderr


def test_check_lists_every_problem() -> None:
    path = DATA / "invalid" / "wrong-types.toml"
    result = invoke("check", str(path))
    assert result.exit_code == 3
    assert result.stderr.count(f"{path}:") == 13
    assert "13 errors" in result.stderr


def test_check_strict_and_stale(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "A"\ndate = 2030-01-01\ncheked = 2026-01-01\n'
        '[[release]]\ntitle = "B"\ndate = 2030-01-01\nchecked = 2026-10-01\n',
    )
    result = invoke("check", path)
    assert result.exit_code == 0
    assert 'did you mean "checked"?' in result.stderr
    assert invoke("check", path, "--strict").exit_code == 3
    result = invoke("check", path, "--stale", "30d", "--as-of", "2026-11-25")
    assert 'release "A": never checked' in result.stderr
    assert 'release "B": last checked 2026-10-01, more than 30d ago' in result.stderr
    assert "3 warnings" in result.stderr
    result = invoke("check", path, "--stale", "90d", "--as-of", "2026-11-25")
    assert "2 warnings" in result.stderr
    assert invoke("check", path, "--stale", "soon").exit_code == 2


# --- schema -----------------------------------------------------------------------------------


def test_schema_is_the_one_the_tests_use(row_schema: dict[str, Any]) -> None:
    assert json.loads(invoke("schema").stdout) == row_schema


def test_registry_format_schema_accepts_the_bundled_registry() -> None:
    import datetime as dt

    import jsonschema
    import tomli

    from release_countdown.registry.locations import bundled_registry

    schema = json.loads(invoke("schema", "--registry-format").stdout)
    jsonschema.Draft7Validator.check_schema(schema)

    def as_json(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: as_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_json(v) for v in value]
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return value

    validator = jsonschema.Draft7Validator(schema)
    for path in [bundled_registry(), *sorted((DATA / "valid").glob("*.toml"))]:
        document = as_json(tomli.loads(path.read_text(encoding="utf-8-sig")))
        assert list(validator.iter_errors(document)) == [], path
    bad = {"release": [{"title": "x", "date": "2024-Q5"}]}
    assert list(validator.iter_errors(bad))


# --- export -----------------------------------------------------------------------------------


def ics_events(data: bytes) -> list[Any]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_export_ics_parses_back(tmp_path: Path) -> None:
    out = tmp_path / "releases.ics"
    result = invoke("export", "--as-of", AS_OF, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    events = ics_events(out.read_bytes())
    by_uid = {str(e["UID"]): e for e in events}
    assert sorted(by_uid) == [
        "argylle@release-countdown",
        "gran-turismo@release-countdown",
        "mi-dead-reckoning-part-one-soundtrack@release-countdown",
        "mi-dead-reckoning-part-one@release-countdown",
        "mi-the-final-reckoning@release-countdown",
    ]
    argylle = by_uid["argylle@release-countdown"]
    assert argylle.decoded("DTSTART").isoformat() == "2024-02-02"
    assert argylle.decoded("DTEND").isoformat() == "2024-02-03"
    assert "Director: Matthew Vaughn" in str(argylle["DESCRIPTION"])
    assert "209" not in str(argylle["DESCRIPTION"])  # the countdown is not baked in
    assert "Also known as: Mission: Impossible – The Final Reckoning" in str(
        by_uid["mi-the-final-reckoning@release-countdown"]["DESCRIPTION"]
    )


def test_export_ics_fuzzy_and_typed_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[[release]]\ntitle = "Fuzzy"\ndate = "2030-Q1"\n'
        '[[release]]\ntitle = "Unknown"\ndate = "TBA"\n'
        '[[release]]\ntitle = "Exact"\nkind = "film"\ndate = 2030-05-05\n'
        '[[release.dates]]\nregion = "GB"\ntype = "theatrical"\ndate = 2030-05-04\n'
        '[[release.dates]]\nregion = "GB"\ntype = "premiere"\ndate = 2030-04-20\nwhere = "London"\n'
        '[[release.dates]]\nregion = "FR"\ntype = "theatrical"\ndate = 2030-05-06\n',
    )
    result = invoke("export", "-r", path, "--as-of", "2026-01-01")
    assert "1 event (3 titles; 2 skipped: 1 fuzzy, 1 TBA)" in result.stderr
    assert [str(e["SUMMARY"]) for e in ics_events(result.stdout_bytes)] == ["Exact"]
    result = invoke("export", "-r", path, "--as-of", "2026-01-01", "--fuzzy", "as-span")
    spans = {
        str(e["SUMMARY"]): (e.decoded("DTSTART"), e.decoded("DTEND"))
        for e in ics_events(result.stdout_bytes)
    }
    assert [d.isoformat() for d in spans["Fuzzy"]] == ["2030-01-01", "2030-04-01"]
    result = invoke("export", "-r", path, "--as-of", "2026-01-01", "--region", "GB")
    summaries = sorted(str(e["SUMMARY"]) for e in ics_events(result.stdout_bytes))
    assert summaries == ["Exact", "Exact (GB premiere, London)"]  # Exact on GB's day
    result = invoke("export", "-r", path, "--as-of", "2026-01-01", "--all-dates")
    uids = sorted(str(e["UID"]) for e in ics_events(result.stdout_bytes))
    assert uids == [
        "exact.fr.theatrical@release-countdown",
        "exact.gb.premiere@release-countdown",
        "exact.gb.theatrical@release-countdown",
        "exact@release-countdown",
    ]


def test_export_ics_escapes_registry_text(tmp_path: Path) -> None:
    path = write(tmp_path, '[[release]]\ntitle = "A; B, C\\nD"\ndate = 2030-01-01\n')
    result = invoke("export", "-r", path)
    assert b"SUMMARY:A\\; B\\, C\\nD" in result.stdout_bytes
    assert str(ics_events(result.stdout_bytes)[0]["SUMMARY"]) == "A; B, C\nD"


@pytest.mark.slow
def test_export_imports_into_khal_and_reimport_updates(tmp_path: Path) -> None:
    ics = tmp_path / "releases.ics"
    assert invoke("export", "--all", "--all-dates", "-o", str(ics)).exit_code == 0
    run = khal_in(tmp_path)
    run("import", "--batch", "-a", "releases", str(ics))
    run("import", "--batch", "-a", "releases", str(ics))  # again: updates, no duplicates
    listed = run("list", "--format", "{title}", "2024-02-02", "1d")
    assert listed.splitlines()[1:] == ["Argylle"]  # the US date is the headline: one event
    listed = run("list", "--format", "{title}", "2023-07-12", "1d")
    # The film and the album; their US and worldwide dates are the same days.
    assert listed.count("Mission: Impossible – Dead Reckoning Part One") == 2


def test_export_csv_and_json(tmp_path: Path, row_schema: dict[str, Any]) -> None:
    result = invoke("export", "--format", "json", "--as-of", AS_OF)
    validate_rows(json.loads(result.stdout), row_schema)
    out = tmp_path / "out.csv"
    invoke("export", "--format", "csv", "--as-of", AS_OF, "-o", str(out))
    assert out.read_bytes().startswith(b"id,title,aliases,kind")
    assert out.read_bytes().count(b"\r\n") == 6


# --- watch ------------------------------------------------------------------------------------


def test_watch_refuses_without_a_terminal() -> None:
    result = invoke("watch")
    assert result.exit_code == 2
    assert "--once" in result.stderr


def test_watch_once() -> None:
    result = invoke("watch", "--once", "--as-of", AS_OF)
    assert result.exit_code == 0
    out = result.stdout
    assert "4d 00h 00m 00s" in out  # to local midnight of 2023-07-12
    assert "209d 00h 00m 00s" in out
    assert "\x1b" not in out
    result = invoke("watch", "argylle", "--once", "--as-of", "2024-02-01")
    assert "1d 00h 00m 00s" in result.stdout
    assert invoke("watch", "--once", "--as-of", "2026-11-25").exit_code == 1


def test_watch_progress() -> None:
    from datetime import datetime, timedelta, timezone

    from release_countdown.views.watch import clock, progress

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    target = start + timedelta(days=10)
    assert progress(start, target, start + timedelta(days=5)) == 0.5
    assert progress(start, target, start - timedelta(days=1)) == 0.0
    assert progress(None, target, start) is None
    assert clock(timedelta(days=2, hours=3, minutes=4, seconds=5, microseconds=1)) == (2, 3, 4, 6)
    assert clock(timedelta(seconds=-5)) == (0, 0, 0, 0)


# --- completion -------------------------------------------------------------------------------


def test_completion_of_titles_and_people(tmp_path: Path) -> None:
    from release_countdown.cli.completion import complete_people, complete_titles

    class Ctx:
        def __init__(self) -> None:
            self.params: dict[str, Any] = {}

    ctx: Any = Ctx()
    assert complete_titles(ctx, "arg") == ["Argylle"]  # a title alone (issue 22 item 10)
    assert complete_titles(ctx, "mi-the") == ["mi-the-final-reckoning"]  # no title: the id
    assert complete_titles(ctx, "final") == ["Mission: Impossible – The Final Reckoning"]
    assert complete_people(ctx, "balf") == ["Lorne Balfe"]
    assert complete_people(ctx, "JOHANN") == []
    ctx.params = {
        "registry": [Path(write(tmp_path, '[[release]]\ntitle = "Z"\ndate = 2030-01-01\n'))]
    }
    assert complete_titles(ctx, "") == ["Z"]
    ctx.params = {"registry": [tmp_path / "missing.toml"]}
    assert complete_titles(ctx, "") == []


def test_shell_completion_script(monkeypatch: pytest.MonkeyPatch) -> None:
    # --show-completion is a flag whose shell typer detects from the process tree
    # (shellingham), which depends on how the tests were started: name the shell here.
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: "bash")
    result = invoke("--show-completion")
    assert result.exit_code == 0
    assert "complete" in result.stdout


def test_ics_uids_do_not_depend_on_export_options() -> None:
    def uids(*args: str) -> dict[str, str]:
        data = invoke("export", "--all", *args).stdout_bytes
        return {str(e["UID"]): e.decoded("DTSTART").isoformat() for e in ics_events(data)}

    plain, regional, every = uids(), uids("--region", "GB"), uids("--all-dates")
    assert plain["argylle@release-countdown"] == "2024-02-02"
    assert regional["argylle@release-countdown"] == "2024-02-01"  # the title's event, GB's day
    assert "argylle.gb.theatrical@release-countdown" not in regional  # not twice
    assert every["argylle.gb.theatrical@release-countdown"] == "2024-02-01"
    assert every["argylle@release-countdown"] == "2024-02-02"
    assert "argylle.us.theatrical@release-countdown" not in every  # same day as the headline


def test_region_without_a_date_there_uses_the_headline() -> None:
    rows = json.loads(invoke("list", "--json", "--as-of", AS_OF, "--region", "IT").stdout)
    argylle = next(r for r in rows if r["id"] == "argylle")
    assert (argylle["date"], argylle["region"]) == ("2024-02-02", None)  # not WW streaming
    album = next(r for r in rows if r["id"].endswith("soundtrack"))
    assert (album["region"], album["release_type"]) == ("WW", "digital")


def test_review_fixes_for_everyday_commands(row_schema: dict[str, Any]) -> None:
    result = invoke("show", "argylle", "--as-of", "2023-06-01")
    assert result.exit_code == 1
    assert '"Argylle" was not announced yet on 2023-06-01 (announced 2023-06-15)' in result.stderr
    result = invoke("watch")
    assert "needs a terminal" in result.stderr
    assert "Invalid value for '--once'" not in result.stderr
    row = json.loads(invoke("next", "--json", "--as-of", AS_OF).stdout)
    validate_rows([row], row_schema)
    assert row["id"] == "mi-dead-reckoning-part-one"
    result = invoke("list", "--json", "--format", "csv")
    assert result.exit_code == 2
    ids = [
        r["id"]
        for r in json.loads(
            invoke("list", "--all", "--json", "--search", "gran", "--search", "argylle").stdout
        )
    ]
    assert sorted(ids) == ["argylle", "gran-turismo"]


def test_completion_follows_the_role() -> None:
    from release_countdown.cli.completion import complete_composers, complete_directors

    class Ctx:
        def __init__(self) -> None:
            self.params: dict[str, Any] = {}

    ctx: Any = Ctx()
    assert "Tom Cruise" not in complete_composers(ctx, "")
    assert "Lorne Balfe" in complete_composers(ctx, "")
    assert complete_directors(ctx, "vau") == ["Matthew Vaughn"]
