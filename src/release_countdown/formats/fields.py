"""What JSON and CSV spell, derived from a row's fields (the NamedTuples of core/rows.py).

A row class's type hints say how each field is written: text, numbers and null as they are,
days as ISO dates, a ``DateSpec`` as it is written, tuples as lists, nested rows as objects.
Adding a field to a row adds it to the JSON object and, when it is one value or a list of
values, to the CSV columns: no list of keys to keep in step. Never imports rich.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

Convert = Callable[[Any], Any]


def _is_row(hint: object) -> bool:
    return isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields")


def _without_none(hint: object) -> tuple[object, bool]:
    """``X | None`` as ``(X, True)``; any other hint as ``(hint, False)``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _optional(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _converter(hint: object) -> Convert | None:
    """How a value of type ``hint`` is written as JSON; None: as it is."""
    inner, optional = _without_none(hint)
    origin = typing.get_origin(inner)
    if _is_row(inner) and hasattr(inner, "iso"):  # a DateSpec, as written: "Q3 2027", "TBA"
        return _optional_iso if optional else _iso
    if inner is dt.date:
        return _optional_isoformat if optional else dt.date.isoformat
    convert: Convert
    if _is_row(inner):
        convert = json_encoder(inner)
    elif isinstance(inner, type) and issubclass(inner, Enum):
        convert = _value
    elif origin is tuple:
        each = _converter(typing.get_args(inner)[0])
        convert = list if each is None else _items(each)
    elif origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        each = _converter(typing.get_args(inner)[1])
        convert = dict if each is None else _mapping(each)
    else:  # str, int, bool, Literal[...]
        return None
    return _optional(convert) if optional else convert


# Spelled out, not composed: these run for every row of `list --json`.
def _iso(value: Any) -> Any:
    return value.iso()


def _optional_iso(value: Any) -> Any:
    return None if value is None else value.iso()


def _optional_isoformat(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _value(value: Enum) -> Any:
    return value.value


def _items(convert: Convert) -> Convert:
    return lambda values: [convert(v) for v in values]


def _mapping(each: Convert) -> Convert:
    return lambda mapping: {k: each(v) for k, v in mapping.items()}


@functools.cache
def _hints(row_type: type) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(row_type)
    return tuple((name, hints[name]) for name in row_type._fields)  # type: ignore[attr-defined]


def _expression(var: str, hint: object, env: dict[str, Any]) -> str:
    """Python source writing ``var``, a value of type ``hint``, as JSON (see ``_converter``):
    days and date forms inline, anything else through its converter."""
    inner, optional = _without_none(hint)
    if inner is dt.date or (_is_row(inner) and hasattr(inner, "iso")):
        method = "isoformat" if inner is dt.date else "iso"
        return f"(None if {var} is None else {var}.{method}())" if optional else f"{var}.{method}()"
    convert = _converter(hint)
    if convert is None:
        return var
    name = f"g{len(env)}"
    env[name] = convert
    return f"{name}({var})"


@functools.cache
def json_encoder(row_type: type) -> Callable[[Any], dict[str, Any]]:
    """A function writing a ``row_type`` row as a JSON object, keys in field order.

    Compiled from the row's fields (as dataclasses compiles ``__init__``; the source is made
    from the row class's names and types, never from data): one dict display a row, which
    runs for every row of `list --json`."""
    hints = _hints(row_type)
    env: dict[str, Any] = {}
    values = [f"{name!r}: {_expression(f'v{i}', h, env)}" for i, (name, h) in enumerate(hints)]
    unpack = "".join(f"v{i}, " for i in range(len(hints)))
    source = f"def encode(row):\n    {unpack}= row\n    return {{{', '.join(values)}}}\n"
    exec(source, env)  # made from the row type's field names and hints only
    encode: Callable[[Any], dict[str, Any]] = env["encode"]
    return encode


def _is_flat(hint: object) -> bool:
    """One value (text, number, day) or a list of plain values: something a cell can hold."""
    inner, _ = _without_none(hint)
    if typing.get_origin(inner) is tuple:
        inner, _ = _without_none(typing.get_args(inner)[0])
    origin = typing.get_origin(inner)
    if origin is not None and origin is not typing.Literal:
        return False
    return not _is_row(inner) or hasattr(inner, "iso")


@functools.cache
def flat_fields(row_type: type) -> tuple[str, ...]:
    """The fields of ``row_type`` that are one value or a list of values, in field order."""
    return tuple(name for name, hint in _hints(row_type) if _is_flat(hint))


@functools.cache
def nested_fields(row_type: type) -> dict[str, type]:
    """The fields of ``row_type`` that hold one nested row (``next``, ``slip``): their types."""
    found = {}
    for name, hint in _hints(row_type):
        inner, _ = _without_none(hint)
        if _is_row(inner) and not hasattr(inner, "iso"):
            found[name] = typing.cast(type, inner)
    return found
