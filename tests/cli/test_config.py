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


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("[serve]\ntoken = 12345678\n", "config.toml:2:9", "serve.token must be a string"),
        ('[serve]\ntoken = "short"\n', "config.toml:2:9", "serve.token needs 8 characters"),
        ('[serve]\nhosts = "a.example"\n', "config.toml:2:9", "serve.hosts must be a list"),
        ("[serve]\nhosts = [1]\n", "config.toml:2:9", "serve.hosts must be a list"),
        ("serve = 1\n", "config.toml:1:9", "serve must be a table"),
        ('[sources.tmdb]\nurl = "ftp://x"\n', "config.toml:2:7", "must be an http(s) address"),
        ('[sources.wikidata]\nurl = ""\n', "config.toml:2:7", "sources.wikidata.url must be"),
        ("[sources.tmdb]\napi_key = 5\n", "config.toml:2:11", "sources.tmdb.api_key must be"),
        ('http_timeout = "soon"\n', "config.toml:1:16", "http_timeout must be a number"),
        ("http_timeout = 601\n", "config.toml:1:16", "http_timeout must be a number"),
        ('[notify]\nto = ""\n', "config.toml:2:6", "notify.to must be"),
    ],
)
def test_a_bad_table_value_exits_2_at_its_place(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    config(tmp_path, text)
    result = invoke("list", "--json")
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    assert where in result.stderr
    assert what in result.stderr
    assert "12345678" not in result.stderr  # a token's value is never repeated


def test_unknown_table_keys_are_located_warnings(tmp_path: Path) -> None:
    config(tmp_path, '[serve]\nportt = 1\n[sources.tmdb]\nkey = "x"\n[sources.imdb]\nurl = "x"\n')
    result = invoke("list", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 3, lines
    assert (
        'config.toml:2:9: warning: unknown setting "serve.portt" is ignored; did you mean port?'
        in lines[0]
    )
    assert 'config.toml:4:7: warning: unknown key "sources.tmdb.key" is ignored' in lines[1]
    assert 'warning: unknown source "sources.imdb" is ignored' in lines[2]


@pytest.mark.parametrize(
    ("variable", "value", "what"),
    [
        ("COUNTDOWN_HTTP_TIMEOUT", "abc", "must be a number of seconds"),
        ("COUNTDOWN_HTTP_TIMEOUT", "0", "must be a number of seconds, more than 0"),
        ("COUNTDOWN_TMDB_URL", "ftp://x", "must be an http(s) address"),
        ("COUNTDOWN_MUSICBRAINZ_URL", "x", "must be an http(s) address"),
    ],
)
def test_source_variables_are_read_and_checked_with_the_others(
    variable: str, value: str, what: str
) -> None:
    os.environ[variable] = value
    result = invoke("config")
    assert result.exit_code == 2
    assert f"countdown: {variable}={value!r}: {what}" in result.stderr


def test_config_shows_every_table_and_never_a_secret(tmp_path: Path) -> None:
    secrets = ("env-s3cret-1", "file-s3cret-2", "file-s3cret-3")
    path = config(
        tmp_path,
        f'http_timeout = 5\n[sources.tmdb]\napi_key = "ignored-{secrets[1]}"\n'
        f'read_access_token = "{secrets[1]}"\n[sources.wikidata]\nurl = "http://127.0.0.1:9"\n'
        f'[serve]\ntoken = "{secrets[2]}"\nhosts = ["countdown.example"]\n',
    )
    os.environ["TMDB_API_KEY"] = secrets[0]
    os.environ["COUNTDOWN_MUSICBRAINZ_URL"] = "http://127.0.0.1:8"
    text, as_json = invoke("config"), invoke("config", "--json")
    for result in (text, as_json):
        assert result.exit_code == 0, result.stderr
        assert not any(s in result.stdout + result.stderr for s in secrets)
    shown = text.stdout.splitlines()
    assert "http_timeout          5.0  (config file " in text.stdout
    assert "serve.token           set (from " + f"{path}:8:9)" in shown
    assert f'serve.hosts           ["countdown.example"]  (config file {path}:9:9)' in shown
    assert "sources.tmdb.api_key            set (from TMDB_API_KEY)" in shown
    assert f"sources.tmdb.read_access_token  set (from {path}:4:21)" in shown
    assert 'sources.tmdb.url                "https://api.themoviedb.org"  (default)' in shown
    assert (
        'sources.musicbrainz.url         "http://127.0.0.1:8"  (environment '
        "COUNTDOWN_MUSICBRAINZ_URL)" in shown
    )
    assert f'sources.wikidata.url            "http://127.0.0.1:9"  (config file {path}:6:7)' in (
        shown
    )
    assert "kept for later use" not in text.stdout
    found = json.loads(as_json.stdout)["settings"]
    assert found["sources.tmdb.api_key"] == {
        "set": True,
        "origin": "environment TMDB_API_KEY",
        "environment": "TMDB_API_KEY",
        "secret": True,
    }
    assert found["serve.token"]["set"] is True
    assert found["serve.hosts"]["value"] == ["countdown.example"]
    assert found["http_timeout"]["value"] == 5.0
    del os.environ["TMDB_API_KEY"]
    path.write_text("")
    shown = invoke("config").stdout.splitlines()
    assert "serve.token           not set" in shown
    assert "sources.tmdb.api_key            not set" in shown


def test_sources_read_no_environment() -> None:
    """settings.py reads the sources' variables; sources/ receive the values as arguments."""
    folder = Path(__file__).resolve().parents[2] / "src" / "release_countdown" / "sources"
    for path in folder.glob("*.py"):
        text = path.read_text("utf-8")
        assert "os.environ" not in text, path.name
        assert "getenv" not in text, path.name


def test_config_masks_the_secrets_of_notify_destinations(tmp_path: Path) -> None:
    """A destination's token (path segments, query values, userinfo) is never shown."""
    config(
        tmp_path,
        '[notify]\nto = ["discord://4242/w3bh00k-s3cret", "json://me:pa55w0rd@host/hook?token=t0k3n",'
        ' "ntfy://topic"]\n',
    )
    for result in (invoke("config"), invoke("config", "--json")):
        assert result.exit_code == 0, result.stderr
        for secret in ("w3bh00k-s3cret", "pa55w0rd", "t0k3n"):
            assert secret not in result.stdout + result.stderr
        assert "discord://4242/***" in result.stdout
        assert "ntfy://topic" in result.stdout
