"""The parse cache: each registry file's validated releases, kept for the same bytes.

As black's cache: one small file per registry (JSON, never pickle: reading a cache file can
never run code), named by a hash of everything a parse depends on: the bytes, the path (it is
in messages and rows), the time-zone rules (release times resolve to local days), this
format and the program version. A file that is corrupt, foreign or unreadable is ignored and
written again. Only valid files are cached, and only files large enough for the cache to be
faster than parsing. Each registry path keeps one entry, the newest.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from sys import intern
from typing import Any, Final

from release_countdown import __version__
from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.errors import Problem
from release_countdown.core.model import HistoryEntry, Release, TypedDate

FORMAT: Final = 4


def cache_dir() -> Path:
    from release_countdown.registry.locations import user_cache_dir

    return user_cache_dir() / "registries"


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
        candidates.append(os.path.join("/usr/share/zoneinfo", name))
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
            r.override,
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


def _spec_of(data: list[Any]) -> DateSpec:
    text, precision, earliest, latest, instant = data
    if type(text) is not str:
        raise TypeError(text)
    return DateSpec(
        text,
        Precision(precision),
        date.fromordinal(earliest) if earliest is not None else None,
        date.fromordinal(latest) if latest is not None else None,
        datetime.fromisoformat(instant) if instant is not None else None,
    )


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise TypeError(value)  # a string here would become a tuple of its letters
    return tuple(value)


def _releases(data: list[Any], specs: list[DateSpec], source: str) -> list[Release]:
    """Releases from their JSON lists (see ``_Encoder``)."""

    def spec(index: int | None) -> Any:
        return None if index is None else specs[index]

    found = []
    for item in data:
        (ident, title, headline, kind, aliases, franchise, announced, checked, sources, note,
         people, dates, history, override) = item  # fmt: skip
        release = Release(
            ident, title, specs[headline], intern(kind), _texts(aliases), franchise,
            spec(announced), date.fromordinal(checked) if checked is not None else None,
            _texts(sources), note,
            # Roles, regions and types repeat thousands of times: one object each.
            {intern(role): _texts(names) for role, names in people.items()},
            tuple([
                TypedDate(intern(d[0]), intern(d[1]), specs[d[2]], d[3], spec(d[4]), d[5])
                for d in dates
            ]),
            tuple([HistoryEntry(specs[h[0]], spec(h[1]), h[2], h[3]) for h in history]),
            source, override is True,
        )  # fmt: skip
        found.append(release)
    return found


def load(path: str, raw: bytes) -> tuple[list[Release], list[Problem]] | None:
    """The releases and warnings stored for these bytes of ``path``, or None."""
    try:
        data = json.loads((cache_dir() / entry_name(path, raw)).read_bytes())
        if data["format"] != FORMAT or data["version"] != __version__ or data["path"] != path:
            return None
        specs = [_spec_of(item) for item in data["specs"]]
        releases = _releases(data["releases"], specs, path)
        warnings = [
            Problem(path, str(message), line, column, warning=True)
            for message, line, column in data["warnings"]
        ]
    except Exception:  # missing, unreadable, corrupt or foreign: parse afresh
        return None
    return releases, warnings


def store(path: str, raw: bytes, releases: Sequence[Release], warnings: Sequence[Problem]) -> None:
    """Keep a valid file's releases, replacing the entries of its older contents."""
    from release_countdown.writing.atomic import write_file_atomically

    folder = cache_dir()
    name = entry_name(path, raw)
    encoder = _Encoder()
    encoded = [encoder.release(r) for r in releases]
    data = {
        "format": FORMAT,
        "version": __version__,
        "path": path,
        "specs": encoder.spec_table(),
        "releases": encoded,
        "warnings": [[p.message, p.line, p.column] for p in warnings],
    }
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_file_atomically(folder / name, text.encode("utf-8"), mode=0o600)
        for older in folder.glob(f"{_place(path)}-*.json"):
            if older.name != name:
                older.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only a slower next run
        return
