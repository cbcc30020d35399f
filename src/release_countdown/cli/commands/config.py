"""`countdown config`: the settings in force and where each came from."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from release_countdown.cli.app import command_app

if TYPE_CHECKING:
    pass

app = command_app()


@app.command("config")
def config_command(
    *, json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Show the settings in force and where each came from: the command line wins over the
    environment, which wins over the config file, which wins over the defaults. Secrets (API
    keys, the server's token) are shown as set or not set, never their value.

    The config file is TOML at $XDG_CONFIG_HOME/release-countdown/config.toml (the platform's
    config directory elsewhere; COUNTDOWN_CONFIG names another). Keys: region = "GB",
    registries = ["~/films.toml", "team.toml"] (relative to the config file), cache = true,
    lock_timeout = 30, http_timeout = 10; [notify] lead = "30d,7d,1d,0d" and
    to = ["ntfy://topic"] for `countdown notify`; [serve] token = "..." and
    hosts = ["countdown.example"] for `countdown serve`; [sources.tmdb] api_key,
    read_access_token and url, [sources.musicbrainz] url and [sources.wikidata] url for
    lookup, import and refresh (TMDB_API_KEY, TMDB_READ_ACCESS_TOKEN and COUNTDOWN_*_URL in
    the environment win over them); [sources.radarr], [sources.sonarr] and [sources.lidarr]
    api_key for import --from (RADARR_API_KEY, SONARR_API_KEY, LIDARR_API_KEY win). A bad
    value exits 2 naming the file, line and column (or the environment variable); an unknown
    key is a warning.

    \b
    Examples:
      countdown config
      countdown config --json | jq .settings.region
      COUNTDOWN_REGION=GB countdown config
    """
    import sys

    from release_countdown.cli.reading import settings
    from release_countdown.settings import SECRETS, Setting, every_setting

    found = settings()
    shown = every_setting(found)
    if json_output:
        from release_countdown.cli.output import write_json

        def entry(key: str, setting: Setting[Any], variable: str | None) -> dict[str, Any]:
            if key.rsplit(".", 1)[-1] in SECRETS:
                return {
                    "set": bool(setting.value),
                    "origin": setting.origin,
                    "environment": variable,
                    "secret": True,
                }
            return {
                "value": plain(setting.value),
                "origin": setting.origin,
                "environment": variable,
            }

        write_json(
            {
                "config_file": str(found.config_file),
                "config_exists": found.config_exists,
                "settings": {key: entry(key, s, v) for key, s, v in shown},
            }
        )
        return
    import json

    def line(key: str, setting: Setting[Any], width: int) -> str:
        if key.rsplit(".", 1)[-1] not in SECRETS:
            value = json.dumps(plain(setting.value), ensure_ascii=False)
            return f"{key:<{width}}  {value}  ({setting.origin})"
        if not setting.value:
            return f"{key:<{width}}  not set"
        origin = setting.origin.removeprefix("environment ").removeprefix("config file ")
        return f"{key:<{width}}  set (from {origin})"

    # Two blocks, each aligned: the settings with [notify] and [serve], then [sources.*].
    blocks = (
        [s for s in shown if not s[0].startswith("sources.")],
        [s for s in shown if s[0].startswith("sources.")],
    )
    lines = []
    for block in blocks:
        width = max(len(key) for key, _, _ in block)
        lines += [line(key, setting, width) for key, setting, _ in block]
    exists = "" if found.config_exists else "  (missing: defaults and environment only)"
    lines.append(f"config file: {found.config_file}{exists}")
    from release_countdown.views.safe import terminal_safe

    sys.stdout.write("".join(terminal_safe(line) + "\n" for line in lines))


def plain(value: object) -> object:
    """A value as JSON shows it: lead times as "7d", paths as strings."""
    if isinstance(value, tuple):
        return [f"{v}d" if isinstance(v, int) else str(v) for v in value]
    return value
