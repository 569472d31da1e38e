"""The story a history tells: one checkout map committed six times over half a year.

Emotion rises, a pain point is removed, the payment KPI approaches its target and the
opportunity that fixes the slow payment is done. The third commit breaks the map (an
emotion of 7), so history must show a gap there, not a zero.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from diff_helpers import git, git_env

#: (commit date, file name, emotions of the two touchpoints, KPI value, measured date or None,
#: opportunity status, whether the medium pain point is still there, commit subject)
VERSIONS = [
    ("2026-01-10", "checkout", (-2, -1), 90, "2026-01-05", "idea", True, "Map the checkout"),
    ("2026-02-10", "checkout", (-1, -1), 92, "2026-02-01", "planned", True, "February review"),
    ("2026-03-10", "checkout", (7, -1), 92, "2026-02-01", "planned", True, "Draft of the March review"),
    ("2026-04-10", "checkout", (0, 0), 95, "2026-04-01", "in-progress", False, "Fee wording fixed"),
    ("2026-05-10", "checkout-flow", (1, 1), 97, None, "in-progress", False, "Renamed; May figures"),
    ("2026-06-10", "checkout-flow", (1, 1), 98, "2026-06-01", "done", False, "Faster payment shipped"),
]

#: What the six commits must give, in order (None: the invalid version, a gap).
EMOTIONS = [-1.5, -1.0, None, 0.0, 1.0, 1.0]
GAPS = [3.5, 3.0, None, 2.0, 1.0, 1.0]
KPI_SERIES = [
    ("2026-01-05", 90.0),
    ("2026-02-01", 92.0),
    ("2026-04-01", 95.0),
    ("2026-05-10", 97.0),  # no measured date in that version: the commit date
    ("2026-06-01", 98.0),
]


def checkout_map(emotions: tuple[int, int], kpi: int, measured: str | None, status: str, fees: bool) -> str:
    fee_pain = (
        """          - id: confusing-fees
            description: Fees appear only at the last step
            severity: medium
"""
        if fees
        else ""
    )
    measured_line = f'measured: "{measured}"\n' if measured else ""
    return f"""cjm: 1
id: checkout
title: Checking out
{measured_line}personas: [shopper]
catalog:
  personas:
    - {{id: shopper, name: Online shopper}}
  teams:
    - {{id: web-team, name: Web team}}
  channels:
    - {{id: website, name: Web site}}
stages:
  - id: cart
    name: Cart
    owner: web-team
    touchpoints:
      - id: view-cart
        name: Views the cart
        channel: website
        owner: web-team
        emotion: {emotions[0]}
        desired_emotion: 2
        pain_points:
          - id: slow-pay
            description: Payment page is slow
            severity: high
{fee_pain}  - id: payment
    name: Payment
    touchpoints:
      - id: pay
        name: Pays
        channel: website
        emotion: {emotions[1]}
        desired_emotion: 2
        kpis:
          - id: pay-success
            name: Payment success rate
            unit: percent
            target: 98
            current: {kpi}
opportunities:
  - id: faster-pay
    title: Speed up payment
    addresses: [slow-pay]
    kpis: [pay-success]
    status: {status}
"""


def commit_at(repo: Path, message: str, date: str) -> None:
    env = git_env(date)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


def make_story(repo: Path) -> Path:
    """The six commits in a new repository at ``repo`` (a bare folder: no cjm.yaml)."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "journeys").mkdir()
    current: Path | None = None
    for date, name, emotions, kpi, measured, status, fees, subject in VERSIONS:
        path = repo / "journeys" / f"{name}.cjm.yaml"
        if current is not None and current != path:
            git(repo, "mv", str(current.relative_to(repo)), str(path.relative_to(repo)))
        path.write_text(checkout_map(emotions, kpi, measured, status, fees), encoding="utf-8")
        current = path
        commit_at(repo, subject, date)
    return repo
