"""PNG and PDF from the built-in Graphviz: the right size, not blank, text drawn with real glyphs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from cjmkit.rendering import raster
from cjmkit.rendering.dot import blueprint_dot, flow_dot
from cjmkit.rendering.engine import render, render_svg
from cjmkit.rendering.fonts import FONT_FILE
from cjmkit.rendering.raster import svg_to_pdf, svg_to_png
from render_helpers import load_journey
from test_render_browser import ARGS, CHROMIUM, browser_api


def _svg_size_px(svg: str) -> tuple[int, int]:
    match = re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    assert match is not None
    return round(float(match.group(1)) * 4 / 3), round(float(match.group(2)) * 4 / 3)


def _ink(picture: Image.Image) -> int:
    """Pixels noticeably darker than the paper."""
    grey = picture.convert("L")
    return sum(grey.point(lambda v: 255 if v < 160 else 0).histogram()[255:])


@pytest.mark.parametrize("view", ["flow", "blueprint"])
def test_builtin_png_has_the_drawings_size_and_is_not_blank(view: str) -> None:
    journey, catalog = load_journey()
    dot = flow_dot(journey, catalog) if view == "flow" else blueprint_dot(journey, catalog)
    png = render(dot, "png", engine="embedded")
    assert png.startswith(b"\x89PNG")
    picture = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = _svg_size_px(render_svg(dot, "embedded"))
    assert abs(picture.width - width) <= 1 and abs(picture.height - height) <= 1
    assert picture.width > 1000 and picture.height > 150
    colours = picture.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50, "a flat picture"
    assert picture.getpixel((0, 0)) == (255, 255, 255), "the paper is not white"
    assert _ink(picture) > picture.width * picture.height * 0.01, "almost nothing drawn"


def test_png_text_is_drawn_with_the_glyphs_of_the_bundled_font() -> None:
    """'Research' in the PNG has the ink of the same word set in DejaVu Sans by FreeType (boxes would not)."""
    word, size = "Research moments", 40
    svg = (
        '<svg width="400pt" height="60pt" viewBox="0 0 400 60" xmlns="http://www.w3.org/2000/svg">'
        '<polygon fill="white" points="0,0 400,0 400,60 0,60"/>'
        f'<text x="10" y="45" font-family="DejaVu Sans" font-size="{size}.00">{word}</text></svg>'
    )
    drawn = Image.open(io.BytesIO(svg_to_png(svg, zoom=0.75))).convert("L")
    expected = Image.new("L", drawn.size, 255)
    ImageDraw.Draw(expected).text((10, 45), word, font=ImageFont.truetype(str(FONT_FILE), size), fill=0, anchor="ls")
    ink_drawn, ink_expected = _ink(drawn), _ink(expected)
    assert ink_expected > 1000
    assert abs(ink_drawn - ink_expected) < 0.15 * ink_expected, (ink_drawn, ink_expected)
    box_drawn, box_expected = ImageChops.invert(drawn).getbbox(), ImageChops.invert(expected).getbbox()
    assert box_drawn is not None and box_expected is not None
    assert all(abs(a - b) <= 3 for a, b in zip(box_drawn, box_expected, strict=True)), (box_drawn, box_expected)


def test_builtin_pdf_is_one_page_of_the_drawings_size_holding_the_drawing() -> None:
    journey, catalog = load_journey()
    dot = flow_dot(journey, catalog)
    pdf = render(dot, "pdf", engine="embedded")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    # The cross-reference table points at each object, as readers need.
    xref_at = int(re.search(rb"startxref\n(\d+)", pdf).group(1))  # type: ignore[union-attr]
    assert pdf[xref_at:].startswith(b"xref")
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode()), number
    svg = render_svg(dot, "embedded")
    width_pt, height_pt = (v * 3 / 4 for v in _svg_size_px(svg))
    box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    assert box is not None
    assert abs(float(box.group(1)) - width_pt) < 1 and abs(float(box.group(2)) - height_pt) < 1
    image = re.search(rb"/Width (\d+) /Height (\d+) .*?/Length (\d+) >>\nstream\n", pdf, re.S)
    assert image is not None
    px_w, px_h, length = (int(g) for g in image.groups())
    assert px_w >= 3 * width_pt * 4 / 3 - 3 and px_h >= 3 * height_pt * 4 / 3 - 3, "not print resolution"
    pixels = zlib.decompress(pdf[image.end() : image.end() + length])
    picture = Image.frombytes("RGB", (px_w, px_h), pixels)
    assert _ink(picture) > px_w * px_h * 0.01


def _chromium_picture(svg: str, size: tuple[int, int]) -> Image.Image:
    sync_api = browser_api()
    folder = Path(tempfile.mkdtemp(prefix="cjm-raster-"))
    try:
        page_file = folder / "map.svg"
        page_file.write_text(svg, encoding="utf-8")
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(page_file.as_uri())
            shot = page.screenshot(clip={"x": 0, "y": 0, "width": size[0], "height": size[1]})
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return Image.open(io.BytesIO(shot)).convert("L")


@pytest.mark.browser
def test_builtin_png_looks_like_the_svg_in_chromium() -> None:
    """Without system Graphviz to compare with, the reference is Chromium drawing the same SVG."""
    journey, catalog = load_journey()
    svg = render_svg(flow_dot(journey, catalog), "embedded")
    png = Image.open(io.BytesIO(svg_to_png(svg))).convert("L")
    reference = _chromium_picture(svg, png.size)
    textless = Image.open(io.BytesIO(svg_to_png(re.sub(r"<text [^>]*>[^<]*</text>", "", svg)))).convert("L")
    same = ImageStat.Stat(ImageChops.difference(png, reference)).mean[0]
    without_text = ImageStat.Stat(ImageChops.difference(textless, reference)).mean[0]
    print(f"mean difference from Chromium: {same:.2f} (without the text: {without_text:.2f})")
    assert same < without_text / 3, (same, without_text)


@pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) is not installed")
def test_builtin_png_is_about_the_size_system_graphviz_gives() -> None:
    journey, catalog = load_journey()
    dot = flow_dot(journey, catalog)
    ours = Image.open(io.BytesIO(render(dot, "png", engine="embedded")))
    theirs_png = subprocess.run(["dot", "-Tpng"], input=dot.encode(), capture_output=True, check=True).stdout
    theirs = Image.open(io.BytesIO(theirs_png))
    assert abs(ours.width - theirs.width) < 0.15 * theirs.width
    assert abs(ours.height - theirs.height) < 0.15 * theirs.height


def test_a_huge_drawing_is_drawn_smaller_instead_of_exhausting_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2,000-touchpoint map is metres wide: the picture is capped, the PDF page kept to what readers open."""
    monkeypatch.setattr(raster, "MAX_PIXELS", 2_000_000)  # the real cap works alike, only slower to test
    huge = (
        '<svg width="30000pt" height="20000pt" viewBox="0 0 30000 20000" xmlns="http://www.w3.org/2000/svg">'
        '<polygon fill="white" points="0,0 30000,0 30000,20000 0,20000"/>'
        '<polygon fill="#b2182b" points="0,0 15000,0 15000,10000 0,10000"/></svg>'
    )
    picture = Image.open(io.BytesIO(svg_to_png(huge)))
    assert 1_900_000 < picture.width * picture.height <= raster.MAX_PIXELS
    assert picture.width == pytest.approx(picture.height * 1.5, rel=0.01)
    assert picture.convert("RGB").getpixel((10, 10)) == (178, 24, 43)
    pdf = svg_to_pdf(huge)
    box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    assert box is not None
    assert float(box.group(1)) == pytest.approx(14_400) and float(box.group(2)) == pytest.approx(9_600)
