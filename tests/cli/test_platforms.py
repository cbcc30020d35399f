"""Issue 25: `--platform` on list and export, `?platform=` on serve (a title with a typed
date on the platform; case and punctuation ignored, short names known: core/platforms.py),
its completion, `show` and the JSON and CSV rows; `[sources] platform` as a setting."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from release_countdown.core.params import ParamError, parse_query
from release_countdown.core.query import Query, select
from release_countdown.registry.load import check_text
from tests.cli.test_completion import protocol
from tests.conftest import invoke

AS_OF = "2026-12-01"
REGISTRY = """schema = 1

[[release]]
id = "judas"
title = "Judas"
kind = "game"
date = 2027-03-05

[[release.dates]]
region = "WW"
type = "digital"
platform = "PlayStation 5"
date = 2027-03-05

[[release.dates]]
region = "US"
type = "digital"
platform = "Microsoft Windows"
date = "2027-03"

[[release]]
id = "hollow"
title = "Hollow Knight: Silksong"
kind = "game"
date = "2027"

[[release.dates]]
region = "WW"
type = "digital"
platform = "Nintendo Switch"
date = "2027"

[[release]]
id = "film"
title = "A Film"
kind = "film"
date = 2027-01-08
"""


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


def ids(*args: str) -> list[str]:
    done = invoke("list", "--json", "--as-of", AS_OF, *args)
    assert done.exit_code == 0, done.stderr
    return [row["id"] for row in json.loads(done.stdout)]


def test_list_platform_keeps_titles_dated_on_it(registry: str) -> None:
    assert ids("-r", registry) == ["hollow", "film", "judas"]
    assert ids("-r", registry, "--platform", "PS5") == ["judas"]
    assert ids("-r", registry, "--platform", "playstation-5") == ["judas"]
    assert ids("-r", registry, "--platform", "pc") == ["judas"]  # Microsoft Windows
    assert ids("-r", registry, "--platform", "switch", "--platform", "ps5") == ["hollow", "judas"]
    assert ids("-r", registry, "--platform", "PlayStation 4") == []
    assert ids("-r", registry, "--platform", "PS5", "--kind", "film") == []


def test_a_bad_platform_is_refused(registry: str) -> None:
    done = invoke("list", "--platform", "--", "-r", registry)
    assert done.exit_code == 2
    assert "'--' is not a platform's name (e.g. PS5 or PC)" in done.stderr


def test_export_takes_the_platform_filter(registry: str) -> None:
    done = invoke("export", "--format", "json", "--as-of", AS_OF, "--platform", "Nintendo Switch",
                  "-r", registry)  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert [row["id"] for row in json.loads(done.stdout)] == ["hollow"]
    ics = invoke("export", "--as-of", AS_OF, "--platform", "ps5", "-r", registry)
    assert ics.exit_code == 0, ics.stderr
    assert "SUMMARY:Judas" in ics.stdout
    assert "Silksong" not in ics.stdout


def test_serve_s_platform_parameter_is_the_same_filter() -> None:
    releases, _ = check_text(REGISTRY, "r.toml")
    today = date(2026, 12, 1)
    query, day = parse_query({"platform": ["PS-5", "switch"]}, today=today, default_region=None)
    assert query == Query(platforms=("PS-5", "switch"))
    assert [s.release.id for s in select(releases, query, day)] == ["hollow", "judas"]
    with pytest.raises(ParamError, match="platform: '!' is not a platform's name"):
        parse_query({"platform": ["!"]}, today=today, default_region=None)


def test_rows_carry_each_date_s_platform(registry: str) -> None:
    rows = json.loads(invoke("list", "--json", "--as-of", AS_OF, "-r", registry).stdout)
    assert [[d["platform"] for d in row["dates"]] for row in rows] == [
        ["Nintendo Switch"], [], ["Microsoft Windows", "PlayStation 5"]
    ]  # fmt: skip
    shown = invoke("show", "judas", "--as-of", AS_OF, "-r", registry)
    assert shown.exit_code == 0, shown.stderr
    assert "WW digital · PlayStation 5" in shown.stdout
    assert "US digital · Microsoft Windows" in shown.stdout


def test_platform_names_complete(registry: str) -> None:
    assert protocol("bash", "countdown list --platform play", registry) == "PlayStation\\ 5\n"
    assert protocol("bash", "countdown export --platform ps5", registry) == "PlayStation\\ 5\n"
    assert protocol("bash", "countdown list --platform n", registry) == "Nintendo\\ Switch\n"


def test_csv_rows_are_unchanged_by_platforms(registry: str) -> None:
    done = invoke("list", "--format", "csv", "--as-of", AS_OF, "-r", registry)
    assert done.exit_code == 0, done.stderr
    assert "platform" not in next(csv.reader(io.StringIO(done.stdout)))  # dates are nested


# --- [sources] platform -------------------------------------------------------------------


def config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"COUNTDOWN_CONFIG": str(path)}


def test_the_platform_setting_is_shown(tmp_path: Path) -> None:
    env = config(tmp_path, '[sources]\nplatform = "PC"\n')
    done = invoke("config", "--json", env=env)
    assert done.exit_code == 0, done.stderr
    found = json.loads(done.stdout)["settings"]["sources.platform"]
    assert (found["value"], found["environment"]) == ("PC", "COUNTDOWN_PLATFORM")
    assert "config file" in found["origin"]


def test_a_misspelt_platform_key_is_a_located_warning(tmp_path: Path, registry: str) -> None:
    env = config(tmp_path, '[sources]\nplatfrom = "PC"\n')
    done = invoke("list", "--json", "--as-of", AS_OF, "-r", registry, env=env)
    assert done.exit_code == 0
    assert 'config.toml:2:12: warning: unknown source "sources.platfrom" is ignored; did you mean platform?' in done.stderr  # fmt: skip


@pytest.mark.parametrize("text", ["platform = 5\n", 'platform = " "\n'])
def test_a_bad_platform_setting_exits_2(tmp_path: Path, registry: str, text: str) -> None:
    env = config(tmp_path, "[sources]\n" + text)
    done = invoke("list", "--json", "--as-of", AS_OF, "-r", registry, env=env)
    assert (done.exit_code, done.stdout) == (2, "")
    assert 'config.toml:2:12: sources.platform must be a platform\'s name (e.g. "PC" or "PS5")' in done.stderr  # fmt: skip


def test_each_platform_s_date_is_an_event_of_its_own(registry: str) -> None:
    done = invoke("export", "--all-dates", "--fuzzy", "as-span", "--as-of", AS_OF, "-r", registry)
    assert done.exit_code == 0, done.stderr
    text = done.stdout.replace("\r\n ", "")  # RFC 5545 folds long lines
    assert "UID:judas.us.digital.pc@" in text  # the platform's key: stable when dates move
    assert "SUMMARY:Judas (US digital\\, Microsoft Windows)" in text
    assert "UID:judas.ww.digital.playstation5@" not in text  # the title's own event shows it


def test_a_platform_no_title_is_dated_on_is_said(registry: str) -> None:
    done = invoke("list", "--platform", "PlayStation 4", "--as-of", AS_OF, "-r", registry)
    assert (done.exit_code, done.stdout) == (0, "")
    assert done.stderr == (
        "countdown: no title is dated on the platform 'PlayStation 4'; did you mean PlayStation 5?\n"
    )
