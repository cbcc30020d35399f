"""The cache's encoding of the model, derived from the model's fields and their types.

A record (Release, TypedDate, HistoryEntry: NamedTuples) is a list of its fields' values
in field order (MessagePack, written and read by msgspec); each value's codec follows from
the field's type, so a new field needs no edit here, only a type this module knows (a test
encodes and decodes every field). Each distinct date form is stored once in a table and
named by its index (a registry repeats quarters, years and days thousands of times); a
field the loader knows (``source``) is stored as nil. ``SIGNATURE`` (the fields and their
types) is part of each entry's name: after a change of the model, old entries are never read.

Decoding trusts nothing. msgspec builds the records from the bytes in C, checking each
value against its field's type as it goes (strict: no number for a flag, no flag for a
number, no text for a list, every item of a list, the exact length of each record, valid
UTF-8) and each ``Literal`` type's words (kinds, release types); what its types cannot
say is handed to this module's hook: a date form's index (its row of the table, whose
invariants ``spec_of`` checks), and an ``Annotated[str, check]`` field (a region, a tag),
which passes its check, the format's own predicate. Anything else raises, and the entry
is ignored.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cache
from operator import itemgetter
from typing import Annotated, Any, Final, Literal, NoReturn, Union, get_args, get_origin

import msgspec

from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.model import Release

Code = Callable[[Any], Any]
# Fields the loader knows (``source`` is the registry's path): an entry's must be the same.
GIVEN: Final = ("source",)


def refuse(value: object = None) -> NoReturn:
    """Raise: this is not what this version writes (load() then ignores the entry)."""
    raise TypeError(f"not what this version writes: {value!r:.80}")


@cache
def _fields(model: type) -> tuple[tuple[str, Any, Any], ...]:
    """A record's fields: name, type (``Annotated`` kept) and default."""
    import typing

    hints = typing.get_type_hints(model, include_extras=True)
    defaults: Mapping[str, Any] = model._field_defaults  # type: ignore[attr-defined]
    return tuple(
        (name, hints[name], defaults.get(name))
        for name in model._fields  # type: ignore[attr-defined]
    )


def _is_record(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields")


def _optional(hint: Any) -> Any | None:
    """T for ``T | None``, else None."""
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return args[0] if args[1] is type(None) else args[1]
    return None


def _signature(model: type) -> str:
    parts = []
    for name, hint, _ in _fields(model):
        inner = _optional(hint) or hint
        items = get_args(inner) if get_origin(inner) is tuple else ()
        nested = [_signature(h) for h in (inner, *items) if _is_record(h) and h is not DateSpec]
        parts.append(f"{name}:{hint!r}{''.join(nested)}")
    return f"{model.__name__}({','.join(parts)})"


# The same in every process: a check function's repr holds its address.
SIGNATURE: Final = re.sub(r" at 0x[0-9a-fA-F]+", "", _signature(Release))


# --- encoding ---------------------------------------------------------------------------------


class Encoder:
    """Releases as lists of plain values, and the table of the date forms they name."""

    def __init__(self) -> None:
        self.specs: dict[DateSpec, int] = {}
        self._release = self._code(Release)

    def release(self, release: Release) -> Any:
        return self._release(release)

    def _spec(self, spec: DateSpec) -> int:
        return self.specs.setdefault(spec, len(self.specs))

    def _code(self, hint: Any) -> Code:
        if get_origin(hint) is Annotated:
            return self._code(get_args(hint)[0])
        if (inner := _optional(hint)) is not None:
            code = self._code(inner)
            return lambda value: None if value is None else code(value)
        if hint is DateSpec:
            return self._spec
        if hint is date:  # msgspec writes a day as its ISO text
            return lambda value: value
        if _is_record(hint):
            codes = [(name, self._code(field)) for name, field, _ in _fields(hint)]
            return lambda record: [code(getattr(record, name)) for name, code in codes]
        origin, args = get_origin(hint), get_args(hint)
        if origin is tuple:
            code = self._code(args[0])
            return lambda items: [code(item) for item in items]
        if origin is Mapping:
            code = self._code(args[1])
            return lambda table: {key: code(value) for key, value in table.items()}
        if hint in (str, bool, int) or origin is Literal:
            return lambda value: value
        raise TypeError(f"no cache encoding for {hint!r}")

    def spec_table(self) -> list[list[Any]]:
        """Each date form once: its text, precision, days and instant. msgspec writes days
        as ISO text, but an instant as a MessagePack timestamp, which is UTC: the instant is
        written as its ISO text, so that it keeps the offset it was written with (output
        shows it), and read back as an aware datetime."""
        return [
            [spec.text, spec.precision.value, spec.earliest, spec.latest,
             None if spec.instant is None else spec.instant.isoformat()]
            for spec in self.specs
        ]  # fmt: skip


# --- decoding: anything but what Encoder writes raises ----------------------------------------


class _StandIn(type):
    """The type of a value msgspec cannot check by itself: it hands the value to the
    decoder's hook, whose result it then checks with isinstance. The hook returns only what
    the field holds (a date form, a string its check kept) or raises, so the check is one
    call of ``id`` (true for any object), in C: a test in Python would cost a call a value."""

    __instancecheck__ = staticmethod(id)  # type: ignore[assignment]


class _Spec(metaclass=_StandIn):
    """A date form's index in the table."""


def _checked(check: Callable[[str], str | None]) -> type:
    """The stand-in of ``Annotated[str, check]``: a string the format's predicate leaves as
    it is; its result (one object for equal values) is kept."""
    seen: dict[str, str] = {}

    def decode(value: Any) -> str:
        if type(value) is not str:
            refuse(value)
        found = seen.get(value)
        if found is None:
            found = check(value)
            if found is None or found != value:
                refuse(value)
            seen[value] = found
        return found

    return _StandIn(f"Checked_{check.__name__}", (), {"decode": staticmethod(decode)})


def _record(model: type, hints: Mapping[str, Any]) -> type:
    """A class derived from the record's model (the same fields, methods and name) whose
    fields msgspec decodes as ``hints`` say, every one of them required: a record shorter
    than the model's is not what this version wrote."""
    body = {"__slots__": (), "__annotations__": dict(hints), "_field_defaults": {}}
    return type(model.__name__, (model,), {**body, "__qualname__": model.__qualname__})


@cache
def _mirror(hint: Any) -> Any:
    """``hint`` as msgspec decodes it: a record as ``_record`` makes it, a date form and an
    ``Annotated`` string as their stand-ins."""
    if get_origin(hint) is Annotated:
        return _checked(get_args(hint)[1])
    if (inner := _optional(hint)) is not None:
        return Union[_mirror(inner), None]  # noqa: UP007 - made at run time
    if hint is DateSpec:
        return _Spec
    if _is_record(hint):
        return _record(hint, {name: _mirror(field) for name, field, _ in _fields(hint)})
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple:
        return tuple[_mirror(args[0]), ...]  # type: ignore[misc]
    if origin is Mapping:
        return Mapping[args[0], _mirror(args[1])]  # type: ignore[misc,valid-type]
    if hint in (str, bool, int, date) or origin is Literal:
        return hint
    raise TypeError(f"no cache decoding for {hint!r}")


@cache
def _table_decoder() -> msgspec.msgpack.Decoder[list[DateSpec]]:
    row = _record(DateSpec, {name: hint for name, hint, _ in _fields(DateSpec)})
    return msgspec.msgpack.Decoder(list[row])  # type: ignore[valid-type]


def _spec_checked(spec: DateSpec) -> DateSpec:
    """A date form of the table whose invariants hold (msgspec checked the types)."""
    precision, earliest, latest, instant = spec[1:]
    if precision is Precision.TBA:
        if earliest is not None or latest is not None or instant is not None:
            refuse(spec)
    elif earliest is None or latest is None or earliest > latest:
        refuse(spec)
    elif precision is Precision.TIME:
        if instant is None or instant.utcoffset() is None or earliest != latest:
            refuse(spec)
    elif instant is not None:
        refuse(spec)
    return spec


def specs_of(data: bytes) -> list[DateSpec]:
    """The table of date forms (MessagePack of ``Encoder.spec_table``), each one checked."""
    return [_spec_checked(spec) for spec in _table_decoder().decode(data)]


def spec_of(row: Sequence[Any]) -> DateSpec:
    """One row of the table, checked as ``specs_of`` checks it."""
    return specs_of(msgspec.msgpack.encode([row]))[0]


class Decoder:
    """Releases from MessagePack (see ``Encoder``), each value checked for its type."""

    def __init__(self, specs: Sequence[DateSpec], source: str) -> None:
        self.source = source

        def hook(kind: Any, value: Any) -> Any:
            if kind is _Spec:  # type() is int, not isinstance: True is not 1
                return specs[value] if type(value) is int and value >= 0 else refuse(value)
            return kind.decode(value)

        self._decoder = msgspec.msgpack.Decoder(list[_mirror(Release)], dec_hook=hook)  # type: ignore[misc]

    def releases(self, data: bytes) -> list[Release]:
        """The releases of ``data``, a MessagePack array of encoded releases."""
        found: list[Release] = self._decoder.decode(data)
        # The loader's own fields (``source``): stored as written, never taken on trust.
        for name in GIVEN:
            if any(map(getattr(self, name).__ne__, map(_GETTERS[name], found))):
                refuse(name)
        return found


_GETTERS: Final = {name: itemgetter(Release._fields.index(name)) for name in GIVEN}
