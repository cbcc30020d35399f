"""Typed values out of parsed TOML tables, each problem reported once with its position.

Generic: nothing here knows the registry's keys (checker.py states the format's rules; the
text rule is format.py's ``fits_text``, and these getters only word why a value fails it). A
getter returns the value, or reports what is wrong and returns None (or an empty tuple) so
that checking goes on and every problem of a file is found in one pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, tzinfo
from typing import Any

from release_countdown.core.dates import (
    FORMS_HINT,
    DateFormError,
    DateSpec,
    exact_day,
    exact_time,
    parse_date_text,
)
from release_countdown.core.errors import Problem
from release_countdown.registry.format import fits_text
from release_countdown.registry.positions import LazyLocator, Where


def type_name(value: object) -> str:
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


def closest(word: str, choices: Sequence[str], what: str = "known keys") -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return f"{what}: " + ", ".join(choices)


def clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Reporter:
    """The problems of one file, each located and reported once."""

    def __init__(self, path: str, locator: LazyLocator) -> None:
        self.path = path
        self.locator = locator
        self.problems: list[Problem] = []
        self._reported: set[tuple[Where, str]] = set()

    def report(self, where: Where, message: str, *, label: str = "", warning: bool = False) -> None:
        if (where, message) in self._reported:  # one line per problem, however many items
            return
        self._reported.add((where, message))
        line, column = self.locator.find(where)
        prefix = f"{label}: " if label else ""
        for i in range(len(where) - 1):
            if where[i] in ("dates", "history") and isinstance(where[i + 1], int):
                prefix += f"{where[i]} #{where[i + 1] + 1}: "
        self.problems.append(Problem(self.path, prefix + message, line, column, warning))


class Fields:
    """Typed getters for the tables of one item (a release), whose messages start ``label``."""

    def __init__(self, reporter: Reporter, label: str, tz: tzinfo | None) -> None:
        self.reporter, self.label, self.tz = reporter, label, tz

    def report(self, where: Where, message: str, *, warning: bool = False) -> None:
        self.reporter.report(where, message, label=self.label, warning=warning)

    def unknown_keys(self, where: Where, table: Mapping[str, Any], known: Sequence[str]) -> None:
        for key in table:
            if key not in known:
                self.report(
                    (*where, key), f'unknown key "{key}" is ignored ({closest(key, known)})',
                    warning=True,
                )  # fmt: skip

    def text(
        self, where: Where, table: Mapping[str, Any], key: str, *, required: bool = False,
        limit: int,
    ) -> str | None:  # fmt: skip
        value = table.get(key)
        if fits_text(value, limit):
            return value
        if value is None:
            if required:
                self.report(where, f'"{key}" is required (e.g. {key} = "...")')
            return None
        if not isinstance(value, str):
            self.report((*where, key), f"{key} must be a string, not {type_name(value)}")
            return None
        if not value.strip():
            self.report((*where, key), f"{key} is empty")
        else:
            self.report(
                (*where, key),
                f"{key} is {len(value):,} characters long; at most {limit:,} allowed",
            )
        return None

    def texts(
        self, where: Where, table: Mapping[str, Any], key: str, *, limit: int,
        shown: str | None = None,
    ) -> tuple[str, ...]:  # fmt: skip
        value = table.get(key)
        if value is None:
            return ()
        example = f'{key} = ["..."]'
        key_name, key = key, shown or key
        if not isinstance(value, list):
            self.report(
                (*where, key_name),
                f"{key} must be an array of strings, not {type_name(value)} (e.g. {example})",
            )
            return ()
        good: list[str] = []
        for item in value:
            if fits_text(item, limit):
                good.append(item)
            elif not isinstance(item, str):
                self.report(
                    (*where, key_name),
                    f"{key} must hold only strings; found {type_name(item)} (e.g. {example})",
                )
            elif not item.strip():
                self.report((*where, key_name), f"{key} holds an empty string")
            else:
                self.report(
                    (*where, key_name),
                    f"{key} holds a string {len(item):,} characters long; "
                    f"at most {limit:,} allowed",
                )
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
        raise DateFormError(f"is {type_name(value)} ({FORMS_HINT})")

    def table_of(self, where: Where, value: object, what: str) -> Mapping[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.report(where, f"{what} must be a table, not {type_name(value)}")
        return None

    def array_of_tables(self, where: Where, table: Mapping[str, Any], key: str) -> list[Any]:
        value = table.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(
                (*where, key),
                f"{key} must be an array of tables ([[release.{key}]]), not {type_name(value)}",
            )
            return []
        return value
