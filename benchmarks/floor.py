"""The parse floor: read and parse the given YAML files with libyaml, nothing else.

This is the least any YAML-based checker must spend on the same files, in one
process, so ``cjm validate`` is compared against it.  Run as
``python benchmarks/floor.py FILE...`` (folders: every ``*.cjm.yaml`` below).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml  # type: ignore[import-untyped]


def files_from(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        found.extend(sorted(path.rglob("*.cjm.yaml")) if path.is_dir() else [path])
    return found


def main(args: list[str]) -> int:
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        print("PyYAML was built without libyaml: CSafeLoader is missing", file=sys.stderr)
        return 2
    for path in files_from(args):
        with path.open("rb") as handle:
            yaml.load(handle, Loader=loader)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
