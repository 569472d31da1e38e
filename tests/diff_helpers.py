"""Building blocks for the diff tests: the Tour De Farce example as data, edits to it, git repositories."""

from __future__ import annotations

import copy
import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from cjmkit.diffing import Change, diff_journeys
from cjmkit.loader import load_file
from cjmkit.model import Journey

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
TOUR = EXAMPLES / "journeys" / "tour-booking.cjm.yaml"


def tour_data() -> dict[str, Any]:
    """The Tour De Farce journey as plain data, a fresh copy each time."""
    return copy.deepcopy(load_file(TOUR).data)


def journey(data: dict[str, Any]) -> Journey:
    return Journey.model_validate(data)


def edited(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = tour_data()
    edit(data)
    return data


def changes_after(edit: Callable[[dict[str, Any]], None]) -> list[Change]:
    """The changes ``cjm diff`` finds when ``edit`` is applied to the example journey."""
    return diff_journeys(journey(tour_data()), journey(edited(edit)))


def stage(data: dict[str, Any], stage_id: str) -> dict[str, Any]:
    return next(s for s in data["stages"] if s["id"] == stage_id)


def touchpoint(data: dict[str, Any], tp_id: str) -> dict[str, Any]:
    return next(tp for s in data["stages"] for tp in s.get("touchpoints", []) if tp["id"] == tp_id)


def dump_yaml(data: dict[str, Any]) -> str:
    yaml = YAML()
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(data, buf)
    return buf.getvalue()


def git_env(date: str | None = None) -> dict[str, str]:
    """A git environment of its own: a fixed author, no user or system configuration; ``date`` dates commits."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Cx Team",
        "GIT_AUTHOR_EMAIL": "cx@example.com",
        "GIT_COMMITTER_NAME": "Cx Team",
        "GIT_COMMITTER_EMAIL": "cx@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if date is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00Z"
    return env


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True, text=True, check=True)
    return proc.stdout


def init_repo(path: Path) -> Path:
    """A git repository holding the example workspace's cjm.yaml, with nothing committed yet."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    (path / "cjm.yaml").write_text((EXAMPLES / "cjm.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (path / "journeys").mkdir(exist_ok=True)
    return path


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
