"""The one font diagrams are laid out and drawn in, and the width of text in it.

Diagrams name DejaVu Sans: Graphviz (the built-in one through its table of
font widths, the system one through the installed font) lays labels out with
its widths, cjmkit ships the font for PNG and PDF, and every SVG text element
declares the width the layout gave it, so a viewer that draws a wider or
narrower fallback font still keeps each label inside its box.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parents[1] / "fonts"
FONT_FILE = FONTS_DIR / "DejaVuSans.ttf"
#: What DOT asks for (the built-in Graphviz has DejaVu Sans's widths under exactly this name).
FAMILY = "DejaVu Sans"
#: What the SVG asks a viewer for: DejaVu Sans (Linux), else Verdana, drawn from the same design
#: brief and nearly as wide (macOS, Windows); the declared text lengths absorb what remains.
CSS_STACK = "DejaVu Sans,Verdana,Geneva,sans-serif"


@functools.cache
def _advances() -> tuple[dict[int, int], int]:
    """Advance width of each character of the font, in font units, and the font's units per em."""
    table = json.loads((FONTS_DIR / "dejavu-sans-widths.json").read_text(encoding="utf-8"))
    widths: dict[int, int] = {}
    for first, last, width in table["runs"]:
        for cp in range(first, last + 1):
            widths[cp] = width
    return widths, int(table["units_per_em"])


def _missing_width(char: str, em: int) -> int:
    """A character the font lacks is drawn from a fallback font: guess its width from its kind."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return em
    return em * 6 // 10


def text_width(text: str, size: float) -> float:
    """The width of one line of ``text`` at ``size`` points (the sum of the characters' advances)."""
    widths, em = _advances()
    units = 0
    for char in text:
        width = widths.get(ord(char))
        units += _missing_width(char, em) if width is None else width
    return units * size / em
