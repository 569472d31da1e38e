"""A map is text from many hands: whatever it says, no output it becomes may run code or change meaning."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from cjmkit.authoring.csv_export import journey_to_csv
from cjmkit.authoring.json_export import journey_to_json
from cjmkit.diagnostics.output import to_json
from cjmkit.diagnostics.sarif import to_sarif
from cjmkit.diffing import diff_journeys
from cjmkit.diffing.changes import DiffReport, FileDiff
from cjmkit.linting import default_settings, lint_journey
from cjmkit.rendering.dot import journey_dot
from cjmkit.rendering.engine import render_svg
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.rendering.mermaid import journey_mermaid
from cjmkit.rendering.report import html_report
from tests.fuzz.checks import (
    assert_no_formula_cells,
    assert_safe_html,
    csp_forbids_inline_script,
    texts_of,
    valid_journey,
)
from tests.hardening_helpers import ATTACKS, hostile_journey, hostile_yaml
from tests.render_helpers import engines

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module", params=ATTACKS, ids=lambda s: repr(s[:24]))
def hostile(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    evil = request.param
    doc, journey = valid_journey(hostile_yaml(evil))
    return evil, doc, journey


def test_html_report_runs_nothing_and_loads_nothing(hostile) -> None:  # type: ignore[no-untyped-def]
    _, _, journey = hostile
    for engine in engines():
        html = html_report(journey, journey.catalog, engine=engine, today=TODAY)
        assert "<svg" in html, "the report has no diagram"
        assert_safe_html(html)


def test_svg_and_dot_keep_the_text_inside_labels(hostile) -> None:  # type: ignore[no-untyped-def]
    _, _, journey = hostile
    for view in ("flow", "blueprint"):
        dot = journey_dot(journey, journey.catalog, view)
        # One graph, and no attribute the map did not ask for (a label escaping its quotes would add one).
        structure = re.sub(r'"(?:[^"\\]|\\.)*"', '""', dot)
        assert structure.count("digraph") == 1 and "pwned" not in structure
        for engine in engines():
            svg = render_svg(dot, engine)
            assert_safe_html(f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">{svg}')


def test_mermaid_and_markdown_stay_inert_in_a_pull_request_comment(hostile) -> None:  # type: ignore[no-untyped-def]
    _, _, journey = hostile
    mermaid = journey_mermaid(journey, journey.catalog)
    body = mermaid.splitlines()[1:]
    assert all(line.startswith(("    title ", "    section ", "      ")) for line in body), body
    assert not re.search(r"[<>`]|%%", mermaid)
    markdown = journey_markdown(journey, journey.catalog, TODAY)
    outside_fence = markdown.split("```mermaid")[0]
    assert "<" not in outside_fence and "](" not in outside_fence.replace("\\](", "")
    assert markdown.count("```") == 2, "user text opened or closed a code fence"


def test_csv_export_has_no_formula_cells(hostile) -> None:  # type: ignore[no-untyped-def]
    _, _, journey = hostile
    rows = assert_no_formula_cells(journey_to_csv(journey))
    assert len(rows) == 3  # header + two touchpoints: line breaks in text never split a row


def test_json_and_sarif_are_valid_and_keep_the_text_exactly(hostile) -> None:  # type: ignore[no-untyped-def]
    evil, doc, journey = hostile
    exported = json.loads(journey_to_json(journey))
    assert exported["title"] == evil and exported["stages"][0]["quotes"] == [evil]
    findings = lint_journey(journey, doc, journey.catalog, default_settings(TODAY))
    sarif = json.loads(json.dumps(to_sarif(findings)))
    assert sarif["runs"][0]["results"] is not None
    report = json.loads(json.dumps(to_json(findings, 1, tool="lint")))
    assert len(report["diagnostics"]) == len(findings)


def test_diff_reports_stay_safe() -> None:
    from cjmkit.diffing.formats.html import render_html
    from cjmkit.diffing.formats.markdown import render_markdown

    _, old = valid_journey(hostile_yaml("Search tours"))
    for evil in ATTACKS[:12]:
        _, new = valid_journey(hostile_yaml(evil))
        changes = diff_journeys(old, new)
        assert changes
        diff = FileDiff(
            status="modified",
            old_path="tour.cjm.yaml",
            new_path="tour.cjm.yaml",
            title=evil,
            changes=changes,
            old_journey=old,
            new_journey=new,
            old_catalog=old.catalog,
            new_catalog=new.catalog,
        )
        report = DiffReport(old_label="main", new_label=evil, files=[diff])
        for engine in engines():
            assert_safe_html(render_html(report, engine=engine).replace("<head>", _CSP_HEAD, 1))
        md = render_markdown(report)
        assert "<script" not in md.lower() and "<img" not in md.lower()


_CSP_HEAD = '<head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'


def test_report_policy_forbids_inline_script() -> None:
    _, journey = valid_journey(hostile_yaml("Plain"))
    html = html_report(journey, journey.catalog, today=TODAY)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy and csp_forbids_inline_script(policy.group(1))
    assert not csp_forbids_inline_script("default-src 'none'; script-src 'unsafe-inline'")


def test_every_text_field_reaches_the_hostile_checks() -> None:
    """The hostile journey really puts the string everywhere text can go (or the suite proves less than it says)."""
    data = hostile_journey("EVIL")
    assert texts_of(data).count("EVIL") >= 23
