"""``cjm diff OLD NEW``: two journey files, each on disk or ``REV:path`` in git."""

from __future__ import annotations

from pathlib import Path

from cjmkit.diffing.changes import DiffReport
from cjmkit.diffing.report import Pair, build_report
from cjmkit.diffing.sources import Side, load_bytes, load_sides, parse_spec, read_spec

#: What git passes for the missing side of an added or deleted file.
NO_FILE = "/dev/null"


def diff_files(old: str, new: str) -> DiffReport:
    """Compare two journey files. Raises a usage error for a file or revision that does not exist."""
    specs = [parse_spec(old), parse_spec(new)]  # both named files must exist before anything is read
    old_side, new_side = load_sides([read_spec(s) for s in specs])
    return build_report([Pair(old_side, new_side)], old, new)


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
