"""The perception and value-effort matrices in Chromium: each dot is where its ratings say."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from cjmkit.model.settings import Scoring
from cjmkit.rendering.matrix import perception_quadrant
from cjmkit.rendering.report import html_report
from render_helpers import EXAMPLES, load_journey
from test_render_browser import ARGS, CHROMIUM, browser_api

SOCIAL = EXAMPLES / "journeys" / "social-suite.cjm.yaml"

# Centre of each dot, of each tick label and of each arrow's tail, as the browser lays them out.
MEASURE = """(key) => {
  const svg = document.querySelector('#' + key + ' svg');
  const centre = (el) => { const b = el.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; };
  const all = (selector) => [...svg.querySelectorAll(selector)];
  const ticks = (cls) => Object.fromEntries(all('text.' + cls).map(t => [t.dataset.value, centre(t)]));
  return {
    points: all('circle.point').map(c => ({id: c.dataset.id, at: centre(c), r: c.getBoundingClientRect().width / 2})),
    tails: all('circle.company').map(centre),
    x: ticks('x-tick'), y: ticks('y-tick'),
    rows: document.querySelectorAll('#' + key + ' + table tbody tr').length,
  };
}"""


def _measure(html: str, keys: list[str]) -> dict[str, dict]:  # type: ignore[type-arg]
    sync_api = browser_api()
    page_file = Path(tempfile.mkdtemp(prefix="cjm-matrix-")) / "report.html"
    page_file.write_text(html, encoding="utf-8")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_file.as_uri())
        found = {key: page.evaluate(MEASURE, key) for key in keys}
        browser.close()
    assert errors == []  # the CSP lets the chart draw: nothing is blocked
    return found


def _at(ticks: dict[str, list[float]], value: float, axis: int) -> float:
    """Where ``value`` lies on an axis, from the tick labels 1 and 5 the browser drew."""
    one, five = ticks["1"][axis], ticks["5"][axis]
    return one + (value - 1) / 4 * (five - one)


@pytest.mark.browser
def test_each_touchpoint_sits_at_the_customers_ratings_with_an_arrow_from_the_companys() -> None:
    journey, catalog = load_journey(SOCIAL)
    m = _measure(html_report(journey, catalog, engine="embedded"), ["perception-matrix"])["perception-matrix"]
    rated = {
        tp.id: tp
        for *_, tp in journey.iter_touchpoints()
        if tp.importance and tp.performance and tp.importance.customer and tp.performance.customer
    }
    assert sorted(p["id"] for p in m["points"]) == sorted(rated) and len(rated) == 13
    assert m["rows"] == len(rated)
    for point in m["points"]:
        tp = rated[point["id"]]
        assert tp.importance and tp.performance
        x, y = point["at"]
        # Performance to the right, importance up: aligned with the tick labels of the ratings.
        assert x == pytest.approx(_at(m["x"], tp.performance.customer, 0), abs=1.0), tp.id
        assert y == pytest.approx(_at(m["y"], tp.importance.customer, 1), abs=1.0), tp.id
        assert point["r"] > 8
    tails = {(round(x), round(y)) for x, y in m["tails"]}
    for tp in rated.values():
        assert tp.importance and tp.performance
        company = (tp.performance.company, tp.importance.company)
        if company != (tp.performance.customer, tp.importance.customer):
            expected = (round(_at(m["x"], company[0], 0)), round(_at(m["y"], company[1], 1)))  # type: ignore[arg-type]
            assert any(abs(a - expected[0]) <= 1 and abs(b - expected[1]) <= 1 for a, b in tails), tp.id
    # Higher importance is drawn higher, better performance further right.
    assert m["y"]["5"][1] < m["y"]["1"][1] and m["x"]["5"][0] > m["x"]["1"][0]


@pytest.mark.browser
def test_each_opportunity_sits_at_its_effort_and_value() -> None:
    journey, catalog = load_journey(SOCIAL)
    html = html_report(journey, catalog, engine="embedded", scoring=Scoring(model="value-effort"))
    m = _measure(html, ["value-effort-matrix"])["value-effort-matrix"]
    scores = {o.id: o.scores for o in journey.opportunities if o.status in ("idea", "planned", "in-progress")}
    assert sorted(p["id"] for p in m["points"]) == sorted(scores)
    for point in m["points"]:
        x, y = point["at"]
        assert x == pytest.approx(_at(m["x"], scores[point["id"]]["effort"], 0), abs=1.0)
        assert y == pytest.approx(_at(m["y"], scores[point["id"]]["value"], 1), abs=1.0)


def test_the_quadrants_are_named_by_the_customers_ratings() -> None:
    assert perception_quadrant(5, 1) == "fix first"
    assert perception_quadrant(3, 2) == "fix first"
    assert perception_quadrant(3, 3) == "keep it up"
    assert perception_quadrant(2, 2) == "low priority"
    assert perception_quadrant(1, 5) == "possible overkill"


def test_without_a_value_effort_model_there_is_no_value_effort_matrix() -> None:
    journey, catalog = load_journey(SOCIAL)
    assert 'id="value-effort-matrix"' not in html_report(journey, catalog, engine="embedded")
    assert 'id="value-effort-matrix"' not in html_report(
        journey, catalog, engine="embedded", scoring=Scoring(model="ice")
    )
    assert 'id="perception-matrix"' in html_report(journey, catalog, engine="embedded")
