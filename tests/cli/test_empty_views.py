"""Item 1 of issue 16: an empty view says what the registry holds and how to start one's own."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke

TODAY = "2026-11-25"  # every bundled title is released by then
HOLDS = (
    "countdown: nothing upcoming: the registry holds 5 titles, all released; newest: "
    "Mission: Impossible – The Final Reckoning, released 2025-05-23\n"
)
START = (
    "to count down to your own titles: `countdown init`, then `countdown add TITLE --date DATE` "
    "or `countdown import`"
)


def test_list_says_what_the_registry_holds() -> None:
    result = invoke("list", "--as-of", TODAY)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        HOLDS
        + "countdown: see them with --all, or as they stood with --as-of DATE; "
        + START
        + "\n"
    )


def test_timeline_next_and_watch_say_it_too() -> None:
    for args, code in (
        (("timeline",), 0),
        (("next",), 1),  # nothing next: still exit 1, for status bars and scripts
        (("watch", "--once"), 1),
    ):
        result = invoke(*args, "--as-of", TODAY)
        assert (result.exit_code, result.stdout) == (code, ""), args
        assert result.stderr.startswith(HOLDS), args
        assert START in result.stderr, args


def test_export_of_an_empty_view_says_so(tmp_path: Path) -> None:
    out = tmp_path / "all.ics"
    result = invoke("export", "--as-of", TODAY, "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.startswith(HOLDS)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_an_own_registry_is_not_told_to_init(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('schema = 1\n[[release]]\ntitle = "Old"\ndate = 2020-01-01\n', "utf-8")
    result = invoke("list", "-r", str(path), "--as-of", TODAY)
    assert result.stderr == (
        "countdown: nothing upcoming: the registry holds 1 title, released; newest: Old, "
        "released 2020-01-01\n"
        "countdown: see them with --all, or as they stood with --as-of DATE; add titles with "
        "`countdown add TITLE --date DATE` or `countdown import`\n"
    )


def test_an_empty_registry_says_how_to_start(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text("schema = 1\n", "utf-8")
    result = invoke("list", "-r", str(path), "--as-of", TODAY)
    assert result.stderr == (
        "countdown: no titles in this view: the registry holds no titles yet\n"
        "countdown: add titles with `countdown add TITLE --date DATE` or `countdown import`\n"
    )


def test_a_filtered_view_keeps_its_hint() -> None:
    result = invoke("list", "--as-of", "2023-07-08", "--kind", "game")
    assert result.stderr == (
        "countdown: no titles in this view (the registry holds 5 titles, 5 to come); "
        "try --all, or --as-of DATE\n"
    )
