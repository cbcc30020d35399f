"""`countdown serve`: a live countdown page, a calendar feed and JSON over HTTP."""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from release_countdown.cli.app import command_app
from release_countdown.cli.options import NoCacheOption, RegistryOption

app = command_app()
MISSING = (
    "countdown serve needs the serve extra (Starlette, uvicorn, Jinja2): "
    "pip install 'release-countdown[serve]'"
)


@app.command("serve", short_help="Serve a countdown page, a calendar feed and JSON over HTTP.")
def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to bind; any but loopback needs a token.", metavar="HOST")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", metavar="PORT")] = 8787,
    registry: RegistryOption = None,
    token: Annotated[
        str | None,
        typer.Option(
            help="Require this token on every request (?token= or Authorization: Bearer); "
            "default: [serve] token in the config file.",
            metavar="TOKEN",
            show_default=False,
        ),
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Serve a live countdown page, a calendar feed, JSON and an Atom feed of changes.

    Endpoints: /, /title/ID, /calendar.ics, /releases.json, /changes.atom and /healthz, each
    taking the `list` filters (?composer=balfe&kind=film); the registry is re-read on change.

    \b
    Examples:
      countdown serve
      countdown serve --port 9000 --registry ~/films.toml
      countdown serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    import sys

    from release_countdown.cli.output import bad, say
    from release_countdown.core.errors import UsageError

    if not 0 < port < 65536:
        bad("--port", f"{port} is not a port (1 to 65535)")

    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise UsageError(MISSING) from None

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    asgi, titles = application(host, registry, token, no_cache=no_cache, log=log)
    shown = f"[{host}]" if ":" in host else host
    say(f"countdown: serving {titles} titles on http://{shown}:{port}/ (Ctrl-C stops)")
    from release_countdown.serve.server import run

    run(asgi, host, port)  # uvicorn with limits: serve/server.py


def application(
    host: str,
    registry: list[Path] | None,
    token: str | None,
    *,
    no_cache: bool = False,
    log: Callable[[str], None] = lambda line: None,
) -> tuple[Any, int]:
    """The ASGI application `serve` runs (and tests and benchmarks drive), and its title count.

    The token: ``token`` or ``[serve] token``; a bind beyond loopback needs one (else exit 2).
    Log lines go through ``terminal_safe``: registry text reaches the log with controls shown."""
    from datetime import date

    from release_countdown.cli.output import bad
    from release_countdown.cli.reading import loader, registry_paths, settings
    from release_countdown.serve.app import ServeConfig, create_app
    from release_countdown.serve.security import is_loopback
    from release_countdown.serve.state import RegistryState
    from release_countdown.views.safe import terminal_safe

    def safe_log(line: str) -> None:
        log(terminal_safe(line))

    found = settings()
    if token is None:
        token = found.serve_token.value  # checked by settings.py: 8 characters or more
    if token is not None and len(token) < 8:
        bad("--token", "a token needs 8 characters or more (e.g. `openssl rand -hex 16`)")
    if not is_loopback(host) and not token:
        bad(
            "--host",
            f"binding to {host} exposes the registry to other machines: give --token TOKEN "
            "(or [serve] token in the config file)",
        )
    state = RegistryState(registry_paths(registry), loader(registry, no_cache), log=safe_log)
    config = ServeConfig(
        state=state,
        today=date.today,  # the local date, read once per request
        default_region=found.region.value,
        host=host,
        token=token,
        extra_hosts=found.serve_hosts.value,
        log=safe_log,
    )
    asgi = create_app(config)
    return asgi, len(state.current().registry.releases)
