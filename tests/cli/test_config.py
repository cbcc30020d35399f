"""Settings: command line > environment > config file > default; bad values exit 2 naming
where they came from; `countdown config` and `countdown where` say what is in force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, invoke


@pytest.fixture(autouse=True)
def _restore_environment() -> Iterator[None]:
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    os.environ["COUNTDOWN_CONFIG"] = str(path)
    return path


def test_defaults_when_there_is_no_config_file() -> None:
    result = invoke("config", "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["config_exists"] is False
    assert found["config_file"].endswith("xdg-config/release-countdown/config.toml")
    settings = found["settings"]
    assert settings["region"] == {
        "value": None,
        "origin": "default",
        "environment": "COUNTDOWN_REGION",
    }
    assert settings["lock_timeout"]["value"] == 30.0
    assert settings["cache"]["value"] is True


def test_precedence_option_environment_file_default(tmp_path: Path) -> None:
    config(tmp_path, 'region = "GB"\nlock_timeout = 5\n')
    found = json.loads(invoke("config", "--json").stdout)["settings"]
    assert found["region"]["value"] == "GB"
    assert found["region"]["origin"].endswith("config.toml:1:10")
    assert found["lock_timeout"] == {
        "value": 5.0,
        "origin": found["lock_timeout"]["origin"],
        "environment": "COUNTDOWN_LOCK_TIMEOUT",
    }
    os.environ["COUNTDOWN_REGION"] = "us"
    found = json.loads(invoke("config", "--json").stdout)["settings"]
    assert (found["region"]["value"], found["region"]["origin"]) == (
        "US",
        "environment COUNTDOWN_REGION",
    )
    # The setting is the default --region; the option wins over it.
    rows = json.loads(
        invoke("list", "--json", "--all", "--as-of", AS_OF, "--search", "gran").stdout
    )
    by_env = json.loads(
        invoke(
            "list", "--json", "--all", "--as-of", AS_OF, "--search", "gran", "--region", "US"
        ).stdout
    )
    assert rows == by_env
    assert rows[0]["region"] == "US"
    other = json.loads(
        invoke(
            "list", "--json", "--all", "--as-of", AS_OF, "--search", "gran", "--region", "WW"
        ).stdout
    )
    assert other[0]["region"] is None  # the option wins: no worldwide date, so the headline


def test_registries_from_the_config_file_resolve_beside_it(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('[[release]]\ntitle = "Mine"\ndate = 2030-01-01\n')
    config(tmp_path, 'registries = ["mine.toml"]\n')
    rows = json.loads(invoke("list", "--json").stdout)
    assert [r["title"] for r in rows] == ["Mine"]
    assert "from the config file" in invoke("where").stdout


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ('region = "Narnia"\n', "config.toml:1:10", "is not an ISO 3166-1 alpha-2 country code"),
        ('lock_timeout = "soon"\n', "config.toml:1:16", "not a number of seconds"),
        ("cache = 1\n", "config.toml:1:9", "must be true or false"),
        ('registries = "a.toml"\n', "config.toml:1:14", "list of paths"),
        ("region = \n", "config.toml:1:10", "TOML syntax error"),
        ("notify = 3\n", "config.toml:1:10", "must be a table"),
    ],
)
def test_a_bad_config_value_is_a_usage_error_naming_its_place(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    config(tmp_path, text)
    result = invoke("list", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert where in result.stderr
    assert what in result.stderr
    assert "Traceback" not in result.stderr


def test_reserved_tables_are_accepted_and_unknown_keys_warned(tmp_path: Path) -> None:
    config(
        tmp_path,
        '[sources.tmdb]\napi_key = "x"\n[notify]\nlead = "7d"\n[serve]\nhosts = ["a.example"]\n',
    )
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stderr == ""
    config(tmp_path, "colour = true\n")
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert 'config.toml:1:10: warning: unknown setting "colour"' in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COUNTDOWN_LOCK_TIMEOUT", "abc"),
        ("COUNTDOWN_NO_CACHE", "maybe"),
        ("COUNTDOWN_REGION", "XYZ"),
    ],
)
def test_a_bad_environment_value_exits_2_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    registry = tmp_path / "r.toml"
    registry.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\n')
    env = {**os.environ, variable: value}
    command = [sys.executable, "-m", "release_countdown"]
    for args in (["edit", "a", "--note", "x", "-r", str(registry)], ["list", "-r", str(registry)]):
        done = subprocess.run(
            [*command, *args], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 2, done.stderr
        assert f"{variable}={value!r}" in done.stderr
        assert "Traceback" not in done.stderr
    assert "note" not in registry.read_text()


def test_lock_timeout_setting_reaches_the_writer(tmp_path: Path) -> None:
    from release_countdown.writing.lock import locked

    registry = tmp_path / "r.toml"
    registry.write_text('[[release]]\ntitle = "A"\ndate = 2030-01-01\n')
    os.environ["COUNTDOWN_LOCK_TIMEOUT"] = "0.2"
    with locked(registry):
        result = invoke("edit", "a", "--note", "x", "-r", str(registry))
    assert result.exit_code == 3
    assert "waited 0.2 s" in result.stderr
