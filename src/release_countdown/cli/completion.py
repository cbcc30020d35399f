"""Shell completion of titles and people's names, from the registry the command would read."""

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
    from release_countdown.core.matching import fold

    loaded = _registry(ctx)
    if loaded is None:
        return []
    needle = fold(incomplete)
    names = [n for r in loaded.releases for n in (r.id, r.title)]
    starting = [n for n in names if fold(n).startswith(needle)]
    return starting or [n for n in names if needle in fold(n)]


def _complete_role(ctx: Any, incomplete: str, role: str | None) -> list[str]:
    from release_countdown.core.matching import fold

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
    return sorted((n for n in names if needle in fold(n)), key=fold)


def complete_people(ctx: Any, incomplete: str) -> list[str]:
    """People's names that contain what was typed, for --person and `people NAME`."""
    return _complete_role(ctx, incomplete, None)


def complete_composers(ctx: Any, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "composer")


def complete_directors(ctx: Any, incomplete: str) -> list[str]:
    return _complete_role(ctx, incomplete, "director")
