"""Ids across a file and across files: unique ids in a file (an error), the first file's
entry kept when a later file repeats its id (a warning), one release per id at a source, and
``override`` in later files. A Registry keeps where each release is.

Titles and aliases may be shared (Blade of 1998 and of 2027): only ids name one release; a
lookup by a shared title lists each release with its year (core/matching.one)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from release_countdown.core.errors import Problem
from release_countdown.core.matching import free_id
from release_countdown.core.model import Release
from release_countdown.core.standing import year_of
from release_countdown.registry.positions import Spot

if TYPE_CHECKING:
    from release_countdown.core.follow import Follow


class Located(NamedTuple):
    release: Release
    path: str
    spot: Spot


class Registry(NamedTuple):
    """The releases of one or more files, merged, with the warnings found on the way and
    where each release is (``spots[i]`` is the position of ``releases[i]``)."""

    releases: tuple[Release, ...]
    warnings: tuple[Problem, ...] = ()
    paths: tuple[str, ...] = ()
    spots: tuple[Spot, ...] = ()
    # Every file's [[follow]] tables, in file order (a name repeated: the first file's kept).
    follows: tuple[Follow, ...] = ()


def _clip(text: str) -> str:
    """registry/values.clip, imported by the messages: a clean load imports none of values,
    the format's tables and patterns or core/follow."""
    from release_countdown.registry.values import clip

    return clip(text)


def _at(path: str, spot: Spot) -> str:
    line = spot[0]
    return f"{path}:{line}" if line is not None else path


def same_source(entries: Iterable[Located]) -> list[Problem]:
    """Two entries with the same id at a source (``[release.ids]``) would be refreshed from the
    same page: an error naming both. A show's seasons share its ids: (id, season) is the key
    (core/seasons.keyed_ids)."""
    from release_countdown.core.seasons import keyed_ids

    owner: dict[tuple[str, str, int | None], Located] = {}
    problems: list[Problem] = []
    for entry in entries:
        for key, value, season in keyed_ids(entry.release.ids, entry.release.season):
            other = owner.setdefault((key, value, season), entry)
            if other is not entry and other.release.id != entry.release.id:
                problems.append(
                    Problem(
                        entry.path,
                        f'release "{_clip(entry.release.title)}": ids.{key} "{value}" is also '
                        f'the {key} id of "{_clip(other.release.title)}" '
                        f"({_at(other.path, other.spot)}); an id at a source names one release",
                        *entry.spot,
                    )
                )
    return problems


def unique(
    releases: Iterable[tuple[Release, Spot]], path: str
) -> tuple[list[Located], list[Problem]]:
    """The releases of one file with unique ids; a repeated id is a problem naming both."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Release, Spot]] = {}
    kept: list[Located] = []
    for release, spot in releases:
        if release.id in seen:
            first, first_spot = seen[release.id]
            first_at = _at(path, first_spot)
            if release.derived_id and first.derived_id:
                free = free_id(release.title, year_of(release.date), seen)
                message = (
                    f'titles "{_clip(first.title)}" ({first_at}) and "{_clip(release.title)}" '
                    f'both derive the id "{release.id}"; give this one an explicit id '
                    f'(id = "{free}")'
                )
            else:
                message = (
                    f'duplicate id "{release.id}": also used by "{_clip(first.title)}" at '
                    f"{first_at}; ids must be unique"
                )
            problems.append(Problem(path, message, *spot))
            continue
        seen[release.id] = (release, spot)
        kept.append(Located(release, path, spot))
    return kept, problems


def merge(files: Sequence[list[Located]]) -> tuple[list[Located], list[Problem]]:
    """Later files' releases after earlier ones'. An id repeated in a later file without
    ``override = true`` is a warning naming both places, and the first file listed wins (a
    personal and a team registry that both took an id keep working; `check --strict` makes
    it an error); with ``override = true`` the later entry replaces the earlier where it stood.
    A repeated id within one file is ``unique``'s error."""
    if len(files) == 1 and not any(entry.release.override for entry in files[0]):
        return list(files[0]), []  # ids are unique within a file (``unique``): nothing to merge
    problems: list[Problem] = []
    merged: dict[str, Located] = {}
    for kept in files:
        for entry in kept:
            release, source, spot = entry
            if release.id in merged and not release.override:
                other = merged[release.id]
                first_at = _at(other.path, other.spot)
                problems.append(
                    Problem(
                        source,
                        f'release "{_clip(release.title)}": id "{release.id}" is also '
                        f'defined at {first_at} ("{_clip(other.release.title)}"), which is '
                        "used; this entry is skipped (rename one, or set override = true "
                        "here to replace the earlier entry)",
                        spot[0],
                        spot[1],
                        warning=True,
                    )
                )
                continue
            if release.override and release.id not in merged:
                problems.append(
                    Problem(
                        source,
                        f'release "{_clip(release.title)}": override = true, but no earlier '
                        f'registry defines id "{release.id}" (remove override, or check the id)',
                        spot[0],
                        spot[1],
                        warning=True,
                    )
                )
            merged[release.id] = entry
    return list(merged.values()), problems


def merge_follows(
    files: Sequence[tuple[str, Sequence[Follow]]],
) -> tuple[list[Follow], list[Problem]]:
    """Each follow name once, as ids are: a name repeated within a file is an error; one a
    later file repeats is a warning, and the first file's follow is kept."""
    problems: list[Problem] = []
    kept: dict[str, tuple[str, Follow]] = {}
    for path, follows in files:
        mine: set[str] = set()
        for follow in follows:
            if follow.name in kept:
                first_path, first = kept[follow.name]
                same = follow.name in mine
                problems.append(
                    Problem(
                        path,
                        f'follow "{_clip(follow.name)}": the name is also used at '
                        f"{first_path}:{first.line}"
                        + (
                            "; follow names must be unique"
                            if same
                            else ", which is used; this follow is skipped (rename one)"
                        ),
                        follow.line,
                        None,
                        warning=not same,
                    )
                )
                continue
            mine.add(follow.name)
            kept[follow.name] = (path, follow)
    return [follow for _, follow in kept.values()], problems
