"""A published folder (`countdown publish DIR`): each file written atomically, and only when
its bytes change (an unchanged file keeps its bytes and mtime, so a sync uploads only what
changed); the files a previous publish wrote and this one does not are deleted. What publish
wrote is listed in the folder's MANIFEST: nothing else in the folder is ever touched."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from release_countdown.core.errors import UsageError
from release_countdown.writing.atomic import WriteError, write_file_atomically

MANIFEST = ".countdown-publish.json"
VERSION = 1


class Published(NamedTuple):
    written: tuple[str, ...]  # new or changed
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]  # written by an earlier publish, no longer produced


def _inside(name: str) -> bool:
    """A path publish may own: relative, ``/``-separated, no ``..``, not the manifest."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and "\\" not in name
        and all(part not in ("", ".", "..") for part in name.split("/"))
        and name != MANIFEST
    )


def _manifest(folder: Path) -> set[str]:
    """The files the last publish wrote; none when the folder was never published to."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise UsageError(
            f"{path}: not a manifest publish can read ({exc}); remove it to publish afresh "
            "(the files it listed are then left in place)"
        ) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or data.get("version") != VERSION:
        raise UsageError(
            f'{path}: not a manifest of this version of publish (expected {{"version": '
            f'{VERSION}, "files": [...]}}); remove it to publish afresh'
        )
    return {name for name in files if isinstance(name, str) and _inside(name)}


def _write_manifest(folder: Path, names: Iterable[str]) -> None:
    text = json.dumps({"version": VERSION, "files": sorted(names)}, indent=1) + "\n"
    _put(folder / MANIFEST, text.encode("utf-8"))


def _put(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file holds it already; whether it was written."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError as exc:
        raise WriteError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise UsageError(f"{path} is a folder: publish writes a file there; move it away")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    write_file_atomically(path, data)
    return True


def _remove(folder: Path, name: str) -> bool:
    """Delete a file an earlier publish wrote (a link or folder there now is left alone),
    then its folders inside ``folder`` that it leaves empty."""
    path = folder / name
    if path.is_symlink() or not path.is_file():
        return False
    if not path.resolve().is_relative_to(folder.resolve()):  # a folder on the way is a link
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise WriteError(f"cannot remove {path}: {exc.strerror or exc}") from None
    parent = path.parent
    while parent != folder:
        try:
            parent.rmdir()  # only when empty
        except OSError:
            break
        parent = parent.parent
    return True


def publish_files(folder: Path, files: Mapping[str, bytes]) -> Published:
    """Make ``folder`` hold ``files`` (relative ``/``-separated path → bytes)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file: publish writes a folder (created when missing)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create {folder}: {exc.strerror or exc}") from None
    bad = [name for name in files if not _inside(name)]
    if bad:
        raise ValueError(f"not a path inside the folder: {bad[0]!r}")
    before = _manifest(folder)
    # Listed first with the files about to be written: an interrupted publish leaves nothing
    # the next one would not know it wrote.
    _write_manifest(folder, before | set(files))
    written: list[str] = []
    unchanged: list[str] = []
    for name in sorted(files):
        (written if _put(folder / name, files[name]) else unchanged).append(name)
    removed = [name for name in sorted(before - set(files)) if _remove(folder, name)]
    _write_manifest(folder, files)
    return Published(tuple(written), tuple(unchanged), tuple(removed))
