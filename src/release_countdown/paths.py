"""Where the user's files live: platformdirs' answers, without its import on Linux.

`countdown` resolves the user registry on every run, and importing platformdirs costs about
as much as reading the bundled registry. On Linux and other XDG systems the answer is two
environment variables away, computed exactly as platformdirs does (a test compares them);
elsewhere platformdirs answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

APP_NAME: Final = "release-countdown"
_XDG = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable, "").strip()
    return Path(value if value else os.path.expanduser(default)) / APP_NAME


def user_data_dir() -> Path:
    if _XDG:
        return _xdg("XDG_DATA_HOME", "~/.local/share")
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    if _XDG:
        return _xdg("XDG_CACHE_HOME", "~/.cache")
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def user_registry() -> Path:
    """The user's registry: ``$XDG_DATA_HOME/release-countdown/releases.toml`` on Linux."""
    return user_data_dir() / "releases.toml"
