"""``cjm history`` computes uncached versions on every core and says exactly what one process says."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cjmkit.parallel
from cjmkit.history import series
from cjmkit.history.series import journey_history
from cjmkit.history.versions import FactsCache
from history_story import make_story

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

REPO = Path(__file__).resolve().parents[1]


def _corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The ``jobs`` of every call that shared versions between processes (the real function still runs)."""
    calls: list[int | None] = []
    real = cjmkit.parallel.map_split

    def spy(task: Callable[[Any], Any], items: Any, jobs: int | None = None) -> list[Any]:
        calls.append(jobs)
        return real(task, items, jobs)

    monkeypatch.setattr(cjmkit.parallel, "map_split", spy)
    return calls


def _json(cjm: Callable[..., Any], where: Path, cache: Path, *args: str) -> str:
    r = cjm("history", "-f", "json", *args, cwd=where, env={"CJM_CACHE_DIR": str(cache)})
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def test_the_story_is_told_the_same_on_one_core_and_on_two(
    tmp_path: Path, cjm: Callable[..., Any], forks: list[int | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = make_story(tmp_path / "maps")
    monkeypatch.setattr(series, "PARALLEL_VERSIONS", 2)  # six versions: share them anyway
    one = _json(cjm, story, tmp_path / "cache", "--no-cache", "-j", "1")
    assert forks == []  # -j 1: everything in this process
    two = _json(cjm, story, tmp_path / "cache", "--no-cache", "--jobs", "2")
    assert forks == [2]
    assert two == one
    assert '"valid": false' in one  # the broken version is in it, a gap either way


def test_a_generated_history_is_the_same_on_one_core_and_on_two(
    tmp_path: Path, cjm: Callable[..., Any], forks: list[int | None]
) -> None:
    corpus = _corpus_module()
    root = tmp_path / "corpus"
    corpus.generate(root, corpus.CorpusOptions(maps=10, seed=5, kb=(4, 8), tactical_every=4))
    corpus.make_history(root, commits=6, files_per_commit=4)
    one = _json(cjm, root, tmp_path / "none", "--no-cache", "-j", "1")
    two = _json(cjm, root, tmp_path / "none", "--no-cache", "-j", "2")
    assert forks == [2]
    assert two == one
    # The parent writes what the workers computed to the cache, and a warm run reads it back the same.
    cold = journey_history(start=root, cache=FactsCache(tmp_path / "cache"), jobs=2)
    assert cold.computed >= 30  # 10 first versions and 24 changes (a map may change twice)
    warm = journey_history(start=root, cache=FactsCache(tmp_path / "cache"), jobs=2)
    assert warm.computed == 0
    assert warm.journeys == cold.journeys
    assert _json(cjm, root, tmp_path / "cache") == one


def test_a_worker_that_dies_is_an_error_not_a_traceback_and_nothing_is_cached(
    tmp_path: Path, cjm: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = make_story(tmp_path / "maps")
    monkeypatch.setattr(series, "PARALLEL_VERSIONS", 2)
    parent = os.getpid()
    real = series._compute

    def killed_in_children(task: Any) -> Any:
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would leave it: no result sent
        return real(task)

    monkeypatch.setattr(series, "_compute", killed_in_children)
    r = cjm("history", "-j", "2", cwd=story, env={"CJM_CACHE_DIR": str(tmp_path / "cache")})
    assert r.exit_code == 2
    assert "worker process ended without a result" in r.stderr
    assert "Traceback" not in r.stderr
    assert not list((tmp_path / "cache").rglob("*.json"))  # no half of a run kept as if it were whole
