"""registry/toml_parser.py: with rtoml (the `fast` extra) every document, error and output is
tomli's. Each fixture of the suite, the shapes where the two parsers were found to differ,
generated documents and generated near-TOML text are read both ways."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from release_countdown.accel.fastpath import quick_release
from release_countdown.core.errors import RegistryError
from release_countdown.registry import toml_parser
from release_countdown.registry.locations import bundled_registry
from release_countdown.registry.parse import Parsed, parse_registry
from release_countdown.registry.read import decode_registry
from release_countdown.registry.toml_parser import COMPILED_UNDER, compiled_loads, parse_toml
from tests.conftest import DATA, invoke, tomli_only
from tests.golden import make


def _text_of(path: Path) -> str | None:
    """The registry's text, or None for a file that never reaches a parser (not UTF-8)."""
    try:
        return decode_registry(path.read_bytes(), str(path))
    except RegistryError:
        return None


FILES = sorted((DATA / "valid").glob("*.toml")) + sorted((DATA / "invalid").glob("*.toml"))
REGISTRIES = [path for path in [*FILES, bundled_registry()] if _text_of(path) is not None]


def canonical(value: Any) -> Any:
    """``value`` with every type spelled out, so that equal means the same to the last bit that
    any reader could see (a zone's class, a float's sign, a key's order)."""
    if isinstance(value, dict):
        return ("table", [(key, canonical(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [canonical(item) for item in value])
    if isinstance(value, float):
        return ("float", math.isnan(value), math.copysign(1.0, value), repr(value))
    if isinstance(value, datetime):
        zone = value.tzinfo
        return ("datetime", value.replace(tzinfo=None), type(zone), value.utcoffset())
    assert type(value) in (str, int, bool, date, time), type(value)
    return (type(value).__name__, value)


def outcome(parse: Callable[[str], Any], text: str) -> Any:
    """The canonical document, or the error as tomli words it."""
    try:
        return canonical(parse(text))
    except tomli.TOMLDecodeError as exc:
        return ("error", exc.msg, exc.lineno, exc.colno)
    except RecursionError:
        return ("too deep",)


def parsed_both_ways(text: str, path: str) -> tuple[Parsed, Parsed]:
    with_rtoml = parse_registry(text, path, quick=quick_release)
    with tomli_only():
        without = parse_registry(text, path, quick=quick_release)
    return with_rtoml, without


def same_parse(a: Parsed, b: Parsed) -> None:
    assert [(release, spot.index) for release, spot in a.releases] == [
        (release, spot.index) for release, spot in b.releases
    ]
    assert a.problems == b.problems
    assert a.follows == b.follows


def test_the_suite_runs_on_rtoml() -> None:
    """The test extra installs rtoml, so every test of the suite reads registries with it."""
    assert compiled_loads() is not None


@pytest.mark.parametrize("path", REGISTRIES, ids=[p.stem for p in REGISTRIES])
def test_every_fixture_reads_the_same(path: Path) -> None:
    text = _text_of(path)
    assert text is not None
    assert outcome(parse_toml, text) == outcome(tomli.loads, text)
    same_parse(*parsed_both_ways(text, str(path)))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The golden cases' 1k registry, repeated to 3k titles: read in blocks by rtoml."""
    path = make.generate(3000, tmp_path_factory.mktemp("toml-parser"))
    return path.read_text(encoding="utf-8")


def test_a_large_registry_reads_the_same_in_blocks(synthetic: str) -> None:
    assert len(synthetic) >= COMPILED_UNDER  # rtoml takes it a [[release]] at a time
    with_rtoml, without = parsed_both_ways(synthetic, "big.toml")
    assert len(with_rtoml.releases) == 3000
    same_parse(with_rtoml, without)


def test_a_large_registry_with_an_error_words_it_as_tomli(synthetic: str) -> None:
    broken = synthetic.replace('title = "', 'title = "unclosed\n', 1)
    with_rtoml, without = parsed_both_ways(broken, "big.toml")
    assert with_rtoml.problems == without.problems
    assert with_rtoml.problems[0].message.startswith("TOML syntax error: ")


# Where rtoml 0.14 and tomli 2.x were found to differ, and their neighbours.
EDGES = [
    "a = 1979-05-27T07:32:00Z",  # rtoml's zone is its own TzInfo
    "a = 1979-05-27t07:32:00z",
    "a = 1979-05-27 07:32:00-07:00",
    "a = 1979-05-27T07:32:00.999999999+05:30",
    "a = 1979-05-27T07:32:00-00:00",
    "a = [{b = 2000-01-01T00:00:00+01:00}, [1979-05-27T07:32Z]]",
    'a = "12:30+ in a string, no date-time at all"',
    "\ufeffa = 1",  # a byte order mark: rtoml takes it, tomli refuses it
    "\ufeff\ufeffa = 1",
    "a = 1e400",  # tomli: inf; rtoml: an error
    "a = -1e400",
    "a = 99999999999999999999",
    "a = -99999999999999999999",
    'a = "\ud800"',  # a lone surrogate: tomli keeps it, rtoml cannot take it
    "a = " + "[" * 100 + "]" * 100,  # rtoml stops at about 80 levels
    "a = " + "[" * 2000 + "]" * 2000,  # tomli: RecursionError
    "a = nan\nb = -nan\nc = +inf\nd = -inf\ne = -0.0",
    "a = 07:32:00.1234567\nb = 1979-05-27\nc = 1979-05-27T07:32",
    "a = 2024-02-30",
    "a = 1979-05-27T07:32:60Z",
    "a = 1\rb = 2",
    'a = "\\e\\x41"\nb = {\nc = 1,\n}',  # TOML 1.1, in both
    "[a]\nb = 1\n[a]",
    'a = """x\r\ny"""',  # rtoml keeps the CR of a multi-line string's line break
    "a = '''x\r\ny\r\n'''",
    'a = """x\\\r\n   y"""\r\nb = 1',
    'a = "x"\r\nb = """y\nz"""',
]


@pytest.mark.parametrize("text", EDGES)
def test_edges_read_as_tomli_reads_them(text: str) -> None:
    assert outcome(parse_toml, text) == outcome(tomli.loads, text)


def test_zones_are_tomlis_where_rtoml_parsed() -> None:
    document = toml_parser._compiled("a = 1979-05-27T07:32:00+05:30\nb = [2000-01-01T00:00:00Z]")
    assert document is not None  # rtoml's document, its zones replaced
    assert canonical(document) == canonical(tomli.loads("a = 1979-05-27T07:32:00+05:30\n"
                                                        "b = [2000-01-01T00:00:00Z]"))  # fmt: skip


def test_any_rtoml_failure_gives_tomlis_exact_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> Any:
        raise RuntimeError("a fault inside the compiled parser")

    monkeypatch.setattr(toml_parser, "compiled_loads", lambda: broken)
    path = DATA / "invalid" / "syntax-duplicate-key.toml"
    text = path.read_text(encoding="utf-8")
    with pytest.raises(tomli.TOMLDecodeError) as raised:
        parse_toml(text)
    with pytest.raises(tomli.TOMLDecodeError) as expected:
        tomli.loads(text)
    assert (raised.value.msg, raised.value.lineno, raised.value.colno) == (
        expected.value.msg,
        expected.value.lineno,
        expected.value.colno,
    )
    valid = (DATA / "valid" / "full-example.toml").read_text(encoding="utf-8")
    assert canonical(parse_toml(valid)) == canonical(tomli.loads(valid))


@pytest.mark.parametrize("path", REGISTRIES, ids=[p.stem for p in REGISTRIES])
def test_without_rtoml_the_output_is_identical(path: Path) -> None:
    args = ("list", "--all", "--json", "--as-of", "2024-01-01", "--registry", str(path))
    with_rtoml = invoke(*args)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "rtoml", None)  # not installed: `import rtoml` fails
        compiled_loads.cache_clear()
        try:
            assert compiled_loads() is None
            without = invoke(*args)
        finally:
            compiled_loads.cache_clear()
    assert (without.exit_code, without.stdout, without.stderr) == (
        with_rtoml.exit_code,
        with_rtoml.stdout,
        with_rtoml.stderr,
    )


# --- generated documents ------------------------------------------------------------------

BARE = st.text("abcXYZ019_-", min_size=1, max_size=6)
ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\x1b": "\\e", "\r": "\\r"}


@st.composite
def basic_string(draw: st.DrawFn, text: str) -> str:
    """``text`` as a basic string, each character written plainly or escaped."""
    out = []
    for char in text:
        plain = char not in ESCAPES and (char >= " " and char != "\x7f")
        form = draw(st.sampled_from(["plain", "u", "U", "x"] if plain else ["short", "u", "U"]))
        if form == "plain":
            out.append(char)
        elif form == "short" and char in ESCAPES:
            out.append(ESCAPES[char])
        elif form == "x" and ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) < 0x10000 and form != "U":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


TEXTS = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


@st.composite
def string(draw: st.DrawFn) -> str:
    """One string value in any of TOML's four forms; multi-line ones with raw line breaks."""
    text = draw(TEXTS)
    literal = all((c >= " " or c == "\t") and c not in "'\x7f" for c in text)
    form = draw(st.sampled_from(["basic", "literal", "multi", "multi-literal"]))
    if form == "literal" and literal:
        return f"'{text}'"
    if form == "basic":
        return draw(basic_string(text))
    breaks = st.sampled_from(["\n", "\r\n"])
    lines = draw(st.lists(st.just(text) | TEXTS, min_size=1, max_size=3))
    first = draw(st.sampled_from(["", "\n", "\r\n"]))  # a break right after the quotes
    if form == "multi-literal" and all(
        all((c >= " " or c == "\t") and c not in "'\x7f" for c in line) for line in lines
    ):
        return "'''" + first + "".join(line + draw(breaks) for line in lines) + "x'''"
    body = "".join(draw(basic_string(line))[1:-1] + draw(breaks) for line in lines)
    return f'"""{first}{body}x"""'


@st.composite
def key(draw: st.DrawFn, name: str) -> str:
    if all(c.isascii() and (c.isalnum() or c in "_-") for c in name) and draw(st.booleans()):
        return name
    return draw(basic_string(name))


def digits(draw: st.DrawFn, number: int) -> str:
    text = str(number)
    if len(text) > 2 and draw(st.booleans()):
        return text[0] + "_" + text[1:]
    return text


@st.composite
def integer(draw: st.DrawFn) -> str:
    number = draw(st.integers(-(2**63), 2**63 - 1))
    form = draw(st.sampled_from(["dec", "hex", "oct", "bin"]))
    if form == "dec" or number < 0:
        return ("-" if number < 0 else draw(st.sampled_from(["", "+"]))) + digits(draw, abs(number))
    return {"hex": f"0x{number:x}", "oct": f"0o{number:o}", "bin": f"0b{number:b}"}[form]


@st.composite
def floating(draw: st.DrawFn) -> str:
    special = draw(st.sampled_from(["inf", "nan", None, None, None, None]))
    if special:
        return draw(st.sampled_from(["", "+", "-"])) + special
    mantissa = draw(st.integers(0, 10**17))
    fraction = draw(st.integers(0, 10**9))
    exponent = draw(st.integers(-330, 310))
    sign = draw(st.sampled_from(["", "+", "-"]))
    if draw(st.booleans()):
        return f"{sign}{mantissa}.{fraction}"
    return f"{sign}{mantissa}.{fraction}e{exponent:+d}"


@st.composite
def moment(draw: st.DrawFn) -> str:
    day = draw(st.dates(date(1, 1, 1), date(9999, 12, 31))).isoformat()
    clock = draw(st.times()).isoformat(timespec="seconds")
    form = draw(st.sampled_from(["seconds", "fraction", "minutes"]))  # no seconds: TOML 1.1
    if form == "fraction":
        clock += "." + draw(st.text("0123456789", min_size=1, max_size=9))
    elif form == "minutes":
        clock = clock[:5]
    kind = draw(st.sampled_from(["date", "time", "local", "offset"]))
    if kind == "date":
        return day
    if kind == "time":
        return clock
    separator = draw(st.sampled_from("Tt "))
    if kind == "local":
        return f"{day}{separator}{clock}"
    hours, minutes = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    zone = draw(
        st.sampled_from(["Z", "z", f"+{hours:02d}:{minutes:02d}", f"-{hours:02d}:{minutes:02d}"])
    )
    return f"{day}{separator}{clock}{zone}"


SCALARS = st.one_of(string(), integer(), floating(), moment(), st.sampled_from(["true", "false"]))


def nested(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    separators = st.sampled_from([", ", ",", ",\n  ", " ,"])
    arrays = st.builds(
        lambda items, sep, trail: "[" + sep.join(items) + ("," if trail and items else "") + "]",
        st.lists(children, max_size=4),
        separators,
        st.booleans(),
    )
    tables = st.builds(
        lambda pairs: "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}",
        st.lists(st.tuples(BARE, children), max_size=3, unique_by=lambda p: p[0]),
    )
    return arrays | tables


VALUES = st.recursive(SCALARS, nested, max_leaves=8)


@st.composite
def document(draw: st.DrawFn) -> str:
    names = draw(st.lists(TEXTS, max_size=5, unique=True))
    lines = [f"{draw(key(name))} = {draw(VALUES)}" for name in names]
    for index in range(draw(st.integers(0, 3))):
        header = draw(st.sampled_from(["[t{}]", "[[a{}]]", "[t{}.sub]", "[[a{}.items]]"]))
        lines.append(header.format(index) + draw(st.sampled_from(["", " # a comment"])))
        pairs = draw(st.lists(BARE, max_size=3, unique=True))
        lines += [f"{draw(key(name))} = {draw(VALUES)}" for name in pairs]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@settings(max_examples=300, deadline=None)
@given(document())
def test_generated_documents_read_as_tomli_reads_them(text: str) -> None:
    expected = outcome(tomli.loads, text)
    assert outcome(parse_toml, text) == expected
    compiled = toml_parser._compiled(text)
    if compiled is not None:  # what rtoml gave, zones replaced: exactly tomli's document
        assert canonical(compiled) == expected


TOKENS = [
    "a", "b", "1", "0", "_", "-", "+", ".", "e", "x", "=", " ", "\t", "\n", "\r", "#", ",",
    "[", "]", "{", "}", '"', "'", "\\", "u", "T", "Z", ":", "2024-01-02", "07:32:00",
    "inf", "nan", "true", "\ufeff", "\x7f", "\x00", "\x1f", "\u2028", "é",
]  # fmt: skip


@st.composite
def near_toml(draw: st.DrawFn) -> str:
    """A generated document with a token put in, or a character taken out, somewhere."""
    text = draw(document())
    at = draw(st.integers(0, len(text)))
    if text and draw(st.booleans()):
        return text[:at] + text[at + 1 :]
    return text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]


@settings(max_examples=500, deadline=None)
@given(near_toml() | st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_rtoml_never_takes_what_tomli_refuses(text: str) -> None:
    """Near-TOML text: whatever rtoml's answer would be kept, tomli gives the same."""
    compiled = toml_parser._compiled(text)
    if compiled is not None:
        assert canonical(compiled) == outcome(tomli.loads, text)
    assert outcome(parse_toml, text) == outcome(tomli.loads, text)
