"""``cjm diff``: what changed in a journey, for the customer and for the company.

Items are matched by id, each change is classified as an improvement, a
regression or neutral, and the result is a :class:`DiffReport`::

    from cjmkit.diffing import diff_files, diff_revisions
    report = diff_revisions("main")          # the working tree against main
    for change in report.changes:
        print(change.impact, change.item, change.id, change.kind)
"""

from cjmkit.diffing.changes import Change, DiffReport, FileDiff, Summary
from cjmkit.diffing.compare import diff_catalog, diff_journeys
from cjmkit.diffing.files import diff_files, diff_for_git
from cjmkit.diffing.revisions import diff_revisions

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
