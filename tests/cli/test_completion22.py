"""Issue 22 item 10: a title completes on its own (ids only when what was typed matches an id
and no title), and --region, --sort, --role and --type complete their values, each from the
one place that holds its choices."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from release_countdown.core.model import DATE_TYPES
from release_countdown.core.query import SORTS
from release_countdown.core.regions import COUNTRIES
from release_countdown.core.rows import PEOPLE_SORTS
from tests.cli.test_completion import countdown_on_path, protocol, run_shell

__all__ = ["countdown_on_path"]  # the fixture, used by the shell tests below

REGISTRY = """\
schema = 1

[[release]]
id = "avengers-doomsday"
title = "Avengers: Doomsday"
kind = "film"
date = 2026-12-18

[release.people]
composer = ["Alan Silvestri"]
cast = ["Robert Downey Jr."]

[[release.dates]]
region = "GB"
type = "theatrical"
date = 2026-12-18

[[release.dates]]
region = "US"
type = "theatrical"
date = 2026-12-18

[[release]]
id = "avengers-doomsday-2026"
title = "Doomsday, the Making Of"
kind = "film"
date = 2026-12-18

[[release]]
id = "dune-3-score"
title = "Dune: Part Three (Original Motion Picture Soundtrack)"
aliases = ["Dune Three Score"]
kind = "album"
date = 2026-12-18

[release.people]
"executive producer" = ["Someone"]
"""


@pytest.fixture
def registry(tmp_path: Path) -> str:
    path = tmp_path / "r.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return str(path)


def test_a_title_completes_alone(registry: str) -> None:
    assert protocol("bash", "countdown show ave", registry) == "Avengers:\\ Doomsday\n"
    assert protocol("zsh", "countdown show ave", registry) == (
        "compadd -U -V unsorted -- 'Avengers: Doomsday'\n"
    )
    assert protocol("fish", "countdown edit soundtr", registry) == (
        "Dune: Part Three (Original Motion Picture Soundtrack)\n"
    )


def test_ids_and_aliases_complete_when_no_title_matches(registry: str) -> None:
    assert protocol("bash", "countdown show dune-3", registry) == "dune-3-score\n"
    assert protocol("bash", "countdown show avengers-doomsday-2", registry) == (
        "avengers-doomsday-2026\n"
    )
    assert protocol("fish", "countdown show 'dune three", registry) == "Dune Three Score\n"


def test_region_offers_the_registrys_regions_then_every_code(registry: str) -> None:
    assert protocol("bash", "countdown list --region ", registry) == "GB\nUS\n"
    g_codes = [code for code in sorted(COUNTRIES) if code.startswith("G") and code != "GB"]
    assert protocol("bash", "countdown show x --region g", registry) == (
        "\n".join(["GB", *g_codes]) + "\n"
    )
    w_codes = [code for code in sorted([*COUNTRIES, "WW"]) if code.startswith("W")]
    assert protocol("bash", "countdown add X --region w", registry).split() == w_codes
    assert "WW" in w_codes
    assert protocol("fish", "countdown next --region gb", registry) == "GB\tUnited Kingdom\n"


def test_region_offers_every_code_when_the_registry_has_none(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\n', encoding="utf-8")
    offered = protocol("bash", "countdown list --region ", str(path)).split()
    assert offered == sorted([*COUNTRIES, "WW"])


def test_sort_role_and_type_values_complete(registry: str) -> None:
    assert protocol("bash", "countdown list --sort ", registry).split() == list(SORTS)
    assert protocol("bash", "countdown export --sort t", registry) == "title\n"
    assert protocol("bash", "countdown people --sort ", registry).split() == list(PEOPLE_SORTS)
    assert protocol("bash", "countdown people --sort t", registry) == "titles\n"
    assert protocol("bash", "countdown people --role ", registry) == (
        "cast\ncomposer\nexecutive\\ producer\n"
    )
    assert protocol("bash", "countdown people --role exec", registry) == "executive\\ producer\n"
    assert protocol("bash", "countdown add X --type ", registry).split() == list(DATE_TYPES)


# --- the real shells ---------------------------------------------------------------------------

BASH = r"""
eval "$(_COUNTDOWN_COMPLETE=source_bash countdown)"
read -r -a COMP_WORDS <<< "$1"
[[ "$1" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_countdown_completion countdown
printf '<%s>\n' "${COMPREPLY[@]}"
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_gets_one_title_to_insert(countdown_on_path: dict[str, str], registry: str) -> None:
    env = {**countdown_on_path, "COUNTDOWN_REGISTRY": registry}
    argv = ["bash", "--norc", "--noprofile", "-c", BASH, "bash"]
    assert run_shell([*argv, "countdown show ave"], env) == "<Avengers:\\ Doomsday>\n"
    assert run_shell([*argv, "countdown list --region "], env) == "<GB>\n<US>\n"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish")
def test_fish_completes_a_title_and_regions(
    countdown_on_path: dict[str, str], registry: str
) -> None:
    env = {**countdown_on_path, "COUNTDOWN_REGISTRY": registry}
    script = (
        "_COUNTDOWN_COMPLETE=source_fish countdown | source; "
        "for typed in $argv; complete -C $typed; end"
    )
    out = run_shell(
        ["fish", "--no-config", "-c", script, "countdown show ave", "countdown list --region u"],
        env,
    )
    lines = out.splitlines()
    assert lines[0] == "Avengers: Doomsday"
    assert "US\tUnited States" in lines
    assert "avengers-doomsday" not in out
