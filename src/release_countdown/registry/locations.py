"""Where the files are: the bundled registry, and the user's data, cache, config and state
directories (platformdirs: ``$XDG_DATA_HOME/release-countdown`` and so on, on Linux).

Importing platformdirs costs about 2 ms next to the modules every run imports anyway
(``python -X importtime``, median of five): not worth a hand-written copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

APP_NAME: Final = "release-countdown"


def bundled_registry() -> Path:
    """The registry shipped with the package (or, in a source checkout, ``data/releases.toml``)."""
    packaged = Path(__file__).parents[1] / "data" / "releases.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "releases.toml"


def user_data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def user_config_dir() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def user_registry() -> Path:
    """The user's registry: ``$XDG_DATA_HOME/release-countdown/releases.toml`` on Linux."""
    return user_data_dir() / "releases.toml"


def user_state_dir() -> Path:
    import platformdirs

    return platformdirs.user_state_path(APP_NAME, appauthor=False)


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
