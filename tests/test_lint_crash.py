"""A rule that crashes is reported as a finding of its own, in lint and in the HTML report; never swallowed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.linting import engine, lint
from cjmkit.linting.docs import rules_markdown
from cjmkit.linting.registry import all_rules
from cjmkit.linting.rule import RuleContext
from cjmkit.loader import parse
from cjmkit.rendering.report import html_report, lint_findings
from cjmkit.validation import validate_document
from lint_helpers import EXAMPLES, TOUR, example_workspace, settings


def _broken(ctx: RuleContext) -> Iterator[Diagnostic]:
    yield from ()
    raise KeyError("touchpoints")


@pytest.fixture
def crashing_emotion_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    """emotion-gap raises while every other rule works."""
    rules = tuple(dataclasses.replace(r, check=_broken) if r.name == "emotion-gap" else r for r in all_rules())
    monkeypatch.setattr(engine, "all_rules", lambda: rules)


@pytest.mark.usefixtures("crashing_emotion_gap")
def test_a_crashing_rule_is_a_finding_and_the_other_rules_still_run() -> None:
    report = lint([EXAMPLES / "journeys" / "tour-booking.cjm.yaml"], jobs=1)
    crashes = [d for d in report.diagnostics if d.code == "L003"]
    assert len(crashes) == 1
    crash = crashes[0]
    assert crash.rule == "emotion-gap" and crash.severity is Severity.ERROR
    assert crash.path.endswith("tour-booking.cjm.yaml")
    assert "KeyError" in crash.message and "touchpoints" in crash.message
    assert any(
        d.rule == "pain-point-unaddressed" or d.code.startswith("L") for d in report.diagnostics if d is not crash
    )
    assert report.fails(Severity.ERROR)  # a crash never lets lint pass quietly


@pytest.mark.usefixtures("crashing_emotion_gap")
def test_the_report_shows_a_crashing_rule_instead_of_dropping_its_lint_section() -> None:
    doc = parse(TOUR, "journeys/tour.cjm.yaml")
    checked = validate_document(doc, example_workspace())
    assert checked.journey is not None and checked.valid
    catalog = example_workspace().catalog.merged_with(checked.journey.catalog)
    section = lint_findings(checked.journey, doc, catalog, settings())
    assert section is not None
    assert [d.rule for d in section.findings if d.code == "L003"] == ["emotion-gap"]
    page = html_report(checked.journey, catalog, engine="embedded", lint=section)
    assert "rule &#39;emotion-gap&#39; crashed" in page or "rule 'emotion-gap' crashed" in page


def test_the_crash_code_is_documented_with_the_other_engine_codes() -> None:
    assert "`L003`" in rules_markdown()
