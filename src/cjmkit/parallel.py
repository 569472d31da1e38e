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
