"""The benchmark corpus generator makes valid, complete, reproducible journey maps.

The benchmarks time ``cjm`` on these maps; if the generator drifted away from
the format, they would time the error path instead, so this guards it.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cjmkit.validation import validate

REPO = Path(__file__).resolve().parents[1]


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


def _keys(value: object, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            _keys(item, found)
    elif isinstance(value, list):
        for item in value:
            _keys(item, found)
    return found


def test_generated_corpus_validates_and_is_reproducible(tmp_path: Path) -> None:
    opts = corpus.CorpusOptions(maps=16, seed=3, kb=(6, 12), tactical_every=5)
    first = corpus.generate(tmp_path / "a", opts)
    second = corpus.generate(tmp_path / "b", opts)

    report = validate([tmp_path / "a" / "journeys"])
    assert report.ok, [f"{d.path}:{d.line}: {d.message}" for d in report.diagnostics]
    assert len(report.results) == 16
    # Same seed, same bytes: figures from two runs compare like with like.
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    sizes = [p.stat().st_size for p in first]
    assert min(sizes) >= 5 * 1024 and max(sizes) <= 13 * 1024


def test_generated_maps_use_the_whole_format(tmp_path: Path) -> None:
    corpus.generate(tmp_path, corpus.CorpusOptions(maps=16, seed=5, kb=(8, 20), tactical_every=5))
    keys: set[str] = set()
    for spec in corpus.load_specs(tmp_path):
        _keys(corpus.build_map(spec), keys)
    expected = {
        "purpose", "view", "state", "status", "segment", "owner", "updated", "measured", "review_every",
        "personas", "catalog", "focus", "stages", "phase", "goal", "quotes", "touchpoints", "channel",
        "actions", "thoughts", "feelings", "emotion", "desired_emotion", "importance", "performance",
        "moment_of_truth", "next", "backstage", "team", "system", "process", "pain_points", "severity",
        "kpis", "target", "current", "direction", "cadence", "opportunities", "addresses", "stakeholders",
        "priority", "scores", "evidence", "kind", "url", "context",
    }  # fmt: skip
    assert expected <= keys, sorted(expected - keys)


def test_touchpoint_sizes_are_honoured(tmp_path: Path) -> None:
    corpus.generate(tmp_path, corpus.CorpusOptions(maps=3, seed=1, kb=None, touchpoints=(5, 500)))
    report = validate([tmp_path / "journeys"])
    assert report.ok
    for spec in corpus.load_specs(tmp_path):
        journey = corpus.build_map(spec)
        count = sum(len(stage["touchpoints"]) for stage in journey["stages"])
        assert count == spec.touchpoints and 5 <= count <= 500


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_history_edits_ten_maps_per_commit_and_keeps_them_valid(tmp_path: Path) -> None:
    corpus.generate(tmp_path, corpus.CorpusOptions(maps=24, seed=2, kb=(6, 10)))
    corpus.make_history(tmp_path, commits=2, files_per_commit=10, seed=2)
    log = subprocess.run(["git", "log", "--format=%s"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 3
    changed = subprocess.run(
        ["git", "diff", "--name-only", "HEAD~1", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(changed) == 10
    report = validate([tmp_path / "journeys"])
    assert report.ok, [f"{d.path}:{d.line}: {d.message}" for d in report.diagnostics]


def test_the_experiences_variant_gives_every_touchpoint_its_personas_and_stays_valid(tmp_path: Path) -> None:
    plain = corpus.CorpusOptions(maps=6, seed=4, kb=None, touchpoints=(5, 30), tactical_every=3)
    with_experiences = corpus.CorpusOptions(
        maps=6, seed=4, kb=None, touchpoints=(5, 30), tactical_every=3, experiences=3
    )
    corpus.generate(tmp_path / "plain", plain)
    corpus.generate(tmp_path / "exp", with_experiences)
    report = validate([tmp_path / "exp" / "journeys"])
    assert report.ok, [f"{d.path}:{d.line}: {d.message}" for d in report.diagnostics]
    for spec, plain_spec in zip(
        corpus.load_specs(tmp_path / "exp"), corpus.load_specs(tmp_path / "plain"), strict=True
    ):
        assert spec.experiences == 3 and plain_spec.experiences == 0
        journey = corpus.build_map(spec)
        plain_map = corpus.build_map(plain_spec)
        tps = [tp for stage in journey["stages"] for tp in stage["touchpoints"]]
        assert all(len(tp["experiences"]) == 3 for tp in tps)
        # Everything else is the map without experiences.
        for tp in tps:
            del tp["experiences"]
            tp.pop("personas", None)
        for stage in plain_map["stages"]:
            for tp in stage["touchpoints"]:
                tp.pop("personas", None)
        assert journey["stages"] == plain_map["stages"]
