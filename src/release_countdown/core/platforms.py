"""Platforms (a game's "PS5", "PC"): the one rule of when two names mean the same platform,
which titles a ``--platform`` filter keeps, and which of a source's per-platform dates make
the headline (``[sources] platform``). No I/O.

Platform names come from sources (Wikidata's "PlayStation 5", IGDB's "PC (Microsoft
Windows)", Steam's "Windows") and from users ("ps5"); they are compared as names are
(core/matching.fold_words: case, accents and punctuation ignored), spaces ignored too, and
the common short names of ``SAME`` count as the platform they name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Final, TypeVar

from release_countdown.core.matching import fold_words

T = TypeVar("T")

# Names that mean the same platform, as platform_key leaves them (folded, no spaces): the
# short names people type and the names sources give, each to one key. Only names with one
# meaning are here ("xbox" alone could be any Xbox: it is left as it is).
SAME: Final = {
    "ps5": "playstation5", "ps4": "playstation4", "ps3": "playstation3",
    "psvita": "playstationvita", "psv": "playstationvita",
    "pc": "pc", "windows": "pc", "microsoftwindows": "pc", "pcmicrosoftwindows": "pc",
    "win": "pc",
    "xsx": "xboxseriesxs", "xboxseriesx": "xboxseriesxs", "xboxseriess": "xboxseriesxs",
    "xboxseriesxandseriess": "xboxseriesxs", "xboxseries": "xboxseriesxs",
    "xone": "xboxone", "xb1": "xboxone",
    "switch": "nintendoswitch", "ns": "nintendoswitch",
    "switch2": "nintendoswitch2", "ns2": "nintendoswitch2",
    "mac": "macos", "osx": "macos", "macosx": "macos",
    "ios": "ios", "iphone": "ios",
}  # fmt: skip


@lru_cache(maxsize=1 << 12)
def platform_key(name: str) -> str:
    """The form two names of one platform share: "PlayStation 5", "playstation-5" and
    "PS5" are "playstation5"; "" for a name with no letter or digit."""
    key = fold_words(name).replace(" ", "")
    return SAME.get(key, key)


def same_platform(first: str | None, second: str | None) -> bool:
    """Whether two platform names (None: no platform) mean the same platform."""
    if first is None or second is None:
        return first is second
    return platform_key(first) == platform_key(second)


def on_platforms(platforms: Iterable[str | None], wanted: Iterable[str]) -> bool:
    """Whether one of ``platforms`` (a title's typed dates') is one of the platforms named
    ``wanted``: the ``--platform`` filter. As a name matches a part of a name, a platform
    matches a part of one ("xbox": every Xbox; "playstation": PS4 and PS5), except a short
    name of ``SAME``, which means its one platform ("pc" is not "PC Engine")."""
    keys = {platform_key(name) for name in wanted}
    parts = [key for name in wanted if (key := fold_words(name).replace(" ", "")) not in SAME]
    for platform in platforms:
        if platform is None:
            continue
        key = platform_key(platform)
        if key in keys or any(part and part in key for part in parts):
            return True
    return False


def preferring(
    items: Sequence[T], platform: str | None, platform_of: Callable[[T], str | None]
) -> Sequence[T]:
    """The items on the preferred ``platform`` (``[sources] platform``), in their order; all
    of them when there is no preference or none is on it. A source dates the headline with
    the earliest of what this leaves, so a title not on the preferred platform keeps its
    earliest date."""
    if not platform:
        return items
    key = platform_key(platform)
    kept = [item for item in items if (p := platform_of(item)) and platform_key(p) == key]
    return kept or items


def headline_pool(
    items: Sequence[T],
    *,
    platform: str | None,
    region: str,
    platform_of: Callable[[T], str | None],
    region_of: Callable[[T], str | None],
) -> Sequence[T]:
    """The per-platform dates a source's headline is the earliest of: those on the preferred
    ``platform`` (``preferring``), and of those the ``region``'s, else the worldwide ones
    (WW: a worldwide date is the region's too), else all of them."""
    from release_countdown.core.model import WORLDWIDE

    on = preferring(items, platform, platform_of)
    return (
        [item for item in on if region_of(item) == region]
        or [item for item in on if region_of(item) == WORLDWIDE]
        or on
    )
