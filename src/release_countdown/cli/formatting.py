"""--format and --json: one option pair, declared once, for every command that prints rows
(`list`, `next`, `people`, `export`).

``@output_options(...)`` adds both options to a command, which receives them parsed into one
typed value, ``output: OutputFormat`` (formats/choice.py states the rules). Each command says
which names it writes, its default and, if it takes templates, the fields of its rows.
"""

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from release_countdown.formats.choice import FormatError, Named, parse_output_format

if TYPE_CHECKING:
    from release_countdown.formats.template import TemplateFields

F = TypeVar("F", bound=Callable[..., Any])
# Which fields a template may name, from the command's other arguments (`people NAME` lists
# titles, `people` people).
FieldsOf = Callable[[Mapping[str, Any]], "TemplateFields"]
_FORMAT, _JSON = "format_text", "json_output"


def title_fields(_: Mapping[str, Any] | None = None) -> "TemplateFields":
    """The fields of a title's row (`list`, `next`, `people NAME`)."""
    from release_countdown.formats.template import TITLE_FIELDS

    return TITLE_FIELDS


def person_fields(_: Mapping[str, Any] | None = None) -> "TemplateFields":
    """The fields of a person's row (`people`)."""
    from release_countdown.formats.template import PERSON_FIELDS

    return PERSON_FIELDS


def output_options(
    *,
    supported: Sequence[Named],
    default: str,
    help: str,
    templates: FieldsOf | None = None,
) -> Callable[[F], F]:
    """Add --format/-f and --json to a command, which receives ``output: OutputFormat``.

    ``help`` describes the formats; the default is added to it. ``templates`` gives the fields
    a template may name (None: the command takes no templates).
    """
    format_option = Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"{help} (default: {default}).",
            show_default=False,
        ),
    ]
    json_option = Annotated[
        bool,
        typer.Option("--json", help="Shorthand for --format json."),
    ]

    def decorate(func: F) -> F:
        signature = inspect.signature(func)
        own = [p for p in signature.parameters.values() if p.name != "output"]
        added = [
            inspect.Parameter(_FORMAT, inspect.Parameter.KEYWORD_ONLY, default=None,
                              annotation=format_option),
            inspect.Parameter(_JSON, inspect.Parameter.KEYWORD_ONLY, default=False,
                              annotation=json_option),
        ]  # fmt: skip

        @functools.wraps(func)
        def command(**kwargs: Any) -> Any:
            text, as_json = kwargs.pop(_FORMAT), kwargs.pop(_JSON)
            fields = None if templates is None else functools.partial(templates, kwargs)
            try:
                output = parse_output_format(
                    text, as_json=as_json, default=default, supported=supported, fields=fields
                )
            except FormatError as exc:
                from release_countdown.cli.output import bad

                bad(exc.option, str(exc))
            return func(**kwargs, output=output)

        parameters = own + added
        command.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        return command  # type: ignore[return-value]

    return decorate
