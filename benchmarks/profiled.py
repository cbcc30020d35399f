"""Profile one `countdown` command in-process, imports included (the top 15 functions).

    python benchmarks/profiled.py list --json -r /tmp/registry-10k.toml
    COUNTDOWN_NO_CACHE=1 python benchmarks/profiled.py list --all --json --director vaughn -r ...

main() leaves with os._exit (it never tears the interpreter down), so `python -m cProfile`
would write nothing: this runs the Typer app itself under cProfile. The command's output
goes to stdout as usual; the profile goes to stderr (``--sort cumulative`` for the other
view, ``--save FILE`` to keep it for pstats).
"""

from __future__ import annotations

import cProfile
import pstats
import sys


def main() -> None:
    args = sys.argv[1:]
    sort, save = "tottime", None
    while args and args[0] in ("--sort", "--save"):
        option, value, args = args[0], args[1], args[2:]
        if option == "--sort":
            sort = value
        else:
            save = value
    profile = cProfile.Profile()
    profile.enable()
    from release_countdown.cli.app import app
    from release_countdown.cli.context import Run

    try:
        app(obj=Run(defer_cache_writes=True, whole_process=True), args=args)
    except SystemExit:
        pass
    profile.disable()
    sys.stdout.flush()
    if save:
        profile.dump_stats(save)
    pstats.Stats(profile, stream=sys.stderr).sort_stats(sort).print_stats(15)


if __name__ == "__main__":
    main()
