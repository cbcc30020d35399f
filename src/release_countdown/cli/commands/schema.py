"""`countdown schema`: the JSON Schemas of the JSON rows and of the registry format."""

from typing import Annotated

import typer

from release_countdown.cli.app import command_app

app = command_app()


@app.command("schema")
def schema_command(
    *,
    registry_format: Annotated[
        bool,
        typer.Option(
            "--registry-format", help="Print the JSON Schema of the TOML registry format instead."
        ),
    ] = False,
) -> None:
    """Print the JSON Schema of the JSON output (rows of `list --json`).

    \b
    Examples:
      countdown schema > rows.schema.json
      countdown schema --registry-format > registry.schema.json   # for taplo / Even Better TOML
    """
    import sys
    from importlib import resources

    name = "registry.schema.json" if registry_format else "rows.schema.json"
    text = resources.files("release_countdown").joinpath(f"schemas/{name}").read_text("utf-8")
    sys.stdout.write(text)
