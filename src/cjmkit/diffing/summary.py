"""Per-journey and overall summaries: counts of each class of change, emotion and pain before -> after."""

from __future__ import annotations

from collections.abc import Sequence

from cjmkit.diffing.changes import Change, FileDiff, FileStatus, Summary
from cjmkit.diffing.compare import diff_journeys
from cjmkit.facts import average_emotion, average_emotion_across, pains_by_severity
from cjmkit.model.journey import Journey

#: The keys of :func:`cjmkit.facts.pains_by_severity`, for a side with no journey.
SEVERITY_KEYS = ("critical", "high", "medium", "low", "unprioritised")


def summarize(changes: Sequence[Change], old: Journey | None, new: Journey | None) -> Summary:
    summary = Summary()
    summary.count(list(changes))
    summary.emotion_before = average_emotion(old) if old else None
    summary.emotion_after = average_emotion(new) if new else None
    empty = dict.fromkeys(SEVERITY_KEYS, 0)
    summary.pains_before = pains_by_severity(old) if old else empty
    summary.pains_after = pains_by_severity(new) if new else dict(empty)
    return summary


def compare_journeys(
    old: Journey | None, new: Journey | None, old_path: str | None, new_path: str | None, *, renamed: bool = False
) -> FileDiff:
    """The :class:`FileDiff` of one journey file; ``None`` on a side means the file is not there.

    ``renamed``: the file itself moved (git rename detection, or the same journey id under a new path).
    """
    changes: list[Change]
    status: FileStatus
    if old is not None and new is not None:
        changes = diff_journeys(old, new)
        status = "renamed" if renamed else "modified" if changes else "unchanged"
    elif new is not None:
        changes = [Change("added", "journey", new.id, label=new.title)]
        status = "added"
    elif old is not None:
        changes = [Change("removed", "journey", old.id, label=old.title)]
        status = "deleted"
    else:
        raise ValueError("compare_journeys needs at least one side")
    shown = new or old
    assert shown is not None
    return FileDiff(
        status=status,
        old_path=old_path,
        new_path=new_path,
        journey_id=shown.id,
        title=shown.title,
        changes=changes,
        summary=summarize(changes, old, new),
    )


def overall(
    files: Sequence[FileDiff], workspace_changes: Sequence[Change], olds: list[Journey], news: list[Journey]
) -> Summary:
    """The whole diff's summary: every change counted once, emotion over every touchpoint compared."""
    summary = Summary()
    summary.count(list(workspace_changes))
    for f in files:
        summary.count(f.changes)
    summary.emotion_before = average_emotion_across(olds)
    summary.emotion_after = average_emotion_across(news)
    summary.pains_before = {k: sum(f.summary.pains_before.get(k, 0) for f in files) for k in SEVERITY_KEYS}
    summary.pains_after = {k: sum(f.summary.pains_after.get(k, 0) for f in files) for k in SEVERITY_KEYS}
    return summary
