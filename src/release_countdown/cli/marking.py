"""The body of `mark` and `unmark`: the title found by the one matcher in the registries read,
the mark written to the user's marks file (writing/marks.py), never to a registry."""

from pathlib import Path


def apply_mark(title: str, mark: str | None, registry: list[Path] | None) -> None:
    """Mark the title ``title`` names (None: unmark it); the words go to stderr."""
    from release_countdown.cli import reading
    from release_countdown.cli.output import say
    from release_countdown.registry.locations import marks_file
    from release_countdown.writing.edits import find_release
    from release_countdown.writing.marks import set_mark

    loaded = reading.load(registry)
    chosen = loaded.releases[find_release(loaded.releases, title)]
    timeout = reading.settings().lock_timeout.value
    before = set_mark(marks_file(), chosen.id, mark, timeout)
    name = f'"{chosen.title}" ({chosen.id})'
    if mark is None:
        said = f"unmarked {name} (was {before})" if before else f"{name} was not marked"
    elif before == mark:
        said = f"{name} was already marked {mark}"
    else:
        said = f"marked {name} {mark}" + (f" (was {before})" if before else "")
    say(f"countdown: {said}")
