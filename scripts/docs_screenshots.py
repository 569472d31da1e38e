"""Take the screenshots of the flow and blueprint views in docs/img, drawn by the built-in Graphviz.

    .venv/bin/python scripts/docs_screenshots.py [--chromium /usr/bin/chromium]

Draws the largest example map in both views as SVG and photographs each in
headless Chromium (Playwright), at the size a browser shows it.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from cjmkit.rendering.dot import journey_dot
from cjmkit.rendering.engine import render_svg
from cjmkit.validation import open_workspace_for, validate_file

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "journeys"
IMG = REPO / "docs" / "img"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    largest = max(EXAMPLES.glob("*.cjm.yaml"), key=lambda p: p.stat().st_size)
    workspace = open_workspace_for([largest])
    result = validate_file(largest, workspace)
    assert result.journey is not None and result.valid, result.diagnostics
    catalog = workspace.catalog.merged_with(result.journey.catalog)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--headless", "--no-sandbox"])
        for view in ("flow", "blueprint"):
            svg_file = Path(tmp) / f"{view}.svg"
            svg_file.write_text(render_svg(journey_dot(result.journey, catalog, view), "embedded"), encoding="utf-8")
            page = browser.new_page(viewport={"width": 800, "height": 600}, device_scale_factor=1)
            page.goto(svg_file.as_uri())
            box = page.locator("svg").bounding_box()
            assert box is not None
            page.set_viewport_size({"width": int(box["width"]) + 1, "height": int(box["height"]) + 1})
            out = IMG / f"{largest.name.removesuffix('.cjm.yaml')}-{view}.png"
            page.screenshot(path=str(out), timeout=120_000)
            print(f"{out.relative_to(REPO)}: {int(box['width'])} x {int(box['height'])} CSS pixels")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
