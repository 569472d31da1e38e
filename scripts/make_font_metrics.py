"""Write the advance widths of cjmkit's bundled font as the table the renderer measures text with.

Run after changing ``src/cjmkit/fonts/DejaVuSans.ttf``::

    .venv/bin/python scripts/make_font_metrics.py

Needs fontTools (installed with cjmkit's test extras).  The table lists, for
every character the font has, its advance width in font units, as runs of
consecutive characters of equal width (a few kilobytes instead of the whole
font).
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parents[1] / "src" / "cjmkit" / "fonts"
FONT = FONTS / "DejaVuSans.ttf"
TABLE = FONTS / "dejavu-sans-widths.json"


def runs(widths: dict[int, int]) -> list[list[int]]:
    """``[first, last, width]`` for each run of consecutive code points of one width."""
    out: list[list[int]] = []
    for cp in sorted(widths):
        if out and out[-1][1] == cp - 1 and out[-1][2] == widths[cp]:
            out[-1][1] = cp
        else:
            out.append([cp, cp, widths[cp]])
    return out


def main() -> None:
    font = TTFont(FONT)
    hmtx = font["hmtx"]
    widths = {cp: hmtx[glyph][0] for cp, glyph in font.getBestCmap().items()}
    table = {
        "family": font["name"].getDebugName(1),
        "units_per_em": font["head"].unitsPerEm,
        "runs": runs(widths),
    }
    TABLE.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TABLE.name}: {len(widths)} characters in {len(table['runs'])} runs")


if __name__ == "__main__":
    main()
