"""Opportunity scoring: each model's score, the formula language, and bad scoring input as validation errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.diagnostics import Diagnostic
from cjmkit.model.settings import ScoreField, Scoring
from cjmkit.scoring import (
    BUILTIN_MODELS,
    FieldRange,
    FormulaError,
    check_formula,
    evaluate,
    model_of,
    parse_formula,
    score,
)
from cjmkit.validation import check
from tests.conftest import MINIMAL, Result

WORKSPACE = "cjm: 1\n"


def _scored(scores: str) -> str:
    return MINIMAL.replace("    kpis: [pay-success]\n", f"    kpis: [pay-success]\n    scores: {scores}\n")


def _diagnostics(tmp_path: Path, scoring: str, journey: str = MINIMAL) -> list[Diagnostic]:
    (tmp_path / "cjm.yaml").write_text(WORKSPACE + scoring, encoding="utf-8")
    (tmp_path / "a.cjm.yaml").write_text(journey, encoding="utf-8")
    return check([tmp_path]).diagnostics


# -- each model ---------------------------------------------------------------


def test_rice_is_reach_times_impact_times_confidence_over_effort() -> None:
    got = score(BUILTIN_MODELS["rice"], {"reach": 400, "impact": 2, "confidence": 0.8, "effort": 4})
    assert got.value == pytest.approx(160)
    assert got.factors == {"reach": 400, "impact": 2, "confidence": 0.8, "effort": 4}
    assert got.quadrant is None


def test_ice_is_the_product() -> None:
    assert score(BUILTIN_MODELS["ice"], {"impact": 8, "confidence": 5, "ease": 3}).value == 120


@pytest.mark.parametrize(
    ("value", "effort", "quadrant"),
    [(5, 1, "quick win"), (4, 4, "big bet"), (2, 2, "fill-in"), (1, 5, "money pit"), (3, 3, "big bet")],
)
def test_value_effort_names_the_quadrant(value: int, effort: int, quadrant: str) -> None:
    got = score(BUILTIN_MODELS["value-effort"], {"value": value, "effort": effort})
    assert got.value == pytest.approx(value / effort)
    assert got.quadrant == quadrant


def test_custom_model_uses_its_formula() -> None:
    scoring = Scoring(
        model="custom",
        fields={
            "value": ScoreField(min=1, max=10),
            "effort": ScoreField(min=1, max=10),
            "risk": ScoreField(min=0, max=1),
        },
        formula="value * (1 - risk) / effort",
    )
    assert score(model_of(scoring), {"value": 8, "risk": 0.25, "effort": 2}).value == pytest.approx(3)


def test_a_missing_field_leaves_the_opportunity_unscored() -> None:
    got = score(BUILTIN_MODELS["rice"], {"reach": 400, "impact": 2})
    assert got.value is None
    assert got.factors == {"reach": 400, "impact": 2}


# -- the formula language -------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("12 / 3 / 2", 2),
        ("-a + 5", 3),
        ("a * -b", -6),
        (".5 * 4", 2),
        ("a*(b+1)/ (a + 1)", 8 / 3),
    ],
)
def test_the_formula_follows_arithmetic_precedence(formula: str, expected: float) -> None:
    assert evaluate(parse_formula(formula), {"a": 2, "b": 3}) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("formula", "column", "fragment"),
    [
        ("value * (effort", 9, "'(' is not closed"),
        ("value ** effort", 8, "where a number or field is expected"),
        ("value / effort)", 15, "')' without a matching '('"),
        ("value effort", 7, "unexpected 'effort'"),
        ("__import__('os')", 12, "not allowed"),
        ("value ^ 2", 7, "'^' is not allowed"),
        ("value *", 8, "ends where"),
        ("   ", 1, "is empty"),
    ],
)
def test_a_formula_syntax_error_names_its_column(formula: str, column: int, fragment: str) -> None:
    with pytest.raises(FormulaError) as err:
        parse_formula(formula)
    assert err.value.column == column
    assert fragment in err.value.message


def test_dividing_by_a_range_that_includes_zero_is_refused() -> None:
    fields = model_of(
        Scoring(model="custom", fields={"v": ScoreField(min=1, max=5), "r": ScoreField(min=0, max=1)}, formula="v")
    ).fields
    for formula in ("v / r", "v / (r * 2)", "v / (v - 3)", "v / 0"):
        with pytest.raises(FormulaError, match="divides by"):
            check_formula(parse_formula(formula), fields)
    for formula in ("v / (r + 1)", "v * (1 - r) / v", "(v - r) / (v + r)"):
        check_formula(parse_formula(formula), fields)


# -- bad input is a validation error at its place, with a fix -------------------------


def test_an_unknown_model_suggests_the_close_one(tmp_path: Path) -> None:
    [d] = _diagnostics(tmp_path, "scoring:\n  model: rise\n")
    assert (d.path.endswith("cjm.yaml"), d.line, d.column, d.code) == (True, 3, 10, "E133")
    assert d.hint == "did you mean 'rice'?"


def test_a_formula_with_a_syntax_error_is_reported_at_its_column(tmp_path: Path) -> None:
    scoring = 'scoring:\n  model: custom\n  fields: {v: {min: 1, max: 5}}\n  formula: "v * (v + 1"\n'
    [d] = _diagnostics(tmp_path, scoring)
    assert (d.line, d.column, d.code) == (5, 17, "E151")  # the '(' after the opening quote
    assert "'(' is not closed" in d.message


def test_a_formula_naming_an_undeclared_field(tmp_path: Path) -> None:
    scoring = "scoring:\n  model: custom\n  fields: {value: {min: 1, max: 5}, effort: {min: 1, max: 5}}\n"
    [d] = _diagnostics(tmp_path, scoring + "  formula: value / efort\n")
    assert (d.line, d.column, d.code) == (5, 20, "E151")
    assert "'efort'" in d.message and d.hint == "did you mean 'effort'?"


def test_a_formula_dividing_by_a_field_whose_range_includes_zero(tmp_path: Path) -> None:
    scoring = "scoring:\n  model: custom\n  fields: {value: {min: 1, max: 5}, effort: {min: 0, max: 5}}\n"
    [d] = _diagnostics(tmp_path, scoring + "  formula: value / effort\n")
    assert (d.line, d.column, d.code) == (5, 18, "E151")
    assert "divides by 'effort', whose range includes 0" in d.message
    assert d.hint is not None and "min: 1" in d.hint


def test_a_custom_model_needs_fields_and_a_formula(tmp_path: Path) -> None:
    found = _diagnostics(tmp_path, "scoring:\n  model: custom\n")
    assert [d.code for d in found] == ["E150", "E150"]
    assert {"a custom scoring model has no fields", "a custom scoring model has no formula"} == {
        d.message for d in found
    }


def test_fields_with_a_built_in_model_are_refused(tmp_path: Path) -> None:
    [d] = _diagnostics(tmp_path, "scoring:\n  model: ice\n  formula: impact\n")
    assert (d.line, d.code) == (4, "E150")
    assert "only for model: custom" in d.message


def test_a_field_name_with_a_dash_and_a_reversed_range(tmp_path: Path) -> None:
    fields = "{time-saved: {min: 1, max: 5}, cost: {min: 9, max: 1}}"
    scoring = f"scoring:\n  model: custom\n  fields: {fields}\n  formula: cost\n"
    found = _diagnostics(tmp_path, scoring)
    assert sorted(d.message for d in found) == [
        "'time-saved' cannot be a field name in a formula",
        "field 'cost' has min 9 above its max 1",
    ]


def test_a_score_field_the_model_does_not_know(tmp_path: Path) -> None:
    journey = _scored("{reach: 400, impact: 2, confidnce: 0.8, effort: 3}")
    [d] = _diagnostics(tmp_path, "scoring:\n  model: rice\n", journey)
    assert d.path.endswith("a.cjm.yaml") and d.code == "E152"
    assert d.line == journey.splitlines().index("    scores: {reach: 400, impact: 2, confidnce: 0.8, effort: 3}") + 1
    assert d.column == journey.splitlines()[d.line - 1].index("confidnce") + 1
    assert d.hint == "did you mean 'confidence'?"
    assert d.item_id == "faster-pay"


@pytest.mark.parametrize(
    ("scoring", "scores", "expected"),
    [
        ("model: rice", "{reach: 10, impact: 4, confidence: 1, effort: 1}", "one of 0.25, 0.5, 1, 2, 3"),
        ("model: rice", "{reach: 10, impact: 1, confidence: 1.5, effort: 1}", "a number from 0 to 1"),
        ("model: rice", "{reach: 10, impact: 1, confidence: 1, effort: 0}", "a number above 0"),
        ("model: rice", "{reach: -1, impact: 1, confidence: 1, effort: 1}", "a number of at least 0"),
        ("model: ice", "{impact: 11, confidence: 5, ease: 5}", "a number from 1 to 10"),
        ("model: value-effort", "{value: 6, effort: 1}", "a number from 1 to 5"),
        (
            "model: custom\n  fields: {v: {min: 1, max: 3}}\n  formula: v",
            "{v: 0.5}",
            "a number from 1 to 3",
        ),
    ],
)
def test_a_score_outside_its_range(tmp_path: Path, scoring: str, scores: str, expected: str) -> None:
    [d] = _diagnostics(tmp_path, f"scoring:\n  {scoring}\n", _scored(scores))
    assert d.code == "E152" and "is out of range" in d.message
    assert d.expected == expected


def test_scores_in_range_are_valid(tmp_path: Path) -> None:
    assert _diagnostics(tmp_path, "scoring:\n  model: rice\n", _scored("{reach: 0, impact: 0.25, effort: 0.5}")) == []


def test_the_command_line_reports_a_bad_score_with_file_line_and_fix(
    cjm: Callable[..., Result], write: Callable[..., Path]
) -> None:
    write("cjm.yaml", "cjm: 1\nscoring:\n  model: value-effort\n")
    journey = write("a.cjm.yaml", _scored("{value: 9, effort: 2}"))
    res = cjm("validate", cwd=journey.parent)
    assert res.exit_code == 1 and "Traceback" not in res.stdout + res.stderr
    line = _scored("").splitlines().index("    scores: ") + 1
    assert f"a.cjm.yaml:{line}:" in res.stdout
    assert "error[E152] score value 9 is out of range for the value-effort model" in res.stdout


def test_a_formula_too_deep_or_too_long_is_refused_not_a_crash() -> None:
    with pytest.raises(FormulaError, match="more than 32 deep"):
        parse_formula("(" * 40 + "1" + ")" * 40)
    with pytest.raises(FormulaError, match="more than 32 deep"):
        parse_formula("-" * 40 + "1")
    with pytest.raises(FormulaError, match="characters long"):
        parse_formula("a + " * 400 + "a")
    parse_formula("(" * 20 + "a" + ")" * 20)


def test_a_score_beyond_a_floats_range_is_left_unscored() -> None:
    formula = parse_formula("v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v * v")
    assert evaluate(formula, {"v": 1e15}) is None
    assert evaluate(parse_formula("v / (v - v)"), {"v": 2}) is None


def test_any_text_is_a_formula_or_a_formula_error() -> None:
    """Whatever is written in cjm.yaml, reading the formula never crashes: it parses or names a column."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from([*"ab1.0 +-*/()^_x\t\n'\"", "effort", "é", "\x00"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(alphabet, max_size=60).map("".join))
    def check(text: str) -> None:
        try:
            expr = parse_formula(text)
        except FormulaError as err:
            assert 1 <= err.column <= max(1, len(text) + 1)
            return
        fields = {"a": FieldRange(1, 5), "b": FieldRange(0, 1), "x": FieldRange(2, 3), "effort": FieldRange(1, 5)}
        try:
            check_formula(expr, fields)
        except FormulaError:
            return
        value = evaluate(expr, {"a": 1, "b": 0, "x": 2, "effort": 1})
        assert value is None or value == value  # never NaN

    check()
