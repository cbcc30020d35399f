"""The README's examples work: each `countdown …` line of its sh and console blocks is run.

A reader follows the README from the top in a new home, so the examples run in the order
written, in one temporary HOME and XDG folders (what one example writes, the next one reads),
each checked for its exit code: 0 unless the README says otherwise. A block says otherwise
with a comment on the line before its opening fence (invisible on a rendered page):

    <!-- examples: exit 2 -->                  every command of the block exits 2
    <!-- examples: bundled registry -->        the block reads the bundled titles (the
                                               README says how: --registry data/releases.toml)
    <!-- examples: skip (why) -->              the block is not run (it reaches a source,
                                               starts a server, sends a notification)

Only the `countdown` part of a shell line runs (in process): `&&` and `;` separate commands,
after a `|` the rest of the pipeline is dropped, `> FILE` writes stdout to FILE, `NAME=value`
before it sets the environment, and `~/` is the temporary home.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from release_countdown.cli.app import COMMANDS, app
from release_countdown.registry.locations import bundled_registry

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PROGRAMS = ("countdown", "release-countdown")
MARKER = re.compile(
    r"<!-- examples: (exit (?P<code>\d+)|(?P<bundled>bundled registry)|skip \(.+\)) -->"
)
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True)
class Example:
    line: int  # 1-based line of the README
    text: str
    argv: list[str]
    env: dict[str, str]
    stdout_to: str | None
    exit_code: int


def commands_of(shell_line: str) -> list[tuple[list[str], dict[str, str], str | None]]:
    """The `countdown` commands of one shell line: (argv, environment, stdout file)."""
    lexer = shlex.shlex(shell_line, posix=True, punctuation_chars=";&|<>")
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token in ("&&", ";", "||"):
            commands.append([])
        elif token == "|":
            commands.append(["|"])  # the rest of a pipeline (jq, …) is not ours to run
        else:
            commands[-1].append(token)
    return [found for words in commands if (found := countdown_command(words))]


def countdown_command(words: list[str]) -> tuple[list[str], dict[str, str], str | None] | None:
    env: dict[str, str] = {}
    while words and ASSIGNMENT.match(words[0]):
        name, value = words[0].split("=", 1)
        env[name] = value
        words = words[1:]
    if not words or words[0] not in PROGRAMS:
        return None
    stdout_to = None
    if ">" in words:
        at = words.index(">")
        stdout_to = words[at + 1]
        words = words[:at] + words[at + 2 :]
    return words[1:], env, stdout_to


def never_ends(argv: list[str]) -> bool:
    """A command that runs until it is stopped (its block must be skipped)."""
    return argv[:1] == ["serve"] or (argv[:1] == ["watch"] and "--once" not in argv)


def readme_examples(text: str) -> list[Example]:
    examples = []
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        fence = re.fullmatch(r"```(sh|console)", lines[number])
        if not fence:
            number += 1
            continue
        marker = MARKER.fullmatch(lines[number - 1]) if number else None
        if number and lines[number - 1].startswith("<!-- examples") and not marker:
            raise AssertionError(f"README.md:{number}: unknown marker {lines[number - 1]!r}")
        skip = marker is not None and marker["code"] is None and marker["bundled"] is None
        env = (
            {"COUNTDOWN_REGISTRY": str(bundled_registry())} if marker and marker["bundled"] else {}
        )
        code = int(marker["code"]) if marker and marker["code"] else 0
        number += 1
        while lines[number] != "```":
            line = lines[number]
            number += 1
            if fence[1] == "console":
                if not line.startswith("$ "):
                    continue  # output
                line = line[2:]
            if skip:
                continue
            for argv, assignments, stdout_to in commands_of(line):
                example_env = {**env, **assignments}
                examples.append(Example(number, line.strip(), argv, example_env, stdout_to, code))
        number += 1
    return examples


def test_every_readme_example_runs_in_order_in_a_new_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    examples = readme_examples(README.read_text(encoding="utf-8"))
    assert len(examples) >= 20  # the extraction found the README's examples
    failures = []
    for example in examples:
        if never_ends(example.argv):
            failures.append(
                f"README.md:{example.line}: {example.text}\n  runs until stopped: mark it"
            )
            continue
        argv = [str(home) + word[1:] if word.startswith("~/") else word for word in example.argv]
        result = CliRunner().invoke(app, argv, env=example.env, catch_exceptions=False)
        if example.stdout_to is not None:
            (work / example.stdout_to).write_bytes(result.stdout_bytes)
        if result.exit_code != example.exit_code:
            failures.append(
                f"README.md:{example.line}: {example.text}\n"
                f"  exit {result.exit_code}, the README expects {example.exit_code}\n"
                f"  {result.stderr.strip()}"
            )
    assert not failures, "\n".join(failures)


def test_the_extraction_finds_commands_in_shell_lines() -> None:
    line = "python3 -m venv .venv && . .venv/bin/activate && pip install . && countdown list --all"
    assert commands_of(line) == [(["list", "--all"], {}, None)]
    line = "X=1 countdown list --json | jq '.[].title'  # note"
    assert commands_of(line) == [(["list", "--json"], {"X": "1"}, None)]
    assert commands_of("countdown list --format csv > t.csv") == [
        (["list", "--format", "csv"], {}, "t.csv")
    ]
    assert commands_of("pipx install .        # or: uv tool install .") == []
    assert never_ends(["serve", "--port", "9000"])
    assert never_ends(["watch", "dune"])
    assert not never_ends(["watch", "--once"])


def test_a_failing_example_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "```console\n$ countdown init\n$ countdown init   # again\n```\n"
    examples = readme_examples(text)
    assert [(e.line, e.argv) for e in examples] == [(2, ["init"]), (3, ["init"])]
    codes = [CliRunner().invoke(app, e.argv).exit_code for e in examples]
    assert codes == [0, 2]  # init over an existing registry: the test would report it
    marked = readme_examples("<!-- examples: exit 2 -->\n```sh\ncountdown init\n```\n")
    assert [e.exit_code for e in marked] == [2]
    assert readme_examples("<!-- examples: skip (a source) -->\n```sh\ncountdown x\n```\n") == []
    bundled = readme_examples("<!-- examples: bundled registry -->\n```sh\ncountdown list\n```\n")
    assert bundled[0].env == {"COUNTDOWN_REGISTRY": str(bundled_registry())}


# Commands whose README row a helper proposed in its report (helpers do not edit the README):
# the lead adds the row at merge and empties this set.
README_PENDING: set[str] = set()  # issues 26, 27: the lead adds their README rows


def test_the_commands_table_lists_every_command_once() -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split("### Commands\n", 1)[1].strip().split("\n\n", 1)[0]
    listed = re.findall(r"^\| `countdown ([a-z]+)", table, flags=re.MULTILINE)
    assert not README_PENDING & set(listed), "in the README now: empty README_PENDING"
    expected = sorted(set(COMMANDS) - README_PENDING)
    assert sorted(listed) == expected, "README's commands table vs countdown --help"


def test_the_sample_table_is_what_the_command_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    intro = "`COLUMNS=80 countdown list --as-of 2023-07-08 | cat` on the bundled registry"
    assert intro in text, "the README names the command that prints its sample table"
    sample = text.split(intro, 1)[1].split("```text\n", 1)[1].split("```\n", 1)[0]
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner().invoke(app, ["list", "--as-of", "2023-07-08"])
    assert result.exit_code == 0
    assert result.stdout == sample
