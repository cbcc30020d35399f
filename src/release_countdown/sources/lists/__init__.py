"""The lists `import --from` reads: one module per reader (arr.py reads Radarr, Sonarr and
Lidarr), each with ``read(where, settings) -> list[ListRow]`` (``where``: the FILE, URL or
USER[/LIST] given; a bad file or answer is a UsageError or SourceError naming the row).

``READERS`` is the one table of them: the name `--from` takes -> the module here (imported
only when that list is read), or "module:function" when one module reads several lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from release_countdown.core.listrow import ListRow
    from release_countdown.sources.config import SourceSettings

READERS: Final = {
    "letterboxd": "letterboxd",
    "imdb": "imdb",
    "trakt": "trakt",
    "ics": "ics",
    "radarr": "arr:read_radarr",
    "sonarr": "arr:read_sonarr",
    "lidarr": "arr:read_lidarr",
}


def reader(name: str) -> Callable[[str, SourceSettings], list[ListRow]]:
    """The ``read`` function of the list ``name`` (one of READERS)."""
    import importlib

    module, _, function = READERS[name].partition(":")
    found = importlib.import_module(f"release_countdown.sources.lists.{module}")
    read: Callable[[str, SourceSettings], list[ListRow]] = getattr(found, function or "read")
    return read
