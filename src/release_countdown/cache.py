"""The parse cache: validated registries stored as JSON, keyed by their content.

A cache entry is used only for the exact bytes (and path, time zone and program version) it
was made from, so it can never change an output. Only valid registries are cached: an
invalid file is parsed and fails the same way every time. JSON, not pickle: reading a cache
file can never run code. Corrupt or foreign files are ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from release_countdown import __version__
from release_countdown.dates import DateSpec, Precision
from release_countdown.errors import Problem
from release_countdown.model import HistoryEntry, Release, TypedDate

if TYPE_CHECKING:
    from release_countdown.registry import Prefilter

FORMAT: Final = 1
# Smaller files parse faster than a cache entry loads: they are never cached.
MIN_SIZE: Final = 64 * 1024


def worth_it(size: int) -> bool:
    return size >= MIN_SIZE


def cache_dir() -> Path:
    from release_countdown.paths import user_cache_dir

    return user_cache_dir() / "registries"


def key(path: str, raw: bytes) -> str:
    """What a parse depends on: the bytes, the path (it is in messages and rows), the local
    time zone (release times resolve to local days) and the program version."""
    digest = hashlib.blake2b(raw, digest_size=20)
    context = f"{FORMAT}|{__version__}|{path}|{os.environ.get('TZ', '')}|{time.tzname}|"
    context += f"{time.timezone}|{time.altzone}"
    digest.update(context.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


# --- encoding ---------------------------------------------------------------------------------


def _spec(spec: DateSpec | None) -> Any:
    if spec is None:
        return None
    return [
        spec.text,
        spec.precision.value,
        spec.earliest.toordinal() if spec.earliest else None,
        spec.latest.toordinal() if spec.latest else None,
        spec.instant.isoformat() if spec.instant else None,
    ]


def _release(r: Release) -> list[Any]:
    return [
        r.id, r.title, _spec(r.date), r.kind, list(r.aliases), r.franchise, _spec(r.announced),
        r.checked.toordinal() if r.checked else None, list(r.sources), r.note,
        {role: list(names) for role, names in r.people.items()},
        [[d.region, d.type, _spec(d.date), d.where, _spec(d.announced), d.note] for d in r.dates],
        [[_spec(h.date), _spec(h.announced), h.title, h.note] for h in r.history],
        r.override,
    ]  # fmt: skip


class _Decoder:
    def __init__(self) -> None:
        self.specs: dict[tuple[Any, ...], DateSpec] = {}
        self.precisions = {p.value: p for p in Precision}

    def spec(self, data: Any) -> DateSpec | None:
        if data is None:
            return None
        memo = tuple(data)
        found = self.specs.get(memo)
        if found is None:
            text, precision, earliest, latest, instant = data
            found = DateSpec(
                text,
                self.precisions[precision],
                date.fromordinal(earliest) if earliest is not None else None,
                date.fromordinal(latest) if latest is not None else None,
                datetime.fromisoformat(instant) if instant is not None else None,
            )
            self.specs[memo] = found
        return found

    def release(self, data: list[Any], source: str) -> Release:
        spec = self.spec
        (ident, title, headline, kind, aliases, franchise, announced, checked, sources, note,
         people, dates, history, override) = data  # fmt: skip
        return Release(
            ident, title, spec(headline), kind, tuple(aliases), franchise, spec(announced),  # type: ignore[arg-type]
            date.fromordinal(checked) if checked is not None else None, tuple(sources), note,
            {role: tuple(names) for role, names in people.items()},
            tuple(TypedDate(d[0], d[1], spec(d[2]), d[3], spec(d[4]), d[5]) for d in dates),  # type: ignore[arg-type]
            tuple(HistoryEntry(spec(h[0]), spec(h[1]), h[2], h[3]) for h in history),  # type: ignore[arg-type]
            source, override,
        )  # fmt: skip


def _latest(item: list[Any]) -> int | None:
    """The latest day any date of a cached release could put it on (None: some date is TBA)."""
    specs = [item[2], *(d[2] for d in item[11]), *(h[0] for h in item[12])]
    days = [spec[3] for spec in specs]
    return None if None in days else max(days)


def load(
    entry: str, source: str, prefilter: Prefilter | None = None
) -> tuple[list[tuple[int, Release]], list[Problem], int] | None:
    """The cached releases (with their places in the file) and warnings of a registry, and
    how many titles it holds; None when missing, corrupt or foreign. Titles that
    ``prefilter`` is sure to drop are not decoded."""
    try:
        text = (cache_dir() / f"{entry}.json").read_text(encoding="utf-8")
        document = json.loads(text)
        if document.get("format") != FORMAT or document.get("version") != __version__:
            return None
        items = document["releases"]
        decoder = _Decoder()
        releases = [
            (index, decoder.release(item, source))
            for index, item in enumerate(items)
            if prefilter is None or prefilter.keeps(item[3], item[10], _latest(item))
        ]
        warnings = [
            Problem(source, m, line, column, True) for m, line, column in document["warnings"]
        ]
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return releases, warnings, len(items)


def store(entry: str, releases: Sequence[Release], warnings: Sequence[Problem]) -> None:
    """Save a valid registry's parse; failing to (read-only home, full disk) is not an error."""
    from release_countdown.files import write_file_atomically

    document = {
        "format": FORMAT,
        "version": __version__,
        "releases": [_release(r) for r in releases],
        "warnings": [[p.message, p.line, p.column] for p in warnings],
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        write_file_atomically(folder / f"{entry}.json", data, mode=0o600)
    except Exception:  # a cache that cannot be written is only a slower next run
        return
