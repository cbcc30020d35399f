"""A registry in canonical form (`countdown fmt`) stays canonical after every write: `add`,
`edit`, `postpone` (change.py) and `refresh` (sourced.py); `import` places its canonical block
by id itself (sourced.insert_entry). The first release of a file holding only `schema = 1`
(as `init` writes it) gets the blank line `fmt` puts above it.

A file counts as canonical here when its releases are sorted by id, its preamble is as `fmt`
writes it, and the release blocks an edit touches (or, for `add`, the blocks on either side of
where the new one goes) are as `fmt` writes them: checking only those keeps a write to a large
registry as quick as before. Then the touched blocks are rewritten in canonical form (keys in
canonical order) and new releases go to their place by id. Any other file keeps every byte an
edit did not touch, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from release_countdown.core.model import Release
from release_countdown.writing.canonical import canonical_text
from release_countdown.writing.splice import SplicedDocument


def _block(text: str) -> str:
    """The canonical form of one ``[[release]]`` block (or of a preamble), parsed alone."""
    import tomlkit

    document = tomlkit.parse(text)
    count = len(document.get("release", []))
    return canonical_text(text, document, [str(i) for i in range(count)])


def _body(chunk: str) -> str:
    """A block without the blank lines that end it."""
    return chunk.rstrip("\n") + "\n"


def _is_canonical(chunk: str) -> bool:
    return "\r" not in chunk and _block(chunk) == _body(chunk)


def _table_text(table: Any) -> str:
    import tomlkit

    document = tomlkit.document()
    entries = tomlkit.aot()
    entries.append(table)
    document.append("release", entries)
    text: str = document.as_string()
    return text


def kept_canonical(old: str, releases: Sequence[Release], document: Any) -> str | None:
    """The new text in canonical form when ``old`` was canonical (see above), else None."""
    if not isinstance(document, SplicedDocument) or document.deleted:
        return None
    ids = [r.id for r in releases]
    if any(a >= b for a, b in pairwise(ids)) or len(ids) != document.count:
        return None
    chunks = [old[start:end] for start, end in document.chunks]
    preamble, blocks = chunks[0], chunks[1:]
    if blocks and not preamble.endswith("\n\n") and preamble:
        return None
    if preamble.strip() and not _is_canonical(preamble):
        return None
    added = []
    for table in document.appended:
        new_id = str(table.get("id", ""))
        if not new_id or new_id in ids:
            return None
        added.append((new_id, _block(_table_text(table))))
    checked = set(document.parsed)
    for new_id, _ in added:
        at = bisect_left(ids, new_id)
        checked.update(i for i in (at - 1, at) if 0 <= i < len(blocks))
        if at and _body(blocks[at - 1]).splitlines()[-1].startswith("#"):
            return None  # comments above the next header: the new block would take them
    if not all(_is_canonical(blocks[i]) for i in sorted(checked)):
        return None
    out = []
    for index, chunk in enumerate(blocks):
        if index in document.parsed:
            out.append((ids[index], _block(document.parsed[index].as_string())))
        else:
            out.append((ids[index], _body(chunk)))
    out.extend(added)
    out.sort(key=lambda pair: pair[0])
    if out and preamble and not preamble.endswith("\n\n"):
        preamble = preamble.rstrip("\n") + "\n\n"  # the first release of `schema = 1`
    return preamble + "\n".join(text for _, text in out)
