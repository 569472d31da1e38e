"""Experience per persona: how each persona lives a touchpoint, checked, derived and linted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjmkit import facts
from cjmkit.diagnostics import Diagnostic
from cjmkit.linting import lint_document
from cjmkit.loader import parse
from cjmkit.model import Journey
from lint_helpers import example_workspace, findings_of, lint_text, settings
from tests.conftest import Result

Cjm = Callable[..., Result]

# The example workspace's catalog defines these personas.
REPORTING = """\
cjm: 1
id: client-reporting
title: Reporting to clients
personas: [social-manager, agency-director, small-business-owner]
stages:
  - id: report
    name: Report
    touchpoints:
      - id: report-export
        name: Exports a report for the client
        personas: [social-manager, agency-director]
        desired_emotion: 1
        pain_points:
          - id: export-cap
            description: The export stops at 1,000 rows
            severity: high
        experiences:
          - persona: social-manager
            emotion: -2
            feelings: [Furious]
            thoughts: ["Why is the export capped at 1,000 rows?"]
            importance: 5
            performance: 2
            pain_points: [export-cap]
          - persona: agency-director
            emotion: 1
      - id: report-share
        name: Shares the report link
        pain_points:
          - id: link-expiry
            description: The shared link expires after a day
            severity: medium
"""


def problems(text: str) -> list[Diagnostic]:
    linted = lint_document(parse(text, "journeys/r.cjm.yaml"), example_workspace(), settings())
    return [d for d in linted.validation.diagnostics if d.severity.value == "error"]


def journey_of(text: str) -> Journey:
    linted = lint_document(parse(text, "journeys/r.cjm.yaml"), example_workspace(), settings())
    assert linted.validation.journey is not None
    return linted.validation.journey


def test_a_map_with_experiences_is_valid() -> None:
    assert problems(REPORTING) == []


def test_unknown_persona_is_named_with_its_position_and_a_near_miss(cjm: Cjm, write: Callable[..., Path]) -> None:
    text = REPORTING.replace("persona: agency-director", "persona: agency-directr")
    ws = write("cjm.yaml", (Path(__file__).parents[1] / "examples" / "cjm.yaml").read_text(encoding="utf-8"))
    path = write("journeys/r.cjm.yaml", text)
    res = cjm("validate", str(path), cwd=ws.parent)
    assert res.exit_code == 1
    line = text.splitlines().index("          - persona: agency-directr") + 1
    assert f"r.cjm.yaml:{line}:22: error[E141] unknown persona 'agency-directr'" in res.stdout
    assert "did you mean 'agency-director'?" in res.stdout
    assert "Traceback" not in res.stdout + res.stderr


def test_a_persona_not_on_the_touchpoint_is_refused_with_the_fix() -> None:
    [d] = problems(REPORTING.replace("persona: agency-director", "persona: small-business-owner"))
    assert d.code == "E141"
    assert d.message == "persona 'small-business-owner' is not among the personas of touchpoint 'report-export'"
    assert d.expected == "one of the personas of touchpoint 'report-export' (social-manager, agency-director)"
    assert d.hint == "add 'small-business-owner' to the personas of touchpoint 'report-export'"
    assert d.key_path == "stages[0].touchpoints[0].experiences[1].persona"


def test_without_touchpoint_personas_the_journeys_personas_are_allowed() -> None:
    text = REPORTING.replace("        personas: [social-manager, agency-director]\n", "")
    assert problems(text) == []
    [d] = problems(text.replace("persona: agency-director", "persona: enterprise-lead"))
    assert d.message == "persona 'enterprise-lead' is not among the personas of this journey"


def test_a_second_experience_for_a_persona_is_a_duplicate() -> None:
    text = REPORTING.replace(
        "          - persona: agency-director\n            emotion: 1\n",
        "          - persona: agency-director\n            emotion: 1\n          - persona: agency-director\n",
    )
    [d] = problems(text)
    first = text.splitlines().index("          - persona: agency-director") + 1
    assert d.code == "E140"
    assert d.message == f"duplicate experience for persona 'agency-director': line {first} already describes it"
    assert d.line == first + 2


def test_pain_points_must_be_the_touchpoints_own() -> None:
    [typo] = problems(REPORTING.replace("pain_points: [export-cap]", "pain_points: [export-cpa]"))
    assert typo.code == "E141"
    assert typo.message == "unknown pain point 'export-cpa'"
    assert typo.hint == "did you mean 'export-cap'?"
    [elsewhere] = problems(REPORTING.replace("pain_points: [export-cap]", "pain_points: [link-expiry]"))
    assert elsewhere.message == "pain point 'link-expiry' belongs to touchpoint 'report-share', not to 'report-export'"


def test_an_experience_needs_a_persona_and_known_keys() -> None:
    [missing] = problems(REPORTING.replace("          - persona: agency-director\n", "          - feelings: [Calm]\n"))
    assert missing.code == "E131"
    assert "persona" in missing.message
    [typo] = problems(REPORTING.replace("feelings: [Furious]", "feelngs: [Furious]"))
    assert typo.code == "E130"
    assert typo.hint == "did you mean 'feelings'?"


def test_emotion_out_of_range_in_an_experience() -> None:
    [d] = problems(REPORTING.replace("emotion: -2\n", "emotion: -3\n"))
    assert d.code == "E134"
    assert d.key_path == "stages[0].touchpoints[0].experiences[0].emotion"


def test_without_its_own_emotion_a_touchpoint_feels_the_mean_of_its_personas() -> None:
    journey = journey_of(REPORTING)
    tp = journey.stages[0].touchpoints[0]
    assert tp.emotion is None  # never written into the model
    assert facts.touchpoint_emotion(tp) == -0.5
    assert facts.emotion_is_derived(tp)
    assert facts.emotion_gap(tp) == 1.5
    assert facts.average_emotion(journey) == -0.5
    own = journey_of(
        REPORTING.replace("        desired_emotion: 1\n", "        emotion: 0\n        desired_emotion: 1\n")
    )
    assert facts.touchpoint_emotion(own.stages[0].touchpoints[0]) == 0
    assert not facts.emotion_is_derived(own.stages[0].touchpoints[0])


def test_derived_emotions_round_half_away_from_zero() -> None:
    assert [facts.rounded_emotion(v) for v in (-1.5, -0.5, 0.5, 1.5, 0.4, -0.4)] == [-2, -1, 1, 2, 0, 0]


def test_a_derived_emotion_is_not_missing() -> None:
    found = findings_of("emotion-missing", lint_text(REPORTING))
    assert [d.item_id for d in found] == ["report-share"]


def test_emotion_gap_names_the_persona() -> None:
    found = findings_of("emotion-gap", lint_text(REPORTING))
    assert [d.message for d in found] == [
        "persona 'social-manager' feels -2 at touchpoint 'Exports a report for the client' where +1 is wanted "
        "(a gap of 3), and no opportunity addresses it"
    ]
    assert found[0].key_path == "stages[0].touchpoints[0].experiences[0]"


def test_a_persona_s_own_desired_emotion_wins() -> None:
    text = REPORTING.replace("            emotion: -2\n", "            emotion: -2\n            desired_emotion: -1\n")
    assert findings_of("emotion-gap", lint_text(text)) == []


def test_negative_emotion_without_pain_point_names_the_persona() -> None:
    text = REPORTING.replace("            pain_points: [export-cap]\n", "")
    text = text.replace(
        "        pain_points:\n          - id: export-cap\n"
        "            description: The export stops at 1,000 rows\n            severity: high\n",
        "",
        1,
    )
    found = findings_of("negative-emotion-without-pain-point", lint_text(text))
    assert [d.message for d in found] == [
        "persona 'social-manager' feels -2 at touchpoint 'Exports a report for the client' but no pain point says why"
    ]


def test_perception_gap_sets_each_persona_against_the_company() -> None:
    text = REPORTING.replace(
        "        desired_emotion: 1\n", "        desired_emotion: 1\n        performance: {company: 4}\n"
    )
    found = findings_of("perception-gap", lint_text(text))
    assert [d.message for d in found] == [
        "persona 'social-manager' rates the performance of touchpoint 'Exports a report for the client' 2, the "
        "company 4: the company thinks it does better here than persona 'social-manager' experiences"
    ]


def test_a_split_experience_without_a_pain_point_for_the_worse_persona_is_flagged() -> None:
    assert findings_of("split-experience", lint_text(REPORTING)) == []
    text = REPORTING.replace("            pain_points: [export-cap]\n", "")
    [d] = findings_of("split-experience", lint_text(text))
    assert d.code == "L205"
    assert d.message.startswith(
        "persona 'social-manager' feels -2 at touchpoint 'Exports a report for the client' "
        "where 'agency-director' feels +1"
    )
    assert "averages away a split experience" in d.message
    # Two points apart is not a split by default.
    assert findings_of("split-experience", lint_text(text.replace("emotion: -2", "emotion: -1"))) == []


def test_maps_without_experiences_lint_as_before() -> None:
    text = """\
cjm: 1
id: plain
title: Plain
personas: [trey]
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: Searches tours
        emotion: -2
        desired_emotion: 1
"""
    messages = {d.rule: d.message for d in lint_text(text)}
    assert messages["emotion-gap"] == (
        "customers feel -2 at touchpoint 'Searches tours' where +1 is wanted (a gap of 3), and no opportunity "
        "addresses it"
    )
    assert messages["negative-emotion-without-pain-point"] == (
        "customers feel -2 at touchpoint 'Searches tours' but no pain point says why"
    )


# -- spreadsheets -------------------------------------------------------------


def test_export_csv_has_one_column_group_per_persona_and_imports_back(cjm: Cjm, write: Callable[..., Path]) -> None:
    ws = write("cjm.yaml", (Path(__file__).parents[1] / "examples" / "cjm.yaml").read_text(encoding="utf-8")).parent
    # The admin's experience comes first on the touchpoint: the order survives the round trip.
    text = REPORTING.replace(
        "        experiences:\n",
        "        experiences:\n          - persona: agency-director\n            emotion: 1\n",
    ).replace(
        "          - persona: agency-director\n            emotion: 1\n      - id: report-share",
        "      - id: report-share",
    )
    write("journeys/r.cjm.yaml", text)
    original = journey_of(text)
    res = cjm("export", "csv", "journeys/r.cjm.yaml", "-o", "sheet.csv", cwd=ws)
    assert res.exit_code == 0, res.stderr
    header = (ws / "sheet.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-16:] == [
        "experience:social-manager",
        *(f"experience:social-manager:{f}" for f in facts_fields()),
        "experience:agency-director",
        *(f"experience:agency-director:{f}" for f in facts_fields()),
    ]
    res = cjm("import", "csv", "sheet.csv", "--id", "back", "-o", "journeys/back.cjm.yaml", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    back = journey_of((ws / "journeys" / "back.cjm.yaml").read_text(encoding="utf-8"))
    assert back.stages == original.stages
    assert [e.persona for e in back.stages[0].touchpoints[0].experiences] == ["agency-director", "social-manager"]


def facts_fields() -> tuple[str, ...]:
    return ("emotion", "desired_emotion", "feelings", "thoughts", "importance", "performance", "pain_points")


def test_import_csv_reports_a_bad_persona_cell_with_its_line_and_column(cjm: Cjm, write: Callable[..., Path]) -> None:
    sheet = (
        "stage,stage_name,touchpoint,touchpoint_name,personas,experience:social-manager:emotion\n"
        "report,Report,report-export,Exports a report,social-manager,furious\n"
    )
    path = write("sheet.csv", sheet)
    res = cjm("import", "csv", str(path), "--id", "r", "-o", "-", cwd=path.parent)
    assert res.exit_code == 1
    assert "sheet.csv:2:1:" in res.stdout + res.stderr
    assert "'furious' in column experience:social-manager:emotion is not a number" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr


# -- diff ---------------------------------------------------------------------


def test_diff_classifies_each_persona_s_emotion_and_names_it() -> None:
    from cjmkit.diffing import diff_journeys
    from cjmkit.diffing.formats.describe import sentence

    old = journey_of(REPORTING)
    worse = journey_of(
        REPORTING.replace(
            "          - persona: agency-director\n            emotion: 1\n",
            "          - persona: agency-director\n            emotion: -1\n",
        )
    )
    [c] = diff_journeys(old, worse)
    assert (c.kind, c.item, c.id, c.where, c.field, c.old, c.new) == (
        "changed",
        "experience",
        "agency-director",
        "report-export",
        "emotion",
        1,
        -1,
    )
    assert c.impact == "regression"
    assert sentence(c) == (
        'experience agency-director "agency-director at Exports a report for the client": emotion 1 -> -1 '
        "(emotion down)"
    )
    [back] = diff_journeys(worse, old)
    assert back.impact == "improvement"


def test_diff_reports_an_experience_added_or_removed_on_its_touchpoint() -> None:
    from cjmkit.diffing import diff_journeys
    from cjmkit.diffing.formats.describe import sentence

    old = journey_of(REPORTING)
    fewer = journey_of(REPORTING.replace("          - persona: agency-director\n            emotion: 1\n", ""))
    [removed] = diff_journeys(old, fewer)
    assert (removed.kind, removed.item, removed.id, removed.impact) == (
        "removed",
        "experience",
        "agency-director",
        "neutral",
    )
    assert sentence(removed).endswith("removed from touchpoint report-export")
    [added] = diff_journeys(fewer, old)
    assert (added.kind, added.id) == ("added", "agency-director")
    # A map without experiences gains them: one change per persona, not one touchpoint field change.
    bare = (
        REPORTING.split("        experiences:\n")[0]
        + "      - id: report-share"
        + REPORTING.split("      - id: report-share")[1]
    )
    changes = diff_journeys(journey_of(bare), old)
    assert [(c.kind, c.item, c.id) for c in changes] == [
        ("added", "experience", "social-manager"),
        ("added", "experience", "agency-director"),
    ]
