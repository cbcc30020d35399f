"""The cache's encoding of the model, derived from the model's fields and their types.

A record (Release, TypedDate, HistoryEntry: NamedTuples) is a list of its fields' values
in field order; each value's codec follows from the field's type, so a new field needs no
edit here, only a type this module knows (a test encodes and decodes every field). Each
distinct date form is stored once in a table and named by its index (a registry repeats
quarters, years and days thousands of times). ``SIGNATURE`` (the fields and their types)
is part of each entry's name: after a change of the model, old entries are never read.

Decoding trusts nothing: every value's type is checked, the closed sets (``Literal`` types:
kinds, release types) are looked up, and an ``Annotated[T, check]`` field (a region) passes
its check, the format's own predicate. Anything else raises, and the entry is ignored.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from sys import intern
from typing import Annotated, Any, Final, Literal, NoReturn, Union, get_args, get_origin

from release_countdown.core.dates import DateSpec, Precision
from release_countdown.core.model import Release

Code = Callable[[Any], Any]
# Fields not stored: the loader knows them (``source`` is the registry's path).
GIVEN: Final = ("source",)


def refuse(value: object = None) -> NoReturn:
    """Raise: this is not what this version writes (load() then ignores the entry)."""
    raise TypeError(f"not what this version writes: {value!r:.80}")


@cache
def _fields(model: type) -> tuple[tuple[str, Any, Any], ...]:
    """A record's stored fields: name, type (``Annotated`` kept) and default."""
    import typing

    hints = typing.get_type_hints(model, include_extras=True)
    defaults: Mapping[str, Any] = model._field_defaults  # type: ignore[attr-defined]
    return tuple(
        (name, hints[name], defaults.get(name))
        for name in model._fields  # type: ignore[attr-defined]
        if name not in GIVEN
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
        if hint is date:
            return date.toordinal
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


# --- decoding: anything but what Encoder writes raises ----------------------------------------

_PRECISIONS: Final = {p.value: p for p in Precision}


def spec_of(item: Any) -> DateSpec:
    """A date form from its row of the table, its invariants checked."""
    if type(item) is not list:
        refuse(item)
    text, name, earliest, latest, instant = item
    precision = _PRECISIONS[name]
    if type(text) is not str:
        refuse(text)
    if precision is Precision.TBA:
        if earliest is not None or latest is not None or instant is not None:
            refuse(item)
        return DateSpec(text=text, precision=precision)
    # type() is int, not isinstance: True would pass as the ordinal 1.
    if type(earliest) is not int or type(latest) is not int or earliest > latest:
        refuse(item)
    moment: datetime | None = None
    if precision is Precision.TIME:
        moment = datetime.fromisoformat(instant) if type(instant) is str else refuse(instant)
        if moment.utcoffset() is None or earliest != latest:
            refuse(item)
    elif instant is not None:
        refuse(item)
    return DateSpec(
        text=text,
        precision=precision,
        earliest=date.fromordinal(earliest),
        latest=date.fromordinal(latest),
        instant=moment,
    )


def _checked(check: Callable[[str], str | None]) -> Callable[[Any], str]:
    """A string the format's predicate (``Annotated[str, check]``) leaves as it is; its
    result (one object for equal values) is kept."""

    def decode(value: Any) -> str:
        found = check(value) if type(value) is str else None
        return found if found is not None and found == value else refuse(value)

    return decode


class Decoder:
    """Releases from their lists (see ``Encoder``), each value checked for its type."""

    def __init__(self, specs: Sequence[DateSpec], source: str) -> None:
        self.specs = specs
        self._release = self._record(Release, {"source": source})

    def releases(self, data: Any) -> list[Release]:
        if type(data) is not list:
            refuse(data)
        return [self._release(item) for item in data]

    def _record(self, model: type, given: Mapping[str, Any]) -> Code:
        """The decoder of one record type, compiled from its fields as dataclasses compiles
        ``__init__``: each value's check written inline (as fast as a decoder written by
        hand), the record made from its values in field order (``tuple.__new__``: a
        NamedTuple's own ``__new__`` by keyword costs a third of the decoding). The source is
        made from the model's types, never from an entry's data."""
        env: dict[str, Any] = {"model": model, "new": tuple.__new__}
        fields = _fields(model)
        values = {name: self._name(env, value) for name, value in given.items()}
        for i, (name, hint, default) in enumerate(fields):
            value = self._expression(f"v{i}", hint, env)
            if isinstance(default, Mapping):  # an empty mapping: the field's shared default
                value = f"({self._name(env, default)} if v{i} == {{}} else {value})"
            values[name] = value
        in_order = [values[name] for name in model._fields]  # type: ignore[attr-defined]
        unpack = "".join(f"v{i}, " for i in range(len(fields)))
        source = (
            "def decode(item):\n"
            f"    if type(item) is not list or len(item) != {len(fields)}:\n"
            "        refuse(item)\n"
            f"    {unpack}= item\n"
            f"    return new(model, ({', '.join(in_order)},))\n"
        )
        exec(source, env)  # made from the model's field types only
        decode: Code = env["decode"]
        return decode

    @staticmethod
    def _name(env: dict[str, Any], value: Any) -> str:
        """A name for ``value`` in the compiled code's globals."""
        name = f"g{len(env)}"
        env[name] = value
        return name

    def _expression(self, var: str, hint: Any, env: dict[str, Any]) -> str:
        """Python source that checks and decodes ``var``, a value of type ``hint``."""
        env.setdefault("refuse", refuse)
        bad = f"refuse({var})"
        origin, args = get_origin(hint), get_args(hint)
        if (inner := _optional(hint)) is not None:
            return f"(None if {var} is None else {self._expression(var, inner, env)})"
        if origin is Annotated:  # a string and the format's predicate for it
            check, seen = self._name(env, _checked(args[1])), self._name(env, {})
            return f"({seen}.get({var}) or {seen}.setdefault({var}, {check}({var})))"
        if _is_record(hint) and hint is not DateSpec:
            return f"{self._name(env, self._record(hint, {}))}({var})"
        simple = {str: "str", bool: "bool", int: "int"}.get(hint)
        if simple is not None:  # type() is int, not isinstance: True is not 1
            return f"({var} if type({var}) is {simple} else {bad})"
        if hint is date:
            day = self._name(env, date.fromordinal)
            return f"({day}({var}) if type({var}) is int else {bad})"
        if hint is DateSpec:
            specs = self._name(env, self.specs)
            return f"({specs}[{var}] if type({var}) is int and {var} >= 0 else {bad})"
        if origin is Literal:  # the model's own string, one object each
            words = self._name(env, {word: word for word in args})
            return f"(({words}.get({var}) if type({var}) is str else None) or {bad})"
        if origin is tuple and args[0] is str:  # join raises unless every item is a string
            join = self._name(env, "".join)
            return f"(tuple({var}) if type({var}) is list and {join}({var}) is not None else {bad})"
        item = f"x{len(env)}"  # a name of its own, whatever the nesting
        if origin is tuple:
            value = self._expression(item, args[0], env)
            items = f"(tuple([{value} for {item} in {var}]) if {var} else ())"
            return f"({items} if type({var}) is list else {bad})"
        if origin is Mapping and args[0] is str:  # intern raises for a key not a string
            value = self._expression(item, args[1], env)
            shared = self._name(env, intern)  # keys (roles) repeat: one object each
            table = f"{{{shared}(k): {value} for k, {item} in {var}.items()}}"
            return f"({table} if type({var}) is dict else {bad})"
        raise TypeError(f"no cache decoding for {hint!r}")
