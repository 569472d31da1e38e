"""``cjm diff OLD NEW``: two journey files, each on disk or ``REV:path`` in git."""

from __future__ import annotations

from pathlib import Path

from cjmkit.diffing.changes import DiffReport
from cjmkit.diffing.report import Pair, build_report
from cjmkit.diffing.sources import FileSpec, Side, load_bytes, load_spec, parse_spec

#: What git passes for the missing side of an added or deleted file.
NO_FILE = "/dev/null"


#: Above this many bytes in all, the two sides are loaded at the same time on two cores.
PARALLEL_LOAD_BYTES = 512 * 1024


def diff_files(old: str, new: str) -> DiffReport:
    """Compare two journey files. Raises a usage error for a file or revision that does not exist."""
    old_spec, new_spec = parse_spec(old), parse_spec(new)
    old_side, new_side = _load_both(old_spec, new_spec)
    return build_report([Pair(old_side, new_side)], old, new)


def _load_both(old: FileSpec, new: FileSpec) -> tuple[Side, Side]:
    """Load both sides; two large files on disk are parsed at once, one in a forked process.

    Parsing is most of the time a diff of two large maps takes, and the sides are
    independent. A forked child already has every module imported, so it costs
    milliseconds; only the validated journey (not the parse tree) comes back.
    """
    import multiprocessing
    import os

    sizes = [s.path.stat().st_size for s in (old, new) if s.path is not None]
    fork_ok = "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1
    if len(sizes) < 2 or sum(sizes) < PARALLEL_LOAD_BYTES or not fork_ok:
        return load_spec(old), load_spec(new)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = pool.submit(load_spec, old)
        new_side = load_spec(new)
        return pending.result(), new_side


def diff_for_git(path: str, old_file: str, new_file: str) -> DiffReport:
    """Compare the two versions git hands an external diff program (``diff.<driver>.command``).

    ``path`` is the file's name in the repository; ``old_file`` and ``new_file``
    are temporary copies, or ``/dev/null`` for the side of an added or deleted file.
    """
    from cjmkit.validation import UsageError, open_workspace_for

    workspace = open_workspace_for([path])

    sides: list[Side | None] = []
    for file in (old_file, new_file):
        if file == NO_FILE:
            sides.append(None)
            continue
        try:
            raw = Path(file).read_bytes()
        except OSError as err:
            raise UsageError(f"{file}: cannot read the file ({err.strerror})") from None
        sides.append(load_bytes(raw, path, workspace))
    if sides[0] is None and sides[1] is None:
        raise UsageError("git gave no file to compare (both sides are /dev/null)")
    return build_report([Pair(sides[0], sides[1])], f"a/{path}", f"b/{path}")
