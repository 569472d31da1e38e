"""The widths cjmkit measures labels with: those of the bundled font, and those the built-in Graphviz lays out."""

from __future__ import annotations

import html
import re

import pytest

from cjmkit.rendering.dot import journey_dot
from cjmkit.rendering.engine import render_svg
from cjmkit.rendering.fonts import CSS_STACK, FAMILY, FONT_FILE, text_width
from render_helpers import load_journey


def test_the_width_table_is_the_bundled_fonts() -> None:
    """The shipped table was made from the shipped font (scripts/make_font_metrics.py)."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    font = ttlib.TTFont(FONT_FILE)
    hmtx, em = font["hmtx"], font["head"].unitsPerEm
    cmap = font.getBestCmap()
    assert len(cmap) > 5000
    for cp, glyph in cmap.items():
        assert text_width(chr(cp), em) == pytest.approx(hmtx[glyph][0]), hex(cp)


@pytest.mark.parametrize(
    "label",
    ["Searches tours on the web and compares prices", "Customer experience (Tour planning)", "WWW iii 0123 %&@"],
)
def test_the_builtin_graphviz_lays_labels_out_at_the_measured_width(label: str) -> None:
    svg = render_svg(
        f'digraph {{ node [shape=box, margin=0, fontname="{FAMILY}", fontsize=14]; a [label="{label}"] }}', "embedded"
    )
    points = re.search(r'class="node">.*?<polygon[^>]*points="([^"]+)"', svg, re.S)
    assert points is not None
    xs = [float(p.split(",")[0]) for p in points.group(1).split()]
    assert max(xs) - min(xs) == pytest.approx(text_width(label, 14), abs=0.6)


@pytest.mark.parametrize("view", ["flow", "blueprint"])
def test_every_label_declares_the_width_it_was_laid_out_at(view: str) -> None:
    """Without Chromium at hand: each text element of the SVG carries its measured width and the font stack."""
    journey, catalog = load_journey()
    svg = render_svg(journey_dot(journey, catalog, view), "embedded")
    texts = re.findall(r"<text [^>]*>[^<]*</text>", svg)
    assert len(texts) > 30
    for text in texts:
        length = re.search(r'textLength="([0-9.]+)" lengthAdjust="spacingAndGlyphs"', text)
        size = re.search(r'font-size="([0-9.]+)"', text)
        content = html.unescape(re.sub(r"<[^>]*>", "", text))
        assert length is not None and size is not None, text
        assert float(length.group(1)) == pytest.approx(text_width(content, float(size.group(1))), abs=0.01)
        assert f'font-family="{CSS_STACK}"' in text
