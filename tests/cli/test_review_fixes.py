"""Found trying issues 21 and 22 as a user would (session five's review): a near miss in
--date-for's type is suggested; a registry with no people says so for --role; check names a
source as the service spells it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke

PLAIN = """schema = 1

[[release]]
id = "t"
title = "T"
date = 2027-02-02
"""

UNLISTED = (
    PLAIN
    + """
[[release.dates]]
region = "US"
type = "digital"
date = 2027-05-01
origin = "tmdb"
unlisted = 2026-11-20
"""
)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "releases.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_near_miss_in_date_for_type_is_suggested(tmp_path: Path) -> None:
    registry = write(tmp_path, PLAIN)
    result = invoke("edit", "t", "--date-for", "US:theatricl", "2027-01-05", "-r", registry)
    assert result.exit_code == 2
    assert "'US:theatricl' is not REGION:TYPE" in result.stderr
    assert "did you mean theatrical?" in result.stderr


def test_a_role_in_a_registry_without_people_says_there_are_none(tmp_path: Path) -> None:
    registry = write(tmp_path, PLAIN)
    result = invoke("people", "--role", "composr", "-r", registry)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "countdown: no role 'composr' (no one in the registry has a role)\n"


def test_check_names_the_source_of_an_unlisted_date_as_the_service_spells_it(
    tmp_path: Path,
) -> None:
    registry = write(tmp_path, UNLISTED)
    result = invoke("check", registry, "--as-of", "2026-12-07")
    assert result.exit_code == 0, result.stderr
    assert "US digital 2027-05-01 is no longer listed by TMDB (since 2026-11-20)" in result.stderr


SHARED = """schema = 1

[[release]]
id = "blade-1998"
title = "Blade"
date = 1998-08-21

[[release]]
id = "blade-2027"
title = "Blade"
date = "2027"

[[release]]
id = "blade-runner"
title = "Blade Runner 2099"
date = "2027"
"""


def test_a_title_two_entries_share_completes_as_their_ids(tmp_path: Path) -> None:
    """Completing the shared title alone would give a command that matches two titles."""
    from tests.cli.test_completion import protocol

    registry = write(tmp_path, SHARED)
    offered = protocol("bash", "countdown show bla", registry).split()
    assert offered == ["blade-1998", "blade-2027", "Blade\\", "Runner\\", "2099"]
    chosen = invoke("show", offered[1], "-r", registry, "--as-of", "2026-12-07")
    assert chosen.exit_code == 0, chosen.stderr


def test_an_empty_title_is_refused_not_matched_against_every_title(tmp_path: Path) -> None:
    registry = write(tmp_path, SHARED)
    for typed in ("", " ", "\t"):
        result = invoke("show", typed, "-r", registry)
        assert (result.exit_code, result.stdout) == (2, ""), typed
        assert result.stderr == (
            "countdown: an empty title would match every title; give a title, id or alias\n"
        )


def test_export_to_a_folder_is_refused_as_usage(tmp_path: Path) -> None:
    done = invoke("export", "-r", "data/releases.toml", "--all", "--format", "json", "-o",
                  str(tmp_path))  # fmt: skip
    assert done.exit_code == 2
    assert "is a directory" in done.stderr
