"""The settings in force, read in one place: command-line option > environment > config file >
default. The command line is applied by cli/ (an option given wins); this module reads the
rest and says where each value came from (`countdown config` prints it).

The config file is TOML at ``$XDG_CONFIG_HOME/release-countdown/config.toml`` on Linux (the
platform's config directory elsewhere); ``COUNTDOWN_CONFIG`` names another. A bad value, in
the file or the environment, is a UsageError naming the file:line:col or the variable; an
unknown key is a located warning.

Every setting lives here, the tables' too: ``[notify]``, ``[serve]``, ``[sources.NAME]`` with
the sources' variables over them (TMDB's and IGDB's credentials, each source's address).
Other modules get the values; sources/ reads no environment. Secrets (``SECRETS``) are never
shown or repeated.
"""

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Generic, NamedTuple, TypeVar

from release_countdown.core import config_values as values
from release_countdown.core.errors import Problem, UsageError
from release_countdown.writing.lock import DEFAULT_TIMEOUT

T = TypeVar("T")

CONFIG_ENV: Final = "COUNTDOWN_CONFIG"
DEBUG_ENV: Final = "COUNTDOWN_DEBUG"  # 1: an unexpected error prints its traceback
# The keys of each [sources.NAME] table and the environment variable that wins over each
# (credentials only where a source needs them).
SOURCE_KEYS: Final = {
    "tmdb": {
        "api_key": "TMDB_API_KEY",
        "read_access_token": "TMDB_READ_ACCESS_TOKEN",
        "url": "COUNTDOWN_TMDB_URL",
    },
    "musicbrainz": {"url": "COUNTDOWN_MUSICBRAINZ_URL"},
    "wikidata": {"url": "COUNTDOWN_WIKIDATA_URL", "sparql_url": "COUNTDOWN_WIKIDATA_SPARQL_URL"},
    "tvmaze": {"url": "COUNTDOWN_TVMAZE_URL"},
    "igdb": {
        "client_id": "IGDB_CLIENT_ID",
        "client_secret": "IGDB_CLIENT_SECRET",
        "url": "COUNTDOWN_IGDB_URL",
        "token_url": "COUNTDOWN_TWITCH_TOKEN_URL",
    },
    "steam": {"url": "COUNTDOWN_STEAM_URL"},
    "trakt": {"client_id": "TRAKT_CLIENT_ID", "url": "COUNTDOWN_TRAKT_URL"},  # import --from
    # `import --from radarr|sonarr|lidarr URL`: the address is given each time, the key set here.
    "radarr": {"api_key": "RADARR_API_KEY"},
    "sonarr": {"api_key": "SONARR_API_KEY"},
    "lidarr": {"api_key": "LIDARR_API_KEY"},
}
DEFAULT_URLS: Final = {
    "tmdb": "https://api.themoviedb.org",
    "musicbrainz": "https://musicbrainz.org",
    "wikidata": "https://www.wikidata.org",
    "tvmaze": "https://api.tvmaze.com",
    "igdb": "https://api.igdb.com",
    "steam": "https://store.steampowered.com",
    "trakt": "https://api.trakt.tv",
}
SPARQL_URL: Final = "https://query.wikidata.org/sparql"  # Wikidata's query service (follows)
TOKEN_URL: Final = "https://id.twitch.tv/oauth2/token"  # IGDB's credentials are Twitch's
# Values never shown (`countdown config` says whether they are set, and where from).
SECRETS: Final = ("api_key", "read_access_token", "token", "client_secret", "client_id")
TABLES: Final = ("sources", "notify", "serve")
# The [sources] keys that are no source's table: the platform whose date is a game's headline.
SOURCES_KEYS: Final = ("platform",)
NOTIFY_KEYS: Final = ("lead", "to", "on", "min_precision", "digest", "group_by")
SERVE_KEYS: Final = ("host", "port", "token", "hosts")
KEYS: Final = ("region", "registries", "cache", "lock_timeout", "http_timeout")
ENVIRONMENT: Final = {
    "region": "COUNTDOWN_REGION",
    "registries": "COUNTDOWN_REGISTRY",
    "cache": "COUNTDOWN_NO_CACHE",
    "lock_timeout": "COUNTDOWN_LOCK_TIMEOUT",
    "http_timeout": "COUNTDOWN_HTTP_TIMEOUT",
}
# Every variable, by the dotted name of the setting it sets.
VARIABLES: Final = (
    ENVIRONMENT
    | {
        f"sources.{name}.{key}": variable
        for name, variables in SOURCE_KEYS.items()
        for key, variable in variables.items()
    }
    | {"sources.platform": "COUNTDOWN_PLATFORM"}
)
# VAR= (empty) leaves these to the config file (every source's keys too)
EMPTY_IS_UNSET: Final = frozenset(("registries", "http_timeout", "platform")).union(
    *SOURCE_KEYS.values()
)
HTTP_TIMEOUT: Final = 10.0  # seconds: the overall deadline of one request (sources/http.py)


class Setting(NamedTuple, Generic[T]):
    value: T
    origin: str  # "default", "config file PATH:LINE", "environment NAME" or "command line"


UNSET: Final[Setting[str]] = Setting("", "default")


class SourceSetting(NamedTuple):
    """One [sources.NAME] table with the environment over it ("" : not set)."""

    url: Setting[str]
    api_key: Setting[str] = UNSET
    read_access_token: Setting[str] = UNSET
    sparql_url: Setting[str] = Setting(SPARQL_URL, "default")  # wikidata's only
    client_id: Setting[str] = (
        UNSET  # igdb's (a Twitch application's) and trakt's (its trakt-api-key)
    )
    client_secret: Setting[str] = UNSET
    token_url: Setting[str] = Setting(TOKEN_URL, "default")


# Read-only: it is every default Settings' value.
DEFAULT_SOURCES: Final = MappingProxyType(
    {name: SourceSetting(Setting(DEFAULT_URLS.get(name, ""), "default")) for name in SOURCE_KEYS}
)


class Settings(NamedTuple):
    region: Setting[str | None]
    registries: Setting[tuple[Path, ...]]  # () : the user registry, else the bundled one
    cache: Setting[bool]
    lock_timeout: Setting[float]
    config_file: Path
    config_exists: bool
    serve_host: Setting[str]  # loopback by default: any other address needs a token
    serve_port: Setting[int]  # 0: any free port
    warnings: tuple[Problem, ...] = ()
    notify_lead: Setting[tuple[int, ...] | None] = Setting(None, "default")  # None: the default
    notify_to: Setting[tuple[str, ...]] = Setting((), "default")  # (): stdout
    notify_on: Setting[frozenset[str] | None] = Setting(None, "default")  # None: every kind
    notify_min_precision: Setting[str | None] = Setting(None, "default")  # None: any date
    http_timeout: Setting[float] = Setting(HTTP_TIMEOUT, "default")
    serve_token: Setting[str | None] = Setting(None, "default")  # a secret: never shown
    serve_hosts: Setting[tuple[str, ...]] = Setting((), "default")  # besides the bound one
    notify_digest: Setting[str | None] = Setting(None, "default")  # None: a notice at a time
    notify_group_by: Setting[str | None] = Setting(None, "default")  # None: the default
    sources: Mapping[str, SourceSetting] = DEFAULT_SOURCES
    # [sources] platform ("PC"): a game's headline is that platform's date (None: the earliest).
    sources_platform: Setting[str | None] = Setting(None, "default")


def config_file(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    given = env.get(CONFIG_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    from release_countdown.registry.locations import user_config_dir

    return user_config_dir() / "config.toml"


def debug_requested(env: Mapping[str, str] | None = None) -> bool:
    """COUNTDOWN_DEBUG=1 (or true, yes): an unexpected error's traceback on stderr, not a file."""
    env = os.environ if env is None else env
    return env.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes")


def every_setting(found: Settings) -> list[tuple[str, Setting[Any], str | None]]:
    """Every setting (`countdown config`): its dotted name, value and origin, and the
    environment variable that sets it, if any."""
    from release_countdown.core.digest import DEFAULT_GROUP_BY
    from release_countdown.core.notices import DEFAULT_LEADS, ON_KINDS
    from release_countdown.core.redact import redact_url

    lead = found.notify_lead
    shown: dict[str, Setting[Any]] = {key: getattr(found, key) for key in KEYS}
    shown["notify.lead"] = Setting(lead.value or DEFAULT_LEADS, lead.origin)
    to = found.notify_to  # secrets in a destination's address are masked by structure
    shown["notify.to"] = Setting(tuple(redact_url(url) for url in to.value), to.origin)
    on = found.notify_on  # in the kinds' order; every kind by default
    kinds = tuple(k for k in ON_KINDS if not on.value or k in on.value)
    shown["notify.on"] = Setting(kinds, on.origin)
    shown["notify.min_precision"] = found.notify_min_precision
    shown["notify.digest"] = found.notify_digest
    group_by = found.notify_group_by
    shown["notify.group_by"] = Setting(group_by.value or DEFAULT_GROUP_BY, group_by.origin)
    shown |= {f"serve.{key}": getattr(found, f"serve_{key}") for key in SERVE_KEYS}
    shown["sources.platform"] = found.sources_platform
    for name, variables in SOURCE_KEYS.items():
        shown |= {f"sources.{name}.{k}": getattr(found.sources[name], k) for k in variables}
        for key in (k for k in variables if k.endswith("url")):  # a mirror's secrets masked
            url = getattr(found.sources[name], key)
            shown[f"sources.{name}.{key}"] = Setting(redact_url(url.value), url.origin)
    return [(name, setting, VARIABLES.get(name)) for name, setting in shown.items()]


# --- reading --------------------------------------------------------------------------------


def _read_config(path: Path) -> tuple[dict[str, Any], str] | None:
    """The parsed config file and its text, or None when there is none."""
    if not path.exists():
        return None  # most runs: tomli is not imported for nothing (a warm read needs no TOML)
    import tomli

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


def read_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the environment, the config file and the defaults (not the command line)."""
    env = os.environ if env is None else env
    path = config_file(env)
    found = _read_config(path)
    document, text = found if found is not None else ({}, "")
    locator: Any = None

    def locate(*keys: str) -> tuple[int | None, int | None]:
        nonlocal locator
        if locator is None:
            from release_countdown.registry.positions import Locator

            locator = Locator(text)
        found: tuple[int | None, int | None] = locator.find(keys)
        return found

    def at(*keys: str) -> str:
        line, column = locate(*keys)
        return f"{path}:{line}:{column}" if line is not None else str(path)

    warnings: list[Problem] = []

    def unknown(keys: tuple[str, ...], what: str, known: str, names: Iterable[str]) -> None:
        """A located warning: the close name when there is one ("did you mean region?"),
        else every name ``known`` lists."""
        from release_countdown.core.matching import did_you_mean

        hint = did_you_mean(names, keys[-1], quoted=False) or f" ({known})"
        message = f'unknown {what} "{".".join(keys)}" is ignored{hint}'
        warnings.append(Problem(str(path), message, *locate(*keys), warning=True))

    def table(*keys: str) -> dict[str, Any]:
        """The table at ``keys`` ({} if absent); exit 2 if it is not a table."""
        found: Any = document
        for key in keys:
            found = found.get(key, {})
        if not isinstance(found, dict):
            raise UsageError(f"{at(*keys)}: {'.'.join(keys)} must be a table ([{'.'.join(keys)}])")
        return found

    def setting(
        keys: tuple[str, ...],
        default: T,
        from_file: Callable[[object], T],
        from_env: Callable[[str], T] | None = None,
    ) -> Setting[T]:
        """Environment > config file > default; a bad value exits 2 naming where it is."""
        key, variable = keys[-1], VARIABLES.get(".".join(keys), "")
        if variable and variable in env and (env[variable].strip() or key not in EMPTY_IS_UNSET):
            try:
                return Setting((from_env or from_file)(env[variable]), f"environment {variable}")
            except ValueError as exc:
                raise UsageError(f"{variable}={env[variable]!r}: {exc}") from None
        written = table(*keys[:-1])
        if key in written:
            try:
                return Setting(from_file(written[key]), f"config file {at(*keys)}")
            except ValueError as exc:
                raise UsageError(f"{at(*keys)}: {'.'.join(keys)} {exc}") from None
        return Setting(default, "default")

    names = f"settings: {', '.join(KEYS)}; tables: {', '.join(TABLES)}"
    for key in document:
        if key not in KEYS and key not in TABLES:
            unknown((key,), "setting", names, (*KEYS, *TABLES))
    for name, known in (("notify", NOTIFY_KEYS), ("serve", SERVE_KEYS)):
        for key in table(name):
            if key not in known:
                unknown((name, key), "setting", f"keys: {', '.join(known)}", known)
    for name in table("sources"):
        if name in SOURCES_KEYS:
            continue
        if name not in SOURCE_KEYS:
            listed = f"sources: {', '.join(SOURCE_KEYS)}; keys: {', '.join(SOURCES_KEYS)}"
            unknown(("sources", name), "source", listed, (*SOURCE_KEYS, *SOURCES_KEYS))
            continue
        for key in table("sources", name):
            if key not in SOURCE_KEYS[name]:
                keys = SOURCE_KEYS[name]
                unknown(("sources", name, key), "key", f"keys: {', '.join(keys)}", keys)

    def source(name: str) -> SourceSetting:
        def credential(key: str) -> Setting[str]:
            return setting(("sources", name, key), "", values.string, str.strip)

        if name not in DEFAULT_URLS:  # radarr, sonarr, lidarr: only a key
            return SourceSetting(UNSET, api_key=credential("api_key"))
        url = setting(("sources", name, "url"), DEFAULT_URLS[name], values.url(DEFAULT_URLS[name]))
        if name == "wikidata":
            sparql = setting(("sources", name, "sparql_url"), SPARQL_URL, values.url(SPARQL_URL))
            return SourceSetting(url, sparql_url=sparql)
        if name == "igdb":
            token = setting(("sources", name, "token_url"), TOKEN_URL, values.url(TOKEN_URL))
            return SourceSetting(
                url, client_id=credential("client_id"),
                client_secret=credential("client_secret"), token_url=token,
            )  # fmt: skip
        if name == "trakt":
            return SourceSetting(url, client_id=credential("client_id"))
        if name != "tmdb":
            return SourceSetting(url)
        return SourceSetting(url, credential("api_key"), credential("read_access_token"))

    return Settings(
        region=setting(("region",), None, values.region),
        registries=setting(("registries",), (), values.paths(path.parent), values.env_paths),
        cache=setting(("cache",), True, values.flag, values.no_cache),
        lock_timeout=setting(("lock_timeout",), DEFAULT_TIMEOUT, values.seconds),
        config_file=path,
        config_exists=found is not None,
        warnings=tuple(warnings),
        notify_lead=setting(("notify", "lead"), None, values.leads),
        notify_to=setting(("notify", "to"), (), values.destinations),
        notify_on=setting(("notify", "on"), None, values.on_kinds),
        notify_min_precision=setting(("notify", "min_precision"), None, values.min_precision),
        http_timeout=setting(("http_timeout",), HTTP_TIMEOUT, values.http_timeout),
        serve_token=setting(("serve", "token"), None, values.token),
        serve_hosts=setting(("serve", "hosts"), (), values.hosts),
        notify_digest=setting(("notify", "digest"), None, values.digest_period),
        notify_group_by=setting(("notify", "group_by"), None, values.group_by),
        serve_host=setting(("serve", "host"), "127.0.0.1", values.string),
        serve_port=setting(("serve", "port"), 8787, values.port),
        sources={name: source(name) for name in SOURCE_KEYS},
        sources_platform=setting(("sources", "platform"), None, values.platform),
    )
