"""``cjm history``: journey facts through git history, the KPI series, gaps, the cache and bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.history.series import journey_history
from cjmkit.history.versions import FactsCache
from diff_helpers import git
from history_story import EMOTIONS, GAPS, KPI_SERIES, VERSIONS, make_story

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return make_story(tmp_path / "maps")


@pytest.fixture
def cache_env(tmp_path: Path) -> dict[str, str]:
    return {"CJM_CACHE_DIR": str(tmp_path / "cache")}


def test_the_story_gives_the_expected_series_in_json(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    r = cjm("history", "-f", "json", cwd=story, env=cache_env)
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [c["subject"] for c in data["commits"]] == [v[-1] for v in VERSIONS]
    [checkout] = data["journeys"]
    assert checkout["id"] == "checkout"
    assert checkout["path"] == "journeys/checkout-flow.cjm.yaml"  # followed across the rename
    points = checkout["points"]
    assert [p.get("average_emotion") for p in points] == EMOTIONS
    assert [p.get("average_emotion_gap") for p in points] == GAPS
    # The broken version is a gap naming its first error, not zeroes.
    gap = points[2]
    assert gap["valid"] is False
    assert "pain_points" not in gap
    assert gap["error"] == "22:18 emotion 7 is out of range"
    assert gap["commit"] == data["commits"][2]["commit"]
    assert points[4]["renamed_from"] == "journeys/checkout.cjm.yaml"
    # The medium pain point is removed at the fourth commit; the high one stays until the end.
    assert [p["pain_points"]["medium"] for p in points if p["valid"]] == [1, 1, 0, 0, 0]
    assert [p["pain_points"]["high"] for p in points if p["valid"]] == [1, 1, 1, 1, 1]
    # The KPI approaches its target and reaches it.
    [kpi] = checkout["kpis"]
    assert kpi["id"] == "pay-success" and kpi["unit"] == "percent"
    assert [(v["date"], v["value"]) for v in kpi["values"]] == KPI_SERIES
    assert {v["target"] for v in kpi["values"]} == {98.0}
    assert [p["kpis"]["on-target"] for p in points if p["valid"]] == [0, 0, 0, 0, 1]
    # The opportunity moves to done at the last commit.
    assert [p["opportunities"]["done"] for p in points if p["valid"]] == [0, 0, 0, 0, 1]
    assert all(set(p["lint"]) == {"error", "warning", "info"} for p in points if p["valid"])


def test_text_says_each_change_in_words(story: Path, cjm: Callable[..., object], cache_env: dict[str, str]) -> None:
    r = cjm("history", cwd=story, env=cache_env)
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "2026-01-10" in out and "Map the checkout" in out
    assert "emotion -1.50 -> -1.00" in out
    assert "invalid (22:18 emotion 7 is out of range)" in out and "shown as a gap" in out
    assert "valid again" in out
    assert "moved from journeys/checkout.cjm.yaml" in out
    assert "KPI pay-success 97 -> 98 (target 98)" in out
    assert "opportunity faster-pay done" in out


def test_csv_has_one_row_per_journey_and_commit(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    r = cjm("history", "-f", "csv", cwd=story, env=cache_env)
    assert r.exit_code == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 6
    assert [row["state"] for row in rows] == ["valid", "valid", "invalid", "valid", "valid", "valid"]
    assert rows[2]["average_emotion"] == "" and rows[2]["pains_high"] == ""
    assert [row["average_emotion"] for row in rows] == ["-1.5", "-1.0", "", "0.0", "1.0", "1.0"]
    assert rows[-1]["opportunities_done"] == "1"


def test_since_and_until_take_dates_and_revisions(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    by_date = json.loads(cjm("history", "-f", "json", "--since", "2026-04-01", cwd=story, env=cache_env).stdout)
    assert [c["subject"] for c in by_date["commits"]] == [v[-1] for v in VERSIONS[3:]]
    # The series starts from the state before the range (the invalid March draft), then the changes.
    points = by_date["journeys"][0]["points"]
    assert [p.get("baseline", False) for p in points] == [True, False, False, False]
    assert points[0]["valid"] is False and [p["average_emotion"] for p in points[1:]] == EMOTIONS[3:]
    by_rev = json.loads(
        cjm("history", "-f", "json", "--since", "HEAD~2", "--until", "HEAD~1", cwd=story, env=cache_env).stdout
    )
    assert [c["subject"] for c in by_rev["commits"]] == [VERSIONS[4][-1]]


def test_the_cache_is_used_and_a_corrupt_entry_is_ignored(story: Path, tmp_path: Path) -> None:
    cache = FactsCache(tmp_path / "c")
    first = journey_history(start=story, cache=cache)
    assert first.computed == 6
    assert journey_history(start=story, cache=cache).computed == 0
    entries = sorted((tmp_path / "c").rglob("*.json"))
    assert len(entries) == 6
    entries[0].write_text("{not json", encoding="utf-8")
    again = journey_history(start=story, cache=cache)
    assert again.computed == 1
    assert [p.facts for p in again.journeys[0].points] == [p.facts for p in first.journeys[0].points]


def test_journey_option_picks_one_and_suggests_a_close_id(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    ok = cjm("history", "--journey", "checkout", "-f", "json", cwd=story, env=cache_env)
    assert ok.exit_code == 0 and json.loads(ok.stdout)["journeys"][0]["id"] == "checkout"
    bad = cjm("history", "--journey", "checkuot", cwd=story, env=cache_env)
    assert bad.exit_code == 2
    assert "no journey 'checkuot'" in bad.stderr and "did you mean 'checkout'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_outside_a_repository_exit_2(tmp_path: Path, cjm: Callable[..., object], minimal: str) -> None:
    (tmp_path / "a.cjm.yaml").write_text(minimal, encoding="utf-8")
    r = cjm("history", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert r.exit_code == 2
    assert "not inside a git repository" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_revision_exit_2(story: Path, cjm: Callable[..., object], cache_env: dict[str, str]) -> None:
    r = cjm("history", "--since", "no-such-tag", cwd=story, env=cache_env)
    assert r.exit_code == 2 and "unknown git revision 'no-such-tag'" in r.stderr


@pytest.mark.parametrize(("flag", "value"), [("--until", "2026-13-45"), ("--since", "2026-02-30")])
def test_a_date_that_is_no_date_is_a_usage_error(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str], flag: str, value: str
) -> None:
    # git would read it as some other day and answer for a range nobody asked for.
    r = cjm("history", flag, value, cwd=story, env=cache_env)
    assert r.exit_code == 2, r.stdout
    assert f"{flag} {value}: not a date" in r.stderr and "YYYY-MM-DD" in r.stderr


def test_commits_that_change_no_figure_are_counted_not_denied(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    from history_story import commit_at

    path = next((story / "journeys").glob("*.cjm.yaml"))
    path.write_text("# Reviewed in the December workshop.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    commit_at(story, "A comment", "2026-12-01")
    r = cjm("history", "--since", "2026-11-30", cwd=story, env=cache_env)
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "1 commit in this range changed journey files, but none changed a figure that history follows "
        "(emotions, pain points, KPIs, opportunities, lint counts).\n"
    )


def test_a_shallow_clone_says_how_far_back_history_goes(
    story: Path, tmp_path: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{story}", str(clone))
    r = cjm("history", "-f", "json", cwd=clone, env=cache_env)
    assert r.exit_code == 0, r.stderr
    assert "shallow clone; history goes back only to 2026-05-10" in r.stderr
    assert json.loads(r.stdout)["shallow"] is True


def test_the_readme_shows_the_story_as_cjm_prints_it(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    r = cjm("history", cwd=story, env=cache_env)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"$ cjm history\n{r.stdout}```" in readme


def test_a_journey_removed_inside_the_range_keeps_its_id(story: Path, tmp_path: Path) -> None:
    git(story, "rm", "-q", "journeys/checkout-flow.cjm.yaml")
    git(story, "commit", "-q", "-m", "Retire the checkout map")
    found = journey_history(start=story, since="HEAD~1", cache=FactsCache(tmp_path / "c"))
    [checkout] = found.journeys
    assert checkout.id == "checkout"
    assert [p.baseline for p in checkout.points] == [True, False]
    assert checkout.points[-1].facts is None  # removed
    assert [c.subject for c in found.commits] == ["Retire the checkout map"]


def test_the_text_names_an_opportunity_changing_status_a_new_kpi_and_a_large_value(
    story: Path, cjm: Callable[..., object], cache_env: dict[str, str]
) -> None:
    from history_story import commit_at

    path = next((story / "journeys").glob("*.cjm.yaml"))
    text = path.read_text(encoding="utf-8")
    assert "status: done" in text and "opportunities:\n" in text
    changed = text.replace("status: done", "status: dropped").replace(
        "opportunities:\n",
        "          - id: weekly-orders\n            name: Orders a week\n"
        "            target: 2000000\n            current: 1234567.5\nopportunities:\n",
        1,
    )
    path.write_text(changed, encoding="utf-8")
    commit_at(story, "Opportunity dropped, a new KPI", "2026-12-01")
    r = cjm("history", "--since", "2026-11-30", cwd=story, env=cache_env)
    assert r.exit_code == 0, r.stderr
    assert "KPI weekly-orders added at 1234567.5 (target 2000000)" in r.stdout
    assert "opportunities done 1 -> 0, dropped 0 -> 1" in r.stdout
    assert "e+" not in r.stdout
