"""`countdown serve`: a live countdown page, a calendar feed and JSON over HTTP."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from release_countdown.cli import serve_options as so
from release_countdown.cli.app import command_app
from release_countdown.cli.options import NoCacheOption, RegistryOption

app = command_app()


@app.command("serve")
def serve_command(
    *,
    host: so.HostOption = None,
    port: so.PortOption = None,
    registry: RegistryOption = None,
    token: so.TokenOption = None,
    no_cache: NoCacheOption = False,
    refresh: so.RefreshOption = None,
) -> None:
    """Serve a live countdown page, a calendar feed, JSON and an Atom feed of changes.

    Endpoints: /, /title/ID, /calendar.ics, /releases.json, /changes.atom, /digest.atom
    (`notify --digest`: ?period=weekly|daily, group_by, on, min_precision, lead), /radarr.json
    and /sonarr.json (Radarr's and Sonarr's Custom List) and /healthz, each taking the `list`
    filters (?composer=balfe&kind=film); the registry is re-read on change.

    \b
    Examples:
      countdown serve
      countdown serve --port 0 --registry ~/films.toml
      countdown serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
      countdown serve --refresh 6h        as a service: refreshes by itself
    """
    import sys

    from release_countdown.cli.output import say
    from release_countdown.cli.reading import settings
    from release_countdown.cli.serve_refresh import refresher
    from release_countdown.core.errors import UsageError
    from release_countdown.core.install import add_command

    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        missing = "countdown serve needs the serve extra (Starlette, uvicorn, Jinja2)"
        raise UsageError(f"{missing}: {add_command('serve')}") from None

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    host = settings().serve_host.value if host is None else host  # the option wins
    from release_countdown.serve.server import listen, run

    asgi, titles = application(host, registry, token, no_cache=no_cache, log=log)
    start = refresher(registry, refresh, log)  # checked before listening; nothing without one
    sock = listen(host, settings().serve_port.value if port is None else port)
    shown = f"[{host}]" if ":" in host else host
    got = sock.getsockname()[1]  # the port asked for, or the free one the system gave
    say(f"countdown: serving {titles} titles on http://{shown}:{got}/ (Ctrl-C stops)")
    stop = start()
    try:
        run(asgi, sock)
    finally:
        stop()


def application(
    host: str,
    registry: list[Path] | None,
    token: str | None,
    *,
    no_cache: bool = False,
    log: Callable[[str], None] = lambda line: None,
) -> tuple[Any, int]:
    """The ASGI application `serve` runs (and tests and benchmarks drive), and its title count.
    The token: ``token`` or ``[serve] token``; a bind beyond loopback needs one (else exit 2)."""
    from datetime import date

    from release_countdown.cli.output import bad
    from release_countdown.cli.reading import loader, registry_paths, settings
    from release_countdown.serve.app import ServeConfig, create_app
    from release_countdown.serve.security import is_loopback
    from release_countdown.serve.state import RegistryState
    from release_countdown.views.safe import terminal_safe
    from release_countdown.writing.inbox import inbox_reader
    from release_countdown.writing.marks import marks_reader

    def safe_log(line: str) -> None:  # registry text reaches the log with controls shown
        log(terminal_safe(line))

    found = settings()
    token = found.serve_token.value if token is None else token  # settings.py checked it
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
        inbox=inbox_reader(),  # the follows' proposals: a count on the page, arrivals in Atom
        marks=marks_reader(),  # the user's marks: ?mark=, rows' mark, seen/skip left out
    )
    asgi = create_app(config)
    return asgi, len(state.current().registry.releases)
