"""Which registries a command reads or writes, and reading them through the one pipeline.

Resolution order for reading: ``--registry`` (repeatable), then ``$COUNTDOWN_REGISTRY``
(os.pathsep-separated), then the config file's ``registries``, then the user registry if it
exists, then the bundled one. Writes go to ``--registry PATH`` or the user registry.

The settings, the speedups and the registries read belong to the command run (cli/context.py),
found through the click context: nothing here is kept between runs.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from release_countdown.cli.context import Run, current
from release_countdown.core.errors import UsageError

if TYPE_CHECKING:
    from release_countdown.core.marks import Marks
    from release_countdown.registry.merge import Registry
    from release_countdown.settings import Settings
    from release_countdown.writing.change import Change, Edit, Snapshot


def _run() -> Run:
    """The command run in progress, or (outside one) a run for this call alone."""
    return current() or Run()


def settings() -> "Settings":
    """The settings in force (read once a command run; warnings about them go to stderr)."""
    return _run().settings()


def registry_paths(given: list[Path] | None) -> list[Path]:
    if given:
        return given
    configured = settings().registries.value
    if configured:
        return list(configured)
    from release_countdown.registry.locations import bundled_registry, user_registry

    user = user_registry()
    return [user] if user.exists() else [bundled_registry()]


def writable_path(given: list[Path] | None) -> Path:
    """What writing commands change: ``--registry PATH`` (once), else the user registry."""
    from release_countdown.cli.output import bad
    from release_countdown.registry.locations import bundled_registry, user_registry

    if given and len(given) > 1:
        bad("--registry", "writing commands change one file: give --registry once")
    path = given[0] if given else user_registry()
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop
        from release_countdown.writing.atomic import WriteError

        raise WriteError(f"cannot write {path}: {exc}") from None
    if resolved == bundled_registry().resolve():
        raise UsageError(
            f"{path} is the bundled registry, which is read-only; run `countdown init` to "
            "start your own registry from it"
        )
    if not given and not path.exists():
        raise UsageError(
            f"there is no user registry yet ({path}); run `countdown init` to create it, "
            "or pass --registry PATH"
        )
    return path


def load(registry: list[Path] | None, no_cache: bool = False) -> "Registry":
    """Read the registries; warnings go to stderr, errors raise RegistryError."""
    from release_countdown.cli.output import say
    from release_countdown.registry.load import load_registry

    run = current()
    within = run is not None
    run = run or Run()
    speedups = run.new_speedups(no_cache)
    try:
        with run.loading():
            loaded = load_registry(registry_paths(registry), accel=speedups)
    finally:  # a refused cache folder is worth a line even when the registry is invalid
        for warning in speedups.warnings if speedups is not None else ():
            say(f"countdown: warning: {warning}")
    for problem in loaded.warnings:
        say(problem)
    run.loaded.append(loaded)
    if not within:  # no command run to write them at its end
        run.write_cache()
    return loaded


def loader(registry: list[Path] | None, no_cache: bool = False) -> "Callable[[], Registry]":
    """For a long-lived reader (`serve`): a function that reads the registries again through
    the same pipeline and cache as ``load``, writing new cache entries at once. The settings
    are this run's, read now: the function runs on other threads, outside the command run."""
    from release_countdown.cli.output import say
    from release_countdown.registry.load import load_registry

    run = _run()
    run.settings()
    paths = registry_paths(registry)

    def read() -> "Registry":
        speedups = run.new_speedups(no_cache, keep=False)  # flushed here, not at the run's end
        try:
            loaded = load_registry(paths, accel=speedups)
        finally:
            for warning in speedups.warnings if speedups is not None else ():
                say(f"countdown: warning: {warning}")
        if speedups is not None:
            speedups.flush()
        for problem in loaded.warnings:
            say(problem)
        return loaded

    return read


def cache_pending() -> bool:
    """Whether this command run made cache entries not yet written."""
    run = current()
    return run is not None and run.cache_pending()


def write_cache() -> None:
    """Write the cache entries this command run made."""
    run = current()
    if run is not None:
        run.write_cache()


def change(
    path: Path, edit: "Edit", *, dry_run: bool, snapshot: "Snapshot | None" = None
) -> "Change":
    """Apply ``edit`` to the registry at ``path`` under its lock (writing/change.py), waiting
    for the lock as long as the `lock_timeout` setting says. ``snapshot``: the file as the
    command read it before (read_snapshot), not parsed again if it is unchanged."""
    from release_countdown.writing.change import change_registry

    timeout = settings().lock_timeout.value
    return change_registry(path, edit, dry_run=dry_run, lock_timeout=timeout, snapshot=snapshot)


def marks() -> "Marks":
    """The user's marks (the marks file in the state folder; none if there is none)."""
    from release_countdown.core.marks import Marks
    from release_countdown.registry.locations import marks_file
    from release_countdown.writing.marks import read_marks

    return Marks.of(read_marks(marks_file()))
