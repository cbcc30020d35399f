"""Personal marks: what a user did with a title (seen, owned, skip, wanted), kept apart from
the shared registry (the file: writing/marks.py), keyed by release id.

``Marks`` is the marks of one user, frozen and hashable (a query holding it is a key of
`serve`'s answers). The one rule of the default view about marks is ``hidden_by_default``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal

Mark = Literal["seen", "owned", "skip", "wanted"]
MARKS: Final[tuple[Mark, ...]] = ("seen", "owned", "skip", "wanted")
HIDDEN: Final = ("seen", "skip")  # left out of the default view once released


@dataclass(frozen=True)
class Marks:
    """Release id -> mark (sorted pairs: equal marks are equal values)."""

    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, table: Mapping[str, str]) -> Marks:
        return cls(tuple(sorted(table.items())))

    @cached_property
    def table(self) -> dict[str, str]:
        return dict(self.pairs)

    def get(self, release_id: str) -> str | None:
        return self.table.get(release_id)

    def __bool__(self) -> bool:
        return bool(self.pairs)


NO_MARKS: Final = Marks()


def hidden_by_default(mark: str | None, status: str) -> bool:
    """Whether the default view leaves a title out for its mark: seen or skipped, released."""
    return mark in HIDDEN and status == "released"
