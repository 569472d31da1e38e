"""``cjm diff`` on awkward paths and untrusted repositories: no traceback, nothing read from outside
the repository, and nothing the repository's git configuration names is ever run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from diff_helpers import commit_all, git, init_repo
from tests.conftest import MINIMAL, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SECRET = "cjm: 1\nid: leak\ntitle: Secret\naws_secret_access_key: AKIAEXAMPLE\nstages: []\n"


def _clean(res: object) -> str:
    out = res.stdout + res.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in out, out
    return out


@pytest.fixture
def spaced(tmp_path: Path) -> Path:
    """A repository without cjm.yaml whose journey sits in a folder with a space in its name."""
    repo = tmp_path / "maps"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "my journeys").mkdir()
    (repo / "my journeys" / "a.cjm.yaml").write_text(MINIMAL)
    commit_all(repo, "A map")
    (repo / "my journeys" / "a.cjm.yaml").write_text(MINIMAL.replace("name: Pays", "name: Pays online"))
    return repo


@pytest.mark.parametrize(
    "args",
    [
        ["my journeys/a.cjm.yaml"],
        ["HEAD:my journeys/a.cjm.yaml", "my journeys/a.cjm.yaml"],
        ["HEAD:./my journeys/a.cjm.yaml", "my journeys/a.cjm.yaml"],
    ],
)
def test_a_folder_name_with_a_space(spaced: Path, args: list[str]) -> None:
    res = run_cli("diff", *args, "--format", "json", cwd=spaced)
    _clean(res)
    assert res.exit_code == 0, res.stderr
    assert "Pays online" in res.stdout


def test_a_revision_path_outside_the_repository_is_a_usage_error(spaced: Path) -> None:
    (spaced.parent / "outside.cjm.yaml").write_text(MINIMAL)
    res = run_cli("diff", "HEAD:../outside.cjm.yaml", "my journeys/a.cjm.yaml", cwd=spaced)
    out = _clean(res)
    assert res.exit_code == 2 and "outside the git repository" in out, out


def test_one_file_that_links_out_of_the_repository(spaced: Path) -> None:
    (spaced.parent / "secret.yaml").write_text(SECRET)
    (spaced / "link.cjm.yaml").symlink_to(spaced.parent / "secret.yaml")
    res = run_cli("diff", "link.cjm.yaml", cwd=spaced)
    out = _clean(res)
    assert res.exit_code == 2, out
    assert "aws_secret_access_key" not in out


def test_a_committed_link_is_not_read_at_a_revision(spaced: Path) -> None:
    (spaced / "link.cjm.yaml").symlink_to("my journeys/a.cjm.yaml")
    commit_all(spaced, "A link")
    res = run_cli("diff", "HEAD:link.cjm.yaml", "my journeys/a.cjm.yaml", cwd=spaced)
    out = _clean(res)
    assert res.exit_code == 2 and "symbolic link" in out, out


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    """A workspace with a committed link and an untracked link to a secret outside the repository."""
    repo = init_repo(tmp_path / "maps")
    (repo / "journeys" / "a.cjm.yaml").write_text(MINIMAL)
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET)
    (repo / "journeys" / "committed.cjm.yaml").symlink_to(secret)
    commit_all(repo, "Maps")
    (repo / "journeys" / "untracked.cjm.yaml").symlink_to(secret)
    (repo / "journeys" / "a.cjm.yaml").write_text(MINIMAL.replace("name: Pays", "name: Pays online"))
    return repo


def test_diff_rev_skips_links_out_of_the_repository(leaky: Path) -> None:
    secret = leaky.parent / "secret.yaml"
    secret.write_text(SECRET.replace("AKIAEXAMPLE", "AKIACHANGED"))  # the link's target changes too
    for fmt in ("json", "text", "markdown"):
        res = run_cli("diff", "HEAD", "--format", fmt, cwd=leaky)
        out = _clean(res)
        assert res.exit_code in (0, 1), out
        assert "aws_secret" not in out and "leak" not in out and "AKIA" not in out, out
    report = json.loads(run_cli("diff", "HEAD", "--format", "json", cwd=leaky).stdout)
    assert [j["new_path"] for j in report["journeys"]] == ["journeys/a.cjm.yaml"]


@pytest.fixture
def booby_trapped(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose configuration names programs: a file-system monitor, filters, diff drivers."""
    repo = init_repo(tmp_path / "maps")
    ran = tmp_path / "ran"
    (repo / "journeys" / "a.cjm.yaml").write_text(MINIMAL)
    (repo / ".gitattributes").write_text("*.yaml filter=evil diff=evil\n")
    commit_all(repo, "Maps")
    record = f'sh -c "echo $0 >> {ran}; cat" '
    for key, value in [
        ("filter.evil.clean", record + "clean"),
        ("filter.evil.smudge", record + "smudge"),
        ("filter.evil.process", record + "process"),
        ("filter.Other.Name.clean", record + "clean2"),
        ("diff.evil.textconv", record + "textconv"),
        ("diff.evil.command", record + "command"),
        ("diff.external", record + "external"),
        ("core.fsmonitor", f'sh -c "echo fsmonitor >> {ran}; exit 1" #'),
        ("core.hooksPath", str(tmp_path / "hooks")),
    ]:
        git(repo, "config", key, value)
    (repo / "journeys" / "a.cjm.yaml").write_text(MINIMAL.replace("name: Pays", "name: Pays online"))
    (repo / "journeys" / "b.cjm.yaml").write_text(MINIMAL.replace("id: checkout", "id: other"))
    return repo, ran


@pytest.mark.parametrize(
    "args",
    [["HEAD"], ["HEAD", "HEAD"], ["journeys/a.cjm.yaml"], ["HEAD:journeys/a.cjm.yaml", "journeys/a.cjm.yaml"]],
)
def test_diff_runs_nothing_the_repository_configures(booby_trapped: tuple[Path, Path], args: list[str]) -> None:
    repo, ran = booby_trapped
    res = run_cli("diff", *args, "--format", "json", cwd=repo)
    _clean(res)
    assert res.exit_code in (0, 1), res.stderr
    assert not ran.exists(), ran.read_text()
    if args[-1] != "HEAD":
        assert "Pays online" in res.stdout
