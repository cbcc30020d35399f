"""Reading, validating and merging registry files into ``Release`` values.

Every problem found is collected (with file, line and column where the file shows them) so a
person can fix a registry in one pass. Nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from release_countdown.dates import (
    FORMS_HINT,
    DateFormError,
    DateSpec,
    exact_day,
    exact_time,
    parse_date_text,
)
from release_countdown.errors import Problem, RegistryError
from release_countdown.model import DATE_TYPES, KINDS, HistoryEntry, Release, TypedDate
from release_countdown.text import fold, slugify

SCHEMA_VERSION: Final = 1
TOP_KEYS: Final = ("schema", "release")
RELEASE_KEYS: Final = (
    "id", "title", "aliases", "kind", "franchise", "date", "announced", "checked",
    "sources", "note", "people", "dates", "history", "override",
)  # fmt: skip
DATE_KEYS: Final = ("region", "type", "date", "where", "announced", "note")
HISTORY_KEYS: Final = ("announced", "date", "title", "note")

MAX_SHORT_TEXT: Final = 1_000  # titles, names, aliases, ids, places
MAX_LONG_TEXT: Final = 20_000  # notes and sources

_ID = re.compile(r"[^\W_][\w.-]*")
_REGION = re.compile(r"[A-Za-z]{2}")

if TYPE_CHECKING:
    from release_countdown.locate import Locator, Where
    from release_countdown.query import Query


def bundled_registry() -> Path:
    """The registry shipped with the package (or, in a source checkout, ``data/releases.toml``)."""
    packaged = Path(__file__).with_name("data") / "releases.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "releases.toml"


class Prefilter(NamedTuple):
    """What a query is sure to drop, so that a cache hit need not decode those titles.

    Conservative by construction: it drops a title only when the query could not keep it (see
    ``cache._where``, which applies it). Never changes output.
    """

    kinds: tuple[str, ...] = ()
    roles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (folded role or "", folded needles)
    today: date | None = None  # the day asked: titles announced later are dropped
    recent_since: date | None = None  # the default view: drop titles over before this day
    regional: bool = False  # --region: any regional date could be the one in force


class Registry(NamedTuple):
    """The releases of one or more files, merged, with the warnings found on the way."""

    releases: tuple[Release, ...]
    warnings: tuple[Problem, ...] = ()
    paths: tuple[str, ...] = ()
    # How many titles the files hold: more than ``releases`` when a Prefilter skipped some.
    total: int = -1

    @property
    def size(self) -> int:
        return self.total if self.total >= 0 else len(self.releases)


# --- validation -----------------------------------------------------------------------------


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    if isinstance(value, list):
        return "an array"
    return "a table"


def _closest(word: str, choices: Sequence[str], what: str = "known keys") -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return f"{what}: " + ", ".join(choices)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LazyLocator:
    """A Locator built on first use: scanning a large file only pays off when there is a
    problem to point at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._locator: Locator | None = None

    def find(self, where: Where) -> tuple[int | None, int | None]:
        if self._locator is None:
            from release_countdown.locate import Locator

            self._locator = Locator(self.text)
        return self._locator.find(where)


class Spot:
    """Where a release starts, looked up only when a message needs it."""

    __slots__ = ("index", "locator")

    def __init__(self, locator: LazyLocator, index: int) -> None:
        self.locator, self.index = locator, index

    def __getitem__(self, item: int) -> int | None:
        return self.locator.find(("release", self.index))[item]

    def __iter__(self) -> Iterator[int | None]:
        return iter(self.locator.find(("release", self.index)))


class _Checker:
    def __init__(self, path: str, locator: LazyLocator, tz: tzinfo | None) -> None:
        self.path = path
        self.locator = locator
        self.tz = tz
        self.problems: list[Problem] = []
        self._reported: set[tuple[Where, str]] = set()
        self.label = ""

    def report(self, where: Where, message: str, *, warning: bool = False) -> None:
        if (where, message) in self._reported:  # one line per problem, however many items
            return
        self._reported.add((where, message))
        line, column = self.locator.find(where)
        prefix = f"{self.label}: " if self.label else ""
        for i in range(len(where) - 1):
            if where[i] in ("dates", "history") and isinstance(where[i + 1], int):
                prefix += f"{where[i]} #{where[i + 1] + 1}: "
        self.problems.append(Problem(self.path, prefix + message, line, column, warning))

    def unknown_keys(self, where: Where, table: Mapping[str, Any], known: Sequence[str]) -> None:
        for key in table:
            if key not in known:
                self.report(
                    (*where, key), f'unknown key "{key}" is ignored ({_closest(key, known)})',
                    warning=True,
                )  # fmt: skip

    # Typed getters: each reports a problem and returns None when the value is unusable.

    def text(
        self, where: Where, table: Mapping[str, Any], key: str, *,
        required: bool = False, limit: int = MAX_SHORT_TEXT,
    ) -> str | None:  # fmt: skip
        value = table.get(key)
        if value is None:
            if required:
                self.report(where, f'"{key}" is required (e.g. {key} = "...")')
            return None
        if not isinstance(value, str):
            self.report((*where, key), f"{key} must be a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.report((*where, key), f"{key} is empty")
            return None
        if len(value) > limit:
            self.report(
                (*where, key),
                f"{key} is {len(value):,} characters long; at most {limit:,} allowed",
            )
            return None
        return value

    def texts(
        self, where: Where, table: Mapping[str, Any], key: str, *,
        limit: int = MAX_SHORT_TEXT, shown: str | None = None,
    ) -> tuple[str, ...]:  # fmt: skip
        value = table.get(key)
        if value is None:
            return ()
        example = f'{key} = ["..."]'
        key_name, key = key, shown or key
        if not isinstance(value, list):
            self.report(
                (*where, key_name),
                f"{key} must be an array of strings, not {_type_name(value)} (e.g. {example})",
            )
            return ()
        good: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.report(
                    (*where, key_name),
                    f"{key} must hold only strings; found {_type_name(item)} (e.g. {example})",
                )
            elif not item.strip():
                self.report((*where, key_name), f"{key} holds an empty string")
            elif len(item) > limit:
                self.report(
                    (*where, key_name),
                    f"{key} holds a string {len(item):,} characters long; "
                    f"at most {limit:,} allowed",
                )
            else:
                good.append(item)
        return tuple(good)

    def date_spec(
        self, where: Where, table: Mapping[str, Any], key: str, *,
        required: bool = False, allow_tba: bool = True,
    ) -> DateSpec | None:  # fmt: skip
        value = table.get(key)
        if value is None:
            if required:
                self.report(where, f'"{key}" is required (e.g. {key} = 2024-02-02, or "TBA")')
            return None
        try:
            spec = self._spec(value)
        except DateFormError as exc:
            self.report((*where, key), f"{key} {exc}")
            return None
        if spec.tba and not allow_tba:
            self.report((*where, key), f'{key} cannot be "{spec.text}": leave it out when unknown')
            return None
        return spec

    def _spec(self, value: object) -> DateSpec:
        if isinstance(value, datetime):
            return exact_time(value, tz=self.tz)
        if isinstance(value, date):
            return exact_day(value)
        if isinstance(value, str):
            return parse_date_text(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
            raise DateFormError(f'is the number {value}; write the year as a string: "{value}"')
        raise DateFormError(f"is {_type_name(value)} ({FORMS_HINT})")

    def table_of(self, where: Where, value: object, what: str) -> Mapping[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(where, f"{what} must be a table, not {_type_name(value)}")
        return None

    def array_of_tables(self, where: Where, table: Mapping[str, Any], key: str) -> list[Any]:
        value = table.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(
                (*where, key),
                f"{key} must be an array of tables ([[release.{key}]]), not {_type_name(value)}",
            )
            return []
        return value

    # The registry's parts.

    def people(self, where: Where, value: object) -> dict[str, tuple[str, ...]]:
        table = self.table_of((*where, "people"), value, "people")
        if table is None:
            return {}
        people: dict[str, tuple[str, ...]] = {}
        for role, names in table.items():
            if not role.strip() or len(role) > MAX_SHORT_TEXT:
                self.report((*where, "people"), "people has an empty or overlong role name")
                continue
            if isinstance(names, str):
                self.report(
                    (*where, "people", role),
                    f"people.{role} must be a list of names, not a string "
                    f'(e.g. {role} = ["{_clip(names)}"])',
                )
                continue
            found = self.texts((*where, "people"), table, role, shown=f"people.{role}")
            if found:
                people[role] = found
        return people

    def typed_date(self, where: Where, value: object) -> TypedDate | None:
        table = self.table_of(where, value, "each [[release.dates]] entry")
        if table is None:
            return None
        self.unknown_keys(where, table, DATE_KEYS)
        region = self.text(where, table, "region", required=True)
        if region is not None:
            if not _REGION.fullmatch(region):
                self.report(
                    (*where, "region"),
                    f'region "{_clip(region)}" is not an ISO 3166-1 alpha-2 code '
                    '(e.g. "US", "GB") or "WW" for worldwide',
                )
                region = None
            elif region.upper() == "UK":
                self.report((*where, "region"), 'region "UK" is not ISO 3166-1: use "GB"')
                region = None
        kind = self.text(where, table, "type", required=True)
        if kind is not None and kind not in DATE_TYPES:
            self.report(
                (*where, "type"),
                f'type "{_clip(kind)}" is not a release type '
                f"({_closest(kind, DATE_TYPES, 'expected one of')})",
            )
            kind = None
        spec = self.date_spec(where, table, "date", required=True)
        announced = self.date_spec(where, table, "announced", allow_tba=False)
        self.check_announcement(where, spec, announced)
        where_ = self.text(where, table, "where")
        note = self.text(where, table, "note", limit=MAX_LONG_TEXT)
        if region is None or kind is None or spec is None:
            return None
        return TypedDate(region.upper(), kind, spec, where_, announced, note)

    def history_entry(self, where: Where, value: object) -> HistoryEntry | None:
        table = self.table_of(where, value, "each [[release.history]] entry")
        if table is None:
            return None
        self.unknown_keys(where, table, HISTORY_KEYS)
        spec = self.date_spec(where, table, "date", required=True)
        announced = self.date_spec(where, table, "announced", allow_tba=False)
        self.check_announcement(where, spec, announced)
        title = self.text(where, table, "title")
        note = self.text(where, table, "note", limit=MAX_LONG_TEXT)
        if spec is None:
            return None
        return HistoryEntry(spec, announced, title, note)

    def check_announcement(
        self, where: Where, spec: DateSpec | None, announced: DateSpec | None
    ) -> None:
        if spec is None or announced is None or spec.latest is None or announced.earliest is None:
            return
        if announced.earliest > spec.latest:
            self.report(
                (*where, "announced"),
                f'announced "{announced.iso()}" is after the date it announces ("{spec.iso()}"); '
                "an announcement comes before its release date",
            )

    def release(self, index: int, value: object) -> Release | None:
        where: Where = ("release", index)
        self.label = f"release #{index + 1}"
        table = self.table_of(where, value, "each [[release]]")
        if table is None:
            return None
        title = self.text(where, table, "title", required=True)
        if title is not None:
            self.label = f'release "{_clip(title)}"'
        self.unknown_keys(where, table, RELEASE_KEYS)
        explicit_id = self.text(where, table, "id")
        if explicit_id is not None and not _ID.fullmatch(explicit_id):
            suggestion = slugify(explicit_id)
            self.report(
                (*where, "id"),
                f'id "{_clip(explicit_id)}" may hold only letters, digits, ".", "-" and "_"'
                + (f' (e.g. id = "{suggestion}")' if suggestion else ""),
            )
            explicit_id = None
        kind = self.text(where, table, "kind")
        if kind is not None and kind not in KINDS:
            self.report(
                (*where, "kind"),
                f'kind "{_clip(kind)}" is not a kind of release '
                f"({_closest(kind, KINDS, 'expected one of')})",
            )
            kind = None
        spec = self.date_spec(where, table, "date", required=True)
        announced = self.date_spec(where, table, "announced", allow_tba=False)
        checked = self.date_spec(where, table, "checked", allow_tba=False)
        if checked is not None and checked.precision.value != "day":
            self.report(
                (*where, "checked"), "checked must be an exact day (e.g. checked = 2026-11-25)"
            )
            checked = None
        aliases = self.texts(where, table, "aliases")
        sources = self.texts(where, table, "sources", limit=MAX_LONG_TEXT)
        franchise = self.text(where, table, "franchise")
        note = self.text(where, table, "note", limit=MAX_LONG_TEXT)
        people = self.people(where, table["people"]) if "people" in table else {}
        override = table.get("override", False)
        if not isinstance(override, bool):
            self.report(
                (*where, "override"), f"override must be true or false, not {_type_name(override)}"
            )
            override = False
        dates = [
            self.typed_date((*where, "dates", i), item)
            for i, item in enumerate(self.array_of_tables(where, table, "dates"))
        ]
        entries = [
            self.history_entry((*where, "history", i), item)
            for i, item in enumerate(self.array_of_tables(where, table, "history"))
        ]
        if title is None or spec is None:
            return None
        release_id = explicit_id or slugify(title)
        if not release_id:
            self.report((*where, "title"), 'no id can be derived from this title: add id = "..."')
            return None
        history = sorted(
            (h for h in entries if h is not None),
            key=lambda h: (
                h.announced.earliest if h.announced and h.announced.earliest else date.min
            ),
        )
        return Release(
            id=release_id,
            title=title,
            date=spec,
            kind=kind or "other",
            aliases=aliases,
            franchise=franchise,
            announced=announced,
            checked=checked.earliest if checked else None,
            sources=sources,
            note=note,
            people=people,
            dates=tuple(d for d in dates if d is not None),
            history=tuple(history),
            source=self.path,
            override=override,
        )


Located = tuple[Release, str, "Spot"]  # a release, its file and position


class _Parsed(NamedTuple):
    releases: list[tuple[Release, Spot, bool]]
    problems: list[Problem]


CHUNKED_FROM: Final = 4 * 1024 * 1024  # bytes of text from which a file is parsed in chunks
CACHE_FROM: Final = 64 * 1024  # bytes from which a file is worth caching (cache.MIN_SIZE)
_RELEASE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*release[ \t]*\]\][ \t]*(#.*)?$", re.MULTILINE)
_OTHER_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def release_chunks(text: str) -> list[tuple[int, int]] | None:
    """Offsets of the preamble and of each ``[[release]]`` block, or None for any other shape.

    A large registry is parsed a block at a time so that its parsed tables never all exist at
    once (peak memory); anything unusual falls back to parsing the whole text. Multi-line
    strings could hide a header line, so a file with any is not split.
    """
    if '"""' in text or "'''" in text:
        return None
    starts = _plain_release_starts(text)
    if starts is None:
        starts = [0, *(m.start() for m in _RELEASE_HEADER.finditer(text))]
    if len(starts) > 1 and _OTHER_HEADER.search(text, 0, starts[1]):
        return None  # a table before the first release: not the usual shape
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


def _plain_release_starts(text: str) -> list[int] | None:
    """The chunk starts when every ``[[`` in the text opens a line that is exactly
    ``[[release]]``, ``[[release.dates]]`` or ``[[release.history]]`` (as ``fmt`` writes
    them): found with str.find, many times faster than the regular expression. None for
    anything else."""
    text = "\n" + text  # every header line now follows a newline
    plain = sum(text.count(f"\n[[{name}]]\n") for name in _PLAIN_HEADERS)
    if text.count("[[") != plain:
        return None
    starts = [0]
    at = text.find("\n[[release]]\n")
    while at != -1:
        starts.append(at)  # the header's offset in the text as given
        at = text.find("\n[[release]]\n", at + 1)
    return starts


_PLAIN_HEADERS: Final = ("release", "release.dates", "release.history")


class _Unchunkable(Exception):
    pass


def _chunked_tables(text: str, chunks: list[tuple[int, int]]) -> Iterator[Any]:
    import tomli

    for start, end in chunks[1:]:
        document = tomli.loads(text[start:end])
        tables = document.get("release")
        if len(document) != 1 or not isinstance(tables, list) or len(tables) != 1:
            raise _Unchunkable
        yield tables[0]


def parse_registry(text: str, path: str, *, tz: tzinfo | None = None) -> _Parsed:
    """Parse and validate one registry's text. Problems are returned, not raised."""
    import tomli

    if len(text) >= CHUNKED_FROM and (chunks := release_chunks(text)) is not None:
        try:
            preamble = tomli.loads(text[: chunks[0][1]])
            if "release" in preamble:
                raise _Unchunkable
            from release_countdown.parallel import parallel_tables

            tables = parallel_tables(text, chunks, _chunked_tables, _Unchunkable)
            if tables is None:
                tables = _chunked_tables(text, chunks)
            return _validate(text, path, tz, preamble, tables)
        except (tomli.TOMLDecodeError, RecursionError, _Unchunkable):
            pass  # the whole parse below says precisely what is wrong
    parsed = _Parsed([], [])
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        msg = getattr(exc, "msg", str(exc))
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        hint = _syntax_hint(text, line)
        parsed.problems.append(Problem(path, f"TOML syntax error: {msg}{hint}", line, column))
        return parsed
    except RecursionError:
        parsed.problems.append(Problem(path, "TOML arrays or tables are nested too deeply to read"))
        return parsed
    items = document.pop("release", [])
    return _validate(text, path, tz, document, items)


def _validate(
    text: str, path: str, tz: tzinfo | None, document: dict[str, Any], items: Any
) -> _Parsed:
    """Check the top level of ``document``, then each release table of ``items`` in turn."""
    parsed = _Parsed([], [])
    locator = LazyLocator(text)
    checker = _Checker(path, locator, tz)
    checker.unknown_keys((), {**document, "release": None}, TOP_KEYS)
    schema = document.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        checker.report(
            ("schema",), f"schema must be a positive integer (schema = {SCHEMA_VERSION})"
        )
    elif schema > SCHEMA_VERSION:
        checker.report(
            ("schema",),
            f"schema {schema} is newer than this release-countdown understands "
            f"(schema {SCHEMA_VERSION}): upgrade release-countdown "
            "(pip install --upgrade release-countdown)",
        )
        parsed.problems.extend(checker.problems)
        return parsed
    if not isinstance(items, list | Iterator):
        checker.report(
            ("release",),
            f"release must be an array of tables written as [[release]], not {_type_name(items)}",
        )
        items = []
    from release_countdown.fastpath import quick_release

    for index, item in enumerate(items):
        release = quick_release(item, path, tz) or checker.release(index, item)
        if release is not None:
            derived = "id" not in item
            parsed.releases.append((release, Spot(locator, index), derived))
        if isinstance(items, list):
            items[index] = None  # let the parsed table go: peak memory stays near one copy
    checker.label = ""
    parsed.problems.extend(checker.problems)
    return parsed


def _syntax_hint(text: str, line: int | None) -> str:
    """What tomli's message leaves out, for the mistakes people make most."""
    if line is None:
        return ""
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    for token in re.findall(r"(?<![\d\"'])(\d{4}-\d{2}-\d{2})(?![\d\"'])", source):
        try:
            date.fromisoformat(token)
        except ValueError as exc:
            return f" ({token} is not a calendar date: {exc})"
    return ""


def read_registry_text(path: Path) -> str:
    """The text of a registry file, or a RegistryError saying why it cannot be read."""
    return decode_registry(read_registry_bytes(path), str(path))


def read_registry_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(
            [Problem(shown, "no such registry file (check --registry and COUNTDOWN_REGISTRY)")]
        ) from None
    except IsADirectoryError:
        raise RegistryError(
            [Problem(shown, "is a directory; give the path of a .toml registry file")]
        ) from None
    except PermissionError:
        raise RegistryError(
            [Problem(shown, "permission denied: the registry file is not readable")]
        ) from None
    except OSError as exc:
        raise RegistryError([Problem(shown, f"cannot read the registry: {exc.strerror}")]) from None
    return raw


def decode_registry(raw: bytes, shown: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise RegistryError(
            [Problem(shown, "is UTF-16 text; registries must be UTF-8 (re-save the file as UTF-8)")]
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise RegistryError(
            [Problem(shown, "is a binary file (it holds NUL bytes), not a TOML registry", line)]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise RegistryError(
            [
                Problem(
                    shown,
                    f"byte 0x{byte:02x} is not valid UTF-8; registries must be UTF-8 "
                    "(re-save the file as UTF-8)",
                    line,
                    column,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _clashes(entries: Iterable[Located]) -> list[Problem]:
    """Titles and aliases that name two different releases make lookups ambiguous."""
    owner: dict[str, tuple[Release, str, Spot]] = {}
    problems: list[Problem] = []
    for release, path, pos in entries:
        names = [release.title, *release.aliases]
        for name in dict.fromkeys(fold(n) for n in names):
            other = owner.get(name)
            if other is None:
                owner[name] = (release, path, pos)
            elif other[0].id != release.id:
                kind = "title" if fold(release.title) == name else "alias"
                shown = next(n for n in names if fold(n) == name)
                problems.append(
                    Problem(
                        path,
                        f'release "{_clip(release.title)}": {kind} "{_clip(shown)}" is also a '
                        f'title or alias of "{_clip(other[0].title)}" ({_at(other[1], other[2])}); '
                        "titles and aliases must name one release each",
                        *pos,
                    )
                )
    return problems


def _at(path: str, pos: Spot) -> str:
    return f"{path}:{pos[0]}" if pos[0] is not None else path


def _unique(parsed: _Parsed, path: str) -> tuple[list[Located], list[Problem]]:
    """The releases of one file with unique ids; a repeated id is a problem naming both."""
    problems: list[Problem] = []
    seen: dict[str, tuple[Release, Spot, bool]] = {}
    kept: list[Located] = []
    for release, pos, derived in parsed.releases:
        if release.id in seen:
            first, first_pos, first_derived = seen[release.id]
            first_at = _at(path, first_pos)
            if derived and first_derived:
                message = (
                    f'titles "{_clip(first.title)}" ({first_at}) and "{_clip(release.title)}" '
                    f'both derive the id "{release.id}"; give them explicit ids '
                    f'(id = "{release.id}-2")'
                )
            else:
                message = (
                    f'duplicate id "{release.id}": also used by "{_clip(first.title)}" at '
                    f"{first_at}; ids must be unique"
                )
            problems.append(Problem(path, message, *pos))
            continue
        seen[release.id] = (release, pos, derived)
        kept.append((release, path, pos))
    return kept, problems


def check_text(
    text: str, path: str, *, tz: tzinfo | None = None
) -> tuple[list[Release], list[Problem]]:
    """Validate one registry's text completely (ids and names unique within it)."""
    parsed = parse_registry(text, path, tz=tz)
    kept, problems = _unique(parsed, path)
    problems = [*parsed.problems, *problems, *_clashes(kept)]
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return [release for release, _, _ in kept], problems


def load_registry(
    paths: Sequence[Path],
    *,
    tz: tzinfo | None = None,
    use_cache: bool = False,
    prefilter: Prefilter | None = None,
    later: list[Callable[[], None]] | None = None,
) -> Registry:
    """Read, validate and merge registries (later files may ``override`` earlier ids).

    Raises RegistryError with every problem of every file when any file has an error. With
    ``later``, cache entries to write are left there as jobs instead of written at once.
    """
    import gc

    # Loading makes hundreds of thousands of small objects and no cycles: the cyclic
    # collector would scan them again and again for nothing (a third of the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_registry(paths, tz, use_cache, prefilter if len(paths) == 1 else None, later)
    finally:
        if enabled:
            gc.enable()


def cached_json_rows(
    path: Path, query: Query, today: date, prefilter: Prefilter
) -> tuple[list[str], list[Problem], int] | None:
    """The JSON text of each row of ``query`` on ``today`` from the parse cache, with the
    registry's warnings and size; None when there is no usable cache entry (or the query
    needs what only the full path does: --search, --within, --region)."""
    if query.search or query.within_until is not None or query.region is not None:
        return None
    try:
        if path.stat().st_size < CACHE_FROM:
            return None  # small files are never cached: do not even load the cache's code
    except OSError:
        return None  # the usual path says what is wrong
    from release_countdown import cache

    source = str(path)
    entry = cache.noted_entry(source)
    if entry is None:
        before, read_at = _stat(path)
        entry = _entry(path, read_registry_bytes(path), before, read_at)
        if entry is None:
            return None
    return cache.json_rows(entry, source, prefilter, query, today)


def _stat(path: Path) -> tuple[Any, int]:
    """The file's stat (None when it cannot be had) and the time, taken before reading it."""
    import os
    import time as clock

    try:
        before = os.stat(path)
    except OSError:
        before = None
    return before, clock.time_ns()


def _entry(path: Path, raw: bytes, before: Any, read_at: int) -> str | None:
    """The cache entry name of the registry at ``path`` (None: too small to cache), from the
    bytes read after ``before``; noted, so that the next run need not read them."""
    from release_countdown import cache

    if not cache.worth_it(len(raw)):
        return None
    entry = cache.key(str(path), raw)
    if before is not None and before.st_size == len(raw):
        cache.note(str(path), before, read_at, entry)
    return entry


def _file_releases(
    path: Path,
    tz: tzinfo | None,
    use_cache: bool,
    prefilter: Prefilter | None,
    later: list[Callable[[], None]] | None,
) -> tuple[list[Located], list[Problem], int]:
    """One file's releases (ids and names unique within it), its problems, and its size."""
    before, read_at = _stat(path) if use_cache else (None, 0)
    raw = read_registry_bytes(path)
    source = str(path)
    entry = None
    if use_cache and tz is None and len(raw) >= CACHE_FROM:
        from release_countdown import cache

        entry = cache.noted_entry(source) or _entry(path, raw, before, read_at)
    if entry is not None and (hit := cache.load(entry, source, prefilter)) is not None:
        indexed, warnings, size = hit
        locator = LazyLocator(decode_registry(raw, source))
        return [(r, source, Spot(locator, i)) for i, r in indexed], warnings, size
    text = decode_registry(raw, source)
    del raw  # the text is all we need from here: one copy of a large file, not two
    parsed = parse_registry(text, source, tz=tz)
    kept, repeated = _unique(parsed, source)
    problems = [*parsed.problems, *repeated, *_clashes(kept)]
    if entry is not None and not any(not p.warning for p in problems):
        from release_countdown import cache

        job = partial(cache.store, entry, [release for release, _, _ in kept], problems)
        if later is None:
            job()
        else:
            later.append(job)
    return kept, problems, len(kept)


def _load_registry(
    paths: Sequence[Path],
    tz: tzinfo | None,
    use_cache: bool,
    prefilter: Prefilter | None,
    later: list[Callable[[], None]] | None,
) -> Registry:
    problems: list[Problem] = []
    merged: dict[str, Located] = {}
    total = 0
    for path in paths:
        try:
            kept, found, size = _file_releases(path, tz, use_cache, prefilter, later)
        except RegistryError as exc:
            problems.extend(exc.problems)
            continue
        total += size
        problems.extend(found)
        for release, source, pos in kept:
            if release.id in merged and not release.override:
                other_at = _at(merged[release.id][1], merged[release.id][2])
                problems.append(
                    Problem(
                        source,
                        f'id "{release.id}" is also defined at {other_at}; rename it, or set '
                        "override = true to replace the earlier entry",
                        *pos,
                    )
                )
                continue
            if release.override and release.id not in merged:
                problems.append(
                    Problem(
                        source,
                        f'release "{_clip(release.title)}": override = true, but no earlier '
                        f'registry defines id "{release.id}" (remove override, or check the id)',
                        pos[0],
                        pos[1],
                        warning=True,
                    )
                )
            merged[release.id] = (release, source, pos)
    if len(paths) > 1:  # within one file, names were checked already
        problems.extend(p for p in _clashes(merged.values()) if p not in problems)
    order = {str(path): n for n, path in enumerate(paths)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.column or 0))
    if any(not p.warning for p in problems):
        raise RegistryError(problems)
    return Registry(
        tuple(release for release, _, _ in merged.values()),
        tuple(problems),
        tuple(str(p) for p in paths),
        total,
    )


def stale_warnings(
    releases: Iterable[Release], today: date, amount: int, unit: str
) -> list[Problem]:
    """Warnings for entries never checked, or checked longer ago than the given age, each at
    the entry's ``checked`` key (or its table) in its file."""
    from release_countdown.dates import add_duration
    from release_countdown.locate import Locator

    problems = []
    places: dict[str, int] = {}
    locators: dict[str, Locator | None] = {}
    for release in releases:
        index = places[release.source] = places.get(release.source, -1) + 1
        if release.checked is None:
            message = (
                f'release "{_clip(release.title)}": never checked '
                f"(add checked = {today.isoformat()} once verified)"
            )
        elif add_duration(release.checked, amount, unit) < today:
            message = (
                f'release "{_clip(release.title)}": last checked '
                f"{release.checked.isoformat()}, more than {amount}{unit} ago"
            )
        else:
            continue
        if release.source not in locators:
            try:
                locators[release.source] = Locator(read_registry_text(Path(release.source)))
            except RegistryError:
                locators[release.source] = None
        locator = locators[release.source]
        line, column = locator.find(("release", index, "checked")) if locator else (None, None)
        problems.append(Problem(release.source, message, line, column, warning=True))
    return problems
