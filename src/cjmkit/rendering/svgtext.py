"""Make every label of a Graphviz SVG take exactly the width the layout gave it, in any viewer.

Graphviz writes ``<text font-family="DejaVu Sans" font-size="11.00">label</text>``
and sizes the box around the label for DejaVu Sans.  A viewer without that font
draws a fallback that may be wider, and the text then runs out of its box.
Declaring ``textLength`` (with ``lengthAdjust="spacingAndGlyphs"``) makes
browsers and resvg fit the text to the measured width whatever font they draw
it in; with DejaVu Sans itself the adjustment is nil.
"""

from __future__ import annotations

import html
import re

from cjmkit.rendering.fonts import CSS_STACK, FAMILY, text_width

# Graphviz may write weight or style between the family and the size (the system one does for some fonts).
_TEXT = re.compile(
    r'<text ([^>]*?)font-family="' + re.escape(FAMILY) + r'"([^>]*?) font-size="([0-9.]+)"([^>]*)>([^<]*)</text>'
)


def _fit(match: re.Match[str]) -> str:
    before, between, size, after, content = match.groups()
    width = text_width(html.unescape(content), float(size))
    if width <= 0:
        return match.group(0)
    return (
        f'<text {before}font-family="{CSS_STACK}"{between} font-size="{size}"{after} '
        f'textLength="{width:.2f}" lengthAdjust="spacingAndGlyphs">{content}</text>'
    )


def fit_text(svg: str) -> str:
    """``svg`` with each DejaVu Sans label declared at its measured width and a font stack for other machines."""
    return _TEXT.sub(_fit, svg)
