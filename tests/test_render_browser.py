"""The HTML report as a person sees it: opened in a real headless Chromium."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from cjmkit.rendering.report import html_report
from render_helpers import load_journey

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_api():  # type: ignore[no-untyped-def]
    """Playwright's sync API; Chromium and Playwright are required under CI, skipped elsewhere if missing."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI (Debian package 'chromium')")
        pytest.skip("chromium not installed")
    if os.environ.get("CI") != "true":
        return pytest.importorskip("playwright.sync_api")
    from playwright import sync_api

    return sync_api


@pytest.mark.browser
def test_report_in_chromium_shows_stages_and_curve_without_errors_or_requests() -> None:
    sync_api = browser_api()
    journey, catalog = load_journey()
    out = Path(tempfile.mkdtemp(prefix="cjm-report-"))
    report = out / "report.html"
    report.write_text(html_report(journey, catalog, engine="embedded"), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
        page.goto(report.as_uri())
        for stage in journey.stages:
            assert page.locator("thead th.stage", has_text=stage.name).first.is_visible(), stage.name
        curve = page.locator("svg.curve")
        assert curve.is_visible()
        box = curve.bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 100
        assert page.locator("svg.curve polyline.observed").count() >= 1
        assert page.locator("figure.diagram svg").is_visible()
        page.screenshot(path=str(out / "report.png"), full_page=True)
        browser.close()
    assert errors == []
    assert requests == []
    assert (out / "report.png").stat().st_size > 10_000
    print(f"screenshot: {out / 'report.png'}")


@pytest.mark.browser
def test_canvas_fits_a_laptop_screen_and_the_curve_lines_up_with_its_columns() -> None:
    """An executive on a 1440-px screen sees every stage of an 8-touchpoint map without scrolling sideways."""
    sync_api = browser_api()
    journey, catalog = load_journey()
    touchpoints = sum(1 for _ in journey.iter_touchpoints())
    assert touchpoints == 8
    out = Path(tempfile.mkdtemp(prefix="cjm-canvas-"))
    report = out / "report.html"
    report.write_text(html_report(journey, catalog, engine="embedded"), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for width in (1440, 1920):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report.as_uri())
            wrap = page.locator(".canvas-wrap")
            overflow = wrap.evaluate("e => e.scrollWidth - e.clientWidth")
            assert overflow <= 0, f"the canvas scrolls sideways by {overflow} px at {width} px"
            cells = page.locator("table.canvas tbody tr:nth-child(2) td").all()
            circles = page.locator("svg.curve circle").all()
            assert len(cells) == len(circles) == touchpoints
            for cell, circle in zip(cells, circles, strict=True):
                c, d = cell.bounding_box(), circle.bounding_box()
                assert c is not None and d is not None
                centre = d["x"] + d["width"] / 2
                assert c["x"] < centre < c["x"] + c["width"], "the curve's point is not under its touchpoint"
            page.close()
        browser.close()
