"""The ``lint:`` section of cjm.yaml, and --select / --ignore."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cjmkit.diagnostics import Severity
from cjmkit.linting import LintConfigError, SelectionError, lint, resolve_settings
from cjmkit.linting.registry import all_rules
from cjmkit.model import LintConfig
from cjmkit.validation.workspace_file import open_workspace
from conftest import run_cli
from lint_helpers import EXAMPLES, TODAY, TOUR

UNOWNED_STAGE = TOUR.replace("    owner: marketing\n    phase: acquisition\n", "    phase: acquisition\n")


def make_workspace(tmp_path: Path, lint_section: str, journey: str = UNOWNED_STAGE) -> Path:
    config = (EXAMPLES / "cjm.yaml").read_text(encoding="utf-8")
    head, _, _ = config.partition("\nlint:")
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cjm.yaml").write_text(head + "\n" + lint_section + "\nrender: {}\n", encoding="utf-8")
    (tmp_path / "journeys").mkdir()
    (tmp_path / "journeys" / "tour.cjm.yaml").write_text(journey, encoding="utf-8")
    return tmp_path


def rules_found(root: Path, **kwargs) -> dict[str, str]:
    report = lint([root], today=TODAY, **kwargs)
    return {d.rule: d.severity.value for d in report.diagnostics if d.rule}


def test_default_severity_applies_without_configuration(tmp_path):
    root = make_workspace(tmp_path, "lint: {}")
    assert rules_found(root) == {"stage-unowned": "warning"}


def test_severity_by_name_or_code_and_off(tmp_path):
    assert rules_found(make_workspace(tmp_path / "a", "lint:\n  rules: {stage-unowned: error}")) == {
        "stage-unowned": "error"
    }
    assert rules_found(make_workspace(tmp_path / "b", "lint:\n  rules: {L103: info}")) == {"stage-unowned": "info"}
    assert rules_found(make_workspace(tmp_path / "c", "lint:\n  rules: {stage-unowned: 'off'}")) == {}


def test_options_from_the_workspace_reach_the_rule(tmp_path):
    section = "lint:\n  options:\n    missing-required-touchpoint: {channels: [email]}"
    found = rules_found(make_workspace(tmp_path, section))
    assert found == {"stage-unowned": "warning", "missing-required-touchpoint": "warning"}


def test_unknown_rule_in_config_is_an_error_with_its_line(tmp_path):
    root = make_workspace(tmp_path, "lint:\n  rules:\n    stage-unowed: error")
    with pytest.raises(LintConfigError) as err:
        lint([root], today=TODAY)
    [d] = err.value.diagnostics
    assert d.code == "L010"
    assert d.path.endswith("cjm.yaml")
    lines = (root / "cjm.yaml").read_text().splitlines()
    assert lines[d.line - 1].strip().startswith("stage-unowed:")
    assert d.hint == "did you mean 'stage-unowned'?"


def test_unknown_option_and_wrong_value_are_errors(tmp_path):
    section = (
        "lint:\n  options:\n    emotion-gap: {min-gap: 3}\n    map-stale: {default_review_days: soon}\n    nope: {}"
    )
    root = make_workspace(tmp_path, section)
    with pytest.raises(LintConfigError) as err:
        lint([root], today=TODAY)
    by_code = {d.code: d for d in err.value.diagnostics}
    assert set(by_code) == {"L011", "L012", "L013"}
    assert by_code["L012"].hint == "did you mean 'min_gap'?"
    assert by_code["L013"].expected == "a whole number from 1 to 3650"
    assert by_code["L013"].found == "'soon'"


def test_an_option_list_is_checked_against_its_choices():
    bad = LintConfig(options={"pain-point-unaddressed": {"severities": ["urgent"]}})
    with pytest.raises(LintConfigError) as err:
        resolve_settings(bad)
    assert "low, medium, high, critical" in (err.value.diagnostics[0].expected or "")


def test_every_option_a_rule_reads_is_declared_with_a_type_that_fits_its_default():
    import re

    from cjmkit.linting.registry import all_rules

    for rule in all_rules():
        source = Path(rule.check.__code__.co_filename).read_text(encoding="utf-8")
        read = set(re.findall(r'ctx\.options\["(\w+)"\]', source))
        assert read == {o.name for o in rule.option_specs}, rule.name
        for option in rule.option_specs:
            assert option.problem(option.default) is None, (rule.name, option.name)


@pytest.mark.parametrize(
    ("rule", "option", "value", "expected"),
    [
        ("emotion-gap", "skip_when_addressed", "no", "true or false"),
        ("perception-gap", "min_gap", 2.5, "a whole number from 0 to 4"),
        ("missing-required-touchpoint", "channels", "email", "a list of names"),
        ("map-stale", "default_review_days", True, "a whole number from 1 to 3650"),
    ],
)
def test_option_values_are_checked_against_the_declared_type(rule, option, value, expected):
    with pytest.raises(LintConfigError) as err:
        resolve_settings(LintConfig(options={rule: {option: value}}))
    (problem,) = err.value.diagnostics
    assert problem.code == "L013" and problem.expected == expected


def test_select_and_ignore():
    every = resolve_settings(None)
    # Every rule but those off by default (they read git history).
    off = {"kpi-moving-away-from-target", "pain-points-unchanged"}
    assert set(every.severities) == {r.name for r in all_rules()} - off
    assert len(every.severities) == 32
    only = resolve_settings(None, select=["emotion-gap,L301"])
    assert set(only.severities) == {"emotion-gap", "pain-point-unprioritised"}
    prefix = resolve_settings(None, select=["L4"], ignore=["hypothesis-map"])
    assert set(prefix.severities) == {
        "map-stale",
        "map-never-reviewed",
        "validated-without-evidence",
        "journey-without-exit-stage",
        "journey-without-purpose",
    }
    assert "map-stale" not in resolve_settings(None, ignore=["L401"]).severities


def test_selecting_a_rule_the_workspace_turns_off_runs_it_at_its_default_severity():
    config = LintConfig(rules={"hypothesis-map": "off", "map-stale": "error"})
    assert "hypothesis-map" not in resolve_settings(config).severities
    chosen = resolve_settings(config, select=["hypothesis-map", "map-stale"])
    assert chosen.severities == {"map-stale": Severity.ERROR, "hypothesis-map": Severity.INFO}


def test_unknown_rule_in_select_is_a_usage_error():
    with pytest.raises(SelectionError, match="did you mean 'emotion-gap'"):
        resolve_settings(None, select=["emotion-gaps"])


def test_today_defaults_to_the_real_date():
    assert resolve_settings(None).today == dt.date.today()


def test_cli_exits_2_on_a_bad_configuration_and_names_the_line(tmp_path):
    root = make_workspace(tmp_path, "lint:\n  rules:\n    stage-unowed: error")
    result = run_cli("lint", str(root))
    assert result.exit_code == 2
    assert "cjm.yaml:" in result.stderr and "unknown lint rule 'stage-unowed'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_exits_2_on_an_unknown_selected_rule(tmp_path):
    root = make_workspace(tmp_path, "lint: {}")
    result = run_cli("lint", "--select", "stage-unowed", str(root))
    assert result.exit_code == 2
    assert "did you mean 'stage-unowned'" in result.stderr


def test_cli_exits_2_when_cjm_yaml_itself_is_invalid(tmp_path):
    root = make_workspace(tmp_path, "lint:\n  rules: {stage-unowned: loud}")
    result = run_cli("lint", str(root))
    assert result.exit_code == 2
    assert "cjm.yaml" in result.stderr


def test_a_misspelt_severity_is_called_a_severity_with_the_choices(tmp_path):
    root = make_workspace(tmp_path, "lint:\n  rules:\n    map-stale: eror")
    result = run_cli("lint", str(root))
    assert result.exit_code == 2
    assert "'eror' is not a valid severity for rule 'map-stale'" in result.stderr, result.stderr
    assert "expected one of: error, warning, info or off" in result.stderr
    assert "did you mean 'error'?" in result.stderr


def test_the_example_workspace_configuration_is_accepted():
    ws = open_workspace(EXAMPLES)
    assert ws.diagnostics == []
    assert lint([EXAMPLES], today=TODAY).files


def test_a_rule_off_by_default_runs_only_when_turned_on_or_named():
    assert "pain-points-unchanged" not in resolve_settings(None).severities
    # A group selected by its code prefix runs as it normally does: without the rules that are off.
    assert "pain-points-unchanged" not in resolve_settings(None, select=["L4"]).severities
    on = resolve_settings(LintConfig(rules={"L407": "error"}))
    assert on.severities["pain-points-unchanged"].value == "error"
    assert "kpi-moving-away-from-target" not in on.severities
    named = resolve_settings(None, select=["kpi-moving-away-from-target"])
    assert set(named.severities) == {"kpi-moving-away-from-target"}
    assert named.severities["kpi-moving-away-from-target"].value == "warning"
    assert "pain-points-unchanged" not in resolve_settings(LintConfig(rules={"L407": "off"})).severities
