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


@pytest.mark.browser
def test_report_in_chromium_shows_stages_and_curve_without_errors_or_requests() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI (Debian package 'chromium')")
        pytest.skip("chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api") if os.environ.get("CI") != "true" else None
    if sync_api is None:
        from playwright import sync_api
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
