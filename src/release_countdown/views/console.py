"""Rich on stdout: the console, styled lines as Rich text, and SVG/HTML snapshots of what is
drawn. Imported only when a picture is drawn (never on the JSON, CSV or piped-table paths)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from release_countdown.views.safe import terminal_safe

Line = Sequence[tuple[str, str]]  # segments of (text, Rich style or "")


def make_console(file: IO[str]) -> Console:
    """A console for stdout: $COLUMNS or the terminal's width (80 when piped), no escape
    codes when piped or when NO_COLOR is set."""
    no_color = "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != ""
    return Console(
        file=file,
        highlight=False,
        emoji=False,
        markup=False,
        color_system=None if no_color else "auto",
    )


def safe(text: str) -> Text:
    """Registry text as Rich text: never markup, and unable to drive the terminal."""
    return Text(terminal_safe(text))


def lines_text(lines: Sequence[Line]) -> Text:
    """Styled lines (laid out by listing.py or timeline.py, which made registry text safe)
    as one Rich Text."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, line in enumerate(lines):
        if number:
            text.append("\n")
        for part, style in line:
            # Runs of spaces as spans of their own: SVG collapses spaces inside a text span,
            # which would shift everything after them in a snapshot.
            for run in re.findall(r" +|[^ ]+", part):
                text.append(run, style=style or None)
    return text


def emit(
    renderable: Any,
    *,
    file: IO[str],
    svg: Path | None = None,
    html: Path | None = None,
    title: str = "release-countdown",
    snapshot: Any = None,
) -> None:
    """Print ``renderable``; with ``svg``/``html`` paths, also save what was drawn (or
    ``snapshot``, the same picture in full Unicode where the screen gets ASCII) in colour, as
    on a terminal, whatever stdout is, as an SVG or HTML file. Rich escapes text for both."""
    console = make_console(file)
    print_plain_or_styled(console, renderable, file)
    if svg is None and html is None:
        return
    save_snapshot(
        renderable if snapshot is None else snapshot,
        width=console.width, svg=svg, html=html, title=title,
    )  # fmt: skip


def print_plain_or_styled(console: Console, renderable: Any, file: IO[str]) -> None:
    """Print ``renderable`` on ``console``; in a pipe or a file, as plain lines that never end
    in a blank (Rich pads every cell and line to the width)."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def save_snapshot(
    renderable: Any, *, width: int, svg: Path | None, html: Path | None, title: str
) -> None:
    """Save ``renderable`` as drawn in colour at ``width``, as an SVG and/or HTML file."""
    import io

    from release_countdown.writing.atomic import write_file_atomically

    recorder = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        markup=False,
    )
    recorder.print(renderable)
    if svg is not None:
        write_file_atomically(svg, svg_of(recorder, title).encode("utf-8"))
    if html is not None:
        write_file_atomically(html, recorder.export_html(clear=False).encode("utf-8"))


# A monospace font the machine has (no web font: the picture must load offline, and librsvg
# never fetches one).
SVG_FONTS = (
    "'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono', Menlo, Consolas, "
    "'Courier New', monospace"
)
_TEXT = re.compile(
    r'<text (?P<head>class="[^"]*") x="(?P<x>[0-9.]+)" (?P<y>y="[0-9.]+") '
    r'textLength="(?P<length>[0-9.]+)" (?P<tail>[^>]*)>(?P<text>[^<]*)</text>'
)


def _svg_format() -> str:
    from rich._export_format import CONSOLE_SVG_FORMAT

    local = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)
    local = local.replace("font-family: Fira Code, monospace;", f"font-family: {SVG_FONTS};")
    return local.replace("font-family: arial;", "font-family: sans-serif;")


def _placed(match: re.Match[str]) -> str:
    """A run of text as one ``<text>`` a character, each at its own cell: aligned in any
    monospace font and in renderers that do not stretch a run to its ``textLength``
    (librsvg, which also reads only the first of several x positions)."""
    import html

    from rich.cells import cell_len

    text = html.unescape(match["text"])
    cells = cell_len(text)
    if not cells:
        return match[0]
    step = float(match["length"]) / cells
    left, placed = float(match["x"]), []
    for char in text:
        if char not in " \xa0":
            placed.append(
                f'<text {match["head"]} x="{round(left, 2):g}" {match["y"]} {match["tail"]}>'
                f"{html.escape(char, quote=False)}</text>"
            )
        left += step * cell_len(char)
    return "".join(placed)


def svg_of(recorder: Console, title: str) -> str:
    """The recorded drawing as a self-contained SVG: a local monospace font, each character
    placed at its cell."""
    drawn = recorder.export_svg(title=title, clear=False, code_format=_svg_format())
    return _TEXT.sub(_placed, drawn)
