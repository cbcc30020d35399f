"""One registry's text to validated releases: TOML parsing (registry/toml_parser.py: tomli's
document and errors, rtoml's speed when installed), then the checker.

Large files are parsed a ``[[release]]`` block at a time, so that their parsed tables never
all exist at once (peak memory); anything unusual is parsed whole, which also words any
syntax error precisely. Problems are returned, not raised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, tzinfo
from typing import Any, Final, NamedTuple

from release_countdown.core.errors import Problem
from release_countdown.core.follow import Follow
from release_countdown.core.model import Release
from release_countdown.registry.format import SCHEMA_VERSION, TOP_KEYS
from release_countdown.registry.positions import LazyLocator, Spot
from release_countdown.registry.values import Fields, Reporter, type_name

# A faster way to check a well-formed release table (accel/fastpath.py): returns the Release
# the checker would build, or None to leave the table to the checker.
QuickCheck = Callable[[Any, str, "tzinfo | None"], "Release | None"]

CHUNKED_FROM: Final = 16 * 1024 * 1024  # characters from which tomli parses a file in chunks


class Parsed(NamedTuple):
    """A file's releases in file order, with where each is, and its follows."""

    releases: list[tuple[Release, Spot]]
    problems: list[Problem]
    follows: list[Follow]


_RELEASE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*release[ \t]*\]\][ \t]*(#.*)?$", re.MULTILINE)
_OTHER_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_FOLLOW_HEADER = re.compile(r"[ \t]*\[\[[ \t]*follow[ \t]*\]\][ \t]*(#.*)?$")
_PLAIN_HEADERS: Final = ("release", "release.dates", "release.history", "follow")


def release_chunks(text: str) -> list[tuple[int, int]] | None:
    """Offsets of the preamble and of each ``[[release]]`` block, or None for any other shape.
    The preamble may hold ``[[follow]]`` tables (where `fmt` puts them); a follow after the
    first release is another shape.

    Multi-line strings could hide a header line, so a file with any is not split.
    """
    if '"""' in text or "'''" in text:
        return None
    starts = _plain_release_starts(text)
    if starts is None:
        starts = [0, *(m.start() for m in _RELEASE_HEADER.finditer(text))]
    if len(starts) > 1 and not _follows_only(text, starts[1]):
        return None  # another table before the first release: not the usual shape
    if len(starts) > 1 and _follow_after(text, starts[1]):
        return None  # a follow after the first release
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


def _follows_only(text: str, end: int) -> bool:
    """Whether every table header before ``end`` is a ``[[follow]]``."""
    for found in _OTHER_HEADER.finditer(text, 0, end):
        line_end = text.find("\n", found.start(), end)
        if not _FOLLOW_HEADER.match(text, found.start(), end if line_end == -1 else line_end):
            return False
    return True


def _follow_after(text: str, start: int) -> bool:
    """Whether a ``[[follow]]`` header line comes after ``start`` (each "follow" in the text
    looked at on its own line: str.find, not a regular expression over the whole text)."""
    at = text.find("follow", start)
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        if _FOLLOW_HEADER.match(text, line_start, len(text) if line_end == -1 else line_end):
            return True
        at = text.find("follow", at + 6)
    return False


def _plain_release_starts(text: str) -> list[int] | None:
    """The chunk starts when every ``[[`` in the text opens a line that is exactly
    ``[[release]]``, ``[[release.dates]]`` or ``[[release.history]]`` (as ``fmt`` writes
    them): found with str.find, many times faster than the regular expression. None for
    anything else."""
    text = "\n" + text  # every header line now follows a newline
    plain = sum(text.count(f"\n[[{name}]]\n") for name in _PLAIN_HEADERS)
    if text.count("[[") != plain:
        return None
    starts = [0]
    at = text.find("\n[[release]]\n")
    while at != -1:
        starts.append(at)  # the header's offset in the text as given
        at = text.find("\n[[release]]\n", at + 1)
    return starts


class _Unchunkable(Exception):
    pass


def chunked_tables(text: str, chunks: list[tuple[int, int]]) -> Iterator[Any]:
    """The release tables of ``text``, parsed one block at a time."""
    from release_countdown.registry.toml_parser import parse_toml

    for start, end in chunks[1:]:
        document = parse_toml(text[start:end])
        tables = document.get("release")
        if len(document) != 1 or not isinstance(tables, list) or len(tables) != 1:
            raise _Unchunkable
        yield tables[0]


def _syntax_hint(text: str, line: int | None) -> str:
    """What tomli's message leaves out, for the mistakes people make most."""
    if line is None:
        return ""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    for token in re.findall(r"(?<![\d\"'])(\d{4}-\d{2}-\d{2})(?![\d\"'])", source):
        try:
            date.fromisoformat(token)
        except ValueError as exc:
            return f" ({token} is not a calendar date: {exc})"
    return ""


def chunked_from() -> int:
    """The length from which a text is parsed a block at a time: tomli's peak memory from
    ``CHUNKED_FROM``; rtoml's, and its time (less garbage collection), from the most it
    parses at once (docs/performance.md)."""
    from release_countdown.registry.toml_parser import COMPILED_UNDER, compiled_loads

    return CHUNKED_FROM if compiled_loads() is None else COMPILED_UNDER


def parse_registry(
    text: str, path: str, *, tz: tzinfo | None = None, quick: QuickCheck | None = None
) -> Parsed:
    """Parse and validate one registry's text."""
    import tomli

    from release_countdown.registry.toml_parser import parse_toml

    if len(text) >= chunked_from() and (chunks := release_chunks(text)) is not None:
        try:
            preamble = parse_toml(text[: chunks[0][1]])
            if "release" in preamble:
                raise _Unchunkable
            return _validate(text, path, tz, preamble, chunked_tables(text, chunks), quick=quick)
        except (tomli.TOMLDecodeError, RecursionError, _Unchunkable):
            pass  # the whole parse below says precisely what is wrong
    try:
        document = parse_toml(text)
    except tomli.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", str(exc))
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        hint = _syntax_hint(text, line)
        return Parsed([], [Problem(path, f"TOML syntax error: {msg}{hint}", line, column)], [])
    except RecursionError:
        return Parsed(
            [], [Problem(path, "TOML arrays or tables are nested too deeply to read")], []
        )
    items = document.pop("release", [])
    return _validate(text, path, tz, document, items, quick=quick)


def _validate(
    text: str,
    path: str,
    tz: tzinfo | None,
    document: dict[str, Any],
    items: Any,
    *,
    quick: QuickCheck | None,
) -> Parsed:
    """Check the top level of ``document``, then each release table of ``items`` in turn."""
    from release_countdown.registry.checker import check_follow, check_release

    parsed = Parsed([], [], [])
    locator = LazyLocator(text)
    reporter = Reporter(path, locator)
    top = Fields(reporter, "", tz)
    top.unknown_keys((), {**document, "release": None}, TOP_KEYS)
    schema = document.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        top.report(("schema",), f"schema must be a positive integer (schema = {SCHEMA_VERSION})")
    elif schema > SCHEMA_VERSION:
        from release_countdown.core.install import upgrade_command

        top.report(
            ("schema",),
            f"schema {schema} is newer than this release-countdown understands "
            f"(schema {SCHEMA_VERSION}): upgrade release-countdown ({upgrade_command()})",
        )
        parsed.problems.extend(reporter.problems)
        return parsed
    follows = document.get("follow", [])
    if not isinstance(follows, list):
        top.report(
            ("follow",),
            f"follow must be an array of tables written as [[follow]], not {type_name(follows)}",
        )
        follows = []
    for index, item in enumerate(follows):
        follow = check_follow(reporter, index, item, tz)
        if follow is not None:
            parsed.follows.append(follow)
    if not isinstance(items, list | Iterator):
        top.report(
            ("release",),
            f"release must be an array of tables written as [[release]], not {type_name(items)}",
        )
        items = []
    for index, item in enumerate(items):
        release = (quick and quick(item, path, tz)) or check_release(
            reporter, index, item, path, tz
        )
        if release is not None:
            parsed.releases.append((release, Spot(locator, index)))
        if isinstance(items, list):
            items[index] = None  # let the parsed table go: peak memory stays near one copy
    parsed.problems.extend(reporter.problems)
    return parsed
