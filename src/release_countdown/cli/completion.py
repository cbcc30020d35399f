"""Shell completion of titles and people's names, from the registry the command would read,
and of the values of --kind, --status and --type.

Names match as the filters do: a part of a name, case-, accent- and punctuation-insensitive
(``zimmer`` offers "Hans Zimmer"). cli/shells.py quotes them for each shell.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from release_countdown.registry.merge import Registry


def _registry(ctx: Any) -> "Registry | None":
    from release_countdown.cli.reading import registry_paths
    from release_countdown.core.errors import CountdownError
    from release_countdown.registry.load import load_registry

    given = ctx.params.get("registry") if ctx is not None else None
    try:
        return load_registry(registry_paths(given))
    except CountdownError:
        return None


def complete_titles(ctx: Any, incomplete: str) -> list[str]:
    """Ids and titles that start with (or contain) what was typed, for show and watch."""
    from release_countdown.core.matching import fold, part_of

    loaded = _registry(ctx)
    if loaded is None:
        return []
    needle = fold(incomplete)
    names = [n for r in loaded.releases for n in (r.id, r.title)]
    starting = [n for n in names if fold(n).startswith(needle)]
    return starting or [n for n in names if part_of(needle, fold(n))]


def _complete_role(ctx: Any, incomplete: str, role: str | None) -> list[str]:
    from release_countdown.core.matching import fold, part_of

    loaded = _registry(ctx)
    if loaded is None:
        return []
    needle = fold(incomplete)
    names = {
        n: None
        for r in loaded.releases
        for each_role, ns in r.people.items()
        if role is None or fold(each_role) == role
        for n in ns
    }
    return sorted((n for n in names if part_of(needle, fold(n))), key=fold)


def complete_people(ctx: Any, incomplete: str) -> list[str]:
    """People's names that contain what was typed, for --person and `people NAME`."""
    return _complete_role(ctx, incomplete, None)


def complete_composers(ctx: Any, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "composer")


def complete_directors(ctx: Any, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "director")


def _values(allowed: tuple[str, ...], incomplete: str, *, several: bool) -> list[str]:
    """``allowed`` values that start with what was typed; with ``several``, after the commas
    of a list (``film,al`` offers ``film,album``)."""
    done, _, last = incomplete.rpartition(",") if several else ("", "", incomplete)
    head = done + "," if done else ""
    taken = set(done.lower().split(","))
    return [head + v for v in allowed if v.startswith(last.lower()) and v not in taken]


def complete_kinds(incomplete: str) -> list[str]:
    from release_countdown.core.model import KINDS

    return _values(KINDS, incomplete, several=True)


def complete_kind(incomplete: str) -> list[str]:
    from release_countdown.core.model import KINDS

    return _values(KINDS, incomplete, several=False)


def complete_statuses(incomplete: str) -> list[str]:
    from release_countdown.core.model import STATUSES

    return _values(STATUSES, incomplete, several=True)


def complete_date_types(incomplete: str) -> list[str]:
    from release_countdown.core.model import DATE_TYPES

    return _values(DATE_TYPES, incomplete, several=False)
