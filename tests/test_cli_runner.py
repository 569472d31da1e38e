"""The in-process ``cjm`` fixture shows what a real ``cjm`` process shows, and leaves no trace."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_cli, run_cli_process

BROKEN = MINIMAL.replace("emotion: 0", "emotion: 9").replace(
    "owner: web-team\n    touchpoints", "owner: web-teem\n    touchpoints"
)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "a.cjm.yaml"],
        ["lint", "--format", "json", "a.cjm.yaml"],
        ["lint", "-fgithub", "a.cjm.yaml"],  # through typer
        ["validate", "--format", "xml", "a.cjm.yaml"],  # a usage error
        ["render", "ok.cjm.yaml", "-f", "png", "-o", "-"],  # binary, through sys.stdout.buffer
        ["lint", "--help"],  # rich's layout: no terminal, the same width
        ["stats", "ok.cjm.yaml"],
        ["nope"],
    ],
)
def test_in_process_and_real_process_print_the_same(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.cjm.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "ok.cjm.yaml").write_text(MINIMAL, encoding="utf-8")
    inside = run_cli(*args, cwd=tmp_path)
    real = run_cli_process(*args, cwd=tmp_path)
    assert inside.exit_code == real.exit_code
    assert inside.stderr_bytes == real.stderr_bytes
    assert inside.stdout_bytes == real.stdout_bytes
    assert inside.stdout_bytes + inside.stderr_bytes  # the comparison is of something: every case prints
    assert (inside.stdout, inside.stderr) == (real.stdout, real.stderr)


def test_a_run_in_process_leaves_the_test_process_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "a.cjm.yaml").write_text(MINIMAL, encoding="utf-8")
    env, cwd, threshold = dict(os.environ), os.getcwd(), gc.get_threshold()
    res = run_cli("validate", "a.cjm.yaml", cwd=tmp_path, env={"CJM_TEST_ONLY": "1"})
    assert res.exit_code == 0, res.stdout + res.stderr
    assert dict(os.environ) == env  # NO_COLOR, PYDANTIC_DISABLE_PLUGINS... are gone again
    assert os.getcwd() == cwd
    assert gc.get_threshold() == threshold
