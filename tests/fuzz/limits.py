"""Measure time and peak memory of cjm on a very large map and a very large workspace.

Not a test (it takes minutes); run it by hand::

    .venv/bin/python tests/fuzz/limits.py [--map-mb 15] [--maps 10000] [--jobs 0]

Each measurement runs ``cjm`` as a child process and reads the child's peak
resident memory (``ru_maxrss``) from the operating system.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from render_helpers import big_journey_data  # noqa: E402

WORKSPACE = """cjm: 1
catalog:
  teams:
    - {id: web-team, name: Web team}
    - {id: support, name: Support}
    - {id: sales, name: Sales}
    - {id: cx-team, name: CX team}
  channels:
    - {id: website, name: Web site}
    - {id: email, name: E-mail}
    - {id: phone, name: Phone}
    - {id: app, name: App}
  systems:
    - {id: crm, name: CRM}
  personas:
    - {id: trey, name: Trey Weller}
"""


#: Runs cjm as its child and reports that child's peak memory: one fresh measurement per command.
_WRAPPER = """
import resource, subprocess, sys
code = subprocess.call([sys.executable, "-m", "cjmkit", *sys.argv[1:]], stdout=subprocess.DEVNULL)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
"""


def measure(args: list[str], cwd: Path) -> dict[str, Any]:
    """Run ``cjm args`` in ``cwd``; its exit code, seconds and peak memory (MB; KiB from Linux ru_maxrss).

    With worker processes the figure is the largest single process, not their sum.
    """
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    code, peak_kib = proc.stderr.strip().splitlines()[-1].split()
    return {
        "command": "cjm " + " ".join(args),
        "exit": int(code),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(int(peak_kib) / 1024, 1),
        "traceback": "Traceback" in proc.stderr,
    }


def big_map(folder: Path, megabytes: float) -> Path:
    """A single realistic journey of about ``megabytes`` MB (JSON, which is YAML)."""
    per_tp = len(json.dumps(big_journey_data(100, 10), indent=1)) / 100
    touchpoints = int(megabytes * 1024 * 1024 / per_tp)
    data = big_journey_data(touchpoints, 50)
    data.pop("catalog", None)
    path = folder / "big.cjm.yaml"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def many_maps(folder: Path, count: int) -> None:
    (folder / "journeys").mkdir()
    for i in range(count):
        data = big_journey_data(12, 4)
        data["id"] = f"journey-{i}"
        data.pop("catalog", None)
        (folder / "journeys" / f"j{i:05d}.cjm.yaml").write_text(json.dumps(data, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map-mb", type=float, default=15)
    parser.add_argument("--maps", type=int, default=10_000)
    parser.add_argument("--jobs", default="0")
    opts = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one"
        one.mkdir()
        (one / "cjm.yaml").write_text(WORKSPACE, encoding="utf-8")
        path = big_map(one, opts.map_mb)
        print(f"map: {path.stat().st_size / 1048576:.1f} MB", file=sys.stderr)
        results.append(measure(["validate", path.name], one))
    with tempfile.TemporaryDirectory() as tmp:
        many = Path(tmp)
        (many / "cjm.yaml").write_text(WORKSPACE, encoding="utf-8")
        many_maps(many, opts.maps)
        print(f"workspace: {opts.maps} maps", file=sys.stderr)
        results.append(measure(["validate", "--jobs", opts.jobs] if _has_jobs() else ["validate"], many))
        results.append(measure(["lint", "--jobs", opts.jobs, "--format", "json"], many))
    print(json.dumps(results, indent=2))


def _has_jobs() -> bool:
    out = subprocess.run([sys.executable, "-m", "cjmkit", "validate", "--help"], capture_output=True, text=True)
    return "--jobs" in out.stdout


if __name__ == "__main__":
    main()
