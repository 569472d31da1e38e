"""Each lint rule fires on the mistake it documents and stays quiet on the near miss."""

from __future__ import annotations

import datetime as dt

import pytest

from cjmkit.linting import all_rules, find_rule
from cjmkit.linting.timeline import Measurement, Timeline
from lint_helpers import TODAY, TOUR, doc_examples, findings_of, lint_text

RULES = all_rules()


def _m(day: str, value: float, target: float) -> Measurement:
    return Measurement(dt.date.fromisoformat(day), value, target, "0" * 40)


#: The committed past each history rule's documented example describes, as ``cjm lint`` would read it from git.
EXAMPLE_HISTORY = {
    "kpi-moving-away-from-target": (
        Timeline(
            kpis={"tour-page-exit": (_m("2026-08-03", 30, 25), _m("2026-09-01", 36, 25), _m("2026-10-01", 41, 25))}
        ),
        Timeline(
            kpis={
                "tour-page-exit": (
                    _m("2026-08-03", 30, 25),
                    _m("2026-09-01", 36, 25),
                    _m("2026-10-01", 41, 25),
                    _m("2026-11-02", 33, 25),
                )
            }
        ),
    ),
    "pain-points-unchanged": (
        Timeline(
            pains_since=dt.date(2026, 1, 10),
            pains_key="tour-search|no-filter|high|No filter by country, price or number of days",
        ),
        Timeline(
            pains_since=dt.date(2026, 11, 20),
            pains_key="tour-search|no-dates|medium|Tour dates only shown after choosing a tour\n"
            "tour-search|no-filter|high|No filter by country, price or number of days",
        ),
    ),
}


def _example_history(rule, fixed: bool) -> Timeline | None:
    if not rule.needs_history:
        return None
    return EXAMPLE_HISTORY[rule.name][1 if fixed else 0]


def test_every_history_rule_has_the_past_its_examples_describe():
    assert sorted(EXAMPLE_HISTORY) == sorted(r.name for r in RULES if r.needs_history)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_documented_bad_example_is_flagged(rule):
    failing, _ = doc_examples(rule)
    found = findings_of(
        rule.name,
        lint_text(
            failing, {rule.name: rule.example_options}, timeline=_example_history(rule, False), enable=(rule.name,)
        ),
    )
    assert found, f"{rule.name} does not fire on its own failing example"
    for d in found:
        assert d.code == rule.code
        assert d.severity == rule.severity
        assert d.line > 0 and d.column > 0
        assert d.item_id
        assert len(d.message) > 20


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_the_documented_fix_is_not_flagged(rule):
    _, fixed = doc_examples(rule)
    diags = lint_text(
        fixed, {rule.name: rule.example_options}, timeline=_example_history(rule, True), enable=(rule.name,)
    )
    assert findings_of(rule.name, diags) == []


def test_a_complete_realistic_journey_has_no_findings():
    assert lint_text(TOUR) == []


def test_rule_names_and_codes_are_unique_and_documented_in_ruff_form():
    assert len({r.name for r in RULES}) == len({r.code for r in RULES}) == len(RULES)
    for rule in RULES:
        for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead"):
            assert heading in rule.doc, f"{rule.name}: no '{heading}'"
        assert rule.summary.endswith(".")


def test_the_issue_rules_all_exist_with_their_default_severity():
    expected = {
        "stage-without-touchpoints": "warning",
        "missing-required-touchpoint": "warning",
        "stage-unowned": "warning",
        "touchpoint-unowned": "warning",
        "touchpoint-without-channel": "info",
        "journey-without-persona": "warning",
        "unreachable-touchpoint": "info",
        "dead-end-touchpoint": "info",
        "emotion-missing": "info",
        "emotion-gap": "warning",
        "perception-gap": "warning",
        "negative-emotion-without-pain-point": "info",
        "pain-point-unprioritised": "warning",
        "pain-point-unaddressed": "warning",
        "opportunity-unowned": "warning",
        "opportunity-without-kpi": "info",
        "journey-without-moment-of-truth": "info",
        "moment-of-truth-without-kpi": "warning",
        "kpi-incomplete": "warning",
        "kpi-off-target": "info",
        "touchpoint-without-backstage": "info",
        "map-stale": "warning",
        "map-never-reviewed": "warning",
        "validated-without-evidence": "warning",
        "hypothesis-map": "info",
        "journey-without-exit-stage": "info",
        "journey-without-purpose": "info",
    }
    for name, severity in expected.items():
        rule = find_rule(name)
        assert rule is not None, name
        assert rule.severity.value == severity, name


# -- finer points of single rules, on the realistic journey -------------------


def test_a_finding_points_at_the_line_where_its_item_starts():
    text = TOUR.replace("        owner: web-team\n        emotion: 1\n", "        emotion: 1\n")
    [d] = findings_of("touchpoint-unowned", lint_text(text))
    line = text.splitlines()[d.line - 1]
    assert line.strip() == "- id: booking-form"
    assert d.column == line.index("id") + 1
    assert d.key_path == "stages[1].touchpoints[0]"
    assert d.item_id == "booking-form"
    assert "Fills in the booking form and pays" in d.message


def test_emotion_gap_is_quiet_when_an_opportunity_addresses_the_pain_and_loud_when_it_is_dropped():
    assert findings_of("emotion-gap", lint_text(TOUR)) == []
    dropped = TOUR.replace("    status: planned\n", "    status: dropped\n")
    [d] = findings_of("emotion-gap", lint_text(dropped))
    assert d.item_id == "tour-search"
    assert "-2" in d.message and "+1" in d.message and "gap of 3" in d.message


def test_emotion_gap_threshold_and_addressed_options():
    unplanned = {"emotion-gap": {"skip_when_addressed": False}}
    assert [d.item_id for d in findings_of("emotion-gap", lint_text(TOUR, unplanned))] == ["tour-search"]
    strict = {"emotion-gap": {"skip_when_addressed": False, "min_gap": 4}}
    assert findings_of("emotion-gap", lint_text(TOUR, strict)) == []


def test_perception_gap_explains_which_way_the_company_is_wrong():
    found = findings_of("perception-gap", lint_text(TOUR, {"perception-gap": {"skip_when_addressed": False}}))
    messages = sorted(d.message for d in found)
    assert len(found) == 2
    assert "underrates how much this touchpoint matters" in messages[0]
    assert "thinks it does better here than customers experience" in messages[1]


def test_perception_gap_of_one_point_is_not_reported():
    text = TOUR.replace("{customer: 5, company: 3}", "{customer: 5, company: 4}").replace(
        "{customer: 2, company: 4}", "{customer: 3, company: 4}"
    )
    assert findings_of("perception-gap", lint_text(text, {"perception-gap": {"skip_when_addressed": False}})) == []


def test_pain_point_unaddressed_says_when_only_dropped_opportunities_address_it():
    dropped = TOUR.replace("    status: planned\n", "    status: dropped\n")
    [d] = findings_of("pain-point-unaddressed", lint_text(dropped))
    assert d.item_id == "no-filter"
    assert "only dropped opportunities" in d.message


def test_pain_point_unaddressed_severities_option():
    medium = TOUR.replace("            severity: high\n", "            severity: medium\n").replace(
        "    addresses: [no-filter]\n", ""
    )
    assert findings_of("pain-point-unaddressed", lint_text(medium)) == []
    wide = {"pain-point-unaddressed": {"severities": ["medium", "high", "critical"]}}
    assert [d.item_id for d in findings_of("pain-point-unaddressed", lint_text(medium, wide))] == ["no-filter"]


def test_map_stale_counts_from_the_review_date():
    due = dt.date(2026, 10, 14) + dt.timedelta(days=90)
    assert findings_of("map-stale", lint_text(TOUR, today=due)) == []
    [d] = findings_of("map-stale", lint_text(TOUR, today=due + dt.timedelta(days=3)))
    assert "2026-10-14" in d.message and str(due) in d.message and "3 days ago" in d.message
    assert d.key_path == "updated"


def test_map_stale_uses_the_default_period_when_the_map_sets_none():
    text = TOUR.replace("review_every: 90\n", "")
    day_200 = dt.date(2026, 10, 14) + dt.timedelta(days=200)
    assert findings_of("map-stale", lint_text(text, today=day_200))
    assert findings_of("map-stale", lint_text(text, {"map-stale": {"default_review_days": 365}}, today=day_200)) == []


def test_flow_rules_stay_quiet_on_a_journey_without_next():
    text = TOUR.replace("        next: [booking-form]\n", "").replace("        next: [cancel-booking]\n", "")
    diags = lint_text(text)
    assert findings_of("unreachable-touchpoint", diags) == []
    assert findings_of("dead-end-touchpoint", diags) == []


def test_broken_flow_is_reported_at_both_ends():
    text = TOUR.replace("        next: [cancel-booking]\n", "")
    diags = lint_text(text)
    assert [d.item_id for d in findings_of("dead-end-touchpoint", diags)] == ["booking-form"]
    assert [d.item_id for d in findings_of("unreachable-touchpoint", diags)] == ["cancel-booking"]


def test_a_trailing_stage_without_touchpoints_does_not_make_the_last_touchpoint_a_dead_end():
    text = TOUR.replace(
        "opportunities:\n",
        "  - id: advocacy\n    name: Advocacy\n    owner: marketing\n    goal: Tell friends\nopportunities:\n",
        1,
    )
    diags = lint_text(text)
    assert findings_of("dead-end-touchpoint", diags) == []
    assert [d.item_id for d in findings_of("stage-without-touchpoints", diags)] == ["advocacy"]


def test_kpi_rules_read_direction_and_list_what_is_missing():
    text = TOUR.replace("            current: 27\n", "            current: 12\n").replace(
        "            cadence: weekly\n            owner: marketing\n", ""
    )
    diags = lint_text(text)
    [off] = findings_of("kpi-off-target", diags)
    assert "12 percent against a target of 25 percent (higher is better)" in off.message
    [incomplete] = findings_of("kpi-incomplete", diags)
    assert incomplete.message.endswith("has no owner or cadence")
    lower_is_better = text.replace(
        "            unit: percent\n", "            unit: percent\n            direction: down\n"
    )
    assert findings_of("kpi-off-target", lint_text(lower_is_better)) == []


def test_missing_required_channel_is_reported_once_configured():
    assert findings_of("missing-required-touchpoint", lint_text(TOUR)) == []
    required = {"missing-required-touchpoint": {"channels": ["email", "phone"]}}
    [d] = findings_of("missing-required-touchpoint", lint_text(TOUR, required))
    assert "'email' channel" in d.message


def test_exit_stage_is_not_asked_of_a_tactical_map():
    text = TOUR.replace("    phase: exit\n", "    phase: loyalty\n")
    assert findings_of("journey-without-exit-stage", lint_text(text))
    tactical = text.replace("status: validated\n", "status: validated\nview: tactical\n")
    assert findings_of("journey-without-exit-stage", lint_text(tactical)) == []


def test_hypothesis_is_the_default_status_but_future_maps_are_not_reminded():
    text = TOUR.replace("status: validated\n", "")
    [d] = findings_of("hypothesis-map", lint_text(text))
    assert d.line == 1
    future = text.replace("owner: cx-team\n", "owner: cx-team\nstate: future\n", 1)
    assert findings_of("hypothesis-map", lint_text(future)) == []


def test_validated_map_with_evidence_defined_in_the_map_passes_and_without_it_fails():
    text = TOUR.split("evidence:\n  - id: survey-2021")[0].replace("            evidence: [survey-2021]\n", "")
    [d] = findings_of("validated-without-evidence", lint_text(text))
    assert d.key_path == "status"


def test_today_is_a_parameter_so_results_are_reproducible():
    assert dt.date(2026, 11, 28) == TODAY
    assert findings_of("map-stale", lint_text(TOUR, today=dt.date(2030, 1, 1)))
    assert not findings_of("map-stale", lint_text(TOUR, today=dt.date(2026, 11, 1)))


def test_opportunity_unscored_names_the_missing_fields_and_skips_closed_work():
    from lint_helpers import TOUR

    partial = TOUR.replace("    scores: {value: 5, effort: 2}\n", "    scores: {value: 5}\n")
    [d] = findings_of("opportunity-unscored", lint_text(partial))
    assert "has no effort score" in d.message and d.item_id == "add-filters"
    bare = TOUR.replace("    scores: {value: 5, effort: 2}\n", "")
    [d] = findings_of("opportunity-unscored", lint_text(bare))
    assert "has no scores" in d.message and "value-effort" in d.message
    assert d.hint == "add scores: {value: ..., effort: ...}"
    for status in ("done", "dropped"):
        closed = bare.replace("status: planned", f"status: {status}")
        assert findings_of("opportunity-unscored", lint_text(closed)) == []


def test_opportunity_unscored_is_quiet_without_a_scoring_model():
    from cjmkit.linting import LintSettings, lint_document
    from cjmkit.loader import parse
    from lint_helpers import TOUR, example_workspace, settings

    bare = TOUR.replace("    scores: {value: 5, effort: 2}\n", "")
    plain = settings()
    no_model = LintSettings(severities=plain.severities, options=plain.options, today=plain.today)
    linted = lint_document(parse(bare, "journeys/t.cjm.yaml"), example_workspace(), no_model)
    assert findings_of("opportunity-unscored", linted.diagnostics) == []


# -- history rules: what counts as moving away ---------------------------------


def _kpi_finding(values: list[float | None], targets: list[float | None] | None = None, **options):
    """The finding of kpi-moving-away-from-target on TOUR's search-to-booking KPI (target 25, higher is better)."""
    targets = targets or [25.0] * len(values)
    series = tuple(_m(f"2026-0{i + 1}-01", v, t) for i, (v, t) in enumerate(zip(values, targets, strict=True)))
    timeline = Timeline(kpis={"search-to-booking": series})
    rule = "kpi-moving-away-from-target"
    # The file says what the last commit says (a value changed since is not judged yet).
    last, target = values[-1], targets[-1]
    kpi = "target: 25\n            current: 27\n"
    assert kpi in TOUR
    text = TOUR.replace(kpi, f"target: {target:g}\n            current: {last:g}\n" if last is not None else kpi)
    return findings_of(rule, lint_text(text, {rule: options}, timeline=timeline, enable=(rule,)))


def test_kpi_moving_away_needs_each_step_further_and_the_last_off_target():
    [d] = _kpi_finding([24, 22, 20])
    assert d.item_id == "search-to-booking"
    assert "24 percent (2026-01-01), 22 percent (2026-02-01), 20 percent (2026-03-01)" in d.message
    assert _kpi_finding([24, 22, 22]) == []  # no worse: a plateau is not a trend
    assert _kpi_finding([30, 28, 26]) == []  # falling, but still above the target
    assert _kpi_finding([20, 22, 21]) == []
    # Only the last measurements count: an old fall followed by a recovery is quiet.
    assert _kpi_finding([24, 22, 20, 23]) == []
    assert len(_kpi_finding([26, 24, 20], measurements=3)) == 1  # from on target to further and further off
    assert _kpi_finding([22, 20], measurements=3) == []
    assert len(_kpi_finding([22, 20], measurements=2)) == 1


def test_kpi_moving_away_measures_against_the_target_of_each_measurement():
    # The value is steady but the target was raised: further from the target at each step.
    assert len(_kpi_finding([20, 20, 20], [21, 23, 25])) == 1
    # No target at the time: no distance, so no trend.
    assert _kpi_finding([24, 22, 20], [None, None, 25]) == []


def test_history_rules_say_nothing_without_a_timeline():
    rules = ("kpi-moving-away-from-target", "pain-points-unchanged")
    diags = lint_text(TOUR, enable=rules, today=dt.date(2030, 1, 1))
    assert [d for d in diags if d.rule in rules] == []
