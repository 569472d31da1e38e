"""What each output format shows, and that user text cannot take over a PR comment or a page."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cjmkit.diffing import diff_journeys
from cjmkit.diffing.formats.markdown import render_markdown
from cjmkit.diffing.pairs import Pair, build_report
from cjmkit.diffing.sources import Side
from diff_helpers import EXAMPLES, dump_yaml, edited, touchpoint, tour_data

HOSTILE = '<img src=x onerror="alert(1)"> [win a prize](https://evil.example) @octocat **bold** `code` | cell'


def improved_and_hurt(d: dict[str, Any]) -> None:
    """Searching got better; a critical booking pain point with a hostile description appeared."""
    touchpoint(d, "tour-search")["emotion"] = 0
    touchpoint(d, "booking-form").setdefault("pain_points", []).append(
        {"id": "card-declined", "description": HOSTILE, "severity": "critical"}
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "cjm.yaml").write_text((EXAMPLES / "cjm.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "old.cjm.yaml").write_text(dump_yaml(tour_data()), encoding="utf-8")
    (tmp_path / "new.cjm.yaml").write_text(dump_yaml(edited(improved_and_hurt)), encoding="utf-8")
    return tmp_path


def test_markdown_puts_the_summary_table_first_and_details_folded(workspace: Path, cjm: Callable[..., Any]) -> None:
    r = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "markdown", cwd=workspace)
    assert r.exit_code == 0, r.stderr
    table = r.stdout.index("| Journey |")
    assert table < r.stdout.index("<details>")
    assert "| 1 | 1 |" in r.stdout  # one improvement, one regression
    assert "1 new high or critical pain point" in r.stdout


def test_markdown_escapes_user_text(workspace: Path, cjm: Callable[..., Any]) -> None:
    out = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "markdown", cwd=workspace).stdout
    assert "<img" not in out
    assert "](https" not in out
    assert "@octocat" not in out
    assert "**bold**" not in out
    # The only raw HTML tags are the ones the report itself uses.
    assert set(re.findall(r"</?([a-zA-Z]+)", out)) <= {"details", "summary"}
    assert "&lt;img" in out  # still readable as text


def test_json_has_the_documented_structure(workspace: Path, cjm: Callable[..., Any]) -> None:
    r = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "json", cwd=workspace)
    report = json.loads(r.stdout)
    assert set(report) == {"version", "tool", "old", "new", "summary", "workspace", "journeys"}
    assert report["summary"]["pain_points_by_severity"]["after"]["critical"] == 1
    (journey,) = report["journeys"]
    pain = next(c for c in journey["changes"] if c["id"] == "card-declined")
    assert pain == {
        "kind": "added",
        "item": "pain point",
        "id": "card-declined",
        "impact": "regression",
        "field": None,
        "old": None,
        "new": None,
        "label": HOSTILE,
        "where": "booking-form",
        "why": "new critical pain point",
        "callout": True,
    }


def test_text_lists_regressions_first_without_colour_in_a_pipe(workspace: Path, cjm: Callable[..., Any]) -> None:
    out = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", cwd=workspace).stdout
    assert "\033[" not in out
    lines = [line.strip() for line in out.splitlines()]
    first = next(i for i, line in enumerate(lines) if "card-declined" in line)
    better = next(i for i, line in enumerate(lines) if "emotion up" in line)
    assert first < better
    assert lines[first].startswith("! regression")


def test_html_draws_the_flow_with_changes_highlighted(workspace: Path, cjm: Callable[..., Any]) -> None:
    r = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "html", "-o", "diff.html", cwd=workspace)
    assert r.exit_code == 0, r.stderr
    page = (workspace / "diff.html").read_text(encoding="utf-8")
    assert "<svg" in page
    assert "changed" in page.split("<svg", 1)[1]  # the booking form and tour search are marked on the diagram
    assert "<img" not in page and "&lt;img" in page


def test_invalid_side_is_reported_with_its_diagnostics(workspace: Path, cjm: Callable[..., Any]) -> None:
    (workspace / "new.cjm.yaml").write_text(
        dump_yaml(edited(lambda d: touchpoint(d, "newsletter").update(emotion=5))), encoding="utf-8"
    )
    r = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", cwd=workspace)
    assert r.exit_code == 1
    assert "new.cjm.yaml:" in r.stdout and "emotion" in r.stdout
    assert "could not be compared" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_an_invalid_side_reports_no_fake_regressions(workspace: Path, cjm: Callable[..., Any]) -> None:
    (workspace / "new.cjm.yaml").write_text(
        dump_yaml(edited(lambda d: touchpoint(d, "newsletter").update(emotion="sad"))), encoding="utf-8"
    )
    text = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", cwd=workspace)
    assert text.exit_code == 1
    assert "could not be compared: the new side is not a valid journey" in text.stdout
    assert "nothing compared" in text.stdout
    assert not re.search(r"\d+ -> 0", text.stdout), text.stdout  # no pain point count "dropping" to 0
    assert "-> n/a" not in text.stdout
    md = cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "markdown", cwd=workspace).stdout
    assert "not compared" in md and not re.search(r"\d+ -&gt; 0", md), md
    data = json.loads(cjm("diff", "old.cjm.yaml", "new.cjm.yaml", "--format", "json", cwd=workspace).stdout)
    (only,) = data["journeys"]
    assert only["status"] == "invalid"
    assert only["summary"]["pain_points_by_severity"] == {"before": {}, "after": {}}


def test_two_one_megabyte_maps_compare_well_within_a_second() -> None:
    from cjmkit.model import Journey

    def big(bump: bool) -> Journey:
        stages = []
        for s in range(30):
            tps = []
            for t in range(60):
                n = s * 60 + t
                tp = {
                    "id": f"tp-{n}",
                    "name": f"Step {n} of booking a tour on the web site",
                    "owner": "web-team",
                    "emotion": (n % 5) - 2 + (1 if bump and n % 20 == 0 else 0),
                    "actions": ["Browses the full tour list", "Opens tour pages one by one"],
                    "importance": {"customer": 4, "company": 3},
                    "pain_points": [{"id": f"pain-{n}", "description": "No filter by country", "severity": "high"}],
                    "kpis": [{"id": f"kpi-{n}", "name": "Conversion", "target": 25, "current": 12 + bump}],
                }
                tps.append(tp)
            stages.append({"id": f"stage-{s}", "name": f"Stage {s}", "touchpoints": tps})
        return Journey.model_validate({"cjm": 1, "id": "big", "title": "A big map", "stages": stages})

    old, new = big(False), big(True)
    # Measured with libyaml: the same text as dump_yaml's, written in a twentieth of the time.
    import yaml

    text = yaml.dump(old.model_dump(mode="json"), Dumper=yaml.CSafeDumper, sort_keys=False, default_flow_style=False)
    assert len(text) > 1_000_000
    start = time.process_time()
    report = build_report([Pair(Side("old", old), Side("new", new))], "old", "new")
    render_markdown(report)
    took = time.process_time() - start
    assert report.summary.improvements == 1800 + 90  # every KPI moved toward target; every 20th emotion up
    assert took < 1.0, f"comparing two 1 MB maps took {took:.2f} s"
    assert diff_journeys(old, old) == []


def test_large_files_loaded_side_by_side_give_the_same_report(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    import io

    from cjmkit.diffing import files, sources
    from cjmkit.diffing.formats.jsonfmt import write_json

    def report_json(report: Any) -> Any:
        out = io.StringIO()
        write_json(report, out)
        return json.loads(out.getvalue())

    monkeypatch.chdir(workspace)
    sequential = report_json(files.diff_files("old.cjm.yaml", "new.cjm.yaml"))
    monkeypatch.setattr(sources, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr("cjmkit.parallel.default_jobs", lambda: 2)
    import cjmkit.parallel

    forks: list[int] = []
    real_fork = cjmkit.parallel._fork_share

    def counting_fork(task: Any, share: Any) -> Any:
        forks.append(len(share))
        return real_fork(task, share)

    monkeypatch.setattr(cjmkit.parallel, "_fork_share", counting_fork)
    side_by_side = report_json(files.diff_files("old.cjm.yaml", "new.cjm.yaml"))
    assert forks == [1]  # the new side was loaded in a forked process
    assert side_by_side == sequential
    assert sequential["summary"]["improvements"] >= 1
