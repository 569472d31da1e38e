"""PNG and PDF from an SVG, without system Graphviz: drawn by resvg, text in cjmkit's bundled font.

resvg (the ``resvg-py`` wheel) draws the SVG in-process; it is given the
bundled DejaVu Sans, the font the layout measured, so the text is real glyphs
even on a machine without fonts, and the machine's fonts for characters
DejaVu Sans lacks.  The PDF is one page the size of the drawing holding that
drawing rasterised at print resolution, losslessly compressed: a self-contained
file any viewer opens, from libraries that install as wheels everywhere.
"""

from __future__ import annotations

import io
import re
import zlib

from cjmkit.rendering.fonts import FONT_FILE

#: PNG pixels per SVG pixel: 1 gives the size system Graphviz gives (96 dpi).
PNG_ZOOM = 1.0
#: The PDF's picture: 3 pixels per SVG pixel (288 dpi), sharp when printed or zoomed.
PDF_ZOOM = 3.0
#: Points per pixel: Graphviz's SVG sizes are in points, resvg counts 96 pixels to the inch.
_PT_PER_PX = 72 / 96
#: At most this many pixels in one picture (100 MB of RGBA): a huge map is drawn smaller instead
#: of exhausting memory, as system Graphviz scales down bitmaps that are too large.
MAX_PIXELS = 25_000_000
#: The largest page PDF readers accept (200 inches); a larger drawing is set on a page scaled down to it.
MAX_PAGE_PT = 14_400.0


class RasterError(Exception):
    """The SVG could not be drawn; the message says why."""


def svg_to_png(svg: str, zoom: float = PNG_ZOOM) -> bytes:
    """The SVG drawn as a PNG, ``zoom`` pixels per SVG pixel (less when that would pass ``MAX_PIXELS``)."""
    width_pt, height_pt = _size_pt(svg)
    pixels = (width_pt / _PT_PER_PX) * (height_pt / _PT_PER_PX)
    # 1 % below the cap: resvg rounds each side up to a whole pixel.
    zoom = min(zoom, 0.99 * (MAX_PIXELS / max(pixels, 1.0)) ** 0.5)
    try:
        import resvg_py
    except ImportError as err:
        raise RasterError("drawing PNG and PDF needs the resvg-py package: pip install resvg-py") from err
    try:
        png: bytes = resvg_py.svg_to_bytes(
            svg_string=_sized_in_px(svg),
            zoom=zoom,
            font_files=[str(FONT_FILE)],
            sans_serif_family="DejaVu Sans",
            background="#ffffff",
        )
    except (ValueError, RuntimeError) as err:
        raise RasterError(f"resvg could not draw the diagram: {err}") from err
    return bytes(png)


def svg_to_pdf(svg: str) -> bytes:
    """A one-page PDF of the SVG: the page is the drawing's size, the picture drawn at ``PDF_ZOOM``."""
    try:
        from PIL import Image
    except ImportError as err:
        raise RasterError("drawing PDF needs the Pillow package: pip install pillow") from err
    width_pt, height_pt = _size_pt(svg)
    with Image.open(io.BytesIO(svg_to_png(svg, PDF_ZOOM))) as picture:
        rgb = picture.convert("RGB")
    fit = min(1.0, MAX_PAGE_PT / max(width_pt, height_pt, 1.0))
    return _pdf_with_image(rgb.width, rgb.height, rgb.tobytes(), width_pt * fit, height_pt * fit)


_SIZE = re.compile(r'<svg[^>]*?\swidth="([0-9.]+)(pt|px)?"[^>]*?\sheight="([0-9.]+)(pt|px)?"')


def _size_pt(svg: str) -> tuple[float, float]:
    """The drawing's width and height in points, from the ``<svg>`` element Graphviz writes."""
    match = _SIZE.search(svg)
    if match is None:
        raise RasterError("the diagram has no width and height")
    width, wunit, height, hunit = match.groups()
    scale_w = 1.0 if wunit == "pt" else _PT_PER_PX
    scale_h = 1.0 if hunit == "pt" else _PT_PER_PX
    return float(width) * scale_w, float(height) * scale_h


def _sized_in_px(svg: str) -> str:
    """``svg`` with its root width and height in pixels: resvg-py refuses the points Graphviz writes."""
    width_pt, height_pt = _size_pt(svg)
    match = _SIZE.search(svg)
    assert match is not None  # _size_pt found it
    root = re.sub(r'\swidth="[^"]*"', f' width="{width_pt / _PT_PER_PX:.2f}"', match.group(0), count=1)
    root = re.sub(r'\sheight="[^"]*"', f' height="{height_pt / _PT_PER_PX:.2f}"', root, count=1)
    return svg[: match.start()] + root + svg[match.end() :]


def _pdf_with_image(px_w: int, px_h: int, rgb: bytes, page_w: float, page_h: float) -> bytes:
    """A minimal PDF 1.4: one page of ``page_w`` x ``page_h`` points covered by one Flate-compressed RGB image."""
    image = zlib.compress(rgb, 6)
    content = f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page_w:.2f} {page_h:.2f}] "
            f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        ).encode("ascii"),
        (
            f"<< /Type /XObject /Subtype /Image /Width {px_w} /Height {px_h} /ColorSpace /DeviceRGB "
            f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(image)} >>\nstream\n"
        ).encode("ascii")
        + image
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode("ascii") + content + b"\nendstream",
        b"<< /Producer (cjmkit) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n".encode("ascii")
    out += f"startxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)
