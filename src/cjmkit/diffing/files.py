"""``cjm diff OLD NEW``: two journey files, each on disk or ``REV:path`` in git."""

from __future__ import annotations

from pathlib import Path

from cjmkit.diffing.changes import DiffReport
from cjmkit.diffing.pairs import Pair, build_report
from cjmkit.diffing.sources import Side, load_bytes, load_sides, parse_spec, read_spec

#: What git passes for the missing side of an added or deleted file.
NO_FILE = "/dev/null"


def diff_files(old: str, new: str) -> DiffReport:
    """Compare two journey files. Raises a usage error for a file or revision that does not exist."""
    specs = [parse_spec(old), parse_spec(new)]  # both named files must exist before anything is read
    old_side, new_side = load_sides([read_spec(s) for s in specs])
    return build_report([Pair(old_side, new_side)], old, new)


def diff_for_git(path: str, old_file: str, new_file: str, new_path: str | None = None) -> DiffReport:
    """Compare the two versions git hands an external diff program (``diff.<driver>.command``).

    ``path`` is the file's name in the repository (its old name when git saw a
    rename; ``new_path`` is then the new one); ``old_file`` and ``new_file`` are
    temporary copies, or ``/dev/null`` for the side of an added or deleted file.
    """
    from cjmkit.errors import UsageError
    from cjmkit.validation import open_workspace_for

    new_path = new_path or path
    workspace = open_workspace_for([new_path])

    sides: list[Side | None] = []
    for file, name in ((old_file, path), (new_file, new_path)):
        if file == NO_FILE:
            sides.append(None)
            continue
        try:
            raw = Path(file).read_bytes()
        except OSError as err:
            raise UsageError(f"{file}: cannot read the file ({err.strerror})") from None
        sides.append(load_bytes(raw, name, workspace))
    if sides[0] is None and sides[1] is None:
        raise UsageError("git gave no file to compare (both sides are /dev/null)")
    return build_report([Pair(sides[0], sides[1], renamed=new_path != path)], f"a/{path}", f"b/{new_path}")
