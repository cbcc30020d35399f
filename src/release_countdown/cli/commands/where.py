"""`countdown where`: which registries are read and written, where the config file and the
notify state are."""

import os
import sys

from release_countdown.cli.app import command_app
from release_countdown.cli.options import RegistryOption

app = command_app()


@app.command("where")
def where_command(registry: RegistryOption = None) -> None:
    """Show which registries are read, in which order, which file writes go to, and where the
    config file, the state of `countdown notify`, your marks, the inbox, the undo journal and
    the schedule are.

    \b
    Examples:
      countdown where
      COUNTDOWN_REGISTRY=a.toml:b.toml countdown where
    """
    from release_countdown.cli.reading import registry_paths, settings
    from release_countdown.registry.locations import (
        bundled_registry,
        inbox_file,
        marks_file,
        notify_state_file,
        schedule_file,
        user_registry,
    )
    from release_countdown.writing.journal import folder_of

    user, bundled, state = user_registry(), bundled_registry(), notify_state_file()
    found = settings()
    reading = registry_paths(registry)
    if registry:
        why = "from --registry"
    elif found.registries.value:
        origin = found.registries.origin
        why = f"from ${origin.removeprefix('environment ')}" if "environment" in origin else origin
        why = why.replace("config file", "from the config file")
    elif reading == [user]:
        why = "the user registry"
    else:
        why = "the bundled registry, as there is no user registry yet"
    lines = [f"reading {why}:"]
    lines += [f"  {path}" + ("" if path.exists() else "  (missing)") for path in reading]
    target = registry[0] if registry and len(registry) == 1 else user
    writes = (
        f"{target}" if target.exists() or registry else f"{target}  (missing: run countdown init)"
    )
    lines += [
        f"writes go to:\n  {writes}",
        "resolution order: --registry PATH (repeatable), then $COUNTDOWN_REGISTRY "
        f"({os.pathsep!r}-separated), then the config file's registries, then the user "
        "registry if it exists, then the bundled one",
        f"user registry:\n  {user}" + ("" if user.exists() else "  (missing)"),
        f"bundled registry (read-only):\n  {bundled}",
        f"config file:\n  {found.config_file}" + ("" if found.config_exists else "  (missing)"),
        f"notify state (what `countdown notify` delivered):\n  {state}"
        + ("" if state.exists() else "  (missing: no run yet)"),
        f"your marks (`countdown mark`):\n  {marks_file()}"
        + ("" if marks_file().exists() else "  (missing: nothing marked yet)"),
        f"the inbox (what follows and lists propose):\n  {inbox_file()}"
        + ("" if inbox_file().exists() else "  (missing: nothing proposed yet)"),
        f"undo journal of {target} (`countdown undo`):\n  {folder_of(target)}"
        + ("" if folder_of(target).exists() else "  (missing: nothing to undo yet)"),
        f"schedule (`countdown schedule`):\n  {schedule_file()}"
        + ("" if schedule_file().exists() else "  (missing: not installed)"),
    ]
    from release_countdown.views.safe import terminal_safe

    sys.stdout.write(
        "".join(terminal_safe(part) + "\n" for line in lines for part in line.split("\n"))
    )
