"""Shared fixtures: run the real CLI, and build realistic journeys to break."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60) -> Result:
    """Run ``cjm`` as a real process, the way users and CI do."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1"}
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "cjmkit", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cjm() -> Callable[..., Result]:
    return run_cli


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
