"""What an empty view says: what the registry holds, and how to start a registry of one's own."""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from release_countdown.cli.output import say

MAX_SHOWN: Final = 12  # the registry's platforms named when a --platform matches none

if TYPE_CHECKING:
    from release_countdown.core.errors import NotFoundError
    from release_countdown.core.query import Query
    from release_countdown.registry.merge import Registry


def start_hint(paths: Sequence[object]) -> str:
    """How to count down to one's own titles: `init` while only the bundled registry is read."""
    from release_countdown.cli.app import COMMANDS
    from release_countdown.registry.locations import bundled_registry

    add = "`countdown add TITLE --date DATE`"
    if "import" in COMMANDS:
        add += " or `countdown import`"
    from pathlib import Path

    if [Path(str(p)).resolve() for p in paths] == [bundled_registry().resolve()]:
        return f"to count down to your own titles: `countdown init`, then {add}"
    return f"add titles with {add}"


def empty_words(
    loaded: "Registry", today: date, region: str | None, *, widened: bool, what: str = "titles"
) -> list[str]:
    """The lines that say why a view is empty: what the registry holds, and what to try."""
    from release_countdown.core.query import holdings

    held = holdings(loaded.releases, today, region)
    if held.total == 0:
        return [
            f"no {what} in this view: the registry holds no titles yet",
            start_hint(loaded.paths),
        ]
    if held.coming == 0:
        hint = "" if widened else "see them with --all, or as they stood with --as-of DATE; "
        return [
            f"nothing upcoming: the registry holds {held.words()}",
            hint + start_hint(loaded.paths),
        ]
    hint = "try other filters or --as-of DATE" if widened else "try --all, or --as-of DATE"
    return [f"no {what} in this view (the registry holds {held.words()}); {hint}"]


def say_empty(loaded: "Registry", today: date, query: "Query", *, what: str = "titles") -> None:
    """The words of a view with nothing in it, on stderr: the people filters that name nobody,
    the tags and platforms no title has and --premieres without a season, else what the
    registry holds and what to try."""
    if say_unknown_people(loaded, query) | say_unknown_tags(loaded, query):
        return
    if say_unknown_platforms(loaded, query) | say_no_premieres(loaded, query):
        return
    for line in empty_words(loaded, today, query.region, widened=query.widened, what=what):
        say(f"countdown: {line}")


def empty_error(loaded: "Registry", today: date, query: "Query", *, what: str) -> "NotFoundError":
    """The same words as an error (exit 1), for commands whose empty view is a failure."""
    from release_countdown.core.errors import NotFoundError

    if say_unknown_people(loaded, query) | say_unknown_tags(loaded, query):
        return NotFoundError(f"no {what} in this view")
    if say_unknown_platforms(loaded, query) | say_no_premieres(loaded, query):
        return NotFoundError(f"no {what} in this view")
    lines = empty_words(loaded, today, query.region, widened=True, what=what)
    return NotFoundError("\ncountdown: ".join(lines))


def say_unknown_people(loaded: "Registry", query: "Query") -> bool:
    """Say which people filters name nobody in the registry; whether any did."""
    from release_countdown.core.query import unknown_people

    unknown = unknown_people(loaded.releases, query)
    for person in unknown:
        close = person.close
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        if person.elsewhere:
            say(f"countdown: no {person.role} named {person.asked!r} in the registry{hint}")
        else:
            say(f"countdown: nobody named {person.asked!r} in the registry{hint}")
    return bool(unknown)


def say_unknown_tags(loaded: "Registry", query: "Query") -> bool:
    """Say which --tag values no title in the registry has; whether any did."""
    from release_countdown.core.matching import did_you_mean

    held = sorted({tag for release in loaded.releases for tag in release.tags})
    unknown = [tag for tag in query.tags if tag not in held]
    for tag in unknown:
        say(f"countdown: no title has the tag {tag!r}{did_you_mean(held, tag, quoted=False)}")
    return bool(unknown)


def say_unknown_platforms(loaded: "Registry", query: "Query") -> bool:
    """Say which --platform values no typed date of the registry names; whether any did."""
    from release_countdown.core.matching import did_you_mean
    from release_countdown.core.platforms import on_platforms

    held = sorted({d.platform for r in loaded.releases for d in r.dates if d.platform})
    unknown = [name for name in query.platforms if not on_platforms(held, [name])]
    for name in unknown:
        meant = did_you_mean(held, name, quoted=False)
        if not meant and held:  # nothing close ("xbox" for "Xbox Series X and Series S")
            shown = ", ".join(held[:MAX_SHOWN]) + (", …" if len(held) > MAX_SHOWN else "")
            meant = f" (the registry's platforms: {shown})"
        say(f"countdown: no title is dated on the platform {name!r}{meant}")
    return bool(unknown)


def say_no_premieres(loaded: "Registry", query: "Query") -> bool:
    """Say that --premieres can keep nothing when no title is a season; whether it did."""
    from release_countdown.core.seasons import is_premiere

    if not query.premieres or any(is_premiere(r) for r in loaded.releases):
        return False
    say(
        "countdown: no title is a season premiere: --premieres keeps series entries with a "
        "season (`countdown import tvmaze:show/ID` writes one per season)"
    )
    return True
