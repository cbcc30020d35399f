"""Where the files are: the bundled registry, and the user's data, cache, config and state
directories (``$XDG_DATA_HOME/release-countdown`` and so on, on Linux).

On Linux the four folders are the XDG base directories, worked out here: the variable when it
holds an absolute path (the spec ignores a relative one), else the default under an absolute
$HOME. Elsewhere (macOS, Windows, Android, a $HOME that is not absolute) platformdirs answers.
Every run needs the cache and state folders, and importing platformdirs 4.14 (which imports
tempfile and random) costs 3-4 ms of a 90 ms run; tests/registry/test_locations.py checks
that both give the same folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Final

APP_NAME: Final = "release-countdown"
# kind -> (its XDG variable, its default under $HOME)
_XDG: Final = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "state": ("XDG_STATE_HOME", ".local/state"),
}


def _user_dir(kind: str) -> Path:
    """The user's ``kind`` folder of this program (see the module's docstring)."""
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if os.path.isabs(base):
            return Path(base, APP_NAME)
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home, default, APP_NAME)
    import platformdirs

    found: Path = getattr(platformdirs, f"user_{kind}_path")(APP_NAME, appauthor=False)
    return found


def bundled_registry() -> Path:
    """The registry shipped with the package (or, in a source checkout, ``data/releases.toml``)."""
    packaged = Path(__file__).parents[1] / "data" / "releases.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "releases.toml"


def user_data_dir() -> Path:
    return _user_dir("data")


def user_cache_dir() -> Path:
    return _user_dir("cache")


def user_config_dir() -> Path:
    return _user_dir("config")


def user_registry() -> Path:
    """The user's registry: ``$XDG_DATA_HOME/release-countdown/releases.toml`` on Linux."""
    return user_data_dir() / "releases.toml"


def user_state_dir() -> Path:
    return _user_dir("state")


def notify_state_file() -> Path:
    """What `notify` has delivered: ``$XDG_STATE_HOME/release-countdown/notify.json`` on Linux."""
    return user_state_dir() / "notify.json"


def inbox_file() -> Path:
    """What follows propose: ``$XDG_STATE_HOME/release-countdown/inbox.json`` on Linux."""
    return user_state_dir() / "inbox.json"


def marks_file() -> Path:
    """The user's marks (seen, owned...): ``$XDG_STATE_HOME/release-countdown/marks.json``."""
    return user_state_dir() / "marks.json"


def schedule_file() -> Path:
    """What `schedule install` set up: ``$XDG_STATE_HOME/release-countdown/schedule.json``."""
    return user_state_dir() / "schedule.json"


def schedule_run_file() -> Path:
    """The last `schedule run`: ``$XDG_STATE_HOME/release-countdown/schedule-run.json``."""
    return user_state_dir() / "schedule-run.json"


def systemd_user_dir() -> Path:
    """Where a user's systemd units go: ``$XDG_CONFIG_HOME/systemd/user`` (the config folder's
    own rule, one level up from the project's)."""
    return user_config_dir().parent / "systemd" / "user"
