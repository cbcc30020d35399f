"""The settings in force, read in one place: command-line option > environment > config file >
default. The command line is applied by cli/ (an option given wins); this module reads the
rest and says where each value came from (`countdown config` prints it).

The config file is TOML at ``$XDG_CONFIG_HOME/release-countdown/config.toml`` on Linux (the
platform's config directory elsewhere); ``COUNTDOWN_CONFIG`` names another. A bad value, in
the file or the environment, is a UsageError naming the file:line:col or the variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, Generic, NamedTuple, TypeVar

from release_countdown.core.errors import Problem, UsageError
from release_countdown.core.model import region_code
from release_countdown.writing.lock import DEFAULT_TIMEOUT

T = TypeVar("T")

CONFIG_ENV: Final = "COUNTDOWN_CONFIG"
DEBUG_ENV: Final = "COUNTDOWN_DEBUG"  # 1: an unexpected error prints its traceback
# The keys of each [sources.NAME] table (credentials only where a source needs them).
SOURCE_KEYS: Final = {
    "tmdb": ("api_key", "read_access_token", "url"),
    "musicbrainz": ("url",),
    "wikidata": ("url",),
}
# Tables: [notify] (lead, to) and [sources.*] are read below; [serve] by `countdown serve`.
RESERVED_TABLES: Final = ("sources", "notify", "serve")
KEYS: Final = ("region", "registries", "cache", "lock_timeout")
ENVIRONMENT: Final = {
    "region": "COUNTDOWN_REGION",
    "registries": "COUNTDOWN_REGISTRY",
    "cache": "COUNTDOWN_NO_CACHE",
    "lock_timeout": "COUNTDOWN_LOCK_TIMEOUT",
}


class Setting(NamedTuple, Generic[T]):
    value: T
    origin: str  # "default", "config file PATH:LINE", "environment NAME" or "command line"


NOTIFY_KEYS: Final = ("lead", "to")


class Settings(NamedTuple):
    region: Setting[str | None]
    registries: Setting[tuple[Path, ...]]  # () : the user registry, else the bundled one
    cache: Setting[bool]
    lock_timeout: Setting[float]
    config_file: Path
    config_exists: bool
    tables: Mapping[str, Any]  # the reserved tables, as written
    warnings: tuple[Problem, ...] = ()
    notify_lead: Setting[tuple[int, ...] | None] = Setting(None, "default")  # None: the default
    notify_to: Setting[tuple[str, ...]] = Setting((), "default")  # (): stdout


def config_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    given = env.get(CONFIG_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    from release_countdown.registry.locations import user_config_dir

    return user_config_dir() / "config.toml"


def debug_requested(env: Mapping[str, str] | None = None) -> bool:
    """COUNTDOWN_DEBUG=1 (or true, yes): show an unexpected error's traceback on stderr
    rather than writing it to a file. Anything else, or nothing, leaves it off."""
    env = os.environ if env is None else env
    return env.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes")


# --- value parsers: each returns the value or raises ValueError saying what would be right -------


def _region(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError('must be a string such as "GB" (ISO 3166-1 alpha-2, or WW)')
    return region_code(value)


def _seconds(value: object) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a number of seconds (e.g. 30)") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number of seconds (e.g. 30)")
    import math

    if math.isnan(value) or not 0 <= value < 1e9:
        raise ValueError(f"{value!r} is not a number of seconds from 0 up (e.g. 30)")
    return float(value)


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("must be true or false")


def _no_cache(value: str) -> bool:
    """COUNTDOWN_NO_CACHE: 1/true/yes turn the cache off; 0/false/no or empty leave it on."""
    text = value.strip().lower()
    if text in ("1", "true", "yes"):
        return False
    if text in ("", "0", "false", "no"):
        return True
    raise ValueError(f"{value!r} is not 1, true, yes, 0, false or no")


def _paths(base: Path) -> Callable[[object], tuple[Path, ...]]:
    def parse(value: object) -> tuple[Path, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError('must be a list of paths (e.g. registries = ["~/releases.toml"])')
        return tuple(base / Path(v).expanduser() for v in value)

    return parse


def _leads(value: object) -> tuple[int, ...]:
    from release_countdown.core.notices import parse_leads

    if isinstance(value, str) or (
        isinstance(value, list) and value and all(isinstance(v, str) for v in value)
    ):
        return parse_leads(value)
    raise ValueError('must be lead times such as "30d,7d,1d,0d" (or a list of them)')


def _destinations(value: object) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise ValueError(
        'must be a notification URL or a list of them (e.g. to = ["ntfy://my-releases", "desktop"])'
    )


def _env_paths(value: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())


# --- reading --------------------------------------------------------------------------------


def _read_config(path: Path) -> tuple[dict[str, Any], str] | None:
    """The parsed config file and its text, or None when there is none."""
    import tomli

    if not path.exists():
        return None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the config file is not UTF-8 text") from None
    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        where = f"{path}:{line}:{column}" if line else str(path)
        raise UsageError(f"{where}: TOML syntax error: {getattr(exc, 'msg', exc)}") from None


def _check_sources(
    sources: dict[str, Any], path: Path, locate: Callable[..., tuple[int | None, int | None]]
) -> list[Problem]:
    """[sources.NAME] tables: known keys hold non-empty strings (UsageError at file:line:col
    otherwise); unknown sources and keys are warnings."""
    warnings: list[Problem] = []
    for name, table in sources.items():
        if name not in SOURCE_KEYS:
            message = (
                f'unknown source "sources.{name}" is ignored (sources: {", ".join(SOURCE_KEYS)})'
            )
            warnings.append(Problem(str(path), message, *locate("sources", name), warning=True))
            continue
        if not isinstance(table, dict):
            line, column = locate("sources", name)
            raise UsageError(f"{path}:{line}:{column}: sources.{name} must be a table")
        for key, value in table.items():
            line, column = locate("sources", name, key)
            if key not in SOURCE_KEYS[name]:
                message = (
                    f'unknown key "sources.{name}.{key}" is ignored '
                    f"(keys: {', '.join(SOURCE_KEYS[name])})"
                )
                warnings.append(Problem(str(path), message, line, column, warning=True))
            elif not isinstance(value, str) or not value.strip():
                where, example = f"{path}:{line}:{column}", f'{key} = "..."'
                raise UsageError(f"{where}: sources.{name}.{key} must be a string (e.g. {example})")
    return warnings


def read_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment, the config file and the defaults (not the command line)."""
    env = os.environ if env is None else env
    path = config_file(env)
    found = _read_config(path)
    document, text = found if found is not None else ({}, "")
    locator: Any = None

    def position(*key: str) -> tuple[int | None, int | None]:
        nonlocal locator
        if locator is None:
            from release_countdown.registry.positions import Locator

            locator = Locator(text)
        found: tuple[int | None, int | None] = locator.find(key)
        return found

    def at(*key: str) -> str:
        line, column = position(*key)
        return f"{path}:{line}:{column}" if line is not None else str(path)

    def locate(*keys: str) -> tuple[int | None, int | None]:
        position("")  # builds the locator
        found: tuple[int | None, int | None] = locator.find(keys)
        return found

    warnings: list[Problem] = []
    for key in document:
        if key not in KEYS and key not in RESERVED_TABLES:
            message = (
                f'unknown setting "{key}" is ignored (settings: {", ".join(KEYS)}; '
                f"tables: {', '.join(RESERVED_TABLES)})"
            )
            warnings.append(Problem(str(path), message, *position(key), warning=True))
    for key in RESERVED_TABLES:
        if key in document and not isinstance(document[key], dict):
            raise UsageError(f"{at(key)}: {key} must be a table ([{key}])")
    warnings += _check_sources(document.get("sources", {}), path, locate)

    def setting(
        key: str, default: T, from_file: Callable[[object], T], from_env: Callable[[str], T]
    ) -> Setting[T]:
        variable = ENVIRONMENT[key]
        if variable in env and (key != "registries" or env[variable].strip()):
            try:
                return Setting(from_env(env[variable]), f"environment {variable}")
            except ValueError as exc:
                raise UsageError(f"{variable}={env[variable]!r}: {exc}") from None
        if key in document:
            try:
                return Setting(from_file(document[key]), f"config file {at(key)}")
            except ValueError as exc:
                raise UsageError(f"{at(key)}: {key} {exc}") from None
        return Setting(default, "default")

    notify = document.get("notify", {})
    for key in notify:
        if key not in NOTIFY_KEYS:
            message = f'unknown setting "notify.{key}" is ignored (keys: {", ".join(NOTIFY_KEYS)})'
            warnings.append(Problem(str(path), message, *position("notify", key), warning=True))

    def notify_setting(key: str, default: T, parse: Callable[[object], T]) -> Setting[T]:
        if key not in notify:
            return Setting(default, "default")
        try:
            return Setting(parse(notify[key]), f"config file {at('notify', key)}")
        except ValueError as exc:
            raise UsageError(f"{at('notify', key)}: notify.{key} {exc}") from None

    return Settings(
        region=setting("region", None, _region, _region),
        registries=setting("registries", (), _paths(path.parent), _env_paths),
        cache=setting("cache", True, _flag, _no_cache),
        lock_timeout=setting("lock_timeout", DEFAULT_TIMEOUT, _seconds, _seconds),
        config_file=path,
        config_exists=found is not None,
        tables={key: document[key] for key in RESERVED_TABLES if key in document},
        warnings=tuple(warnings),
        notify_lead=notify_setting("lead", None, _leads),
        notify_to=notify_setting("to", (), _destinations),
    )
