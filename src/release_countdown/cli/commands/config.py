"""`countdown config`: the settings in force and where each came from."""

from typing import Annotated, Any

import typer

from release_countdown.cli.app import command_app

app = command_app()


@app.command("config", short_help="Show the settings in force and where each came from.")
def config_command(
    *, json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
) -> None:
    """Show the settings in force and where each came from: the command line wins over the
    environment, which wins over the config file, which wins over the defaults.

    The config file is TOML at $XDG_CONFIG_HOME/release-countdown/config.toml (the platform's
    config directory elsewhere; COUNTDOWN_CONFIG names another). Keys: region = "GB",
    registries = ["~/films.toml", "team.toml"] (relative to the config file), cache = true,
    lock_timeout = 30; [notify] lead = "30d,7d,1d,0d" and to = ["ntfy://topic"] for
    `countdown notify`; the tables [sources.*] and [serve] are kept for later use.
    A bad value exits 2 naming the file, line and column (or the environment variable).

    \b
    Examples:
      countdown config
      countdown config --json | jq .settings.region
      COUNTDOWN_REGION=GB countdown config
    """
    import sys

    from release_countdown.cli.reading import settings
    from release_countdown.settings import ENVIRONMENT, KEYS

    found = settings()
    values = {key: getattr(found, key) for key in KEYS}
    from release_countdown.core.notices import DEFAULT_LEADS
    from release_countdown.settings import Setting

    lead = found.notify_lead
    notify: dict[str, Setting[Any]] = {
        "notify.lead": Setting(lead.value or DEFAULT_LEADS, lead.origin),
        "notify.to": found.notify_to,
    }

    def shown(value: object) -> object:
        if isinstance(value, tuple):
            return [f"{v}d" if isinstance(v, int) else str(v) for v in value]
        return value

    if json_output:
        from release_countdown.cli.output import write_json

        write_json(
            {
                "config_file": str(found.config_file),
                "config_exists": found.config_exists,
                "settings": {
                    key: {
                        "value": shown(s.value),
                        "origin": s.origin,
                        "environment": ENVIRONMENT[key],
                    }
                    for key, s in values.items()
                }
                | {
                    key: {"value": shown(s.value), "origin": s.origin, "environment": None}
                    for key, s in notify.items()
                },
                "tables": sorted(found.tables),
            }
        )
        return
    import json

    width = max(len(key) for key in (*KEYS, *notify))
    lines = [
        f"{key:<{width}}  {json.dumps(shown(s.value), ensure_ascii=False)}  ({s.origin})"
        for key, s in (*values.items(), *notify.items())
    ]
    exists = "" if found.config_exists else "  (missing: defaults and environment only)"
    lines.append(f"config file: {found.config_file}{exists}")
    if kept := [t for t in found.tables if t != "notify"]:
        lines.append("tables kept for later use: " + ", ".join(f"[{t}]" for t in kept))
    from release_countdown.views.safe import terminal_safe

    sys.stdout.write("".join(terminal_safe(line) + "\n" for line in lines))
