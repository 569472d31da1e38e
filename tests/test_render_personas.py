"""The report draws one emotion curve per persona: distinct readable colours, a legend, a switch without script."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit import facts
from cjmkit.rendering.palette import PERSONA_COLOURS
from cjmkit.rendering.report import html_report
from render_helpers import EXAMPLES, load_journey
from test_render_browser import ARGS, CHROMIUM, browser_api
from tests.conftest import Result

Cjm = Callable[..., Result]

SAAS = EXAMPLES / "journeys" / "social-suite.cjm.yaml"


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_persona_colours_are_distinct_and_readable_on_the_curve_and_the_switch() -> None:
    assert len(set(PERSONA_COLOURS)) == len(PERSONA_COLOURS) >= 5
    for colour in PERSONA_COLOURS:
        assert _contrast(colour, "#ffffff") >= 4.5, colour  # the curve's background
        assert _contrast(colour, "#eaeef2") >= 3.0, colour  # a selected persona's label
    assert "#0d2b45" not in PERSONA_COLOURS and "#1a7f37" not in PERSONA_COLOURS  # overall and desired


def test_the_saas_report_has_a_curve_legend_and_switch_per_persona_and_no_script() -> None:
    journey, catalog = load_journey(SAAS)
    html = html_report(journey, catalog, engine="embedded")
    personas = facts.experience_personas(journey)
    assert len(personas) == 4
    assert len(re.findall(r'<polyline class="persona"', html)) == 4
    assert 'class="curve with-personas"' in html  # the overall curve is drawn dashed
    for persona in personas:
        name = catalog.personas[[p.id for p in catalog.personas].index(persona)].name
        assert f'data-persona="{persona}"' in html
        assert html.count(f"{name}</label>") == 1  # the switch
        assert f"{name} " in html.split('class="legend"')[1]  # the legend
    assert "<script" not in html.lower()
    # A persona's own words are in its cell, named.
    assert "“The client asked for it today, not tomorrow morning.”" in html
    # The touchpoint whose emotion is the personas' mean says so.
    assert "(mean of the personas)" in html


def test_a_map_without_experiences_has_no_persona_curves_or_switch() -> None:
    journey, catalog = load_journey()
    html = html_report(journey, catalog, engine="embedded")
    assert 'class="persona"' not in html
    assert "persona-switch" not in html.split("</style>", 1)[1]
    assert "observed (solid) and desired (dashed)" in html


@pytest.mark.browser
def test_each_persona_s_curve_is_one_path_with_its_points_under_their_touchpoints() -> None:
    sync_api = browser_api()
    journey, catalog = load_journey(SAAS)
    columns = [tp.id for _, _, _, tp in journey.iter_touchpoints()]  # every SaaS stage has touchpoints
    out = Path(tempfile.mkdtemp(prefix="cjm-personas-"))
    report = out / "report.html"
    report.write_text(html_report(journey, catalog, engine="embedded"), encoding="utf-8")
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 2400, "height": 1200})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(report.as_uri())
        cells = page.locator("table.canvas tbody tr:nth-child(2) td").all()
        assert len(cells) == len(columns)
        marks = page.locator("svg.curve g.persona-mark").all()
        assert sorted(m.get_attribute("data-persona") or "" for m in marks) == sorted(
            facts.experience_personas(journey)
        )
        for mark in marks:
            assert mark.locator("polyline.persona").count() == 1
            points = mark.locator("circle.persona-point").all()
            persona = mark.get_attribute("data-persona")
            expected = [
                tp.id
                for _, _, _, tp in journey.iter_touchpoints()
                if (e := facts.experience_of(tp, persona or "")) and e.emotion is not None
            ]
            assert [c.get_attribute("data-touchpoint") for c in points] == expected
            for circle in points:
                cell = cells[columns.index(circle.get_attribute("data-touchpoint") or "")]
                c, d = cell.bounding_box(), circle.bounding_box()
                assert c is not None and d is not None
                centre = d["x"] + d["width"] / 2
                assert c["x"] < centre < c["x"] + c["width"], f"{persona}'s point is not under its touchpoint"
        # The switch, without script: picking a persona hides the other personas' words and dims their curves.
        page.locator("label[for=show-p1]").click()
        shown = [e for e in page.locator("table.canvas .exp").all() if e.is_visible()]
        assert shown and all("p1" in (e.get_attribute("class") or "").split() for e in shown)
        dimmed = page.locator("g.persona-mark.p0").evaluate("e => getComputedStyle(e).opacity")
        assert float(dimmed) < 0.5
        assert page.locator("g.persona-mark.p1").evaluate("e => getComputedStyle(e).opacity") == "1"
        # Printed, every persona shows.
        page.emulate_media(media="print")
        assert page.locator("g.persona-mark.p0").evaluate("e => getComputedStyle(e).opacity") == "1"
        browser.close()
    assert errors == []


def test_markdown_lists_each_persona_s_emotion_and_mermaid_scores_the_mean() -> None:
    from cjmkit.rendering.markdown import journey_markdown
    from cjmkit.rendering.mermaid import journey_mermaid

    journey, catalog = load_journey(SAAS)
    md = journey_markdown(journey, catalog)
    table = md.split("Emotion per persona (wanted):")[1].split("```")[0]
    header = table.strip().splitlines()[0]
    assert header == (
        "| Touchpoint | Sofia, social media manager | Diego, agency director | Elena, head of social at an enterprise "
        "| Ben, small business owner |"
    )
    assert "| Sends the weekly performance report to the boss or client | +1 (+2) | −2 (+1) |  |  |" in table
    # "Publishes and approves posts" has no emotion of its own: its four personas' mean, +1, scores 4.
    assert "Publishes and approves posts every day | Mobile or web app | +1 (mean) (+2) |" in md
    assert "      Publishes and approves posts every day: 4:" in journey_mermaid(journey, catalog)


def test_render_persona_draws_the_flow_as_that_persona_lives_it(cjm: Cjm) -> None:
    res = cjm("render", "journeys/social-suite.cjm.yaml", "-f", "dot", "--persona", "agency-director", cwd=EXAMPLES)
    assert res.exit_code == 0, res.stderr
    assert "as Diego, agency director lives it" in res.stdout
    report_node = next(line for line in res.stdout.splitlines() if '"tp:analytics-report"' in line and "label=" in line)
    assert "feels −2 · wants +1" in report_node
    # Renewal notice: the social manager has no experience there, the others do: no emotion for her.
    res = cjm("render", "journeys/social-suite.cjm.yaml", "-f", "dot", "--persona", "social-manager", cwd=EXAMPLES)
    renewal = next(line for line in res.stdout.splitlines() if '"tp:renewal-notice"' in line and "label=" in line)
    assert "feels" not in renewal


def test_render_persona_refuses_an_unknown_persona_and_the_report(cjm: Cjm) -> None:
    res = cjm("render", "journeys/social-suite.cjm.yaml", "-f", "dot", "--persona", "agency-directr", cwd=EXAMPLES)
    assert res.exit_code == 2
    assert "did you mean 'agency-director'?" in res.stderr
    assert "Traceback" not in res.stderr
    res = cjm("render", "journeys/social-suite.cjm.yaml", "-f", "html", "--persona", "agency-director", cwd=EXAMPLES)
    assert res.exit_code == 2
    assert "the report, Mermaid and Markdown show every persona" in res.stderr


def test_stats_average_emotion_and_gap_per_persona_across_the_workspace(cjm: Cjm) -> None:
    import json

    res = cjm("stats", "--format", "json", cwd=EXAMPLES)
    assert res.exit_code == 0, res.stderr
    personas = json.loads(res.stdout)["personas"]
    # The agency director: -1, +1, 0, +1, -2, -2, -2, +1 across the SaaS map's touchpoints.
    assert personas["agency-director"] == {
        "journeys": 1,
        "emotions": 8,
        "average_emotion": -0.5,
        "average_emotion_gap": 1.88,
    }
    assert sorted(personas) == ["agency-director", "enterprise-lead", "small-business-owner", "social-manager"]
    text = cjm("stats", cwd=EXAMPLES).stdout
    assert "Emotion per persona" in text
    assert re.search(r"agency-director\s+1\s+8\s+-0\.50\s+\+1\.88", text)


def test_the_site_has_a_page_per_persona_with_its_curve_and_worst_touchpoints(tmp_path: Path) -> None:
    import datetime as dt

    from cjmkit.rendering.site import write_site
    from cjmkit.validation.workspace_file import load_workspace

    ws = load_workspace(EXAMPLES)
    out = tmp_path / "site"
    write_site(ws.journey_files(), ws, out, engine="embedded", today=dt.date(2026, 11, 1), jobs=1)
    pages = sorted(p.name for p in (out / "personas").glob("*.html"))
    assert pages == [
        "agency-director.html",
        "enterprise-lead.html",
        "small-business-owner.html",
        "social-manager.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="personas/agency-director.html">Diego, agency director</a>' in index
    page = (out / "personas" / "agency-director.html").read_text(encoding="utf-8")
    assert '<a href="../journeys/social-suite.html">' in page
    assert page.count('class="observed"') == 1  # its curve in the one journey it appears in
    worst = page.split('id="worst-h"')[1].split("</table>")[0]
    assert worst.count("<tr><td") == 5
    assert worst.index("Sends the weekly performance report") < worst.index("Compares tools on review sites")
    assert "Report exports arrive the next morning" in worst  # the pain point this persona has there
    # A workspace without experiences gets no persona pages.
    from render_helpers import TOUR

    bare = tmp_path / "bare"
    write_site([TOUR], ws, bare, engine="embedded", today=dt.date(2026, 11, 1), jobs=1)
    assert not (bare / "personas").exists()
    assert "personas-h" not in (bare / "index.html").read_text(encoding="utf-8")
