"""In a real browser: a report full of attacks runs none of them, and the policy would block them anyway."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cjmkit.rendering.report import html_report
from tests.fuzz.checks import valid_journey
from tests.hardening_helpers import hostile_yaml

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

ATTACK = (
    "<script>window.__pwned = 'script'</script>"
    "<img src=x onerror=\"window.__pwned = 'img'\">"
    "<svg onload=\"window.__pwned = 'svg'\"></svg>"
    "<a href=\"javascript:void(window.__pwned='link')\">click</a>"
)


def _sync_api() -> Any:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI (Debian package 'chromium')")
        pytest.skip("chromium not installed")
    return pytest.importorskip("playwright.sync_api")


def _open(sync_api: Any, page_file: Path) -> tuple[Any, list[str], list[str]]:
    """Open the page, click every link, and return what ran and what was blocked."""
    dialogs: list[str] = []
    blocked: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(page_file.as_uri())
        page.wait_for_timeout(200)
        for link in page.locator("a[href^='javascript']").all():
            link.click()
        pwned = page.evaluate("window.__pwned || null")
        browser.close()
    return pwned, dialogs, blocked


@pytest.mark.browser
def test_the_harness_notices_a_script_that_runs(tmp_path: Path) -> None:
    """Without escaping or a policy the same text would run: the check below can fail."""
    sync_api = _sync_api()
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><body>{ATTACK}</body></html>", encoding="utf-8")
    pwned, _, _ = _open(sync_api, page)
    assert pwned is not None


@pytest.mark.browser
def test_hostile_report_runs_no_script_in_chromium(tmp_path: Path) -> None:
    sync_api = _sync_api()
    _, journey = valid_journey(hostile_yaml(ATTACK))
    page = tmp_path / "report.html"
    page.write_text(html_report(journey, journey.catalog), encoding="utf-8")
    pwned, dialogs, _ = _open(sync_api, page)
    assert pwned is None and dialogs == []


@pytest.mark.browser
def test_the_report_policy_blocks_script_even_if_a_template_lets_it_through(tmp_path: Path) -> None:
    """A custom template that outputs text unescaped still cannot run it: the policy stops inline script."""
    sync_api = _sync_api()
    _, journey = valid_journey(hostile_yaml("Plain title"))
    html = html_report(journey, journey.catalog)
    page = tmp_path / "report.html"
    page.write_text(html.replace("<body>", f"<body>{ATTACK}", 1), encoding="utf-8")
    pwned, dialogs, blocked = _open(sync_api, page)
    assert pwned is None and dialogs == []
    assert blocked, "the browser did not report blocking the inline script"
