"""The user's folders: on Linux worked out by registry/locations.py as the XDG base directory
spec says, which must be what platformdirs (the answer elsewhere) gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from release_countdown.registry import locations

KINDS = ("data", "cache", "config", "state")
VARIABLES = ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")


def folders() -> dict[str, Path]:
    return {kind: getattr(locations, f"user_{kind}_dir")() for kind in KINDS}


def platformdirs_folders() -> dict[str, Path]:
    return {
        kind: getattr(platformdirs, f"user_{kind}_path")(locations.APP_NAME, appauthor=False)
        for kind in KINDS
    }


@linux_only
@pytest.mark.parametrize("home", ["/home/ada", "/home/ada/", "/", "//srv/ada"])
@pytest.mark.parametrize("xdg", [None, "", "   ", "/var/x", "/var/x/", "relative/x", "~/x"])
def test_the_folders_are_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None
) -> None:
    monkeypatch.setenv("HOME", home)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    for variable in VARIABLES:
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}{variable.lower()}" if xdg.strip() else xdg)
    assert folders() == platformdirs_folders()


@linux_only
def test_the_folders_need_no_platformdirs(tmp_path: Path) -> None:
    """Every run needs the cache and state folders: working them out imports nothing."""
    probe = (
        "import sys\n"
        "from release_countdown.registry import locations\n"
        "print([str(f()) for f in (locations.user_data_dir, locations.user_cache_dir,\n"
        "      locations.user_config_dir, locations.user_state_dir)])\n"
        "print('platformdirs' in sys.modules, 'tempfile' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    listed, imported = found.stdout.splitlines()
    assert listed == str([str(tmp_path / p / "release-countdown") for p in (
        ".local/share", ".cache", ".config", ".local/state")])  # fmt: skip
    assert imported == "False False"
