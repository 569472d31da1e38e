"""Linting many files on several processes gives the same report as one process."""

from __future__ import annotations

from cjmkit.linting import lint
from lint_helpers import TODAY, TOUR
from test_lint_cli import workspace


def many_journeys(n: int) -> dict[str, str]:
    out = {}
    for i in range(n):
        text = TOUR.replace("id: tour-booking", f"id: tour-{i}")
        if i % 3 == 0:
            text = text.replace("    owner: marketing\n    phase: acquisition\n", "    phase: acquisition\n")
        if i % 5 == 0:
            text = text.replace("updated: 2026-10-14\n", "updated: 2021-01-04\n")
        if i % 7 == 0:
            text = text.replace("personas: [trey]", "personas: [nobody]")
        if i % 11 == 0:
            text = text.replace("  - id: research\n", "  - id: research  # cjm: disable=stage-unowned\n")
        out[f"tour-{i:02d}.cjm.yaml"] = text
    return out


def test_parallel_lint_matches_serial_lint(tmp_path):
    root = workspace(tmp_path, many_journeys(40))
    serial = lint([root], today=TODAY, jobs=1)
    parallel = lint([root], today=TODAY, jobs=2)
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert parallel.diagnostics == serial.diagnostics
    rules = [d.rule or d.code for d in serial.diagnostics]
    # Every third file has an unowned stage; files 0 and 21 are invalid (unknown persona) and 33 suppresses it.
    assert rules.count("stage-unowned") == 14 - 2 - 1
    # Every fifth file is stale; files 0 and 35 are invalid.
    assert rules.count("map-stale") == 8 - 2
    assert rules.count("E141") == 6
