"""Property-based fuzzing of the whole pipeline, in-process: load, validate, lint, render, export, diff, fmt.

Invariants: nothing raises; every problem is a diagnostic with a file and a line;
a valid map renders in every format; fmt keeps data and comments and is
idempotent; a map diffed with itself shows no change.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cjmkit.authoring.csv_export import journey_to_csv
from cjmkit.authoring.fmt import format_text
from cjmkit.authoring.json_export import journey_to_json
from cjmkit.diagnostics.output import to_json
from cjmkit.diagnostics.sarif import to_sarif
from cjmkit.diffing import diff_journeys
from cjmkit.linting import default_settings, lint_journey
from cjmkit.loader import LoadError, parse, parse_bytes
from cjmkit.rendering.dot import journey_dot
from cjmkit.rendering.engine import render_svg
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.rendering.mermaid import journey_mermaid
from cjmkit.rendering.report import html_report
from cjmkit.validation import validate_document
from tests.fuzz.checks import assert_no_formula_cells, assert_safe_html, load_and_validate, texts_of, valid_journey
from tests.fuzz.profiles import FUZZ, scaled
from tests.fuzz.strategies import journey_data, raw_bytes, to_json_yaml, to_yaml, yaml_texts
from tests.render_helpers import engines

TODAY = dt.date(2026, 6, 1)
SETTINGS = default_settings(TODAY)


@FUZZ
@given(yaml_texts())
def test_any_journey_text_validates_and_lints_without_crashing(text: str) -> None:
    doc, result = load_and_validate(text)
    if doc is None or result is None or result.journey is None or not result.valid:
        return
    findings = lint_journey(result.journey, doc, result.journey.catalog, SETTINGS)
    for f in findings:
        assert f.rule and f.message and f.line is not None
    # Machine-readable reports stay valid JSON with the user's text intact.
    report = json.loads(json.dumps(to_json([*result.diagnostics, *findings], 1, tool="lint")))
    assert len(report["diagnostics"]) == len(result.diagnostics) + len(findings)
    json.dumps(to_sarif(findings, tool="lint") if _sarif_takes_tool() else to_sarif(findings))


def _sarif_takes_tool() -> bool:
    import inspect

    return "tool" in inspect.signature(to_sarif).parameters


@FUZZ
@given(raw_bytes())
def test_raw_bytes_never_crash_the_loader_or_validation(raw: bytes) -> None:
    try:
        doc = parse_bytes(raw, "bytes.cjm.yaml")
    except LoadError as err:
        assert err.diagnostics and all(d.message and d.path == "bytes.cjm.yaml" for d in err.diagnostics)
        return
    result = validate_document(doc, None)
    assert all(d.message for d in result.diagnostics)
    # fmt must also cope with whatever loaded: either format it or leave it alone with a reason.
    formatted = format_text(doc.text, "bytes.cjm.yaml")
    if formatted.ok:
        assert parse(formatted.formatted).data == doc.data
    else:
        assert formatted.formatted == doc.text


@scaled(2)
@given(journey_data())
def test_valid_maps_render_in_every_format(data: dict[str, Any]) -> None:
    doc, journey = valid_journey(to_yaml(data))
    catalog = journey.catalog
    for view in ("flow", "blueprint"):
        dot = journey_dot(journey, catalog, view)
        assert dot.startswith(("digraph", "strict digraph"))
    for engine in engines():
        svg = render_svg(journey_dot(journey, catalog, "flow"), engine)
        assert_safe_html(f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">{svg}')
        html = html_report(journey, catalog, engine=engine, today=TODAY)
        assert "<svg" in html, "the report has no diagram"
        assert_safe_html(html)
    mermaid = journey_mermaid(journey, catalog)
    assert mermaid.startswith("journey\n") and "`" not in mermaid and "<" not in mermaid
    markdown = journey_markdown(journey, catalog, TODAY)
    assert "<script" not in markdown.lower()
    rows = assert_no_formula_cells(journey_to_csv(journey))
    assert len(rows) >= 1 + len(journey.stages)
    exported = json.loads(journey_to_json(journey))
    assert exported["title"] == doc.data["title"]
    # Every text the user wrote survives the JSON export exactly.
    written = {k: v for k, v in doc.data.items() if not k.startswith("x-")}
    assert set(texts_of(written)) <= set(texts_of(exported))


@FUZZ
@given(journey_data(), st.booleans())
def test_fmt_keeps_data_and_comments_and_is_idempotent(data: dict[str, Any], flow: bool) -> None:
    text = to_json_yaml(data) if flow else to_yaml(data, comments=True)
    first = format_text(text, "map.cjm.yaml")
    if not first.ok:
        # The one allowed refusal: the layout library could not reproduce some exotic text exactly,
        # and fmt noticed before writing. The file is then left exactly as it was.
        assert [d.code for d in first.diagnostics] == ["F001"], [d.message for d in first.diagnostics]
        assert "would have changed the data" in first.diagnostics[0].message
        assert first.formatted == text
        return
    assert parse(first.formatted).data == parse(text).data
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    kept = [line.strip() for line in first.formatted.splitlines() if line.strip().startswith("#")]
    assert sorted(comments) == sorted(kept)  # keys move to canonical order, their comments with them
    second = format_text(first.formatted, "map.cjm.yaml")
    assert second.ok and second.formatted == first.formatted


@FUZZ
@given(journey_data())
def test_a_map_diffed_with_itself_has_no_changes(data: dict[str, Any]) -> None:
    _, journey = valid_journey(to_json_yaml(data))
    _, again = valid_journey(to_json_yaml(data))
    assert diff_journeys(journey, journey) == []
    assert diff_journeys(journey, again) == []
    # Block style is compared with itself only: the YAML writer used to produce it writes U+0085 unescaped,
    # which a reader takes for a line break, so its text can differ from ``data`` (not a cjm behaviour).
    _, block = valid_journey(to_yaml(data))
    assert diff_journeys(block, block) == []
