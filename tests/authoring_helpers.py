"""Helpers for the authoring tests: copies of the example workspace, comment inventories, key shuffling."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES

TEMPLATES = EXAMPLES.parent / "templates" / "journeys"


def example_journeys() -> list[Path]:
    return sorted((EXAMPLES / "journeys").glob("*.cjm.yaml"))


def template_files() -> list[Path]:
    return sorted(TEMPLATES.glob("*.cjm.yaml"))


def copy_examples(tmp_path: Path) -> Path:
    """A private copy of the example workspace, safe to rewrite."""
    target = tmp_path / "workspace"
    shutil.copytree(EXAMPLES, target)
    return target


def comments(text: str) -> list[str]:
    """Every comment in a YAML text, as written (a rough but sufficient scan for these files)."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            found.append(stripped)
        else:
            m = re.search(r"\s(#\s.*)$", line)
            if m and not re.search(r"[\"'][^\"']*#", line):
                found.append(m.group(1).strip())
    return sorted(found)


def shuffle_keys(text: str, seed: int) -> str:
    """The same map with the keys of every mapping in a random order (a "hand-written" messy file)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from cjmkit.authoring.roundtrip import dump_rt, load_rt

    rng = random.Random(seed)
    data = load_rt(text)

    def visit(node: Any) -> None:
        if isinstance(node, CommentedMap):
            keys = list(node.keys())
            rng.shuffle(keys)
            for k in keys:
                node.move_to_end(k)
                visit(node[k])
        elif isinstance(node, CommentedSeq):
            for item in node:
                visit(item)

    visit(data)
    return dump_rt(data)


def key_order(text: str) -> list[list[str]]:
    """The key order of every mapping in the file, depth first."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from cjmkit.authoring.roundtrip import load_rt

    out: list[list[str]] = []

    def visit(node: Any) -> None:
        if isinstance(node, CommentedMap):
            out.append(list(node.keys()))
            for v in node.values():
                visit(v)
        elif isinstance(node, CommentedSeq):
            for item in node:
                visit(item)

    visit(load_rt(text))
    return out


def bare_workspace(folder: Path) -> Path:
    """Make ``folder`` a workspace of its own, so no cjm.yaml in a folder above it is picked up."""
    (folder / "cjm.yaml").write_text("cjm: 1\n")
    return folder
