"""SVG snapshots (issue 16 item 14): self-contained, in full Unicode and colour whatever
stdout is, and aligned when librsvg (rsvg-convert) renders them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import AS_OF, invoke
from tests.views.png import read_png

CHAR_WIDTH = 12.2  # rich's cell width in its SVGs (20 px text, aspect ratio 0.61)


def snapshot(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.svg"
    result = invoke(*args, "--as-of", AS_OF, "--svg", str(path))  # stdout is not a terminal
    assert result.exit_code == 0, result.stderr
    return path.read_text(encoding="utf-8")


def test_svg_loads_no_font_from_the_network(tmp_path: Path) -> None:
    svg = snapshot(tmp_path, "list", "--all")
    assert "@font-face" not in svg
    assert not re.search(r"url\((?!#)", svg)  # only references to its own clip paths
    assert "cdnjs" not in svg
    assert "font-family: 'DejaVu Sans Mono', 'Liberation Mono'" in svg
    assert "monospace;" in svg


def test_snapshot_is_unicode_and_colour_when_stdout_is_a_pipe(tmp_path: Path) -> None:
    svg = snapshot(tmp_path, "timeline", "--all")
    drawn = "".join(re.findall(r">([^<>]*)</text>", svg))
    assert "●" in drawn
    assert "┬" in drawn
    assert "+" not in drawn  # the ASCII fallback's tick
    assert "|" not in drawn
    colours = set(re.findall(r"fill: (#[0-9a-f]{6})", svg))
    assert len(colours) >= 3


def test_each_character_sits_at_its_cell(tmp_path: Path) -> None:
    svg = snapshot(tmp_path, "show", "argylle")
    matrix = svg[svg.index("-matrix") :]
    texts = re.findall(
        r'<text class="[^"]*-r\d+" x="([0-9.]+)" y="([0-9.]+)"[^>]*>([^<]*)</text>', matrix
    )
    assert texts
    for x, _, text in texts:
        assert len(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")) == 1
        assert abs(float(x) / CHAR_WIDTH - round(float(x) / CHAR_WIDTH)) < 1e-6
    # The panel's right border: one column, on every line of the panel.
    borders = {x for x, _, text in texts if text == "│" and float(x) > 0}
    assert len(borders) == 1


def right_edges(svg: str, png: Path) -> dict[float, int]:
    """For each line of text, the rightmost lit pixel of its band in the rendered PNG."""
    found = re.findall(r'<g transform="translate\(([0-9.]+), ?([0-9.]+)\)" clip-path', svg)
    top = float(found[0][1])
    width, _, rows = read_png(png)
    lines = sorted({float(y) for y in re.findall(r'-r\d+" x="[^"]*" y="([0-9.]+)"', svg)})
    edges = {}
    for y in lines:
        band = rows[int(y + top - 15) : int(y + top + 4)]
        lit = [max((x for x, v in enumerate(r[: width - 8]) if v > 450), default=-1) for r in band]
        edges[y] = max(lit)
    return edges


@pytest.mark.skipif(
    shutil.which("rsvg-convert") is None, reason="needs rsvg-convert (librsvg2-bin)"
)
def test_librsvg_renders_the_days_column_aligned(tmp_path: Path) -> None:
    svg = snapshot(tmp_path, "list", "--all")
    png = tmp_path / "out.png"
    subprocess.run(["rsvg-convert", str(tmp_path / "out.svg"), "-o", str(png)], check=True)
    edges = right_edges(svg, png)
    header = edges[min(edges)]  # "Days", right-aligned over its column
    numbers = [edge for edge in edges.values() if edge > header - 40]
    assert len(numbers) >= 6  # the header and the five titles' days
    assert max(numbers) - min(numbers) <= 2, edges
