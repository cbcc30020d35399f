"""The sources' settings for lookup, import and refresh, from the settings in force
(fetching many refs at once lives in workflows/fetching.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.sources.config import SourceSettings


def source_settings() -> SourceSettings:
    from release_countdown.cli.reading import settings
    from release_countdown.sources.config import SourceSettings

    found = settings()
    return SourceSettings(found.tables, found.config_file)
