"""The one read pipeline: files -> bytes -> text -> releases -> one merged Registry.

Every command that reads a registry comes through ``load_registry``. Optional speed plugs in
at one seam, the ``accel`` argument (see accel/): a cache of each file's validated releases
and a faster check of well-formed tables. Without it the answers are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from itertools import count, repeat
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from release_countdown.core.dates import DateSpec
from release_countdown.core.errors import Problem, RegistryError
from release_countdown.core.model import Release
from release_countdown.registry.merge import (
    Located,
    Registry,
    merge,
    merge_follows,
    same_source,
    unique,
)
from release_countdown.registry.positions import LazyLocator, Spot
from release_countdown.registry.read import decode_registry, read_registry_bytes

# Types only: the parser is imported when a file is parsed (a cache hit needs none of it), and
# follows are made by the parser's checker.
if TYPE_CHECKING:
    from release_countdown.core.follow import Follow
    from release_countdown.registry.parse import QuickCheck


class Accel(Protocol):
    """What accel/ offers the pipeline (see accel/__init__.py)."""

    @property
    def quick(self) -> QuickCheck | None:
        """A faster check of well-formed release tables (registry/parse.py)."""

    def cached(self, path: str, raw: bytes) -> tuple[list[Release], list[Problem]] | None:
        """A valid file's releases (in file order) and warnings, as stored for these bytes."""

    def store(
        self, path: str, raw: bytes, releases: Sequence[Release], warnings: Sequence[Problem]
    ) -> None:
        """Keep a valid file's releases for next time."""


def check_text(
    text: str, path: str, *, tz: tzinfo | None = None
) -> tuple[list[Release], list[Problem]]:
    """Validate one registry's text completely (ids and names unique within it)."""
    kept, problems, _ = _checked(text, path, tz, None)
    return [entry.release for entry in kept], problems


def check_follows(text: str, path: str) -> tuple[list[Follow], list[Problem]]:
    """One registry's follows (names unique within it) and every problem of the file."""
    _, problems, follows = _checked(text, path, None, None)
    return follows, problems


def _checked(
    text: str, path: str, tz: tzinfo | None, quick: QuickCheck | None
) -> tuple[list[Located], list[Problem], list[Follow]]:
    from release_countdown.registry.parse import parse_registry

    parsed = parse_registry(text, path, tz=tz, quick=quick)
    kept, repeated = unique(parsed.releases, path)
    follows, named = merge_follows([(path, parsed.follows)])
    problems = [*parsed.problems, *repeated, *named, *same_source(kept)]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return kept, problems, follows


def _file_releases(
    path: Path, tz: tzinfo | None, accel: Accel | None
) -> tuple[list[Located], list[Problem], list[Follow]]:
    """One file's releases (ids and names unique within it), its problems and its follows.

    A file with follows is never cached (they are few, and parsed afresh each time): a
    cached entry is for bytes that hold none."""
    raw = read_registry_bytes(path)
    source = str(path)
    if accel is not None and tz is None and (hit := accel.cached(source, raw)) is not None:
        releases, warnings = hit
        # The text only for a message's position (these bytes decoded before they were kept).
        locator = LazyLocator(lambda: decode_registry(raw, source))
        located = list(map(Located, releases, repeat(source), map(Spot, repeat(locator), count())))
        return located, warnings, []
    text = decode_registry(raw, source)
    kept, problems, follows = _checked(text, source, tz, accel.quick if accel is not None else None)
    if accel is not None and tz is None and not follows and all(p.warning for p in problems):
        accel.store(source, raw, [entry.release for entry in kept], problems)
    return kept, problems, follows


def load_registry(
    paths: Sequence[Path], *, tz: tzinfo | None = None, accel: Accel | None = None
) -> Registry:
    """Read, validate and merge registries (later files may ``override`` earlier ids).

    Raises RegistryError with every problem of every file when any file has an error.
    """
    import gc

    # Loading makes hundreds of thousands of small objects and no cycles: the cyclic
    # collector would scan them again and again for nothing (a third of the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        problems: list[Problem] = []
        files: list[list[Located]] = []
        followed: list[tuple[str, list[Follow]]] = []
        for path in paths:
            try:
                kept, found, follows = _file_releases(path, tz, accel)
            except RegistryError as exc:
                problems.extend(exc.problems)
                continue
            files.append(kept)
            followed.append((str(path), follows))
            problems.extend(found)
        merged, more = merge(files)
        problems.extend(more)
        follows, named = merge_follows(followed)
        problems.extend(p for p in named if p.warning)  # within a file: already reported
        if len(paths) > 1:  # within one file, source ids were checked already
            problems.extend(p for p in same_source(merged) if p not in problems)
    finally:
        if enabled:
            gc.enable()
    order = {str(path): n for n, path in enumerate(paths)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.column or 0))
    if any(not p.warning for p in problems):
        raise RegistryError(problems)
    return Registry(
        tuple(map(itemgetter(0), merged)),  # the releases
        tuple(problems),
        tuple(str(p) for p in paths),
        tuple(map(itemgetter(2), merged)),  # their spots
        tuple(follows),
    )


def stale_warnings(
    registry: Registry,
    today: date,
    amount: int,
    unit: str,
    how: Callable[[Release], str | None] | None = None,
) -> list[Problem]:
    """Warnings for entries never checked, or checked longer ago than the given age, each at
    the entry's ``checked`` key (or its table) in its file. ``how(release)``: the command
    that records a check of it (None: a file no command writes)."""
    from release_countdown.core.dates import add_duration
    from release_countdown.registry.values import clip

    problems = []
    for release, spot in zip(registry.releases, registry.spots, strict=True):
        command = how(release) if how is not None else None
        if release.checked is None:
            hint = f"add checked = {today.isoformat()} once verified"
            hint = hint if command is None else f"once verified: {command}"
            message = f'release "{clip(release.title)}": never checked ({hint})'
        elif add_duration(release.checked, amount, unit) < today:
            hint = f" (once verified again: {command})" if command else ""
            message = (
                f'release "{clip(release.title)}": last checked '
                f"{release.checked.isoformat()}, more than {amount}{unit} ago{hint}"
            )
        else:
            continue
        line, column = spot.find("checked")
        problems.append(Problem(release.source, message, line, column, warning=True))
    return problems


def future_warnings(registry: Registry, today: date) -> list[Problem]:
    """Warnings for days after ``today`` that cannot have come yet, each at its key in its
    file: an ``announced`` (of a release, a typed date or a history entry), which hides what
    it announces from every view until that day, and a ``checked``."""
    from release_countdown.registry.values import clip

    problems = []
    for release, spot in zip(registry.releases, registry.spots, strict=True):
        found: list[tuple[tuple[str | int, ...], str]] = []
        if release.announced is not None and _after(release.announced, today):
            found.append(
                (
                    ("announced",),
                    f'announced "{release.announced.iso()}" is after today ({today.isoformat()}); '
                    "the title stays hidden from every view until then",
                )
            )
        if release.checked is not None and release.checked > today:
            found.append(
                (
                    ("checked",),
                    f"checked {release.checked.isoformat()} is after today "
                    f"({today.isoformat()}); checked is the day the entry was last verified",
                )
            )
        for i, typed in enumerate(release.dates):
            if typed.announced is not None and _after(typed.announced, today):
                found.append(
                    (
                        ("dates", i, "announced"),
                        f'dates #{i + 1}: announced "{typed.announced.iso()}" is after today '
                        f"({today.isoformat()}); this date is ignored until then",
                    )
                )
        # The model orders history by announcement; messages name each entry as the file does.
        positions = release.history_positions or range(len(release.history))
        for i, entry in sorted(zip(positions, release.history, strict=True)):
            if entry.announced is not None and _after(entry.announced, today):
                found.append(
                    (
                        ("history", i, "announced"),
                        f'history #{i + 1}: announced "{entry.announced.iso()}" is after today '
                        f"({today.isoformat()}); this entry is ignored until then",
                    )
                )
        for keys, message in found:
            line, column = spot.find(*keys)
            text = f'release "{clip(release.title)}": {message}'
            problems.append(Problem(release.source, text, line, column, warning=True))
    order = {path: n for n, path in enumerate(registry.paths)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.column or 0))
    return problems


def unlisted_warnings(registry: Registry) -> list[Problem]:
    """Warnings for typed dates their source no longer lists (``unlisted``, marked by
    refresh), each at its key: kept in the file, left out of exports, worth a look."""
    from release_countdown.core.record import label
    from release_countdown.registry.values import clip

    problems = []
    for release, spot in zip(registry.releases, registry.spots, strict=True):
        for i, typed in enumerate(release.dates):
            if typed.unlisted is None:
                continue
            line, column = spot.find("dates", i, "unlisted")
            message = (
                f'release "{clip(release.title)}": dates #{i + 1}: {typed.region} {typed.type} '
                f"{typed.date.iso()} is no longer listed by {label(typed.origin or '')} (since "
                f"{typed.unlisted.isoformat()}); export leaves it out: remove it, or remove "
                "`unlisted` to keep it"
            )
            problems.append(Problem(release.source, message, line, column, warning=True))
    return problems


def _after(spec: DateSpec, today: date) -> bool:
    """Whether a date form's first day is after ``today`` (the day it is known from)."""
    return spec.earliest is not None and spec.earliest > today


def implicit_id_warnings(registry: Registry) -> list[Problem]:
    """Warnings for entries without an explicit ``id`` (``check --strict``): their id, and so
    their calendar UID, is derived from the title and changes when the title is fixed."""
    from release_countdown.registry.values import clip

    problems = []
    for release, spot in zip(registry.releases, registry.spots, strict=True):
        if not release.derived_id:
            continue
        line, column = spot.find()
        message = (
            f'release "{clip(release.title)}": no explicit id; the derived id "{release.id}" '
            f'(and the calendar UID) changes if the title is fixed: add id = "{release.id}"'
        )
        problems.append(Problem(release.source, message, line, column, warning=True))
    return problems
