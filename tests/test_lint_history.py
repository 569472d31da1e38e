"""Lint rules fed by git history: off by default, on in cjm.yaml, quiet outside git."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diff_helpers import git
from history_story import checkout_map, commit_at

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

KPI_RULE = "kpi-moving-away-from-target"
PAIN_RULE = "pain-points-unchanged"
MAP = "journeys/checkout.cjm.yaml"


def _config(rules: dict[str, str] | None) -> str:
    text = "cjm: 1\n"
    if rules:
        text += "lint:\n  rules:\n" + "".join(f"    {name}: {level}\n" for name, level in rules.items())
    return text


def _validated(text: str) -> str:
    return text.replace("title: Checking out\n", "title: Checking out\nstatus: validated\n")


def make_repo(root: Path, versions: list[tuple[str, str]], rules: dict[str, str] | None = None) -> Path:
    """A repository whose map is committed once per (date, text), with a cjm.yaml turning ``rules`` on."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "cjm.yaml").write_text(_config(rules), encoding="utf-8")
    (root / "journeys").mkdir()
    for date, text in versions:
        (root / MAP).write_text(text, encoding="utf-8")
        commit_at(root, f"Review of {date}", date)
    return root


def kpi_versions(values: list[int]) -> list[tuple[str, str]]:
    """The checkout map with the payment KPI (target 98, higher is better) at ``values``, one commit a month."""
    return [
        (f"2026-0{i + 1}-10", checkout_map((-1, -1), value, f"2026-0{i + 1}-05", "planned", True))
        for i, value in enumerate(values)
    ]


def findings(cjm: Callable[..., Any], root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    r = cjm("lint", "-f", "json", *args, cwd=root)
    assert r.exit_code in (0, 1), r.stderr
    assert "Traceback" not in r.stderr
    return r.exit_code, json.loads(r.stdout)["diagnostics"]


def of(rule: str, diags: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in diags if d.get("rule") == rule]


def test_a_kpi_moving_away_over_three_commits_is_flagged_when_the_rule_is_on(
    tmp_path: Path, cjm: Callable[..., Any]
) -> None:
    root = make_repo(tmp_path / "repo", kpi_versions([95, 93, 90]), {KPI_RULE: "warning"})
    _, diags = findings(cjm, root)
    [d] = of(KPI_RULE, diags)
    text = (root / MAP).read_text(encoding="utf-8").splitlines()
    assert d["path"] == MAP
    assert text[d["line"] - 1].strip() == "- id: pay-success"
    assert d["code"] == "L312" and d["severity"] == "warning"
    assert "Payment success rate" in d["message"] and "target of 98 percent" in d["message"]
    assert "95 percent (2026-01-05), 93 percent (2026-02-05), 90 percent (2026-03-05)" in d["message"]


def test_a_kpi_fixed_in_the_working_copy_is_not_flagged_before_the_fix_is_committed(
    tmp_path: Path, cjm: Callable[..., Any]
) -> None:
    # The pre-commit hook lints the very change that brings the KPI back: it must not warn on it.
    root = make_repo(tmp_path / "repo", kpi_versions([95, 93, 90]), {KPI_RULE: "warning"})
    path = root / MAP
    path.write_text(path.read_text(encoding="utf-8").replace("current: 90", "current: 97"), encoding="utf-8")
    assert "current: 97" in path.read_text(encoding="utf-8")
    _, diags = findings(cjm, root)
    assert of(KPI_RULE, diags) == []


def test_the_rule_is_off_by_default(tmp_path: Path, cjm: Callable[..., Any]) -> None:
    root = make_repo(tmp_path / "repo", kpi_versions([95, 93, 90]))
    _, diags = findings(cjm, root)
    assert of(KPI_RULE, diags) == []
    # Naming it on the command line runs it, as for any rule.
    _, selected = findings(cjm, root, "--select", KPI_RULE)
    assert [d["rule"] for d in selected] == [KPI_RULE]


def test_a_kpi_that_moves_away_only_once_or_comes_back_is_not_flagged(tmp_path: Path, cjm: Callable[..., Any]) -> None:
    back = make_repo(tmp_path / "back", kpi_versions([95, 93, 94]), {KPI_RULE: "warning"})
    assert of(KPI_RULE, findings(cjm, back)[1]) == []
    short = make_repo(tmp_path / "short", kpi_versions([95, 93]), {KPI_RULE: "warning"})
    assert of(KPI_RULE, findings(cjm, short)[1]) == []
    # With measurements: 2, two values moving away are enough.
    two = make_repo(tmp_path / "two", kpi_versions([95, 93]), {KPI_RULE: "warning"})
    (two / "cjm.yaml").write_text(
        _config({KPI_RULE: "warning"}) + f"  options:\n    {KPI_RULE}: {{measurements: 2}}\n", encoding="utf-8"
    )
    assert len(of(KPI_RULE, findings(cjm, two)[1])) == 1


def test_outside_git_the_history_rules_say_nothing(tmp_path: Path, cjm: Callable[..., Any]) -> None:
    root = tmp_path / "plain"
    (root / "journeys").mkdir(parents=True)
    (root / "cjm.yaml").write_text(_config({KPI_RULE: "warning", PAIN_RULE: "error"}), encoding="utf-8")
    (root / MAP).write_text(_validated(kpi_versions([90])[0][1]), encoding="utf-8")
    r = cjm("lint", cwd=root)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert KPI_RULE not in r.stdout and PAIN_RULE not in r.stdout


def test_a_validated_map_whose_pain_points_have_not_changed_for_months(tmp_path: Path, cjm: Callable[..., Any]) -> None:
    versions = [(date, _validated(text)) for date, text in kpi_versions([90, 92, 95])]
    root = make_repo(tmp_path / "repo", versions, {PAIN_RULE: "warning"})
    _, diags = findings(cjm, root)
    [d] = of(PAIN_RULE, diags)
    assert d["code"] == "L407"
    assert (root / MAP).read_text(encoding="utf-8").splitlines()[d["line"] - 1] == "status: validated"
    # Commits that only measured KPIs do not count as a change of the pain points.
    assert "have not changed since 2026-01-10" in d["message"]
    # An uncommitted change to the pain points: the team is updating them now.
    edited = (root / MAP).read_text(encoding="utf-8").replace("severity: medium", "severity: high")
    (root / MAP).write_text(edited, encoding="utf-8")
    assert of(PAIN_RULE, findings(cjm, root)[1]) == []


def test_a_map_not_validated_or_recently_changed_is_not_flagged(tmp_path: Path, cjm: Callable[..., Any]) -> None:
    hypothesis = make_repo(tmp_path / "hypothesis", kpi_versions([90, 92]), {PAIN_RULE: "warning"})
    assert of(PAIN_RULE, findings(cjm, hypothesis)[1]) == []
    today = dt.date.today()
    recent = [(date, _validated(text)) for date, text in kpi_versions([90])]
    recent.append((today.isoformat(), _validated(checkout_map((-1, -1), 92, None, "planned", False))))
    fresh = make_repo(tmp_path / "fresh", recent, {PAIN_RULE: "warning"})
    assert of(PAIN_RULE, findings(cjm, fresh)[1]) == []


def test_rules_and_explain_say_off_by_default(cjm: Callable[..., Any]) -> None:
    r = cjm("explain", KPI_RULE)
    assert r.exit_code == 0
    assert "Default severity: off" in r.stdout and "Off by default: turn it on in cjm.yaml" in r.stdout
    listing = cjm("rules").stdout
    line = next(x for x in listing.splitlines() if KPI_RULE in x)
    assert "off" in line
