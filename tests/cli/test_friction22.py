"""Issue 22, items 1, 7, 13 and 15: a due title is next; near misses get a suggestion; wording;
an exact title wins after folding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import invoke

DUE = """\
[[release]]
id = "due-album"
title = "A Due Album"
kind = "album"
date = "2026-12"

[[release]]
id = "later-film"
title = "A Later Film"
kind = "film"
date = "2026-12-18"
"""


def write(tmp_path: Path, text: str, name: str = "reg.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- item 1: a due title is next; {days} of a due window is 0 --------------------------------


def test_next_names_a_title_that_is_due_now(tmp_path: Path) -> None:
    registry = write(tmp_path, DUE)
    result = invoke("next", "-r", registry, "--as-of", "2026-12-07", "--format", "{title}")
    assert (result.exit_code, result.stdout) == (0, "A Due Album\n")


def test_days_of_a_due_window_is_zero_and_days_max_its_last_day(tmp_path: Path) -> None:
    registry = write(tmp_path, DUE)
    result = invoke(
        "list", "-r", registry, "--as-of", "2026-12-07",
        "--format", "{title}|{days}|{days_max}|{in_days}",
    )  # fmt: skip
    assert result.stdout == ("A Due Album|0|24|due within 24 days\nA Later Film|11|11|in 11 days\n")
    result = invoke("list", "-r", registry, "--as-of", "2026-12-07", "--json")
    due = json.loads(result.stdout)[0]
    assert (due["status"], due["days_remaining"], due["days_remaining_max"]) == ("due", 0, 24)
    # Past windows still count back.
    result = invoke("list", "-r", registry, "--as-of", "2027-01-03", "--all", "--json")
    assert json.loads(result.stdout)[0]["days_remaining"] == -33


# --- item 15: an exact title wins after folding ------------------------------------------------

FILM_AND_SCORE = """\
[[release]]
id = "film-3"
title = "Dune: Part Three"
kind = "film"
date = "2026-12-18"

[[release]]
id = "score-3"
title = "Dune: Part Three (Original Motion Picture Soundtrack)"
kind = "album"
date = "2026-12-11"

[[release]]
id = "amelie"
title = "Le Fabuleux Destin d'Amélie Poulain"
aliases = ["Amélie: Le Film"]
kind = "film"
date = "2027-03-01"

[[release]]
id = "amelie-score"
title = "Amélie: Le Film (Bande Originale)"
kind = "album"
date = "2027-02-20"
"""


def test_a_title_equal_after_folding_names_that_title(tmp_path: Path) -> None:
    registry = write(tmp_path, FILM_AND_SCORE)
    for query, wanted in (
        ("dune part three", "film-3"),
        ("DUNE – PART THREE", "film-3"),
        ("amelie le film", "amelie"),  # an alias, accents and punctuation folded
    ):
        result = invoke("show", query, "-r", registry, "--as-of", "2026-12-07", "--json")
        assert (result.exit_code, result.stderr) == (0, ""), query
        assert json.loads(result.stdout)["id"] == wanted
    result = invoke("watch", "dune part three", "--once", "-r", registry, "--as-of", "2026-12-07")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Dune: Part Three " in result.stdout
    assert "Soundtrack" not in result.stdout
    result = invoke("edit", "dune part three", "-r", registry, "--note", "x", "--dry-run")
    assert result.exit_code == 0
    assert 'note = "x"' in result.stdout
    result = invoke("postpone", "dune part three", "2027-01-08", "-r", registry, "--dry-run")
    assert result.exit_code == 0
    assert "Dune: Part Three" in result.stderr
    # A part of both titles still lists both.
    result = invoke("show", "dune part", "-r", registry, "--as-of", "2026-12-07")
    assert result.exit_code == 1
    assert "matches 2 titles" in result.stderr


# --- item 7: near misses get a suggestion everywhere -----------------------------------------


def test_a_kind_under_another_name_is_suggested() -> None:
    result = invoke("list", "--kind", "movie")
    assert result.exit_code == 2
    assert "'movie' is not one of film, album, game, series, book, other; did you mean film?" in (
        result.stderr
    )
    result = invoke("list", "--sort", "dat")
    assert "did you mean date?" in result.stderr
    result = invoke("lookup", "dune", "--kind", "movie")
    assert result.exit_code == 2
    assert "'movie' is not one of film, album, game, series; did you mean film?" in result.stderr
    result = invoke("list", "--format", "jsn")
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith("; did you mean json?")


def test_an_unknown_setting_suggests_the_close_one(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('regon = "US"\nzzz = 1\n[notify]\nleads = "1d"\n', encoding="utf-8")
    result = invoke("list", "--json", env={"COUNTDOWN_CONFIG": str(config)})
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0].endswith('warning: unknown setting "regon" is ignored; did you mean region?')
    assert 'unknown setting "zzz" is ignored (settings: region, registries' in lines[1]
    assert lines[2].endswith('unknown setting "notify.leads" is ignored; did you mean lead?')


def test_an_unknown_role_is_said_with_the_close_one() -> None:
    result = invoke("people", "--role", "composr")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "countdown: no role 'composr'; did you mean composer?\n"
    result = invoke("people", "--role", "composr", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = invoke("people", "--role", "xyzzy")
    assert "no role 'xyzzy' (roles: cast, composer, director" in result.stderr
    result = invoke("people", "--role", "Composer")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Lorne Balfe" in result.stdout


def test_an_empty_name_filter_is_refused() -> None:
    for option in ("--composer", "--director", "--person"):
        result = invoke("list", option, " ", "--all")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "an empty name would match everyone" in result.stderr


# --- item 13: wording -------------------------------------------------------------------------

CANONICAL = """\
[[release]]
id = "alpha"
title = "Alpha"
kind = "film"
date = 2030-01-01

[release.people]
director = ["Ann Director"]
composer = ["Bo Composer"]
cast = ["Cy One", "Di Two", "Ed Three", "Fa Four"]
"""


def test_an_edit_that_changes_nothing_says_what_is_already_so(tmp_path: Path) -> None:
    registry = write(tmp_path, CANONICAL)
    result = invoke(
        "edit", "alpha", "-r", registry, "--kind", "film", "--add-person", "cast=cy one"
    )
    assert result.exit_code == 0
    assert result.stderr.startswith(
        'countdown: nothing to change: "Alpha" already has kind film, cast cy one'
    )
    assert Path(registry).read_text(encoding="utf-8") == CANONICAL
    result = invoke("edit", "alpha", "-r", registry, "--kind", "album", "--dry-run")
    assert "countdown: alpha: kind set to album (dry run: nothing written)" in result.stderr


def test_remove_dry_run_says_would_remove(tmp_path: Path) -> None:
    registry = write(tmp_path, CANONICAL)
    result = invoke("remove", "alpha", "-r", registry, "--yes", "--dry-run")
    assert result.exit_code == 0
    assert result.stderr == (
        'countdown: would remove "Alpha" (id alpha) (dry run: nothing written)\n'
    )


def test_remove_declined_says_nothing_removed_with_the_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    import typer

    from release_countdown.cli.commands import remove

    registry = write(tmp_path, CANONICAL)
    terminal = SimpleNamespace(stdin=SimpleNamespace(isatty=lambda: True))
    monkeypatch.setattr(remove, "sys", terminal)
    monkeypatch.setattr(typer, "confirm", lambda *args, **kwargs: False)
    result = invoke("remove", "alpha", "-r", registry)
    assert (result.exit_code, result.stderr) == (0, "countdown: nothing removed\n")


def test_fmt_on_a_canonical_file_says_so(tmp_path: Path) -> None:
    registry = write(tmp_path, CANONICAL)
    for extra in (["--dry-run"], []):
        result = invoke("fmt", registry, *extra)
        assert (result.exit_code, result.stdout) == (0, "")
        assert result.stderr == f"countdown: {registry} is already in canonical form\n"


def test_add_id_metavar_is_id() -> None:
    result = invoke("add", "--help", env={"COLUMNS": "100"})
    assert "--id ID" in result.stdout


@pytest.mark.parametrize("columns", ["49", "80", "100", "159"])
def test_the_first_three_of_the_cast_show_labelled_wherever_the_director_does(
    tmp_path: Path, columns: str
) -> None:
    registry = write(tmp_path, CANONICAL)
    result = invoke("list", "-r", registry, "--as-of", "2029-12-01", env={"COLUMNS": columns})
    text = " ".join(result.stdout.split())
    assert "dir. Ann Director" in text
    assert "cast Cy One, Di Two, Ed Three…" in text
    assert "Fa Four" not in text
