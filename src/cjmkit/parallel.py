"""Run a per-file check over many files, on every core, with results in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
A = TypeVar("A")

#: Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 24


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_files(task: Callable[[A], T], items: Sequence[A], jobs: int | None = None) -> Iterator[T]:
    """``map(task, items)``, in order, spread over ``jobs`` processes when worth it.

    Results are yielded as they come, in input order, so the caller can print
    them without holding all of them (memory stays bounded by the chunk size).
    """
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or len(items) < MIN_FILES_FOR_POOL:
        for item in items:
            yield task(item)
        return
    # Imported here: the pool machinery costs start-up time that one-file runs never need.
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(task, items, chunksize=chunk)


def map_split(task: Callable[[A], T], items: Sequence[A], jobs: int | None = None) -> list[T]:
    """``[task(item) for item in items]``, shared between this process and forked workers.

    Meant for a few large items (the two sides of a diff): this process works on
    its own share instead of waiting, and a forked worker starts with every module
    already imported, so starting it costs milliseconds. Items are dealt out in
    turn (item 0 here, item 1 to the first worker...), so each share is alike.
    Where fork is not available everything runs here.
    """
    import multiprocessing

    jobs = min(default_jobs() if jobs is None or jobs <= 0 else jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    shares = [list(items[k::jobs]) for k in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = [pool.submit(_run_share, task, share) for share in shares[1:]]
        done = [[task(item) for item in shares[0]]] + [p.result() for p in pending]
    results: list[T] = []
    for i in range(len(items)):
        results.append(done[i % jobs][i // jobs])
    return results


def _run_share(task: Callable[[A], T], share: list[A]) -> list[T]:
    return [task(item) for item in share]
