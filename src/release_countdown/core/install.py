"""How this copy of release-countdown was installed, and the command that adds an extra to it
(or upgrades it) in that installer's own words: every "… is not installed" hint uses it.

Told apart by the file each installer leaves in the environment it made (``sys.prefix``):
pipx writes ``pipx_metadata.json`` there (``PIPX_HOME/venvs/NAME``), ``uv tool install``
writes ``uv-receipt.toml`` (``UV_TOOL_DIR/NAME``); anything else is pip's. The files, not the
folders' names: ``PIPX_HOME`` and ``UV_TOOL_DIR`` move the folders, and pipx's ``--suffix``
renames them. The environment's folder name is the name the installer knows it by.

uv has no ``inject``: ``uv tool install --with PKG`` installs the tool again with exactly the
requirements given, so the command repeats what the receipt records (an install from a clone
stays an install from that clone; packages added before stay), or the next ``uv tool upgrade``
would look for the package on PyPI. It lives in core/ because every layer that words such a
hint (registry/, sources/, delivery/, cli/) may import core/ and nothing else in common; it
reads two small files and only when a hint is worded.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any, Final, Literal

Installer = Literal["pip", "pipx", "uv"]
PROJECT: Final = "release-countdown"
# Each extra's packages, as pyproject.toml's [project.optional-dependencies] lists them
# (tests/core/test_install.py checks they agree).
EXTRAS: Final = {
    "notify": ("apprise",),
    "serve": ("starlette", "uvicorn", "jinja2"),
    "sources": ("httpx",),
}


def installed_by(prefix: Path | None = None) -> Installer:
    """pipx, uv (``uv tool install``) or pip, from the environment at ``prefix``."""
    where = Path(sys.prefix) if prefix is None else prefix
    if (where / "pipx_metadata.json").is_file():
        return "pipx"
    if (where / "uv-receipt.toml").is_file():
        return "uv"
    return "pip"


def add_command(extra: str, prefix: Path | None = None) -> str:
    """The command that installs ``extra``'s packages into this installation."""
    where = Path(sys.prefix) if prefix is None else prefix
    packages = EXTRAS[extra]
    method = installed_by(where)
    if method == "pipx":
        return f"pipx inject {shlex.quote(where.name)} {' '.join(packages)}"
    if method == "uv":
        main, kept = _uv_requirements(where)
        withs = [*kept, *(p for p in packages if p not in kept)]
        return "uv tool install " + " ".join(f"--with {shlex.quote(w)}" for w in withs) + f" {main}"
    return f"pip install '{PROJECT}[{extra}]'"


def upgrade_command(prefix: Path | None = None) -> str:
    """The command that upgrades this installation (from a clone: after ``git pull``)."""
    where = Path(sys.prefix) if prefix is None else prefix
    method = installed_by(where)
    if method == "pipx":
        return f"pipx upgrade {shlex.quote(where.name)}"
    if method == "uv":
        return f"uv tool upgrade {shlex.quote(where.name)}"
    return f"pip install --upgrade {PROJECT}"


def _uv_requirements(prefix: Path) -> tuple[str, list[str]]:
    """This tool's own requirement as a command-line argument (its source kept: a clone's
    folder, a URL) and the other requirements (``--with``) the receipt records."""
    import tomli

    try:
        receipt = tomli.loads((prefix / "uv-receipt.toml").read_text(encoding="utf-8"))
        requirements = [r for r in receipt["tool"]["requirements"] if isinstance(r, dict)]
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, KeyError, TypeError):
        return PROJECT, []  # unreadable: the package by name is the best guess
    main, kept = PROJECT, []
    for requirement in requirements:
        name = str(requirement.get("name", ""))
        if name.lower().replace("_", "-") == PROJECT:
            main = _uv_argument(requirement)
        elif name:
            kept.append(name + str(requirement.get("specifier", "")))
    return main, kept


def _uv_argument(requirement: dict[str, Any]) -> str:
    """``uv tool install``'s argument for the receipt's requirement of this package."""
    extras = requirement.get("extras") or []
    named = PROJECT + (f"[{','.join(map(str, extras))}]" if extras else "")
    if "editable" in requirement:
        return f"--editable {shlex.quote(str(requirement['editable']))}"
    folder = requirement.get("directory") or requirement.get("path")
    if folder:
        folder = str(folder)
        if not extras:
            return shlex.quote(folder)
        return shlex.quote(f"{named} @ {Path(folder).resolve().as_uri()}")
    if "git" in requirement:
        return shlex.quote(f"{named} @ git+{requirement['git']}")
    if "url" in requirement:
        return shlex.quote(f"{named} @ {requirement['url']}")
    return shlex.quote(named + str(requirement.get("specifier", "")))
