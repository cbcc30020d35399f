"""One command run's context (hatch's ``Application`` in ``ctx.obj``): the settings, read once
and lazily; the speedups made for the registries read; the registries loaded; whether new
cache entries wait until the answer is out.

The root group makes one ``Run`` per command run (or takes the one ``main()`` gives it) and
puts it in the click context, where ``current()`` finds it. Outside a command run (a test
calling cli/reading.py directly, a server thread) there is no memo: each call gets a new Run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from release_countdown.accel import Speedups
    from release_countdown.registry.merge import Registry
    from release_countdown.settings import Settings


class Run:
    def __init__(self, *, defer_cache_writes: bool = False, whole_process: bool = False) -> None:
        self.defer_cache_writes = defer_cache_writes  # main(): written once the answer is out
        # main(): this run is the process, which ends with it (os._exit, nothing freed)
        self.whole_process = whole_process
        self._settings: Settings | None = None
        self.speedups: list[Speedups] = []
        # Registries read in this run, kept until it ends (main leaves without freeing them:
        # 10,000 titles take longer to free one object at a time than to query).
        self.loaded: list[Registry] = []

    def settings(self) -> Settings:
        """The settings in force, read at the first call (warnings about them go to stderr)."""
        if self._settings is None:
            from release_countdown.cli.output import say
            from release_countdown.settings import read_settings

            self._settings = read_settings()
            for problem in self._settings.warnings:
                say(problem)
        return self._settings

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Around the load of a registry kept until the run ends. When the run is the whole
        process, the loaded objects (about a million for 10,000 titles) are then moved out of
        the cyclic collector's sight (``gc.freeze``) before it runs again: they live until the
        process ends anyway, and the collector would otherwise walk all of them, young and
        old, while the rows are made. Not in a server (`serve` reads through ``loader``, not
        here) nor in tests, which share one process."""
        if not self.whole_process:
            yield
            return
        import gc

        enabled = gc.isenabled()
        gc.disable()  # load_registry pauses it too, and then must not restart it before this
        try:
            yield
        finally:
            gc.freeze()
            if enabled:
                gc.enable()

    def new_speedups(self, no_cache: bool, *, keep: bool = True) -> Speedups | None:
        """accel/'s speedups for one read (None without accel/); kept to be flushed by
        ``write_cache`` unless ``keep`` is false (the caller flushes them itself)."""
        try:
            from release_countdown.accel import Speedups
        except ImportError:  # accel/ is optional: the same answers, more slowly
            return None
        speedups = Speedups(cache=not no_cache and self.settings().cache.value)
        if keep:
            self.speedups.append(speedups)
        return speedups

    def cache_pending(self) -> bool:
        return any(speedups.pending for speedups in self.speedups)

    def write_cache(self) -> None:
        """Write the cache entries this run made."""
        for speedups in self.speedups:
            speedups.flush()

    def finish(self) -> None:
        """The command returned: write the cache now, unless main() writes it after output."""
        if not self.defer_cache_writes:
            self.write_cache()


def current() -> Run | None:
    """The run of the command in progress on this thread, if any."""
    # typer vendors click (typer._click, as cli/shells.py knows): its contexts are not click's.
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None:
        return None
    found: Run | None = ctx.find_object(Run)
    return found
