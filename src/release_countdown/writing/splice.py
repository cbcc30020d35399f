"""A registry document that parses with tomlkit only the releases an edit touches.

tomlkit keeps comments and formatting, but parsing a whole registry with it takes about 1.3 ms
a title (10,000 titles: 12.6 s), far longer than the edit. The registry's text splits at its
``[[release]]`` headers (registry/parse.py ``release_chunks``); this document hands an edit
the one release table it asks for, parsed alone, and splices that table's new text back
between the untouched bytes. Edits see the same interface as a ``TOMLDocument`` for what
they use: ``"release" in doc``, ``doc["release"][i]``, ``doc["release"].append(table)``,
``doc.append("release", aot)``, ``del doc["release"][i]`` and ``doc.as_string()``.
"""

from __future__ import annotations

from typing import Any


class SplicedDocument:
    def __init__(self, text: str, chunks: list[tuple[int, int]]) -> None:
        self.text = text
        self.chunks = chunks  # the preamble, then one (start, end) per [[release]] block
        self.parsed: dict[int, Any] = {}  # block index -> its own tomlkit document
        self.deleted: set[int] = set()
        self.appended: list[Any] = []

    @property
    def count(self) -> int:
        return len(self.chunks) - 1

    def __contains__(self, key: object) -> bool:
        return key == "release" and (self.count - len(self.deleted) + len(self.appended)) > 0

    def __getitem__(self, key: str) -> _Releases:
        if key != "release":
            raise KeyError(key)
        return _Releases(self)

    def append(self, key: str, tables: Any) -> None:
        if key != "release":
            raise KeyError(key)
        self.appended.extend(tables)

    def table(self, index: int) -> Any:
        if not 0 <= index < self.count or index in self.deleted:
            raise IndexError(index)
        if index not in self.parsed:
            import tomlkit

            start, end = self.chunks[index + 1]
            self.parsed[index] = tomlkit.parse(self.text[start:end])
        return self.parsed[index]["release"][0]

    def as_string(self) -> str:
        parts = [self.text[: self.chunks[0][1]]]
        for index, (start, end) in enumerate(self.chunks[1:]):
            if index in self.deleted:
                continue
            found = self.parsed.get(index)
            parts.append(found.as_string() if found is not None else self.text[start:end])
        if self.appended:
            import tomlkit

            if parts[-1] and not parts[-1].endswith("\n"):
                parts.append("\n")
            for table in self.appended:
                document = tomlkit.document()
                entries = tomlkit.aot()
                entries.append(table)
                document.append("release", entries)
                parts.append(document.as_string())
        return "".join(parts)


class _Releases:
    """``doc["release"]``: the array of release tables."""

    def __init__(self, document: SplicedDocument) -> None:
        self.document = document

    def __getitem__(self, index: int) -> Any:
        return self.document.table(index)

    def __delitem__(self, index: int) -> None:
        self.document.table(index)  # IndexError as a list would
        self.document.deleted.add(index)

    def __len__(self) -> int:
        return self.document.count - len(self.document.deleted) + len(self.document.appended)

    def append(self, table: Any) -> None:
        self.document.appended.append(table)


def document_of(text: str) -> Any:
    """A document to edit: spliced where the text splits at its release headers, else the
    whole tomlkit document."""
    from release_countdown.registry.parse import release_chunks

    chunks = release_chunks(text)
    if chunks is not None:
        return SplicedDocument(text, chunks)
    import tomlkit

    return tomlkit.parse(text)
