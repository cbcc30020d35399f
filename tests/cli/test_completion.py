"""Items 4 and 5 of issue 16: completion of values with spaces and shell characters in bash, zsh
and fish, of --kind/--status values, and of people by a part of their name.

The protocol tests run in-process; the shell tests run the real shell where the machine has it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from release_countdown.cli.app import app
from release_countdown.cli.shells import bash_word
from tests.cli.daily import daily_registry


def protocol(shell: str, words: str, registry: str, cword: int | None = None) -> str:
    env = {"_COUNTDOWN_COMPLETE": f"complete_{shell}", "COUNTDOWN_REGISTRY": registry}
    if shell == "bash":
        cword = len(words.split(" ")) - 1 if cword is None else cword
        env.update(COMP_WORDS=words, COMP_CWORD=str(cword))
    else:
        env.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION="get-args")
    result = CliRunner().invoke(app, [], env=env, prog_name="countdown")
    return result.stdout


def test_bash_values_come_escaped_or_quoted_as_typed(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    assert protocol("bash", "countdown show doomsday", registry) == "Avengers:\\ Doomsday\n"
    assert protocol("bash", "countdown list --composer zimm", registry) == "Hans\\ Zimmer\n"
    assert protocol("bash", 'countdown show "dooms', registry) == '"Avengers: Doomsday"\n'
    assert protocol("bash", "countdown list --person 'o'\\''h", registry) == (
        "'Catherine O'\\''Hara'\n"
    )
    assert protocol("bash", "countdown list --composer Hans\\ Zi", registry, 3) == (
        "Hans\\ Zimmer\n"
    )


def test_bash_word_quotes_shell_characters() -> None:
    assert bash_word("The Bear (Season 5)", "") == "The\\ Bear\\ \\(Season\\ 5\\)"
    assert bash_word('A $b `c` "d"', '"') == '"A \\$b \\`c\\` \\"d\\""'
    assert bash_word("it's", "'") == "'it'\\''s'"


def test_zsh_offers_every_value_quoted(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    assert protocol("zsh", "countdown list --person russo", registry) == (
        "compadd -U -V unsorted -- 'Anthony Russo' 'Joe Russo'\n"
    )
    assert protocol("zsh", "countdown list --person o'h", registry) == (
        "compadd -U -V unsorted -- 'Catherine O'\\''Hara'\n"
    )


def test_fish_gets_one_value_a_line(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    assert protocol("fish", "countdown list --composer zimm", registry) == "Hans Zimmer\n"


def test_kind_and_status_values_complete(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    assert protocol("bash", "countdown list --kind ", registry) == (
        "film\nalbum\ngame\nseries\nbook\nother\n"
    )
    assert protocol("bash", "countdown list --kind film,a", registry) == "film,album\n"
    assert protocol("bash", "countdown list --status u", registry) == "upcoming\n"
    assert protocol("bash", "countdown timeline --status r", registry) == "released\n"
    assert protocol("bash", "countdown add X --kind s", registry) == "series\n"
    assert protocol("bash", "countdown add X --type st", registry) == "streaming\n"


def test_people_complete_on_a_part_of_their_name(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    assert protocol("bash", "countdown list --person russo", registry) == (
        "Anthony\\ Russo\nJoe\\ Russo\n"
    )
    assert protocol("bash", "countdown list --director villen", registry) == (
        "Denis\\ Villeneuve\n"
    )


# --- the real shells ---------------------------------------------------------------------------


@pytest.fixture
def countdown_on_path(tmp_path: Path) -> dict[str, str]:
    """A `countdown` command on PATH (this interpreter and source tree) and the registry."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "countdown"
    script.write_text(
        f'#!/bin/sh\nexec {sys.executable} -c \'import sys; sys.argv[0] = "countdown"; '
        'from release_countdown.cli.app import main; main()\' "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
        "COUNTDOWN_REGISTRY": daily_registry(tmp_path),
    }


def run_shell(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


BASH = r"""
eval "$(_COUNTDOWN_COMPLETE=source_bash countdown)"
complete -p countdown
for typed in "$@"; do
    read -r -a COMP_WORDS <<< "$typed"
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    _countdown_completion countdown
    for reply in "${COMPREPLY[@]}"; do
        eval "set -- ${COMP_WORDS[*]:0:COMP_CWORD} $reply"
        echo "$# <${!#}>"
    done
done
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_inserts_one_word_per_value(countdown_on_path: dict[str, str]) -> None:
    out = run_shell(
        ["bash", "--norc", "--noprofile", "-c", BASH, "bash",
         "countdown show doomsday", "countdown list --composer zimm",
         "countdown list --person o'h", "countdown show season"],
        countdown_on_path,
    )  # fmt: skip
    assert out == (
        "complete -o default -F _countdown_completion countdown\n"
        "3 <Avengers: Doomsday>\n"
        "4 <Hans Zimmer>\n"
        "4 <Catherine O'Hara>\n"
        "3 <The Bear (Season 5)>\n"
    )


ZSH = r"""
compadd() { print -rl -- "$@" }
words=(${(z)1})
CURRENT=${#words}
eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _COUNTDOWN_COMPLETE=complete_zsh countdown)
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh")
def test_zsh_hands_compadd_whole_values(countdown_on_path: dict[str, str]) -> None:
    for typed, values in (
        ("countdown list --person russo", ["Anthony Russo", "Joe Russo"]),
        ("countdown list --person ohara", ["Catherine O'Hara"]),
        ("countdown show season", ["The Bear (Season 5)"]),
    ):
        out = run_shell(["zsh", "-f", "-c", ZSH, "zsh", typed], countdown_on_path)
        assert out.splitlines() == ["-U", "-V", "unsorted", "--", *values], typed


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish")
def test_fish_completes_parts_of_names(countdown_on_path: dict[str, str]) -> None:
    script = (
        "_COUNTDOWN_COMPLETE=source_fish countdown | source; "
        "for typed in $argv; complete -C $typed; end"
    )
    out = run_shell(
        ["fish", "--no-config", "-c", script, "countdown list --composer zimm",
         "countdown show doomsday", "countdown list --kind "],
        countdown_on_path,
    )  # fmt: skip
    lines = out.splitlines()
    assert "Hans Zimmer" in lines
    assert "Avengers: Doomsday" in lines
    assert {"film", "album", "game", "series", "book", "other"} <= set(lines)
