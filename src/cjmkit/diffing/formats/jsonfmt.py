"""``--format json``: the documented structure (docs/diff.md), for bots and scripts."""

from __future__ import annotations

import json
import sys
from typing import IO

from cjmkit.diffing.changes import DiffReport


def write_json(report: DiffReport, stream: IO[str] | None = None) -> None:
    out = stream or sys.stdout
    json.dump(report.to_dict(), out, indent=2, ensure_ascii=False)
    out.write("\n")
