"""Shared fixtures: run the real CLI, and build realistic journeys to break."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

MINIMAL = """\
cjm: 1
id: checkout
title: Checking out
personas: [shopper]
catalog:
  personas:
    - {id: shopper, name: Online shopper}
  teams:
    - {id: web-team, name: Web team}
  channels:
    - {id: website, name: Web site}
  systems:
    - {id: cms, name: Site platform}
stages:
  - id: cart
    name: Cart
    owner: web-team
    touchpoints:
      - id: view-cart
        name: Views the cart
        channel: website
        owner: web-team
        emotion: 0
        next: [pay]
  - id: payment
    name: Payment
    touchpoints:
      - id: pay
        name: Pays
        channel: website
        backstage:
          - {team: web-team, system: cms}
        pain_points:
          - id: slow-pay
            description: Payment page is slow
            severity: high
        kpis:
          - id: pay-success
            name: Payment success rate
            target: 98
opportunities:
  - id: faster-pay
    title: Speed up payment
    addresses: [slow-pay]
    kpis: [pay-success]
evidence:
  - id: analytics-q3
    kind: analytics
"""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    #: The same output as written, before decoding (``cjm render -f png`` writes binary data).
    stdout_bytes: bytes = b""
    stderr_bytes: bytes = b""


def _cli_env(env: dict[str, str] | None) -> dict[str, str]:
    """The environment of every CLI run in the tests: no colour, UTF-8, not inside GitHub Actions."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1"}
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return full_env


def _as_text(data: bytes) -> str:
    # What ``subprocess.run(..., text=True)`` gives: decoded, with universal newlines.
    return data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")


def run_cli_process(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    input: str | bytes | None = None,
) -> Result:
    """Run ``cjm`` as a real process, the way users and CI do.

    For what only a process shows: start-up, broken pipes, signals, exit codes after a
    crash, worker processes, file descriptors and devices, the interpreter's own flags.
    """
    proc = subprocess.run(
        [sys.executable, "-m", "cjmkit", *args],
        cwd=cwd,
        env=_cli_env(env),
        capture_output=True,
        input=input.encode("utf-8") if isinstance(input, str) else input,
        timeout=timeout,
    )
    return Result(proc.returncode, _as_text(proc.stdout), _as_text(proc.stderr), proc.stdout, proc.stderr)


#: The warning filters of a plain ``python`` run (pytest installs its own).
_PYTHON_WARNING_FILTERS = [
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, None),
    ("ignore", PendingDeprecationWarning, None),
    ("ignore", ImportWarning, None),
    ("ignore", ResourceWarning, None),
]


def run_cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    input: str | bytes | None = None,
) -> Result:
    """Run ``cjm`` inside this process, with what a separate process would see.

    Starting ``python -m cjmkit`` costs about 0.4 s, several hundred times a suite.
    Here ``cjmkit.cli.main`` runs with the same arguments, environment, working
    folder and standard streams (pipes: no terminal, UTF-8 as with PYTHONUTF8),
    and everything the CLI changes for its own process (environment, garbage
    collector thresholds, Pydantic's plugin loader, working folder) is put back.
    ``timeout`` is accepted for :func:`run_cli_process`'s sake and not enforced.
    """
    from cjmkit.cli import main

    stdin_data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape", write_through=True)
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(stdin_data), encoding="utf-8", errors="surrogateescape")
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_gc = gc.get_threshold()
    saved_loader = sys.modules.get(_PYDANTIC_PLUGIN_LOADER)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    code = 0
    try:
        os.environ.clear()
        os.environ.update(_cli_env(env))
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(_PYTHON_WARNING_FILTERS):
                warnings.filterwarnings(action, category=category, module=module or "")
            try:
                main(list(args))
            except SystemExit as done:
                code = _exit_code(done.code, stderr)
            except Exception:  # what the interpreter does with an uncaught exception
                stderr.write(traceback.format_exc())
                code = 1
        stdout.flush()
        stderr.flush()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        gc.set_threshold(*saved_gc)
        if saved_loader is None:
            sys.modules.pop(_PYDANTIC_PLUGIN_LOADER, None)
        else:
            sys.modules[_PYDANTIC_PLUGIN_LOADER] = saved_loader
    out = stdout.buffer.getvalue()  # type: ignore[attr-defined]
    err = stderr.buffer.getvalue()  # type: ignore[attr-defined]
    return Result(code, _as_text(out), _as_text(err), out, err)


_PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def _exit_code(code: object, stderr: TextIO) -> int:
    """The exit status ``sys.exit(code)`` gives a process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    stderr.write(f"{code}\n")
    return 1


@pytest.fixture
def cjm() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def cjm_process() -> Callable[..., Result]:
    """``cjm`` as a separate process: see :func:`run_cli_process`."""
    return run_cli_process


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under the test's folder and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def minimal() -> str:
    return MINIMAL


@pytest.fixture(autouse=True, scope="session")
def _history_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Reports of maps in git read their history; its cache goes to a temporary folder, never the user's home."""
    os.environ.setdefault("CJM_CACHE_DIR", str(tmp_path_factory.mktemp("cjm-cache")))
