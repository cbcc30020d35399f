"""The parse cache: each registry file's validated releases, kept for the same bytes.

As black's cache: one small file per registry (JSON, never pickle: reading a cache file can
never run code), named by a hash of everything a parse depends on: the bytes, the path (it is
in messages and rows), the time-zone rules (release times resolve to local days), this
format and the program version. Only valid files are cached, and only files large enough for
the cache to be faster than parsing. Each registry path keeps one entry, the newest.

The cache trusts only the user, as ssh and pip do: its folder and entries are reached
through private.py (the user's own, 0700, no links followed, no blocking opens, bounded
reads). An entry that is not exactly what this version writes is ignored and written again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from sys import intern
from typing import Any, Final, NoReturn

from release_countdown import __version__
from release_countdown.accel.private import Untrusted, open_folder, read_file, write_file
from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.errors import Problem
from release_countdown.core.model import (
    DATE_TYPES,
    KINDS,
    NO_IDS,
    HistoryEntry,
    Release,
    TypedDate,
)

FORMAT: Final = 5

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
    import hashlib

    digest = hashlib.blake2b(raw, digest_size=20)
    digest.update(f"|{FORMAT}|{__version__}|{path}|".encode("utf-8", "surrogateescape"))
    digest.update(_zone())
    return f"{_place(path)}-{digest.hexdigest()}.json"


# --- one entry a path -------------------------------------------------------------------------


def _sweep(folder: int, name: str, place: str) -> None:
    """Delete the path's older entries, and temporary files left by runs that died writing.
    unlink removes a link itself, never its target."""
    now = time.time()
    for other in os.listdir(folder):
        if other.startswith(place) and other.endswith(".json") and other != name:
            with suppress(FileNotFoundError):
                os.unlink(other, dir_fd=folder)
        elif other.startswith(f".{place}") and other.endswith(".tmp"):
            with suppress(FileNotFoundError):
                found = os.stat(other, dir_fd=folder, follow_symlinks=False)
                if now - found.st_mtime > _LEFTOVER_AGE:
                    os.unlink(other, dir_fd=folder)


# --- encoding ---------------------------------------------------------------------------------


class _Encoder:
    """Releases as JSON lists; each distinct date form is stored once and named by its index
    (a registry repeats quarters, years and days thousands of times)."""

    def __init__(self) -> None:
        self.specs: dict[DateSpec, int] = {}

    def spec(self, spec: DateSpec | None) -> int | None:
        if spec is None:
            return None
        return self.specs.setdefault(spec, len(self.specs))

    def release(self, r: Release) -> list[Any]:
        spec = self.spec
        return [
            r.id, r.title, spec(r.date), r.kind, list(r.aliases), r.franchise, spec(r.announced),
            r.checked.toordinal() if r.checked else None, list(r.sources), r.note,
            {role: list(names) for role, names in r.people.items()},
            [[d.region, d.type, spec(d.date), d.where, spec(d.announced), d.note] for d in r.dates],
            [[spec(h.date), spec(h.announced), h.title, h.note] for h in r.history],
            r.override, dict(r.ids),
        ]  # fmt: skip

    def spec_table(self) -> list[list[Any]]:
        return [
            [
                spec.text,
                spec.precision.value,
                spec.earliest.toordinal() if spec.earliest else None,
                spec.latest.toordinal() if spec.latest else None,
                spec.instant.isoformat() if spec.instant else None,
            ]
            for spec in self.specs
        ]


# --- decoding: anything but what _Encoder writes raises, and load() ignores the entry ---------

# The model's own strings, one object each; a lookup is also the check of the value.
_PRECISIONS: Final = {p.value: p for p in Precision}
_KINDS: Final = {kind: kind for kind in KINDS}
_TYPES: Final = {kind: kind for kind in DATE_TYPES}


def _bad(value: object = None) -> NoReturn:
    raise TypeError(f"not what this version writes: {value!r:.80}")


def _spec_of(item: Any) -> DateSpec:
    if type(item) is not list:
        _bad(item)
    text, name, earliest, latest, instant = item
    precision = _PRECISIONS[name]
    if type(text) is not str:
        _bad(text)
    if precision is Precision.TBA:
        if earliest is not None or latest is not None or instant is not None:
            _bad(item)
        return DateSpec(text, precision)
    # type() is int, not isinstance: JSON's true would pass as the ordinal 1.
    if type(earliest) is not int or type(latest) is not int or earliest > latest:
        _bad(item)
    moment: datetime | None = None
    if precision is Precision.TIME:
        moment = datetime.fromisoformat(instant) if type(instant) is str else _bad(instant)
        if moment.utcoffset() is None or earliest != latest:
            _bad(item)
    elif instant is not None:
        _bad(item)
    return DateSpec(text, precision, date.fromordinal(earliest), date.fromordinal(latest), moment)


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        _bad(value)  # a string here would become a tuple of its letters
    "".join(value)  # TypeError unless every item is a string, checked at C speed
    return tuple(value)


def _text(value: Any) -> str:
    return value if type(value) is str else _bad(value)


def _region(seen: dict[str, str], code: Any) -> str:
    """A region code as the checker leaves it (two ASCII capitals, never UK), one object each."""
    if type(code) is not str or len(code) != 2 or not (code.isascii() and code.isalpha()):
        _bad(code)
    if not code.isupper() or code == "UK":
        _bad(code)
    seen[code] = intern(code)
    return seen[code]


def _releases(data: Any, specs: list[DateSpec], source: str) -> list[Release]:
    """Releases from their JSON lists (see ``_Encoder``), each value checked for its type."""

    def spec(index: Any) -> Any:
        if index is None:
            return None
        return specs[index] if type(index) is int and index >= 0 else _bad(index)

    if type(data) is not list:
        _bad(data)
    regions: dict[str, str] = {}
    found = []
    for item in data:
        if type(item) is not list:
            _bad(item)
        (ident, title, headline, kind, aliases, franchise, announced, checked, sources, note,
         people, dates, history, override, ids) = item  # fmt: skip
        if (
            type(ident) is not str
            or type(title) is not str
            or type(headline) is not int
            or (franchise is not None and type(franchise) is not str)
            or (note is not None and type(note) is not str)
            or (checked is not None and type(checked) is not int)
            or type(people) is not dict
            or type(dates) is not list
            or type(history) is not list
            or type(override) is not bool
            or type(ids) is not dict
        ):
            _bad(item)
        release = Release(
            ident, title, spec(headline), _KINDS[kind], _texts(aliases), franchise,
            spec(announced), date.fromordinal(checked) if checked is not None else None,
            _texts(sources), note,
            # Roles, regions and types repeat thousands of times: one object each.
            {intern(role): _texts(names) for role, names in people.items()},
            tuple([
                TypedDate(
                    regions.get(region) or _region(regions, region), _TYPES[form],
                    spec(when) or _bad(when),
                    where if where is None or type(where) is str else _bad(where),
                    spec(told), remark if remark is None or type(remark) is str else _bad(remark),
                )
                for region, form, when, where, told, remark in dates
            ]),
            tuple([
                HistoryEntry(
                    spec(when) or _bad(when), spec(told),
                    named if named is None or type(named) is str else _bad(named),
                    remark if remark is None or type(remark) is str else _bad(remark),
                )
                for when, told, named, remark in history
            ]),
            source, override,
            ({key: _text(value) for key, value in ids.items()} if ids else NO_IDS),
        )  # fmt: skip
        found.append(release)
    return found


def _warnings(data: Any, path: str) -> list[Problem]:
    if type(data) is not list:
        _bad(data)
    return [
        Problem(path, message, line, column, warning=True)
        if type(message) is str and {type(line), type(column)} <= {int, type(None)}
        else _bad(message)
        for message, line, column in data
    ]


def _decode(data: bytes, path: str) -> tuple[list[Release], list[Problem]] | None:
    # Strict UTF-8: json.loads(bytes) would also take UTF-16, UTF-32 and lone surrogates.
    entry = json.loads(data.decode("utf-8"))
    if (
        type(entry) is not dict
        or len(entry) != 6
        or type(entry["format"]) is not int
        or entry["format"] != FORMAT
        or entry["version"] != __version__
        or entry["path"] != path
        or type(entry["specs"]) is not list
    ):
        return None
    specs = [_spec_of(item) for item in entry["specs"]]
    return _releases(entry["releases"], specs, path), _warnings(entry["warnings"], path)


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
        encoder = _Encoder()
        encoded = [encoder.release(r) for r in releases]
        data = {
            "format": FORMAT, "version": __version__, "path": path,
            "specs": encoder.spec_table(), "releases": encoded,
            "warnings": [[p.message, p.line, p.column] for p in warnings],
        }  # fmt: skip
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_file(folder, name, text.encode("utf-8"))
        _sweep(folder, name, _place(path))
    except Exception:
        return
    finally:
        os.close(folder)
