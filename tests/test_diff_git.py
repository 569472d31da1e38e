"""``cjm diff`` against a real git repository: revisions, renamed and deleted files, bad input."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from diff_helpers import EXAMPLES, commit_all, git, init_repo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

JOURNEYS = EXAMPLES / "journeys"


def copy_example(repo: Path, name: str, to: str | None = None) -> Path:
    dest = repo / "journeys" / (to or name)
    dest.write_text((JOURNEYS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return dest


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Three commits: the maps; a better tour booking; a renamed social map and a deleted employee map."""
    repo = init_repo(tmp_path / "maps")
    tour = copy_example(repo, "tour-booking.cjm.yaml")
    copy_example(repo, "social-suite.cjm.yaml")
    copy_example(repo, "employee-journey.cjm.yaml")
    # A broken map nobody touches: only changed files are loaded, so it must not show up.
    (repo / "journeys" / "draft.cjm.yaml").write_text("cjm: 1\nid: draft\ntitle: [unfinished\n", encoding="utf-8")
    commit_all(repo, "Map the journeys")
    replace_in(tour, "emotion: -2\n", "emotion: 0\n")
    commit_all(repo, "Filters shipped: searching feels better")
    git(repo, "mv", "journeys/social-suite.cjm.yaml", "journeys/social.cjm.yaml")
    git(repo, "rm", "-q", "journeys/employee-journey.cjm.yaml")
    commit_all(repo, "Reorganise")
    return repo


def by_status(report: dict) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    out: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for j in report["journeys"]:
        out.setdefault(j["status"], []).append(j)
    return out


def test_two_revisions_report_modified_renamed_and_deleted_files(repo: Path, cjm: Callable[..., object]) -> None:
    r = cjm("diff", "HEAD~2", "HEAD", "--format", "json", cwd=repo)
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    files = by_status(report)
    assert set(files) == {"modified", "renamed", "deleted"}
    (tour,) = files["modified"]
    assert tour["journey"] == "tour-booking"
    emotion = [c for c in tour["changes"] if c["field"] == "emotion"]
    assert emotion and emotion[0]["impact"] == "improvement" and (emotion[0]["old"], emotion[0]["new"]) == (-2, 0)
    (social,) = files["renamed"]
    assert (social["old_path"], social["new_path"]) == (
        "HEAD~2:journeys/social-suite.cjm.yaml",
        "HEAD:journeys/social.cjm.yaml",
    )
    assert social["changes"] == []
    (employee,) = files["deleted"]
    assert employee["changes"][0]["kind"] == "removed" and employee["changes"][0]["item"] == "journey"
    assert "draft" not in r.stdout


def test_working_tree_against_a_revision_sees_new_and_broken_files(repo: Path, cjm: Callable[..., object]) -> None:
    copy_example(repo, "equipment-supply.cjm.yaml")  # untracked, not yet added to git
    replace_in(repo / "journeys" / "social.cjm.yaml", "cjm: 1", "cjm: 1\nid_typo: x")
    r = cjm("diff", "HEAD", cwd=repo / "journeys")
    assert r.exit_code == 1, "a side that does not validate is a problem found"
    assert "journeys/equipment-supply.cjm.yaml: new file" in r.stdout
    assert "journeys/social.cjm.yaml: could not be compared" in r.stdout
    assert "id_typo" in r.stdout


def test_one_file_at_a_revision_against_the_working_tree(repo: Path, cjm: Callable[..., object]) -> None:
    tour = repo / "journeys" / "tour-booking.cjm.yaml"
    replace_in(tour, "severity: high", "severity: critical")
    r = cjm("diff", "HEAD~2:journeys/tour-booking.cjm.yaml", "journeys/tour-booking.cjm.yaml", cwd=repo)
    assert r.exit_code == 0, r.stderr
    assert "emotion -2 -> 0 (emotion up)" in r.stdout
    assert "severity high -> critical (severity raised)" in r.stdout
    # One file alone: its last commit against the working tree, like "git diff FILE".
    alone = cjm("diff", "tour-booking.cjm.yaml", "--fail-on", "regression", cwd=repo / "journeys")
    assert alone.exit_code == 1
    assert "severity raised" in alone.stdout and "emotion up" not in alone.stdout


def test_exit_code_and_fail_on_regression_gate(repo: Path, cjm: Callable[..., object]) -> None:
    r = cjm("diff", "HEAD~2", "HEAD~1", cwd=repo)
    assert r.exit_code == 0, r.stdout
    assert cjm("diff", "HEAD~2", "HEAD~1", "--exit-code", cwd=repo).exit_code == 1
    assert cjm("diff", "HEAD~2", "HEAD~1", "--fail-on", "regression", cwd=repo).exit_code == 0
    assert cjm("diff", "HEAD~1", "HEAD~2", "--fail-on", "regression", cwd=repo).exit_code == 1
    assert cjm("diff", "HEAD", "HEAD", "--exit-code", cwd=repo).exit_code == 0


@pytest.mark.parametrize("rev", ["no-such-branch", "--output=/tmp/pwned", "-h", ""])
def test_bad_revisions_are_usage_errors(repo: Path, cjm: Callable[..., object], rev: str) -> None:
    r = cjm("diff", "--", rev, cwd=repo)
    assert r.exit_code == 2
    assert "revision" in r.stderr
    assert "Traceback" not in r.stderr
    assert not Path("/tmp/pwned").exists()


def test_outside_a_repository_is_a_clear_error(tmp_path: Path, cjm: Callable[..., object]) -> None:
    r = cjm("diff", "HEAD~1", cwd=tmp_path)
    assert r.exit_code == 2
    assert "not inside a git repository" in r.stderr


def test_missing_file_at_a_revision_is_a_usage_error(repo: Path, cjm: Callable[..., object]) -> None:
    r = cjm("diff", "HEAD~2:journeys/nope.cjm.yaml", "journeys/tour-booking.cjm.yaml", cwd=repo)
    assert r.exit_code == 2
    assert "no file 'journeys/nope.cjm.yaml' at revision 'HEAD~2'" in r.stderr


def test_git_diff_uses_cjm_through_gitattributes(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.cjm.yaml diff=cjm\n", encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} -m cjmkit diff --git-external"
    out = git(repo, "-c", f"diff.cjm.command={command}", "diff", "HEAD~2", "HEAD~1")
    assert "touchpoint tour-search" in out
    assert "emotion -2 -> 0 (emotion up)" in out
    # One account per file: the file's own summary, no second line over "all" files repeating it.
    assert "a/journeys/" not in out and "b/journeys/" not in out, out
    assert out.count("average emotion") == out.count(": changed")


def test_git_log_and_show_use_cjm_with_ext_diff_as_the_guide_says(repo: Path) -> None:
    guide = (EXAMPLES.parent / "docs" / "diff.md").read_text(encoding="utf-8")
    assert "git log -p --ext-diff" in guide and "git show --ext-diff" in guide
    (repo / ".gitattributes").write_text("*.cjm.yaml diff=cjm\n", encoding="utf-8")
    command = f"diff.cjm.command={shlex.quote(sys.executable)} -m cjmkit diff --git-external"
    plain = git(repo, "-c", command, "show", "HEAD~1")
    assert "+        emotion: 0" in plain and "emotion up" not in plain  # git show alone: a line diff
    shown = git(repo, "-c", command, "show", "--ext-diff", "HEAD~1")
    assert "emotion -2 -> 0 (emotion up)" in shown
    log = git(repo, "-c", command, "log", "-p", "--ext-diff", "-2", "--", "journeys/")
    assert "emotion -2 -> 0 (emotion up)" in log


def test_git_external_diff_of_a_renamed_file_names_both_paths(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.cjm.yaml diff=cjm\n", encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} -m cjmkit diff --git-external"
    out = git(repo, "-c", f"diff.cjm.command={command}", "diff", "-M", "HEAD~1", "HEAD", "--", "journeys/social*")
    assert out.startswith("journeys/social-suite.cjm.yaml -> journeys/social.cjm.yaml: moved or renamed"), out


def test_revisions_loaded_on_every_core_give_the_same_report(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Large change sets are loaded by this process and a forked one; the report must not change."""
    import io
    from typing import Any

    from cjmkit.diffing import diff_revisions, sources
    from cjmkit.diffing.formats import write_report

    copy_example(repo, "equipment-supply.cjm.yaml")  # untracked: a new file on the working-tree side
    replace_in(repo / "journeys" / "social.cjm.yaml", "severity: high", "severity: low")

    def report_json(rev: str) -> Any:
        out = io.StringIO()
        write_report(diff_revisions(rev, start=repo), "json", out)
        return json.loads(out.getvalue())

    one_process = report_json("HEAD~2")
    import cjmkit.parallel

    forks: list[int] = []
    real_fork = cjmkit.parallel._fork_share

    def counting_fork(task: Any, share: Any) -> Any:
        forks.append(len(share))
        return real_fork(task, share)

    monkeypatch.setattr(sources, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(cjmkit.parallel, "_fork_share", counting_fork)
    monkeypatch.setattr("cjmkit.parallel.default_jobs", lambda: 2)
    shared = report_json("HEAD~2")
    assert len(forks) == 1 and forks[0] >= 2  # a forked process loaded half of the sides
    assert shared == one_process
    statuses = sorted(j["status"] for j in shared["journeys"])
    assert statuses == ["added", "deleted", "modified", "renamed"]
