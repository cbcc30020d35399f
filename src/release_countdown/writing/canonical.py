"""`countdown fmt`: a registry in canonical form, so that team registries diff and merge well.

Follows sorted by name before the releases (``[[follow]]``, keys in a fixed order), releases
sorted by id, keys in a fixed order, one ``[[release]]`` table per release with its
``[release.people]``, ``[[release.dates]]`` and ``[[release.history]]`` tables, one blank
line between tables, ``key = value`` spacing normalised; values keep their own spelling, and
comments stay with the release, table or key they precede (inline comments with their key).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from release_countdown.registry.format import (
    DATE_KEYS,
    FOLLOW_KEYS,
    HISTORY_KEYS,
    ID_KEYS,
    RELEASE_KEYS,
    SUBTABLES,
)
from release_countdown.registry.positions import Locator, Where

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

SCALAR_ORDER = tuple(k for k in RELEASE_KEYS if k not in SUBTABLES)


def _bare(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _quoted(key)


def _quoted(text: str) -> str:
    import tomlkit

    return tomlkit.string(text).as_string()


def _value(item: Any) -> str:
    """A value as written (arrays and strings keep their spelling), without its comment."""
    import tomlkit

    value = item if hasattr(item, "as_string") else tomlkit.item(item)
    text: str = value.as_string()
    return text.strip()


def _comment(item: Any) -> str:
    trivia = getattr(item, "trivia", None)
    comment = getattr(trivia, "comment", "") if trivia is not None else ""
    return f"  {comment.strip()}" if comment and comment.strip() else ""


class _Writer:
    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.lines: list[str] = []

    def comments(self, where: Where) -> None:
        self.lines.extend(self.locator.comments.get(where, []))

    def keys(self, where: Where, table: Any, order: Sequence[str]) -> None:
        known = [k for k in order if k in table]
        others = [k for k in table if k not in order and k not in SUBTABLES]
        for key in [*known, *others]:
            item = table[key]
            if _is_table(item) or _is_array_of_tables(item):
                continue
            self.comments((*where, key))
            self.lines.append(f"{_bare(key)} = {_value(item)}{_comment(item)}")

    def header(self, where: Where, text: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.comments(where)
        self.lines.append(text)


def _is_table(item: Any) -> bool:
    return isinstance(item, dict)


def _is_array_of_tables(item: Any) -> bool:
    return isinstance(item, list) and bool(item) and all(isinstance(i, dict) for i in item)


def canonical_text(text: str, document: TOMLDocument, ids: Sequence[str]) -> str:
    """The canonical form of a valid registry (``ids``: its releases' ids, in file order)."""
    locator = Locator(text)
    writer = _Writer(locator)
    preamble = [k for k in document if k not in ("release", "follow")]
    for key in preamble:
        writer.comments((key,))
        writer.lines.append(f"{_bare(key)} = {_value(document[key])}{_comment(document[key])}")
    follows = list(document.get("follow", []))
    for index in sorted(range(len(follows)), key=lambda i: str(follows[i].get("name"))):
        writer.header(("follow", index), "[[follow]]")
        writer.keys(("follow", index), follows[index], FOLLOW_KEYS)
    tables = list(document.get("release", []))
    order = sorted(range(len(ids)), key=lambda i: ids[i])
    for index in order:
        where: Where = ("release", index)
        table = tables[index]
        writer.header(where, "[[release]]")
        writer.keys(where, table, SCALAR_ORDER)
        for key in ("people", "ids"):
            if key in table:
                writer.header((*where, key), f"[release.{key}]")
                writer.keys((*where, key), table[key], ID_KEYS if key == "ids" else ())
        for key, keys in (("dates", DATE_KEYS), ("history", HISTORY_KEYS)):
            for position, entry in enumerate(table.get(key, [])):
                writer.header((*where, key, position), f"[[release.{key}]]")
                writer.keys((*where, key, position), entry, keys)
        for key in table:
            if key not in SUBTABLES and _is_table(table[key]):
                writer.header((*where, key), f"[release.{_bare(key)}]")
                writer.keys((*where, key), table[key], ())
    if locator.trailing_comments:
        writer.lines += ["", *locator.trailing_comments]
    while writer.lines and writer.lines[0] == "":
        writer.lines.pop(0)
    return "\n".join(writer.lines) + "\n" if writer.lines else ""


def format_registry(text: str, path: str) -> str:
    """The canonical text of a valid registry, checked to mean exactly what ``text`` means."""
    import tomlkit

    from release_countdown.core.errors import CountdownError
    from release_countdown.registry.load import check_follows, check_text

    releases, _ = check_text(text, path)
    formatted = canonical_text(text, tomlkit.parse(text), [r.id for r in releases])
    again, problems = check_text(formatted, path)
    follows, _ = check_follows(text, path)
    kept = sorted(f._replace(line=0) for f in follows)
    if (
        any(not p.warning for p in problems)
        or again != sorted(releases, key=lambda r: r.id)
        or [f._replace(line=0) for f in check_follows(formatted, path)[0]] != kept
    ):
        raise CountdownError(
            f"{path}: fmt could not keep the meaning of this file; nothing was written"
        )
    return formatted
