"""What ``cjm diff``'s arguments name: two files, one file, one or two revisions, or git's external-diff call."""

from __future__ import annotations

import os
from pathlib import Path

from cjmkit.diffing.changes import DiffReport
from cjmkit.errors import UsageError


def diff_arguments(args: list[str], git_external: bool = False) -> DiffReport:
    """Compare what the command-line arguments name (see ``cjm diff --help``)."""
    from cjmkit.diffing import diff_files, diff_for_git, diff_revisions

    if git_external:
        if len(args) not in (7, 9):
            raise UsageError("--git-external takes the 7 (or 9) arguments git passes to an external diff program")
        # path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
        return diff_for_git(args[0], args[1], args[4], args[7] if len(args) == 9 else None)
    if len(args) == 1:
        (arg,) = args
        if Path(arg).is_file():
            # One file: as last committed, against the working tree (like "git diff FILE").
            rel = os.path.relpath(arg)
            return diff_files(f"HEAD:{rel if rel.startswith('../') else './' + rel}", arg)
        return diff_revisions(arg)
    if len(args) == 2:
        old, new = args
        if any(Path(a).exists() or ":" in a for a in args):
            return diff_files(old, new)
        return diff_revisions(old, new)
    raise UsageError("give two files (OLD NEW), a revision (REV) or two revisions (REV1 REV2)")
