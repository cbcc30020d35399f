"""Where things are in a registry's text: line and column of keys and tables, and the
comments above them. tomli returns values without positions; this scan recovers them, and
runs only when a message needs a position (``LazyLocator``) or for `fmt`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

Where = tuple[Any, ...]  # a path into the document: ("release", 3, "dates", 0, "date")

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A table header, a key and what hides brackets (strings, comments): compiled at the first
    scan, not at import, as every registry read imports this module and few scan."""
    return (
        re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?"),
        re.compile(rf"\s*((?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*)\s*=\s*"),
        re.compile(rf"{_QUOTED}|#.*"),
    )


def _key_parts(dotted: str) -> list[str]:
    parts = re.findall(rf"{_BARE}|{_QUOTED}", dotted)
    return [p[1:-1] if p[0] in "\"'" else p for p in parts]


def _bracket_balance(text: str) -> int:
    bare = _patterns()[2].sub("", text)
    return bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")


class Locator:
    """Maps document paths to (line, column) by scanning the TOML source.

    tomli returns plain values without positions; this scan recovers them for the shapes
    registries use (``[[release]]`` tables, their sub-tables, ``key = value`` lines). Where a
    shape is unusual it falls back to the nearest enclosing table.
    """

    def __init__(self, text: str) -> None:
        header_pattern, key_pattern, _ = _patterns()
        self.positions: dict[Where, tuple[int, int]] = {}
        # Comment lines above each header or key (what `fmt` keeps with them), and after all.
        self.comments: dict[Where, list[str]] = {}
        self.trailing_comments: list[str] = []
        pending: list[str] = []
        counts: dict[Where, int] = {}
        context: Where = ()
        depth = 0  # open brackets of a multi-line value
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            if depth > 0:
                depth += _bracket_balance(line)
                continue
            if line.lstrip().startswith("#"):
                pending.append(line.strip())
                continue
            header = header_pattern.fullmatch(line)
            if header and not key_pattern.match(line):
                parts = _key_parts(header[2])
                if header[1] == "[[":
                    context = self._array_item(parts, context, counts)
                else:
                    context = self._table(parts, context)
                self.positions.setdefault(context, (number, 1))
                if pending:
                    self.comments[context], pending = pending, []
                continue
            key = key_pattern.match(line)
            if not key:
                continue
            path = context + tuple(_key_parts(key[1]))
            self.positions.setdefault(path, (number, key.end() + 1))
            if pending:
                self.comments[path], pending = pending, []
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2:
                    in_string = quote
            depth = max(_bracket_balance(rest), 0)
        self.trailing_comments = pending

    @staticmethod
    def _parent(parts: list[str], context: Where) -> Where:
        """The innermost open array item whose name prefixes ``parts`` (e.g. release #3)."""
        path: Where = ()
        for number, part in enumerate(parts, start=1):
            path += (part,)
            inner = number < len(parts)
            if (
                inner
                and len(context) > len(path)
                and context[: len(path)] == path
                and isinstance(context[len(path)], int)
            ):
                path += (context[len(path)],)
        return path

    def _array_item(self, parts: list[str], context: Where, counts: dict[Where, int]) -> Where:
        table = self._parent(parts, context)
        index = counts.get(table, 0)
        counts[table] = index + 1
        return (*table, index)

    def _table(self, parts: list[str], context: Where) -> Where:
        return self._parent(parts, context)

    def find(self, where: Where) -> tuple[int | None, int | None]:
        for end in range(len(where), 0, -1):
            if (found := self.positions.get(where[:end])) is not None:
                return found
        return None, None


class LazyLocator:
    """A Locator built on first use: scanning a large file only pays off when there is a
    problem to point at."""

    def __init__(self, text: str | Callable[[], str]) -> None:
        # The text, or a function giving it (a cache hit decodes the file only for a message).
        self._text = text
        self._locator: Locator | None = None

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    def find(self, where: Where) -> tuple[int | None, int | None]:
        return self.locator.find(where)


class Spot:
    """Where a release is in its file (the file's locator and the release's index), looked up
    only when a message needs a line."""

    __slots__ = ("index", "locator")

    def __init__(self, locator: LazyLocator, index: int) -> None:
        self.locator, self.index = locator, index

    def find(self, *keys: str | int) -> tuple[int | None, int | None]:
        """Line and column of the release, or of a key inside it (``spot.find("checked")``)."""
        return self.locator.find(("release", self.index, *keys))

    def __getitem__(self, item: int) -> int | None:
        return self.find()[item]

    def __iter__(self) -> Iterator[int | None]:
        return iter(self.find())
