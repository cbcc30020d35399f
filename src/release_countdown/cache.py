"""The parse cache: validated registries stored in SQLite, keyed by their content.

A cache entry is used only for the exact bytes (and path, time zone and program version) it
was made from, so it can never change an output. Only valid registries are cached: an
invalid file is parsed and fails the same way every time. Each title is stored as JSON (no
pickle: reading a cache file can never run code) beside the columns a query filters on
(kind, people, the days its dates can fall on), so SQLite finds the titles a query keeps and
only those are decoded. Corrupt or foreign files are ignored and rebuilt; each registry path
keeps one entry, the newest.
"""

from __future__ import annotations

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
from release_countdown.text import fold

if TYPE_CHECKING:
    from release_countdown.query import Query
    from release_countdown.registry import Prefilter

FORMAT: Final = 2
SUFFIX: Final = ".sqlite"
# Smaller files parse faster than a cache entry loads: they are never cached.
MIN_SIZE: Final = 64 * 1024  # registry.CACHE_FROM, which checks it before loading this module


def worth_it(size: int) -> bool:
    return size >= MIN_SIZE


def cache_dir() -> Path:
    from release_countdown.paths import user_cache_dir

    return user_cache_dir() / "registries"


def _place(path: str) -> str:
    """A short name for a registry path: its entry and note start with it."""
    import zlib

    data = path.encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def key(path: str, raw: bytes) -> str:
    """The entry's file name: which registry path (so a newer entry replaces older ones), and
    what a parse depends on: the bytes, the path (it is in messages and rows), the local time
    zone (release times resolve to local days) and the program version."""
    import hashlib

    digest = hashlib.blake2b(raw, digest_size=20)
    context = f"{FORMAT}|{__version__}|{path}|{os.environ.get('TZ', '')}|{time.tzname}|"
    context += f"{time.timezone}|{time.altzone}"
    digest.update(context.encode("utf-8", "surrogateescape"))
    return f"{_place(path)}-{digest.hexdigest()}"


# Hashing a large registry's bytes takes longer than the rest of a cached query. Like git's
# index, a note beside the entries records the file's size, times and inode when its bytes
# were hashed; while they are unchanged, the file is not read again. The note is written only
# for a file last changed SETTLED_NS before it was read, so that a change within the file
# system's clock granularity can never keep the old times.
SETTLED_NS: Final = 2_000_000_000


def _signature(status: os.stat_result) -> str:
    return (
        f"{status.st_size} {status.st_mtime_ns} {status.st_ctime_ns} {status.st_ino} "
        f"{status.st_dev} {FORMAT} {__version__}"
    )


def noted_entry(path: str) -> str | None:
    """The entry of the registry at ``path`` as noted when it was last hashed, if the file is
    untouched since (same size, times and inode): found without reading the file."""
    try:
        status = os.stat(path)
        note = (cache_dir() / f"{_place(path)}.note").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    signature, _, entry = note.partition("\n")
    return entry if signature == _signature(status) and entry.startswith(_place(path)) else None


def note(path: str, status: os.stat_result, read_at_ns: int, entry: str) -> None:
    """Note ``entry`` as the one for ``path``, whose stat before reading was ``status``."""
    if read_at_ns - max(status.st_mtime_ns, status.st_ctime_ns) < SETTLED_NS:
        return  # changed too recently to be sure a later change would show in its times
    text = f"{_signature(status)}\n{entry}"
    target = cache_dir() / f"{_place(path)}.note"
    try:
        if target.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    from release_countdown.files import write_file_atomically

    try:
        cache_dir().mkdir(parents=True, exist_ok=True, mode=0o700)
        write_file_atomically(target, text.encode("utf-8"), mode=0o600)
    except Exception:  # a note that cannot be written is only a slower next run
        return


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


def _ordinal(day: date | None) -> int | None:
    return day.toordinal() if day is not None else None


def _index(r: Release) -> tuple[Any, ...]:
    """The columns a query filters on (see ``_where``)."""
    latest = [r.date.latest, *(d.date.latest for d in r.dates), *(h.date.latest for h in r.history)]
    changes = [h.announced.earliest for h in r.history if h.announced and h.announced.earliest]
    return (
        r.kind,
        _ordinal(r.announced_on),
        max(changes).toordinal() if changes else 0,
        _ordinal(r.date.latest),
        None if None in latest else max(latest).toordinal(),  # type: ignore[type-var,union-attr]
    )


def _where(prefilter: Prefilter) -> tuple[str, list[Any]]:
    """SQL that keeps every title ``prefilter`` might keep (and drops only what it must)."""
    clauses: list[str] = []
    values: list[Any] = []
    if prefilter.kinds:
        clauses.append(f"kind IN ({', '.join('?' * len(prefilter.kinds))})")
        values.extend(prefilter.kinds)
    for role, needles in prefilter.roles:
        found = " OR ".join("instr(name, ?) > 0" for _ in needles)
        clauses.append(
            f"n IN (SELECT n FROM person WHERE {'role = ? AND ' if role else ''}({found}))"
        )
        values.extend([role] if role else [])
        values.extend(needles)
    if prefilter.today is not None:
        today = prefilter.today.toordinal()
        clauses.append("(announced IS NULL OR announced <= ?)")
        values.append(today)
        if prefilter.recent_since is not None:
            # The headline is in force once every change was announced (and with no region
            # asked); otherwise any date of the title could be the one in force.
            since = prefilter.recent_since.toordinal()
            clauses.append(
                "coalesce(CASE WHEN changed > ? OR ? THEN any_latest ELSE headline_latest END"
                ", ?) >= ?"
            )
            values.extend([today, prefilter.regional, since, since])
    return " AND ".join(f"({clause})" for clause in clauses) or "1", values


def _open(entry: str) -> Any:
    """A read-only connection to a current entry and its meta row, or None."""
    try:
        import sqlite3
    except ImportError:  # a Python built without SQLite: no cache, only slower
        return None
    path = cache_dir() / f"{entry}{SUFFIX}"
    if not path.is_file():
        return None
    # Entries are replaced whole, never changed in place: immutable, so no locking.
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        meta = db.execute("SELECT format, version, total, warnings FROM meta").fetchone()
    except sqlite3.Error:
        db.close()
        raise
    if meta is None or meta[0] != FORMAT or meta[1] != __version__:
        db.close()
        return None
    return db, meta


def _errors() -> tuple[type[Exception], ...]:
    import sqlite3

    return (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError)


def load(
    entry: str, source: str, prefilter: Prefilter | None = None
) -> tuple[list[tuple[int, Release]], list[Problem], int] | None:
    """The cached releases (with their places in the file) and warnings of a registry, and
    how many titles it holds; None when missing, corrupt or foreign. Titles that
    ``prefilter`` is sure to drop are not decoded (SQLite drops them)."""
    try:
        if (opened := _open(entry)) is None:
            return None
        db, meta = opened
        try:
            where, values = _where(prefilter) if prefilter is not None else ("1", [])
            found = db.execute(f"SELECT n, data FROM release WHERE {where} ORDER BY n", values)
            decoder = _Decoder()
            releases = [(n, decoder.release(json.loads(data), source)) for n, data in found]
        finally:
            db.close()
        return releases, _warnings(meta, source), int(meta[2])
    except _errors():
        return None


def _warnings(meta: Any, source: str) -> list[Problem]:
    return [Problem(source, m, line, column, True) for m, line, column in json.loads(meta[3])]


def json_rows(
    entry: str, source: str, prefilter: Prefilter, query: Query, today: date
) -> tuple[list[str], list[Problem], int] | None:
    """The JSON text of each row ``query`` selects on ``today``, in order, with the registry's
    warnings and size; None when the entry is missing, corrupt or foreign.

    Rows of titles that have stood the same way since before ``today`` are filled in from
    templates made by ``release_row`` when the entry was stored; others are made as usual.
    """
    from release_countdown.query import (
        day_of,
        fill_row,
        order_key,
        release_row,
        sort_key,
        standing_in,
        status_between,
        status_matches,
    )

    day = today.toordinal()
    try:
        if (opened := _open(entry)) is None:
            return None
        db, meta = opened
        try:
            where, values = _where(prefilter)
            # A title settled by the day asked is filled in from its template; the others
            # (and any without one) are decoded and made as usual.
            found = db.execute(
                "SELECT CASE WHEN since <= ? THEN row END, CASE WHEN since <= ? THEN fill END, "
                "CASE WHEN since <= ? THEN NULL ELSE data END "
                f"FROM release WHERE {where} ORDER BY n",
                [day, day, day, *values],
            ).fetchall()
        finally:
            db.close()
        decoder = _Decoder()
        kept: list[tuple[tuple[Any, ...], Any, Any]] = []  # (order, template, or standing)
        for text, fill, data in found:
            if text is not None:
                first, last, exact, title, ident, holes = json.loads(fill)
                first, last = day_of(first), day_of(last)
                status = status_between(today, first, last, exact)
                if status_matches(status, last, query, today):
                    key = order_key(query.sort, status, first, last, (title, ident))
                    kept.append((key, (text, holes), None))
                continue
            standing = standing_in(decoder.release(json.loads(data), source), query, today)
            if standing is not None:
                kept.append((sort_key(standing, query.sort), None, standing))
        kept.sort(key=lambda pair: pair[0], reverse=query.reverse)
        if query.limit is not None:
            del kept[query.limit :]
        encode = json.JSONEncoder(ensure_ascii=False).encode
        texts = [
            fill_row(made[0], made[1], today)
            if made is not None
            else encode(release_row(standing, today))
            for _, made, standing in kept
        ]
        return texts, _warnings(meta, source), int(meta[2])
    except _errors():
        return None


def store(entry: str, releases: Sequence[Release], warnings: Sequence[Problem]) -> None:
    """Save a valid registry's parse, replacing older entries of the same path; failing to
    (read-only home, full disk, no SQLite) is not an error."""
    import tempfile

    folder = cache_dir()
    temporary = building = None
    try:
        import sqlite3

        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        if not _claim(folder / f".{entry}.building"):
            return  # another process is writing this entry
        building = folder / f".{entry}.building"
        _sweep(folder)
        fd, temporary = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=folder)
        os.close(fd)
        db = sqlite3.connect(temporary)
        try:
            _fill(db, releases, warnings)
        finally:
            db.close()
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, folder / f"{entry}{SUFFIX}")
        temporary = None
        place = entry.split("-", 1)[0]
        for old in folder.glob(f"{place}-*{SUFFIX}"):
            if old.name != f"{entry}{SUFFIX}":
                old.unlink(missing_ok=True)
    except Exception:  # a cache that cannot be written is only a slower next run
        return
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if building is not None:
            building.unlink(missing_ok=True)


STALE_S: Final = 600  # a claim or temporary file this old was left by a process that died


def _claim(path: Path) -> bool:
    """Whether this process may write an entry (no other is writing it), claiming it."""
    for _ in range(2):
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            return True
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime < STALE_S:
                    return False
                path.unlink()
            except OSError:
                return False
    return False


def _sweep(folder: Path) -> None:
    """Remove what writers that died (killed, or the machine stopped) left behind."""
    for leftover in [*folder.glob(".entry.*.tmp"), *folder.glob(".*.building")]:
        try:
            if time.time() - leftover.stat().st_mtime > STALE_S:
                leftover.unlink()
        except OSError:
            continue


def _fill(db: Any, releases: Sequence[Release], warnings: Sequence[Problem]) -> None:
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (format INTEGER, version TEXT, total INTEGER, warnings TEXT);
        CREATE TABLE release (
            n INTEGER PRIMARY KEY, kind TEXT, announced INTEGER, changed INTEGER,
            headline_latest INTEGER, any_latest INTEGER, data TEXT,
            since INTEGER, row TEXT, fill TEXT);
        CREATE TABLE person (n INTEGER, role TEXT, name TEXT);
        """
    )
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    from release_countdown.query import row_template

    def template(release: Release) -> tuple[Any, ...]:
        made = row_template(release)
        if made is None:
            return None, None, None
        fill = [made.first, made.last, made.exact, made.title, made.ident, made.holes]
        return made.since, made.text, dumps(fill)

    db.executemany(
        "INSERT INTO release VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((n, *_index(r), dumps(_release(r)), *template(r)) for n, r in enumerate(releases)),
    )
    db.executemany(
        "INSERT INTO person VALUES (?, ?, ?)",
        (
            (n, fold(role), fold(name))
            for n, r in enumerate(releases)
            for role, names in r.people.items()
            for name in names
        ),
    )
    db.execute(
        "INSERT INTO meta VALUES (?, ?, ?, ?)",
        (
            FORMAT,
            __version__,
            len(releases),
            dumps([[p.message, p.line, p.column] for p in warnings]),
        ),
    )
    db.commit()
