"""Helpers for the lint tests: lint realistic journey text against the example workspace."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting import LintSettings, Rule, default_settings, find_rule, lint_document
from cjmkit.linting.timeline import Timeline
from cjmkit.loader import parse
from cjmkit.validation.workspace_file import open_workspace
from cjmkit.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

#: "Today" for every time-based check in the tests.
TODAY = dt.date(2026, 11, 28)

_WORKSPACE: list[Workspace] = []


def example_workspace() -> Workspace:
    """The example workspace: its catalog defines the teams, channels and personas the tests name."""
    if not _WORKSPACE:
        _WORKSPACE.append(open_workspace(EXAMPLES))
    return _WORKSPACE[0]


def settings(
    options: Mapping[str, Mapping[str, Any]] | None = None, today: dt.date = TODAY, enable: tuple[str, ...] = ()
) -> LintSettings:
    """The default settings, with ``options`` and the rules named in ``enable`` (off by default) turned on."""
    base = default_settings(today)
    merged = {name: dict(opts) for name, opts in base.options.items()}
    for name, opts in (options or {}).items():
        merged[name].update(opts)
    severities = dict(base.severities)
    for name in enable:
        rule = find_rule(name)
        assert rule is not None, name
        severities[rule.name] = rule.severity
    config = example_workspace().config
    scoring = config.scoring if config else None
    return LintSettings(severities=severities, options=merged, today=today, scoring=scoring)


def lint_text(
    text: str,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    today: dt.date = TODAY,
    path: str = "journeys/test.cjm.yaml",
    timeline: Timeline | None = None,
    enable: tuple[str, ...] = (),
) -> list[Diagnostic]:
    """Every problem and finding for a journey written in a test (it must be valid)."""
    linted = lint_document(parse(text, path), example_workspace(), settings(options, today, enable), timeline)
    errors = [d for d in linted.validation.diagnostics if d.severity.value == "error"]
    assert not errors, f"the test journey is not valid: {errors}"
    return linted.diagnostics


def findings_of(rule: str, diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.rule == rule]


_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def doc_examples(rule: Rule) -> tuple[str, str]:
    """The failing and the fixed YAML example from a rule's docstring."""
    example = rule.doc.split("## Example", 1)[1]
    failing, fixed = example.split("Use instead", 1)
    return _BLOCK.findall(failing)[0], _BLOCK.findall(fixed)[0]


# A realistic journey with every field a rule looks at filled in; tests change
# one thing at a time.
TOUR = """\
cjm: 1
id: tour-booking
title: Booking a cross-country bus tour
purpose: Find why visitors leave the tour page without booking
status: validated
owner: cx-team
updated: 2026-10-14
review_every: 90
personas: [trey]
stages:
  - id: research
    name: Research
    owner: marketing
    phase: acquisition
    goal: Find a tour that fits my dates and budget
    touchpoints:
      - id: tour-search
        name: Searches tours on the web site
        channel: website
        owner: web-team
        emotion: -2
        desired_emotion: 1
        importance: {customer: 5, company: 3}
        performance: {customer: 2, company: 4}
        moment_of_truth: true
        next: [booking-form]
        backstage:
          - {team: web-team, system: cms, process: Tour catalogue page without filters}
        pain_points:
          - id: no-filter
            description: No filter by country, price or number of days
            severity: high
            evidence: [survey-2021]
        kpis:
          - id: search-to-booking
            name: Search-to-booking conversion
            unit: percent
            target: 25
            current: 27
            cadence: weekly
            owner: marketing
  - id: booking
    name: Booking
    owner: web-team
    phase: acquisition
    goal: Book quickly and be sure it went through
    touchpoints:
      - id: booking-form
        name: Fills in the booking form and pays
        channel: website
        owner: web-team
        emotion: 1
        desired_emotion: 1
        next: [cancel-booking]
        backstage:
          - {team: web-team, system: booking-engine}
  - id: leaving
    name: Cancelling
    owner: cx-team
    phase: exit
    goal: Cancel without a fight
    touchpoints:
      - id: cancel-booking
        name: Cancels a booking by phone
        channel: phone
        owner: cx-team
        emotion: 0
        desired_emotion: 0
        backstage:
          - {team: cx-team, process: Cancellations by phone only}
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    addresses: [no-filter]
    owner: web-team
    stakeholders: [tour-planning, design]
    status: planned
    kpis: [search-to-booking]
    scores: {value: 5, effort: 2}
evidence:
  - id: survey-2021
    kind: survey
    title: Post-booking survey, Q3 2021
"""
