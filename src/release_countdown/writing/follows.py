"""The edits of a registry's ``[[follow]]`` tables: pure tomlkit edits (``add_follow``,
``remove_follow``, ``ignore_refs``), made through writing/change.change_registry with
``on_follows``, which hands them only the part of the file that holds the follows.

Where `fmt` puts them, before the first release, that part is the file's preamble: an edit
parses it alone (a registry of 10,000 titles is not parsed by tomlkit for a follow), keeps
every other byte, and keeps it canonical when it was (follows sorted by name). A file of
another shape is parsed whole, and a new follow goes at its end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from release_countdown.core.errors import NotFoundError, UsageError
from release_countdown.core.follow import Follow
from release_countdown.registry.format import FOLLOW_KEYS

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

    from release_countdown.core.model import Release
    from release_countdown.writing.change import NewText

R = TypeVar("R")


def follow_table(follow: Follow) -> Any:
    """A follow as a ``[[follow]]`` table, keys in canonical order; defaults of the lists
    (none: every job, type and kind) left out."""
    import tomlkit

    table = tomlkit.table()
    values: dict[str, Any] = {
        "name": follow.name, "ref": follow.ref, "jobs": list(follow.jobs),
        "types": list(follow.types), "kinds": list(follow.kinds), "since": follow.since,
        "tba": follow.tba, "mode": follow.mode, "ignore": list(follow.ignore),
    }  # fmt: skip
    for key in FOLLOW_KEYS:
        value = values[key]
        if value is not None and value != []:
            table.add(key, value)
    return table


def _tables(document: TOMLDocument) -> Any:
    return document.get("follow", [])


def _index(document: TOMLDocument, name: str) -> int:
    names = [str(table.get("name")) for table in _tables(document)]
    if name in names:
        return names.index(name)
    from release_countdown.core.matching import did_you_mean

    hint = did_you_mean(names, name)
    known = f" (follows: {', '.join(names)})" if names and not hint else ""
    raise NotFoundError(f'no follow named "{name}"{hint}{known}')


def add_follow(document: TOMLDocument, follow: Follow) -> str:
    """Add ``follow``; UsageError when its name or its ref is followed already."""
    import tomlkit

    for table in _tables(document):
        if str(table.get("name")) == follow.name:
            raise UsageError(
                f'a follow named "{follow.name}" exists already ({table.get("ref")}); '
                "choose another name with --name"
            )
        if str(table.get("ref")) == follow.ref:
            raise UsageError(f'{follow.ref} is followed already, as "{table.get("name")}"')
    if "follow" in document:
        document["follow"].append(follow_table(follow))
    else:
        tables = tomlkit.aot()
        tables.append(follow_table(follow))
        document.append("follow", tables)
    return f'following {follow.ref} as "{follow.name}"'


def remove_follow(document: TOMLDocument, name: str) -> str:
    """Remove the follow named ``name`` (NotFoundError, with the names, when none is), with
    the comments above it; those above the next follow stay with that one."""
    index = _index(document, name)
    tables = document["follow"]
    ref = tables[index].get("ref")
    # tomlkit keeps the comments above a table in the body of the one before it.
    above = tables[index - 1].value.body if index else None
    while above and above[-1][0] is None and above[-1][1].as_string().strip():
        above.pop()  # comments at the end of the body: no keyed entry moves
    if not index:
        _clear_comments_before(document)
    body = tables[index].value.body
    below = [item.as_string() for key, item in _tail(body) if item.as_string().strip()]
    if below and index + 1 < len(tables):
        following = tables[index + 1].trivia
        following.indent = "".join(below) + following.indent
    del tables[index]
    if not document["follow"]:
        del document["follow"]
    return f'no longer following {ref} ("{name}")'


def _tail(body: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The entries after a table body's last key (whitespace and comments)."""
    after = max((i + 1 for i, (key, _) in enumerate(body) if key is not None), default=0)
    return body[after:]


def _clear_comments_before(document: TOMLDocument) -> None:
    """Empty the comment lines right above the first follow (they go with it)."""
    entries = list(document.body)
    at = next(i for i, (key, _) in enumerate(entries) if key is not None and key == "follow")
    while at > 0 and entries[at - 1][0] is None:
        at -= 1
        item = entries[at][1]
        if item.as_string().strip() and hasattr(item, "trivia"):
            item.trivia.indent = item.trivia.comment = item.trivia.trail = ""


def ignore_refs(document: TOMLDocument, name: str, refs: Sequence[str]) -> list[str]:
    """Append ``refs`` to the ``ignore`` list of the follow named ``name``: the refs added
    (those not there already), in order."""
    import tomlkit

    table = document["follow"][_index(document, name)]
    present = [str(ref) for ref in table.get("ignore", [])]
    added = [ref for ref in dict.fromkeys(refs) if ref not in present]
    if not added:
        return []
    if "ignore" in table:
        for ref in added:
            table["ignore"].append(ref)
    else:
        refs_array = tomlkit.array()
        refs_array.extend(added)
        # After the table's last key: comments below it belong to the next table (tomlkit
        # keeps them in this one's body, and ``add`` would put the key after them).
        body = table.value.body
        after = len(body) - len(_tail(body))
        if after < len(body):
            table.value._insert_at(after, "ignore", refs_array)
        else:
            table.add("ignore", refs_array)
    return added


def on_follows(
    edit: Callable[[TOMLDocument], R], words: Callable[[R], str] = str
) -> Callable[[Any, list[Release]], NewText]:
    """The edit of change_registry that applies ``edit`` (one of the above) to the part of
    the file that holds its follows; ``words(result)`` says what it did."""

    def change(document: Any, releases: list[Release]) -> NewText:
        import tomlkit

        from release_countdown.writing.change import NewText

        text: str = document.as_string()  # as read: the edit has not touched it
        head, tail = _parts(text)
        parsed = tomlkit.parse(head)
        result = edit(parsed)
        new = _canonical(head, parsed.as_string())
        if tail:
            new = new.rstrip("\n") + "\n\n" + tail if new.strip() else tail
        return NewText(words(result), new, result)

    return change


def _parts(text: str) -> tuple[str, str]:
    """The text before the first release (the follows, where `fmt` puts them) and the rest;
    the whole text and nothing for any other shape."""
    from release_countdown.registry.parse import release_chunks

    chunks = release_chunks(text)
    if chunks is None or len(chunks) < 2:
        return text, ""
    return text[: chunks[1][0]], text[chunks[1][0] :]


def _canonical(old: str, new: str) -> str:
    """``new`` in `fmt`'s form when ``old`` was (only a preamble: no release in either)."""
    import tomlkit

    from release_countdown.writing.canonical import canonical_text

    def form(text: str) -> str:
        return canonical_text(text, tomlkit.parse(text), [])

    if "[[release" in old or "\r" in old or form(old) != old.rstrip("\n") + "\n":
        return new
    return form(new)
