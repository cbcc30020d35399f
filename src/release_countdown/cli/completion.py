"""Shell completion of titles and people's names, from the registry the command would read,
and of option values, each from the one place that holds its choices: --kind, --status and
--type (core/model.py), --sort (core/query.py SORTS; `people --sort`: core/rows.py
PEOPLE_SORTS), --role (the roles the registry credits, core/query.roles_of), --tag and
--untag (the registry's tags), --platform (the platforms its typed dates name) and --region
(the regions the registry's typed dates use, then every ISO 3166-1 code and WW:
core/model.py).

Names match as the filters do: a part of a name, case-, accent- and punctuation-insensitive
(``zimmer`` offers "Hans Zimmer"). A title completes on its own: offered beside its id, the
two shared no prefix, so Tab only rang; a title several entries share completes as their ids
(the title alone would match them all). cli/shells.py quotes them for each shell.
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


def _matching(names: list[str], typed: str) -> list[str]:
    """``names`` (each once) that start with what was typed after folding, else contain it."""
    from release_countdown.core.matching import fold, part_of

    needle = fold(typed)
    names = list(dict.fromkeys(names))
    starting = [n for n in names if fold(n).startswith(needle)]
    return starting or [n for n in names if part_of(needle, fold(n))]


def complete_titles(ctx: Any, incomplete: str) -> list[str]:
    """Titles that start with (or contain) what was typed, for show, watch and the writing
    commands; ids and aliases only when what was typed matches no title (``dune-3-s``)."""
    loaded = _registry(ctx)
    if loaded is None:
        return []
    titles = _matching([r.title for r in loaded.releases], incomplete)
    if not titles:
        return _matching([n for r in loaded.releases for n in (r.id, *r.aliases)], incomplete)
    from release_countdown.core.matching import fold

    by_title: dict[str, list[str]] = {}
    for release in loaded.releases:
        by_title.setdefault(fold(release.title), []).append(release.id)
    # A title entries share (Blade 1998, Blade 2027) names none of them: offer their ids.
    shared = (by_title[fold(t)] if len(by_title[fold(t)]) > 1 else [t] for t in titles)
    return list(dict.fromkeys(name for names in shared for name in names))


def complete_follows(ctx: Any, incomplete: str) -> list[str]:
    """The registry's follow names that start with (or contain) what was typed (`follow
    remove`, `list --follow`)."""
    loaded = _registry(ctx)
    return [] if loaded is None else _matching([f.name for f in loaded.follows], incomplete)


def complete_tags(ctx: Any, incomplete: str) -> list[str]:
    """The registry's tags that start with (or contain) what was typed (--tag, --untag)."""
    loaded = _registry(ctx)
    tags = [] if loaded is None else sorted({t for r in loaded.releases for t in r.tags})
    return _matching(tags, incomplete)


def complete_platforms(ctx: Any, incomplete: str) -> list[str]:
    """The platforms the registry's typed dates name (each as first written) that start with
    (or contain) what was typed, else the one it names ("ps5": "PlayStation 5")."""
    from release_countdown.core.platforms import platform_key

    loaded = _registry(ctx)
    if loaded is None:
        return []
    spelled: dict[str, str] = {}
    for release in loaded.releases:
        for typed in release.dates:
            if typed.platform:
                spelled.setdefault(platform_key(typed.platform), typed.platform)
    found = _matching(sorted(spelled.values()), incomplete)
    same = spelled.get(platform_key(incomplete)) if incomplete else None
    return found or ([same] if same else [])


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


def complete_marks(incomplete: str) -> list[str]:
    from release_countdown.core.marks import MARKS

    return _values(MARKS, incomplete, several=True)


def complete_mark(incomplete: str) -> list[str]:
    from release_countdown.core.marks import MARKS

    return _values(MARKS, incomplete, several=False)


def complete_kind(incomplete: str) -> list[str]:
    from release_countdown.core.model import KINDS

    return _values(KINDS, incomplete, several=False)


def complete_statuses(incomplete: str) -> list[str]:
    from release_countdown.core.model import STATUSES

    return _values(STATUSES, incomplete, several=True)


def complete_date_types(incomplete: str) -> list[str]:
    from release_countdown.core.model import DATE_TYPES

    return _values(DATE_TYPES, incomplete, several=False)


def complete_sort(incomplete: str) -> list[str]:
    from release_countdown.core.query import SORTS

    return _values(SORTS, incomplete, several=False)


def complete_people_sort(incomplete: str) -> list[str]:
    from release_countdown.core.rows import PEOPLE_SORTS

    return _values(PEOPLE_SORTS, incomplete, several=False)


def complete_roles(ctx: Any, incomplete: str) -> list[str]:
    """The roles the registry credits (`people --role`)."""
    from release_countdown.core.query import roles_of

    loaded = _registry(ctx)
    return [] if loaded is None else _matching(roles_of(loaded.releases), incomplete)


def complete_regions(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Region codes with their names (fish shows them): the registry's own regions first,
    then every other code that starts with what was typed; with nothing typed, only the
    registry's (all ~250 codes when it has none)."""
    from release_countdown.core.model import WORLDWIDE
    from release_countdown.core.regions import COUNTRIES

    named = {**COUNTRIES, WORLDWIDE: "worldwide"}
    loaded = _registry(ctx)
    used = sorted({d.region for r in loaded.releases for d in r.dates}) if loaded else []
    typed = incomplete.strip().upper()
    codes = used if not typed and used else [*used, *(c for c in sorted(named) if c not in used)]
    return [(code, named.get(code, "")) for code in codes if code.startswith(typed)]
