"""How it was installed, and each installer's words for adding an extra or upgrading: pip,
pipx (pipx_metadata.json in the environment) and uv (uv-receipt.toml), on fake prefixes
shaped as pipx 1.18 and uv 0.13 leave them."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from release_countdown.core.install import EXTRAS, add_command, installed_by, upgrade_command

ROOT = Path(__file__).resolve().parents[2]


def pipx_prefix(tmp_path: Path, name: str = "release-countdown") -> Path:
    prefix = tmp_path / "pipx" / "venvs" / name
    prefix.mkdir(parents=True)
    (prefix / "pipx_metadata.json").write_text('{"main_package": {}}', encoding="utf-8")
    return prefix


def uv_prefix(tmp_path: Path, requirements: str) -> Path:
    prefix = tmp_path / "uv" / "tools" / "release-countdown"
    prefix.mkdir(parents=True)
    receipt = f"[tool]\nrequirements = {requirements}\nentrypoints = []\n"
    (prefix / "uv-receipt.toml").write_text(receipt, encoding="utf-8")
    return prefix


def test_the_extras_are_pyprojects() -> None:
    project = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["optional-dependencies"]
    for extra, packages in EXTRAS.items():
        names = [p.split(">")[0].split("=")[0].strip().lower() for p in declared[extra]]
        assert list(packages) == names, extra


def test_pip_is_anything_else(tmp_path: Path) -> None:
    assert installed_by(tmp_path) == "pip"
    assert add_command("sources", tmp_path) == "pip install 'release-countdown[sources]'"
    assert add_command("notify", tmp_path) == "pip install 'release-countdown[notify]'"
    assert upgrade_command(tmp_path) == "pip install --upgrade release-countdown"


def test_pipx_injects_the_packages(tmp_path: Path) -> None:
    prefix = pipx_prefix(tmp_path)
    assert installed_by(prefix) == "pipx"
    assert add_command("sources", prefix) == "pipx inject release-countdown httpx"
    assert add_command("serve", prefix) == "pipx inject release-countdown starlette uvicorn jinja2"
    assert add_command("notify", prefix) == "pipx inject release-countdown apprise"
    assert upgrade_command(prefix) == "pipx upgrade release-countdown"


def test_pipx_names_the_environment_it_made(tmp_path: Path) -> None:
    prefix = pipx_prefix(tmp_path, "release-countdown-dev")  # pipx install --suffix=-dev
    assert add_command("sources", prefix) == "pipx inject release-countdown-dev httpx"


@pytest.mark.parametrize(
    ("requirements", "extra", "words"),
    [
        # an install from a clone stays one: by name, the next `uv tool upgrade` looks on PyPI
        (
            '[{ name = "release-countdown", directory = "/home/me/release-countdown" }]',
            "sources",
            "uv tool install --with httpx /home/me/release-countdown",
        ),
        # packages added before are kept: uv installs exactly what the command lists
        (
            '[{ name = "release-countdown", directory = "/src/rc" }, { name = "httpx" }]',
            "notify",
            "uv tool install --with httpx --with apprise /src/rc",
        ),
        (
            '[{ name = "release-countdown" }]',
            "sources",
            "uv tool install --with httpx release-countdown",
        ),
        (
            '[{ name = "release-countdown", specifier = ">=0.1" }]',
            "notify",
            "uv tool install --with apprise 'release-countdown>=0.1'",
        ),
        (
            '[{ name = "release-countdown", extras = ["sources"], directory = "/src/rc" }]',
            "serve",
            "uv tool install --with starlette --with uvicorn --with jinja2 "
            "'release-countdown[sources] @ file:///src/rc'",
        ),
        (
            '[{ name = "release-countdown", editable = "/src/rc" }]',
            "sources",
            "uv tool install --with httpx --editable /src/rc",
        ),
    ],
)
def test_uv_installs_the_tool_again_with_the_packages(
    tmp_path: Path, requirements: str, extra: str, words: str
) -> None:
    prefix = uv_prefix(tmp_path, requirements)
    assert installed_by(prefix) == "uv"
    assert add_command(extra, prefix) == words
    assert upgrade_command(prefix) == "uv tool upgrade release-countdown"


def test_an_unreadable_uv_receipt_falls_back_to_the_name(tmp_path: Path) -> None:
    prefix = uv_prefix(tmp_path, "[")
    assert add_command("sources", prefix) == "uv tool install --with httpx release-countdown"
