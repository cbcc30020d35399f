"""The program's entry point (the `countdown` script, ``python -m release_countdown``).

Importing typer and the root group makes some 60,000 objects that live as long as the process
and are never garbage, and the cyclic collector walked them about 30 times while they were
made (4-6 ms of an 80 ms `list --json`, counted with ``gc.callbacks``). So the collector is
paused for those imports, then the objects are moved out of its sight (``gc.freeze``, as
cli/context.Run does with a loaded registry) and it runs again as usual: a long-running
command (serve, watch) collects like any program.
"""

import gc
from typing import NoReturn


def main() -> NoReturn:
    enabled = gc.isenabled()
    gc.disable()
    try:
        from release_countdown.cli.app import main as run
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    run()
