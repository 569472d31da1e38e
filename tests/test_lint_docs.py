"""The CI guide and the pre-commit hooks say things that work."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cjmkit.loader import parse
from conftest import run_cli

REPO = Path(__file__).resolve().parents[1]
CI_DOC = REPO / "docs" / "ci.md"


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def cjm_commands() -> list[list[str]]:
    """Every ``cjm validate`` / ``cjm lint`` command in the CI guide's YAML, without redirections."""
    out = []
    for block in yaml_blocks(CI_DOC.read_text(encoding="utf-8")):
        for match in re.finditer(r"(?:run:|- )\s*(cjm (?:validate|lint)[^>|\n]*)", block):
            out.append(shlex.split(match.group(1))[1:])
    return out


def test_the_ci_guide_yaml_parses():
    blocks = yaml_blocks(CI_DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 3
    for block in blocks:
        parse(block, "docs/ci.md")


@pytest.mark.parametrize("args", cjm_commands(), ids=lambda a: " ".join(a))
def test_every_command_in_the_ci_guide_runs(args):
    result = run_cli(*args, cwd=REPO / "examples")
    assert result.exit_code in (0, 1), result.stderr


def test_the_ci_guide_covers_github_gitlab_pre_commit_and_points_to_diff():
    text = CI_DOC.read_text(encoding="utf-8")
    assert "github/codeql-action/upload-sarif" in text and "security-events: write" in text
    assert "junit: cjm-lint.xml" in text
    assert "pre-commit install" in text
    section = text.split("## Reviewing changes with cjm diff", 1)[1]
    assert "(diff.md)" in section


def test_pre_commit_hooks_run_on_journey_files_and_the_checks_on_cjm_yaml():
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"cjm-validate", "cjm-lint", "cjm-fmt"}
    assert by_id["cjm-lint"]["entry"] == "cjm lint"
    assert by_id["cjm-fmt"]["entry"] == "cjm fmt"
    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert pattern.search("journeys/tour-booking.cjm.yaml")
        assert pattern.search("maps/old.cjm.yml")
        assert not pattern.search("config/settings.yaml") and not pattern.search("notcjm.yaml")
        # A change to cjm.yaml (catalog, lint settings, scoring) can break any map: the checks run.
        assert bool(pattern.search("cjm.yaml")) == (hook["id"] != "cjm-fmt")
        assert bool(pattern.search("maps/cjm.yaml")) == (hook["id"] != "cjm-fmt")
        assert hook["language"] == "python"


def test_pre_commit_snippets_pin_the_tag_the_release_checklist_makes():
    from cjmkit import __version__

    for doc in (REPO / "README.md", CI_DOC):
        pins = re.findall(r"^\s*rev: (\S+)", doc.read_text(encoding="utf-8"), re.M)
        assert pins and set(pins) == {f"v{__version__}"}, doc.name
    guide = CI_DOC.read_text(encoding="utf-8")
    assert f"`cjm --version` prints `cjm {__version__}`" in guide
    assert "git ls-remote https://github.com/cjmkit/cjmkit main" in guide  # before the first tag
    assert run_cli("--version").stdout == f"cjm {__version__}\n"
    checklist = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split("## Releasing", 1)[1]
    for step in ("src/cjmkit/__init__.py", "## [Unreleased]", "rev: vX.Y.Z", "git tag -a vX.Y.Z"):
        assert step in checklist, step
