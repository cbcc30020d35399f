"""The parse cache: each registry file's validated releases, kept for the same bytes.

As black's cache: one small file per registry, named by a hash of everything a parse depends
on: the bytes, the path (it is in messages and rows), the time-zone rules (release times
resolve to local days), this format, the program and the Python version. Only valid files
are cached, and only files large enough for the cache to be faster than parsing. Each
registry path keeps one entry, the newest.

The cache trusts only the user, as ssh and pip do: its folder and entries are reached
through private.py (the user's own, 0700, no links followed, no blocking opens, bounded
reads). An entry that is not exactly what this version writes is ignored and written again.

An entry is MessagePack of plain values (maps, arrays, strings, ints, nil, days), written
and read by msgspec: reading one runs no code of the entry's (never pickle), and msgspec
checks every value against the model's types as it builds the records, in C, several times
faster than checking them in Python after a generic decode (codec.py). Its strings are
valid UTF-8 (msgspec refuses the rest), as the registry's are.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, Final

import msgspec

from release_countdown import __version__
from release_countdown.accel.codec import SIGNATURE, Decoder, Encoder, refuse, specs_of
from release_countdown.accel.private import Untrusted, open_folder, read_file, write_file
from release_countdown.core.errors import Problem
from release_countdown.core.model import Release

# The layout of an entry; the model's own shape is in its name too (codec.SIGNATURE).
FORMAT: Final = 9  # 9: an instant as ISO text (8 kept it in UTC)
SUFFIX: Final = ".msgpack"
# Older suffixes: their files are swept as this version's older entries are.
_OLD_SUFFIXES: Final = (".marshal", ".json")
_PYTHON: Final = f"{sys.version_info[0]}.{sys.version_info[1]}"

# A temporary file older than this was left by a run that died while writing it.
_LEFTOVER_AGE: Final = 600


def cache_dir() -> Path:
    """The folder of the entries. A relative ``$XDG_CACHE_HOME`` is ignored, as the XDG spec
    says (older platformdirs, which pyproject.toml allows, take it as it is: relative to
    wherever a command runs)."""
    from release_countdown.registry.locations import APP_NAME, user_cache_dir

    folder = user_cache_dir()
    if not folder.is_absolute():
        folder = Path(os.path.expanduser("~")) / ".cache" / APP_NAME
    return folder / "registries"


def _place(path: str) -> str:
    """A short name for a registry path: its entries' names start with it."""
    import zlib

    data = path.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _zone() -> bytes:
    """The local time zone's identity and rules: $TZ, the names and offsets, and the bytes of
    the zone file in use (its rules can change while the names and offsets do not)."""
    tz = os.environ.get("TZ", "")
    names = f"{tz}|{time.tzname}|{time.timezone}|{time.altzone}".encode()
    name = tz.removeprefix(":")
    candidates = [name] if name.startswith("/") else []
    if name and not name.startswith("/"):
        # The C library looks zone names up under $TZDIR when it is set.
        zones = os.environ.get("TZDIR") or "/usr/share/zoneinfo"
        candidates.append(os.path.join(zones, name))
    if not tz:
        candidates.append("/etc/localtime")
    for candidate in candidates:
        try:
            with open(candidate, "rb") as handle:
                return names + handle.read(1 << 20)
        except OSError:
            continue
    return names


def entry_name(path: str, raw: bytes) -> str:
    try:  # hashlib loads OpenSSL first (6 ms of a warm run's start-up) for a hash it has not
        from _blake2 import blake2b
    except ImportError:  # an interpreter built without its own blake2
        from hashlib import blake2b

    digest = blake2b(raw, digest_size=20)
    digest.update(f"|{FORMAT}|{__version__}|{_PYTHON}|{path}|".encode("utf-8", "surrogateescape"))
    digest.update(SIGNATURE.encode())
    digest.update(_zone())
    return f"{_place(path)}-{digest.hexdigest()}{SUFFIX}"


# --- one entry a path -------------------------------------------------------------------------


def _sweep(folder: int, name: str, place: str) -> None:
    """Delete the path's older entries, and temporary files left by runs that died writing.
    unlink removes a link itself, never its target."""
    now = time.time()
    for other in os.listdir(folder):
        if other.startswith(place) and other.endswith((SUFFIX, *_OLD_SUFFIXES)) and other != name:
            with suppress(FileNotFoundError):
                os.unlink(other, dir_fd=folder)
        elif other.startswith(f".{place}") and other.endswith(".tmp"):
            with suppress(FileNotFoundError):
                found = os.stat(other, dir_fd=folder, follow_symlinks=False)
                if now - found.st_mtime > _LEFTOVER_AGE:
                    os.unlink(other, dir_fd=folder)


def _warnings(data: Any, path: str) -> list[Problem]:
    if type(data) is not list:
        refuse(data)
    return [
        Problem(path, message, line, column, warning=True)
        if type(message) is str and {type(line), type(column)} <= {int, type(None)}
        else refuse(message)
        for message, line, column in data
    ]


class Entry(msgspec.Struct, forbid_unknown_fields=True):
    """An entry's layout: a map of exactly these keys."""

    format: int
    version: str
    path: str
    specs: msgspec.Raw
    releases: msgspec.Raw  # decoded once the table of date forms is known
    warnings: list[Any]


def _decode(data: bytes, path: str) -> tuple[list[Release], list[Problem]] | None:
    entry = msgspec.msgpack.decode(data, type=Entry)
    if entry.format != FORMAT or entry.version != __version__ or entry.path != path:
        return None
    specs = specs_of(entry.specs)
    return Decoder(specs, path).releases(entry.releases), _warnings(entry.warnings, path)


def load(path: str, raw: bytes) -> tuple[list[Release], list[Problem]] | None:
    """The releases and warnings stored for these bytes of ``path``, or None. Raises
    Untrusted for a cache folder that is not the user's alone."""
    try:
        folder = open_folder(cache_dir(), create=False)
    except Untrusted:
        raise
    except Exception:  # no cache yet, or none to be had here (no home, say)
        return None
    try:
        # An entry is smaller than its registry; this bound only stops a planted giant.
        data = read_file(folder, entry_name(path, raw), 64 * len(raw) + (1 << 20))
        return None if data is None else _decode(data, path)
    except Exception:  # missing, unreadable, corrupt, foreign or too deep: parse afresh
        return None
    finally:
        os.close(folder)


def store(path: str, raw: bytes, releases: Sequence[Release], warnings: Sequence[Problem]) -> None:
    """Keep a valid file's releases, replacing the entries of its older contents. Raises
    Untrusted for a cache folder that is not the user's alone."""
    try:
        folder = open_folder(cache_dir(), create=True)
    except Untrusted:
        raise
    except Exception:  # a cache that cannot be written is only a slower next run
        return
    try:
        name = entry_name(path, raw)
        encoder = Encoder()
        encoded = [encoder.release(r) for r in releases]
        data = {
            "format": FORMAT, "version": __version__, "path": path,
            "specs": encoder.spec_table(), "releases": encoded,
            "warnings": [[p.message, p.line, p.column] for p in warnings],
        }  # fmt: skip
        write_file(folder, name, msgspec.msgpack.encode(data))
        _sweep(folder, name, _place(path))
    except Exception:
        return
    finally:
        os.close(folder)
