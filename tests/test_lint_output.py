"""SARIF 2.1.0 and JUnit XML output of cjm lint."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.diagnostics.junit import to_junit
from cjmkit.diagnostics.sarif import to_sarif
from cjmkit.linting import all_rules
from cjmkit.linting.docs import sarif_rules
from conftest import run_cli
from lint_helpers import EXAMPLES, SARIF_SCHEMA, TOUR
from test_lint_cli import STALE_AND_UNOWNED, workspace

BROKEN = TOUR.replace("personas: [trey]", "personas: [tery]")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def assert_valid(validator: jsonschema.Draft4Validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_of_the_examples_validates_against_the_official_schema(validator):
    result = run_cli("lint", "--format", "sarif", str(EXAMPLES))
    assert result.exit_code in (0, 1), result.stderr
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "cjm"
    assert len(driver["rules"]) >= len(all_rules())


def test_sarif_carries_findings_validation_problems_and_rule_help(tmp_path, validator):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED, "broken.cjm.yaml": BROKEN})
    result = run_cli("lint", "--format", "sarif", cwd=root)
    assert result.exit_code == 1  # the broken file is an error
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    stale = next(r for r in results if r["ruleId"] == "L401")
    assert rules[stale["ruleIndex"]]["name"] == "map-stale"
    assert "Why is this bad?" in rules[stale["ruleIndex"]]["help"]["text"]
    assert rules[stale["ruleIndex"]]["defaultConfiguration"]["level"] == "warning"
    loc = stale["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "journeys/tour.cjm.yaml"
    assert loc["region"] == {"startLine": 7, "startColumn": 10}
    assert stale["level"] == "warning"
    invalid = next(r for r in results if r["ruleId"].startswith("E"))
    assert invalid["level"] == "error"
    assert rules[invalid["ruleIndex"]]["id"] == invalid["ruleId"]
    assert invalid["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "journeys/broken.cjm.yaml"


def test_sarif_of_a_whole_file_problem_has_no_region(validator):
    d = Diagnostic(code="E102", message="the file is larger than 5 MB", path="maps/big one.cjm.yaml")
    log = to_sarif([d], sarif_rules())
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "region" not in location
    assert location["artifactLocation"]["uri"] == "maps/big%20one.cjm.yaml"


def test_junit_report_fails_only_findings_at_or_above_fail_on(tmp_path):
    # The clean map must stay clean on any day this test runs, hence the suppression.
    clean = "# cjm: disable-file=map-stale\n" + TOUR.replace("tour-booking", "clean")
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED, "clean.cjm.yaml": clean})
    result = run_cli("lint", "--format", "junit", "--fail-on", "warning", cwd=root)
    assert result.exit_code == 1
    suites = ET.fromstring(result.stdout)
    assert suites.tag == "testsuites"
    assert suites.get("tests") == "3" and suites.get("failures") == "2"
    by_name = {s.get("name"): s for s in suites}
    assert set(by_name) == {"journeys/tour.cjm.yaml", "journeys/clean.cjm.yaml"}
    failures = by_name["journeys/tour.cjm.yaml"].findall("testcase/failure")
    assert {f.get("type") for f in failures} == {"warning"}
    assert any("map-stale" in (f.text or "") for f in failures)
    [clean_case] = by_name["journeys/clean.cjm.yaml"].findall("testcase")
    assert clean_case.find("failure") is None

    passing = ET.fromstring(run_cli("lint", "--format", "junit", cwd=root).stdout)
    assert passing.get("failures") == "0"
    assert len(passing.findall(".//system-out")) == 2


def test_junit_escapes_what_users_write():
    d = Diagnostic(
        code="L104",
        message="touchpoint 'Pays <fast> & \"safe\"' has no owner",
        path="a.cjm.yaml",
        line=3,
        column=5,
        severity=Severity.WARNING,
        rule="touchpoint-unowned",
    )
    root = ET.fromstring(to_junit([d], ["a.cjm.yaml"], fail_on=Severity.INFO))
    failure = root.find(".//failure")
    assert failure is not None
    assert failure.get("message") == "touchpoint 'Pays <fast> & \"safe\"' has no owner"


def test_schema_copy_is_the_sarif_2_1_0_schema():
    schema = json.loads(Path(SARIF_SCHEMA).read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"]


GAPS = "lint:\n  rules: {}\n  options:\n    perception-gap: {skip_when_addressed: false}"
# A stage inserted before the others and comment lines at the top: edits that move every line and index.
NEW_FIRST_STAGE = """\
  - id: hearing
    name: Hearing about tours
    owner: marketing
    touchpoints:
      - id: friend-tip
        name: Hears about the tour from a friend
        channel: website
        owner: marketing
        emotion: 1
        desired_emotion: 1
        next: [tour-search]
"""


def sarif_results(root: Path, *args: str) -> list[dict]:
    result = run_cli("lint", "--format", "sarif", *args, cwd=root)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["runs"][0]["results"]


def test_sarif_fingerprints_are_unique_per_finding_and_survive_edits_elsewhere(tmp_path, validator):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED}, GAPS)
    before = sarif_results(root)
    gaps = [r for r in before if r["ruleId"] == "L203"]
    assert len(gaps) == 2  # importance and performance of one touchpoint
    prints = [r["partialFingerprints"]["cjmFinding/v1"] for r in before]
    assert len(set(prints)) == len(prints), prints

    moved = "# Reviewed with the tour team.\n# Owner: CX.\n" + STALE_AND_UNOWNED.replace(
        "stages:\n", "stages:\n" + NEW_FIRST_STAGE, 1
    )
    (root / "journeys" / "tour.cjm.yaml").write_text(moved, encoding="utf-8")
    after = sarif_results(root)
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after if r["ruleId"] == "L203"] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in gaps
    ]
    same = {(r["ruleId"], r["partialFingerprints"]["cjmFinding/v1"]) for r in before}
    assert same <= {(r["ruleId"], r["partialFingerprints"]["cjmFinding/v1"]) for r in after}


def test_sarif_paths_are_relative_to_the_repository_root_when_run_from_a_subfolder(tmp_path, validator):
    repo = tmp_path / "shop"
    (repo / ".git").mkdir(parents=True)  # what cjm looks for: a clone's top folder
    (repo / "cx").mkdir()
    root = workspace(repo / "cx", {"tour.cjm.yaml": STALE_AND_UNOWNED})
    result = run_cli("lint", "--format", "sarif", ".", cwd=root / "journeys")
    log = json.loads(result.stdout)
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert locations == {"cx/journeys/tour.cjm.yaml"}
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {
        "%SRCROOT%"
    }


def test_sarif_outside_a_repository_is_relative_to_the_workspace(tmp_path, validator):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED})
    log = json.loads(run_cli("lint", "--format", "sarif", ".", cwd=root / "journeys").stdout)
    assert_valid(validator, log)
    [uri] = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uri == "journeys/tour.cjm.yaml"


def test_junit_has_one_uniquely_named_case_per_finding_as_gitlab_counts_them(tmp_path):
    root = workspace(tmp_path, {"tour.cjm.yaml": STALE_AND_UNOWNED}, GAPS)
    result = run_cli("lint", "--format", "junit", "--fail-on", "warning", cwd=root)
    findings = json.loads(run_cli("lint", "--format", "json", cwd=root).stdout)["diagnostics"]
    assert sum(d["rule"] == "perception-gap" for d in findings) == 2  # two findings of one rule on one line
    # GitLab keeps one test case per classname + name: a later case with the same pair replaces the earlier.
    cases = {(c.get("classname"), c.get("name")): c for c in ET.fromstring(result.stdout).iter("testcase")}
    failed = [c for c in cases.values() if c.find("failure") is not None]
    assert len(failed) == len(findings)


def test_junit_is_well_formed_xml_when_the_map_holds_control_characters(tmp_path):
    text = STALE_AND_UNOWNED.replace("name: Searches tours on the web site", 'name: "Bell\\a, escape\\e[31m, nul\\0"')
    root = workspace(tmp_path, {"tour.cjm.yaml": text}, GAPS)
    result = run_cli("lint", "--format", "junit", "--fail-on", "warning", cwd=root)
    suites = ET.fromstring(result.stdout.encode("utf-8"))  # raises on characters XML 1.0 forbids
    messages = [f.get("message") or "" for f in suites.iter("failure")]
    assert any("Bell\\x07, escape\\x1b[31m, nul\\x00" in m for m in messages), messages


def test_junit_writes_forbidden_characters_as_visible_escapes():
    d = Diagnostic(code="L104", message="a\x07b\x1bc\x00d\te", path="maps/x\x1b.cjm.yaml", line=3, rule="r")
    root = ET.fromstring(to_junit([d], [d.path], fail_on=Severity.INFO))
    case = root.find(".//testcase")
    assert case is not None and case.get("classname") == "maps/x\\x1b.cjm.yaml"
    assert root.find(".//failure").get("message") == "a\\x07b\\x1bc\\x00d\te"  # type: ignore[union-attr]
