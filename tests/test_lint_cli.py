"""``cjm lint``, ``cjm rules`` and ``cjm explain`` as users run them."""

from __future__ import annotations

import json
from pathlib import Path

from cjmkit.diagnostics import Severity
from cjmkit.linting import lint
from conftest import run_cli
from lint_helpers import EXAMPLES, TODAY, TOUR

REPO = Path(__file__).resolve().parents[1]
STALE_AND_UNOWNED = TOUR.replace("updated: 2026-10-14\n", "updated: 2020-01-06\n").replace(
    "    owner: marketing\n    phase: acquisition\n", "    phase: acquisition\n"
)


def workspace(tmp_path: Path, journeys: dict[str, str], lint_section: str = "lint: {}") -> Path:
    config = (EXAMPLES / "cjm.yaml").read_text(encoding="utf-8").partition("\nlint:")[0]
    (tmp_path / "cjm.yaml").write_text(config + "\n" + lint_section + "\n", encoding="utf-8")
    for name, text in journeys.items():
        path = tmp_path / "journeys" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_text_output_names_file_line_rule_and_ends_with_a_summary(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED})
    result = run_cli("lint", "--format", "text", cwd=root)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    stale = next(line for line in lines if "[map-stale]" in line)
    assert stale.startswith("journeys/tour.cjm.yaml:7:10: warning[map-stale] the map is overdue for review")
    assert any(line.startswith("journeys/tour.cjm.yaml:11:5: warning[stage-unowned]") for line in lines)
    assert lines[-1] == "Found 2 warnings in 1 file (1 file linted)."
    assert "\033[" not in result.stdout


def test_fail_on_sets_the_exit_code(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED})
    assert run_cli("lint", cwd=root).exit_code == 0
    assert run_cli("lint", "--fail-on", "warning", cwd=root).exit_code == 1
    assert run_cli("lint", "--fail-on", "warning", "--ignore", "map-stale,L103", cwd=root).exit_code == 0
    assert run_cli("lint", "--fail-on", "loud", cwd=root).exit_code == 2


def test_a_rule_raised_to_error_in_cjm_yaml_fails_the_run(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED}, "lint:\n  rules: {map-stale: error}")
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 1
    assert "error[map-stale]" in result.stdout


def test_an_invalid_file_is_reported_as_validate_reports_it_and_not_linted(tmp_path):
    broken = STALE_AND_UNOWNED.replace("        emotion: 1\n", "        emotion: 5\n").replace(
        "personas: [trey]", "personas: [tery]"
    )
    root = workspace(tmp_path, {"broken.cjm.yaml": broken, "tour.cjm.yaml": STALE_AND_UNOWNED})
    linted = run_cli("lint", "--format", "json", cwd=root)
    validated = run_cli("validate", "--format", "json", cwd=root)
    assert linted.exit_code == validated.exit_code == 1
    lint_diags = json.loads(linted.stdout)["diagnostics"]
    validate_diags = json.loads(validated.stdout)["diagnostics"]
    broken_lint = [d for d in lint_diags if d["path"].endswith("broken.cjm.yaml")]
    assert broken_lint == validate_diags
    assert broken_lint and all(d["code"].startswith("E") for d in broken_lint)
    assert all(d["rule"] is None for d in broken_lint)
    assert {d["rule"] for d in lint_diags if d["path"].endswith("tour.cjm.yaml")} == {"map-stale", "stage-unowned"}


def test_json_output_has_the_documented_structure(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED})
    data = json.loads(run_cli("lint", "--format", "json", cwd=root).stdout)
    assert data["version"] == 1 and data["tool"] == "cjm lint" and data["files_checked"] == 1
    assert data["summary"] == {"error": 0, "warning": 2, "info": 0}
    [stale] = [d for d in data["diagnostics"] if d["rule"] == "map-stale"]
    assert stale["code"] == "L401" and stale["item_id"] == "tour-booking" and stale["key_path"] == "updated"
    assert stale["severity"] == "warning" and stale["line"] == 7


def test_github_format_writes_annotations(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED})
    result = run_cli("lint", cwd=root, env={"GITHUB_ACTIONS": "true"})
    assert "::warning file=journeys/tour.cjm.yaml,line=7,col=10,title=map-stale::the map is overdue" in result.stdout


def test_no_journeys_and_missing_paths_are_usage_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run_cli("lint", str(tmp_path / "empty")).exit_code == 2
    missing = run_cli("lint", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    assert run_cli("lint", "--format", "xml", str(tmp_path)).exit_code == 2


def test_rules_lists_every_rule_with_code_severity_and_summary():
    result = run_cli("rules")
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("L202"))
    assert "emotion-gap" in line and "warning" in line and "desired emotion" in line
    assert "34 rules." in result.stdout


def test_explain_prints_the_whole_documentation_by_name_or_code():
    by_code = run_cli("explain", "L401")
    by_name = run_cli("explain", "map-stale")
    assert by_code.exit_code == 0 and by_code.stdout == by_name.stdout
    for part in ("map-stale (L401)", "Default severity: warning", "default_review_days: 180", "Why is this bad?"):
        assert part in by_code.stdout
    unknown = run_cli("explain", "map-stal")
    assert unknown.exit_code == 2 and "did you mean 'map-stale'" in unknown.stderr


def test_explain_and_the_rules_page_list_every_option_with_type_default_and_doc():
    from cjmkit.linting.registry import all_rules

    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    with_options = [r for r in all_rules() if r.option_specs]
    assert {"emotion-gap", "perception-gap", "map-stale", "kpi-incomplete"} <= {r.name for r in with_options}
    for rule in with_options:
        text = run_cli("explain", rule.name).stdout
        section = page.split(f"\n## {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        for option in rule.option_specs:
            assert option.doc and option.doc.endswith("."), (rule.name, option.name)
            assert f"  {option.name}: " in text and f"({option.type_name}" in text and option.doc in text
            assert f"| `{option.name}` | {option.type_name}" in section and option.doc in section
    explained = run_cli("explain", "emotion-gap").stdout
    assert "skip_when_addressed: true  (boolean)" in explained
    assert "Stay quiet when an opportunity addresses" in explained


def test_docs_rules_md_is_up_to_date():
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    generated = run_cli("rules", "--markdown").stdout
    assert committed == generated, "docs/rules.md is out of date: run cjm rules --markdown > docs/rules.md"


def test_the_examples_are_clean_of_warnings():
    # "Today" is pinned: the examples' review dates must not make this test fail on a later day.
    report = lint([EXAMPLES], today=TODAY)
    serious = [d for d in report.diagnostics if d.severity.rank >= Severity.WARNING.rank]
    assert serious == [], "\n".join(f"{d.path}:{d.line}: {d.label} {d.message}" for d in serious)
    assert len(report.files) >= 1
