"""Sharing work between this process and forked workers keeps results in input order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cjmkit.parallel import map_split


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_results_come_back_in_input_order_from_every_process(count: int) -> None:
    results = map_split(square_and_pid, list(range(count)), jobs=3)
    assert [r for r, _ in results] == [n * n for n in range(count)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids, "this process takes its own share instead of waiting"
    # Two shares may go to the same worker; a single item never leaves this process.
    assert len(pids) == 1 if count == 1 else len(pids) >= 2


def test_one_job_runs_everything_here() -> None:
    results = map_split(square_and_pid, [1, 2, 3], jobs=1)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="three"):
        map_split(fails_on_three, [0, 1, 2, 3], jobs=2)


class Unpicklable(Exception):
    def __reduce__(self):  # type: ignore[no-untyped-def]
        raise TypeError("cannot pickle this")


def fails_strangely(n: int) -> int:
    if n == 1:
        raise Unpicklable("odd")
    return n


def dies(n: int) -> int:
    if n == 1:
        os._exit(3)
    return n


def test_an_exception_that_cannot_travel_still_says_what_happened() -> None:
    with pytest.raises(RuntimeError, match="Unpicklable"):
        map_split(fails_strangely, [0, 1], jobs=2)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="ended without a result"):
        map_split(dies, [0, 1], jobs=2)


def test_no_worker_is_left_behind() -> None:
    import subprocess
    import sys

    code = (
        "import os\nfrom cjmkit.parallel import map_split\n"
        "print(map_split(abs, [-1, -2, -3, -4], jobs=2))\n"
        "try:\n    os.waitpid(-1, os.WNOHANG)\n    print('child left')\n"
        "except ChildProcessError:\n    print('no child')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[1, 2, 3, 4]", "no child"]


def test_a_lost_worker_is_a_plain_error_from_the_command(tmp_path: Path) -> None:
    """Killed or out of memory: the user reads what happened, not a traceback."""
    import subprocess
    import sys

    from tests.conftest import MINIMAL

    for name in ("old", "new"):
        (tmp_path / f"{name}.cjm.yaml").write_text(MINIMAL, encoding="utf-8")
    code = (
        "import os, sys\nimport cjmkit.diffing.sources as sources\nfrom cjmkit.cli import main\n"
        "sources.PARALLEL_LOAD_BYTES = 0\nimport cjmkit.parallel as p\np.default_jobs = lambda: 2\n"
        "real = sources._load_source\n"
        "def load(source):\n"
        "    if source.display.startswith('new'):\n        os._exit(9)  # the child dies\n"
        "    return real(source)\n"
        "sources._load_source = load\n"
        "main(['diff', 'old.cjm.yaml', 'new.cjm.yaml'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("cjm: error: a worker process ended without a result"), proc.stderr
    assert "Traceback" not in proc.stderr


def dies_on_thirty(n: int) -> int:
    if n == 30:
        os._exit(9)
    return n


def test_a_lost_pool_worker_is_the_same_plain_error() -> None:
    from cjmkit.errors import WorkerLost
    from cjmkit.parallel import map_files

    with pytest.raises(WorkerLost, match="ended without a result"):
        list(map_files(dies_on_thirty, list(range(60)), jobs=2))


class HoldsAPointer(Exception):
    """Like an error from a native library: it carries a ctypes pointer, which cannot be pickled."""

    def __init__(self, message: str) -> None:
        import ctypes

        super().__init__(message, ctypes.pointer(ctypes.c_int(7)))


def fails_with_a_pointer(n: int) -> int:
    if n == 30:
        raise HoldsAPointer("layout failed")
    return n


def fails_plainly(n: int) -> int:
    if n == 30:
        raise ValueError("thirty")
    return n


def test_a_pool_worker_error_that_cannot_be_pickled_arrives_in_words() -> None:
    from cjmkit.parallel import WorkerError, map_files

    with pytest.raises(WorkerError, match=r"HoldsAPointer: .*layout failed"):
        list(map_files(fails_with_a_pointer, list(range(60)), jobs=2))


def test_a_pool_worker_error_that_can_travel_keeps_its_type() -> None:
    from cjmkit.parallel import map_files

    with pytest.raises(ValueError, match="thirty"):
        list(map_files(fails_plainly, list(range(60)), jobs=2))


def test_a_forked_worker_error_that_cannot_be_pickled_arrives_in_words() -> None:
    from cjmkit.parallel import WorkerError

    with pytest.raises(WorkerError, match="HoldsAPointer"):
        map_split(fails_with_a_pointer, [0, 30], jobs=2)


def test_a_site_page_whose_error_cannot_be_pickled_is_a_plain_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import MINIMAL

    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    for i in range(30):
        (tmp_path / f"j{i}.cjm.yaml").write_text(MINIMAL.replace("id: checkout", f"id: j{i}"), encoding="utf-8")
    code = (
        "import multiprocessing\nmultiprocessing.set_start_method('fork', force=True)\n"
        "import cjmkit.rendering.site as site\nfrom tests.test_parallel import HoldsAPointer\n"
        "real = site.html_report\n"
        "def report(journey, *a, **k):\n"
        "    if journey.id == 'j17':\n        raise HoldsAPointer('embedded layout crashed')\n"
        "    return real(journey, *a, **k)\n"
        "site.html_report = report\n"
        "from cjmkit.cli import main\nmain(['render', '--site', 'out'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "HoldsAPointer: " in proc.stderr and "embedded layout crashed" in proc.stderr
