"""``cjm diff``: what changed in a journey, for the customer and for the company.

Items are matched by id, each change is classified as an improvement, a
regression or neutral, and the result is a :class:`DiffReport`::

    from cjmkit.diffing import diff_files, diff_revisions
    report = diff_revisions("main")          # the working tree against main
    for change in report.changes:
        print(change.impact, change.item, change.id, change.kind)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cjmkit.diffing.changes import Change, DiffReport, FileDiff, Summary
    from cjmkit.diffing.compare import diff_catalog, diff_journeys
    from cjmkit.diffing.files import diff_files, diff_for_git
    from cjmkit.diffing.revisions import diff_revisions

#: Where each name lives. They are imported when first used, so that a module of this
#: package that needs none of them (``gitrepo``, for ``cjm history``) loads without the models.
_HOMES = {
    "Change": "changes",
    "DiffReport": "changes",
    "FileDiff": "changes",
    "Summary": "changes",
    "diff_catalog": "compare",
    "diff_journeys": "compare",
    "diff_files": "files",
    "diff_for_git": "files",
    "diff_revisions": "revisions",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "Change",
    "DiffReport",
    "FileDiff",
    "Summary",
    "diff_catalog",
    "diff_files",
    "diff_for_git",
    "diff_journeys",
    "diff_revisions",
]
