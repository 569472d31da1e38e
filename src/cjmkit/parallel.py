"""Run a per-file check over many files, on every core, with results in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cjmkit.errors import WorkerError, WorkerLost

T = TypeVar("T")
A = TypeVar("A")

#: Below this many files a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 24


@dataclass(frozen=True)
class _Failure:
    """A worker's exception as plain data: pickled when it survives the trip, and in words."""

    pickled: bytes | None
    text: str

    @classmethod
    def of(cls, err: BaseException) -> _Failure:
        import pickle

        try:
            text = f"{type(err).__name__}: {err}"
        except Exception:  # an exception whose str() fails
            text = type(err).__name__
        try:
            data = pickle.dumps(err, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(data)  # some exceptions pickle but cannot be rebuilt
        except Exception:
            return cls(None, text)
        return cls(data, text)

    def exception(self) -> BaseException:
        import pickle

        if self.pickled is not None:
            try:
                err = pickle.loads(self.pickled)
            except Exception:
                err = None
            if isinstance(err, BaseException):
                return err
        return WorkerError(self.text)


@dataclass(frozen=True)
class _Guarded(Generic[A, T]):
    """``task`` run in a worker: an exception comes back as a :class:`_Failure`, never raised there.

    A raised exception is pickled by the pool itself, and one that holds an
    unpicklable object (a ctypes pointer, an open file) would replace the real
    error with a pickling error in the parent.
    """

    task: Callable[[A], T]

    def __call__(self, item: A) -> T | _Failure:
        try:
            return self.task(item)
        except Exception as err:
            return _Failure.of(err)


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
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, min(32, len(items) // (jobs * 4)))
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_Guarded(task), items, chunksize=chunk):
                if isinstance(result, _Failure):
                    raise result.exception()
                yield result
    except BrokenProcessPool:
        raise WorkerLost() from None


def map_split(task: Callable[[A], T], items: Sequence[A], jobs: int | None = None) -> list[T]:
    """``[task(item) for item in items]``, shared between this process and forked children.

    Meant for a few large items (the two sides of a diff): this process works on
    its own share instead of waiting, and a forked child starts with every module
    already imported and needs no arguments sent to it, so starting it costs
    milliseconds; only its results come back, pickled through a pipe. (A process
    pool would add its own start-up, queues and shutdown: 50-70 ms, a tenth of a
    diff.) Items are dealt out in turn (item 0 here, item 1 to the first child...),
    so the shares are alike. Where fork is not available everything runs here.

    An exception raised by ``task`` in a child is raised here.
    """
    jobs = min(default_jobs() if jobs is None or jobs <= 0 else jobs, len(items))
    if jobs <= 1 or not hasattr(os, "fork"):
        return [task(item) for item in items]
    shares = [list(items[k::jobs]) for k in range(jobs)]
    children = [_fork_share(task, share) for share in shares[1:]]
    try:
        done = [[task(item) for item in shares[0]]]
    finally:
        received = [_collect(child) for child in children]
    done += received
    return [done[i % jobs][i // jobs] for i in range(len(items))]


def _fork_share(task: Callable[[A], T], share: list[A]) -> tuple[int, int]:
    """Start a child that runs ``task`` over ``share`` and writes the pickled outcome to a pipe."""
    import pickle

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        code = 0
        try:
            try:
                outcome: tuple[bool, object] = (True, [task(item) for item in share])
            except BaseException as err:  # every failure goes back to the parent, as plain data
                outcome = (False, _Failure.of(err))
            try:
                payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as err:  # the results cannot be pickled: send what went wrong, in words
                payload = pickle.dumps((False, _Failure(None, f"{type(err).__name__}: {err}")))
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
        except BaseException:  # the parent reports a child that sent nothing
            code = 1
        finally:
            # Leave at once: no atexit handlers, no buffered output of the parent's written twice.
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(child: tuple[int, int]) -> list[Any]:
    """The results of a child from :func:`_fork_share`, or its exception raised here."""
    import pickle

    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:
        raise WorkerLost()
    ok, value = pickle.loads(payload)
    if not ok:
        raise value.exception()
    return value  # type: ignore[no-any-return]
