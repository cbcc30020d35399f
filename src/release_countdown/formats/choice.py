"""The output format a command was asked for, parsed once: ``--format`` and ``--json`` as one
typed value, ``Named`` (table, json, csv, ics, radarr-list, sonarr-list) or a checked
``Template``.

The same rules for every command that prints rows: names are case-insensitive; text with a
``{`` is a template (for commands that take templates), checked against the fields of the rows
it will be given; ``--json`` is short for ``--format json`` and refused beside any other
format, in the same words everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Final, TypeAlias

if TYPE_CHECKING:
    from release_countdown.formats.template import Template, TemplateFields


class Named(str, Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    ICS = "ics"
    RADARR_LIST = "radarr-list"  # formats/arrlists.py
    SONARR_LIST = "sonarr-list"


OutputFormat: TypeAlias = "Named | Template"
TEMPLATE_EXAMPLE: Final = "'{title} {countdown}'"


class FormatError(ValueError):
    """A --format (or --json) that a command cannot write; ``option`` is the one to blame."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


def parse_output_format(
    text: str | None,
    *,
    as_json: bool,
    default: str,
    supported: Sequence[Named],
    fields: Callable[[], TemplateFields] | None,
) -> OutputFormat:
    """The format asked for by ``--format TEXT`` (None: not given) and ``--json`` (``as_json``).

    ``supported`` are the names the command writes; ``fields`` gives the fields of its rows
    when it takes templates (None: it does not; called only for a template). FormatError says
    what is wrong, in the same words for every command.
    """
    if as_json:
        if text is not None and text.lower() != Named.JSON.value:
            raise FormatError(
                "--json", f"--json asks for JSON, --format {text!r} for something else: use one"
            )
        text = Named.JSON.value
    if text is None:
        text = default
    if "{" in text and fields is not None:
        from release_countdown.formats.template import TemplateError, parse

        try:
            return parse(text, fields())
        except TemplateError as exc:
            raise FormatError("--format", str(exc)) from None
    for named in supported:
        if text.lower() == named.value:
            return named
    from release_countdown.core.matching import did_you_mean

    names = ", ".join(named.value for named in supported)
    also = f", nor a template with {{fields}} (e.g. {TEMPLATE_EXAMPLE})" if fields else ""
    hint = "" if "{" in text else did_you_mean((n.value for n in supported), text, quoted=False)
    raise FormatError("--format", f"{text!r} is not one of {names}{also}{hint}")
