"""Every label inside its box, and the drawing inside its frame, as headless Chromium draws it.

On a machine with only DejaVu fonts, for every example map: the flow and the
blueprint SVG, the report and the ``diff --format html`` page, with the
built-in Graphviz and (when installed) the system one.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cjmkit.rendering.dot import journey_dot
from cjmkit.rendering.engine import render_svg, system_dot
from cjmkit.rendering.report import html_report
from conftest import run_cli
from render_helpers import EXAMPLES, load_journey
from test_render_browser import ARGS, CHROMIUM, browser_api

MAPS = sorted((EXAMPLES / "journeys").glob("*.cjm.yaml"))
ENGINES = [
    "embedded",
    pytest.param(
        "system", marks=pytest.mark.skipif(system_dot() is None, reason="system Graphviz (dot) is not installed")
    ),
]

#: For each Graphviz drawing in the page: every node's and cluster's text inside its shape, and every
#: shape and text inside the rectangle the viewBox maps to.  Screen pixels, one of slack.
MEASURE = """
() => {
  const slack = 1, problems = [];
  const outside = (r, f) =>
    r.left < f.left - slack || r.right > f.right + slack || r.top < f.top - slack || r.bottom > f.bottom + slack;
  const name = (g) => (g.querySelector('title') || {}).textContent || g.id;
  const drawings = [...document.querySelectorAll('svg')].filter((s) => s.querySelector(':scope > g.graph'));
  for (const svg of drawings) {
    const vb = svg.viewBox.baseVal, ctm = svg.getScreenCTM();
    const a = new DOMPoint(vb.x, vb.y).matrixTransform(ctm);
    const b = new DOMPoint(vb.x + vb.width, vb.y + vb.height).matrixTransform(ctm);
    const frame = {left: a.x, top: a.y, right: b.x, bottom: b.y};
    for (const el of svg.querySelectorAll('g.graph text, g.graph polygon, g.graph path, g.graph ellipse')) {
      const r = el.getBoundingClientRect();
      if (r.width && outside(r, frame)) {
        problems.push(`outside the drawing: ${el.tagName} ${el.textContent || ''}`.trim());
      }
    }
    for (const g of svg.querySelectorAll('g.node, g.cluster')) {
      const shape = g.querySelector('polygon, path, ellipse');
      if (!shape) continue;
      const box = shape.getBoundingClientRect();
      for (const t of g.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (outside(r, box)) {
          const by = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
          problems.push(`${g.classList[0]} ${name(g)}: '${t.textContent}' sticks out by ${by.toFixed(1)} px`);
        }
      }
    }
  }
  return {drawings: drawings.length, problems};
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = browser_api()
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def out_dir() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="cjm-layout-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def measure(browser: Any, page_file: Path) -> list[str]:
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    try:
        page.goto(page_file.as_uri())
        result: dict[str, Any] = page.evaluate(MEASURE)
    finally:
        page.close()
    assert result["drawings"] >= 1, f"no Graphviz drawing in {page_file.name}"
    problems: list[str] = result["problems"]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("view", ["flow", "blueprint"])
@pytest.mark.parametrize("path", MAPS, ids=[p.name.removesuffix(".cjm.yaml") for p in MAPS])
def test_every_label_of_the_svg_fits_its_box(browser: Any, out_dir: Path, path: Path, view: str, engine: str) -> None:
    journey, catalog = load_journey(path)
    svg_file = out_dir / f"{path.stem}-{view}-{engine}.svg"
    svg_file.write_text(render_svg(journey_dot(journey, catalog, view), engine), encoding="utf-8")
    assert measure(browser, svg_file) == []


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", MAPS, ids=[p.name.removesuffix(".cjm.yaml") for p in MAPS])
def test_every_label_of_the_report_diagram_fits_its_box(browser: Any, out_dir: Path, path: Path, engine: str) -> None:
    journey, catalog = load_journey(path)
    report = out_dir / f"{path.stem}-report-{engine}.html"
    report.write_text(html_report(journey, catalog, engine=engine), encoding="utf-8")
    assert measure(browser, report) == []


def _changed(text: str) -> str:
    """The map with its first touchpoint renamed at length, so the diff marks it and its label grows."""
    match = re.search(r"touchpoints:\s*\n(\s*)- id: \S+\n\s*name: ([^\n]+)", text)
    assert match is not None
    start, end = match.span(2)
    return text[:start] + match.group(2) + " and compares what other travellers wrote" + text[end:]


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", MAPS, ids=[p.name.removesuffix(".cjm.yaml") for p in MAPS])
def test_every_label_of_the_diff_page_fits_its_box(
    browser: Any, out_dir: Path, tmp_path: Path, path: Path, engine: str
) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(EXAMPLES, workspace)
    changed = workspace / "journeys" / f"changed-{path.name}"
    changed.write_text(_changed(path.read_text(encoding="utf-8")), encoding="utf-8")
    page = out_dir / f"{path.stem}-diff-{engine}.html"
    old = f"journeys/{path.name}"
    result = run_cli("diff", old, str(changed), "-f", "html", "--engine", engine, "-o", str(page), cwd=workspace)
    assert result.exit_code == 0, result.stderr
    assert "[CHANGED]" in page.read_text(encoding="utf-8")
    assert measure(browser, page) == []


@pytest.mark.browser
@pytest.mark.parametrize("family", ["DejaVu Sans Mono", "DejaVu Serif"])
def test_labels_fit_when_the_viewer_draws_another_font(browser: Any, out_dir: Path, family: str) -> None:
    """A machine without DejaVu Sans falls back to a font of other widths: the labels still fit."""
    journey, catalog = load_journey(max(MAPS, key=lambda p: p.stat().st_size))
    svg = render_svg(journey_dot(journey, catalog, "flow"), "embedded")
    other = svg.replace("<g id=", f"<style>text {{ font-family: '{family}' !important; }}</style><g id=", 1)
    svg_file = out_dir / f"other-font-{family.replace(' ', '-')}.svg"
    svg_file.write_text(other, encoding="utf-8")
    assert measure(browser, svg_file) == []
