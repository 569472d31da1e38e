"""`cjm validate` answers before typer is imported, with the same behaviour as through typer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.cli.quick import parse_validate_args
from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"paths": [], "format": "auto", "jobs": 0}),
        (["a.cjm.yaml", "maps"], {"paths": [Path("a.cjm.yaml"), Path("maps")], "format": "auto", "jobs": 0}),
        (["--format", "json", "-j", "2", "x"], {"paths": [Path("x")], "format": "json", "jobs": 2}),
        (["--format=github", "--jobs=1"], {"paths": [], "format": "github", "jobs": 1}),
        (["--", "-odd-name.cjm.yaml"], {"paths": [Path("-odd-name.cjm.yaml")], "format": "auto", "jobs": 0}),
    ],
)
def test_simple_arguments_are_read_without_typer(args: list[str], expected: dict[str, object]) -> None:
    assert parse_validate_args(args) == expected


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--jobs", "many"], ["--format"], ["-fjson"], ["--fromat", "x"]])
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert parse_validate_args(args) is None


def test_quick_path_does_not_import_typer(write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL)
    code = (
        "import sys\nfrom cjmkit.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit as e:\n"
        "    print('exit', e.code, 'typer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("exit 0 False")


def test_typer_path_gives_the_same_result(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    quick = cjm("validate", "--format", "json", str(p))
    via_typer = cjm("validate", "-fjson", str(p))  # a spelling only typer reads
    assert quick.exit_code == via_typer.exit_code == 1
    assert json.loads(quick.stdout) == json.loads(via_typer.stdout)


def test_usage_errors_on_the_quick_path(cjm: Cjm, tmp_path: Path) -> None:
    res = cjm("validate", "--format", "xml", cwd=tmp_path)
    assert res.exit_code == 2 and "--format must be one of" in res.stderr
    res = cjm("validate", "--fromat", "json", cwd=tmp_path)
    assert res.exit_code == 2 and "No such option" in res.stderr + res.stdout
    assert "Traceback" not in res.stderr


def test_lint_arguments_are_read_without_typer() -> None:
    from cjmkit.cli.quick import parse_lint_args

    assert parse_lint_args(["maps", "--select", "L2", "-s", "map-stale", "--ignore=L404", "--fail-on", "warning"]) == {
        "paths": [Path("maps")],
        "format": "auto",
        "jobs": 0,
        "select": ["L2", "map-stale"],
        "ignore": ["L404"],
        "fail_on": "warning",
    }
    assert parse_lint_args(["--help"]) is None
    assert parse_lint_args(["--fail-on"]) is None


def test_lint_quick_and_typer_paths_agree(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL)
    quick = cjm("lint", "--format", "json", "--select", "L1", "--fail-on", "warning", str(p))
    via_typer = cjm("lint", "-fjson", "--select", "L1", "--fail-on", "warning", str(p))
    assert quick.exit_code == via_typer.exit_code == 1
    findings = json.loads(quick.stdout)["diagnostics"]
    assert findings == json.loads(via_typer.stdout)["diagnostics"]
    assert findings and all(d["code"].startswith("L1") for d in findings)
    bad = cjm("lint", "--fail-on", "never", str(p))
    assert bad.exit_code == 2 and "--fail-on must be one of" in bad.stderr


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_reader_that_stops_early_gets_no_traceback(command: str, write: Callable[..., Path]) -> None:
    """`cjm lint | head -1`: the pipe closes while cjm is still writing."""
    bad = MINIMAL.replace("emotion: 0", "emotion: 9")
    # Far more output than a pipe buffers (64 KB), so cjm is still writing when the pipe closes.
    folder = write("maps/m000.cjm.yaml", bad).parent
    for i in range(1, 400):
        (folder / f"m{i:03d}.cjm.yaml").write_text(bad.replace("id: checkout", f"id: checkout-{i}"), encoding="utf-8")
    args = [command, "--jobs", "1", str(folder)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cjmkit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert proc.returncode in (0, 1, 2)


def test_diff_arguments_are_read_without_typer() -> None:
    from cjmkit.cli.quick import parse_diff_args

    assert parse_diff_args(["old.cjm.yaml", "new.cjm.yaml", "-f", "json", "--exit-code", "-o", "out.json"]) == {
        "args": ["old.cjm.yaml", "new.cjm.yaml"],
        "format": "json",
        "output": Path("out.json"),
        "exit_code": True,
        "fail_on": "never",
        "engine": "auto",
        "git_external": False,
    }
    assert parse_diff_args(["main", "--fail-on=regression"])["fail_on"] == "regression"  # type: ignore[index]
    assert parse_diff_args([]) is None  # typer says which argument is missing
    assert parse_diff_args(["--help"]) is None
    assert parse_diff_args(["a", "--exit-code=yes"]) is None


def test_diff_quick_and_typer_paths_agree(cjm: Cjm, write: Callable[..., Path]) -> None:
    old = write("old.cjm.yaml", MINIMAL)
    new = write("new.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 2"))
    code = (
        "import sys\nfrom cjmkit.cli import main\n"
        "try:\n    main(['diff', '--exit-code', sys.argv[1], sys.argv[2]])\nexcept SystemExit as e:\n"
        "    print('exit', e.code, 'typer' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(old), str(new)], capture_output=True, text=True).stdout
    assert out.strip().endswith("exit 1 False")
    quick = cjm("diff", "--format", "json", str(old), str(new))
    via_typer = cjm("diff", "-fjson", str(old), str(new))  # a spelling only typer reads
    assert quick.exit_code == via_typer.exit_code == 0
    assert json.loads(quick.stdout) == json.loads(via_typer.stdout)
    assert json.loads(quick.stdout)["summary"]["improvements"] == 1
    bad = cjm("diff", "--fail-on", "always", str(old), str(new))
    assert bad.exit_code == 2 and "--fail-on must be one of" in bad.stderr


def test_start_up_does_not_load_package_metadata(write: Callable[..., Path]) -> None:
    """Pydantic's plugin lookup would import importlib.metadata (25-35 ms) to find no plugins."""
    p = write("a.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    code = (
        "import sys\nfrom cjmkit.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit as e:\n"
        "    print('exit', e.code, 'importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, check=True).stdout
    assert "error[E134]" in out  # the models still validate
    assert out.strip().endswith("exit 1 False")


def test_the_plugin_loader_stand_in_hands_anything_else_to_pydantic() -> None:
    code = (
        "import sys\nfrom cjmkit.cli import _skip_pydantic_plugin_loader\n"
        "_skip_pydantic_plugin_loader()\n"
        "from pydantic.plugin import _loader\n"
        "print(list(_loader.get_plugins()), 'importlib.metadata' in sys.modules)\n"
        "print(callable(_loader.entry_points), 'importlib.metadata' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[] False", "True True"]


def test_a_user_who_enables_pydantic_plugins_gets_the_real_lookup(write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL)
    code = (
        "import sys\nfrom cjmkit.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit as e:\n"
        "    print('exit', e.code, 'importlib.metadata' in sys.modules)\n"
    )
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": ""}
    out = subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip().endswith("exit 0 True")
