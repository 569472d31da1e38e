"""Whether a change is an improvement, a regression or neutral, for the customer and the company.

Every rule is symmetric on purpose: reading a diff backwards turns each
improvement into a regression and back, so a revert never looks like progress.
"""

from __future__ import annotations

from typing import Any

from cjmkit.diffing.changes import Impact
from cjmkit.facts import kpi_moved_toward_target, severity_rank
from cjmkit.model.journey import OPPORTUNITY_PROGRESS, Kpi, Opportunity, PainPoint, Touchpoint

Verdict = tuple[Impact, str | None]

NEUTRAL: Verdict = ("neutral", None)
#: Opportunity statuses that still promise work; adding or removing one of these matters.
OPEN_STATUSES = ("idea", "planned", "in-progress")
#: Severities called out first in a report.
CALLOUT_SEVERITIES = ("critical", "high")


def classify_field(item: str, name: str, old_item: Any, new_item: Any, old: Any, new: Any) -> Verdict:
    """The verdict on one field of an item changing from ``old`` to ``new``."""
    if name == "owner":
        return _owner(old, new)
    if item in ("touchpoint", "experience") and name == "emotion":
        return _emotion(old, new)
    if item == "pain point" and name == "severity":
        return _severity(old_item, new_item)
    if item == "KPI" and name == "current":
        return _kpi(old_item, new_item)
    if item == "opportunity" and name == "status":
        return _opportunity_status(old, new)
    return NEUTRAL


def _owner(old: Any, new: Any) -> Verdict:
    if old is None and new is not None:
        return "improvement", "now has an owner"
    if old is not None and new is None:
        return "regression", "no longer has an owner"
    return NEUTRAL


def _emotion(old: Any, new: Any) -> Verdict:
    if not isinstance(old, int) or not isinstance(new, int) or old == new:
        return NEUTRAL
    return ("improvement", "emotion up") if new > old else ("regression", "emotion down")


def _severity(old: PainPoint, new: PainPoint) -> Verdict:
    # A pain point prioritised for the first time (or no longer) is news, not a trend.
    if old.severity is None or new.severity is None:
        return NEUTRAL
    before, after = severity_rank(old), severity_rank(new)
    if after < before:
        return "improvement", "severity lowered"
    if after > before:
        return "regression", "severity raised"
    return NEUTRAL


def _kpi(old: Kpi, new: Kpi) -> Verdict:
    # When "better" itself flipped, a move in the value says nothing either way.
    if old.direction != new.direction:
        return NEUTRAL
    moved = kpi_moved_toward_target(old, new)
    if moved is None:
        return NEUTRAL
    if old.target is None:
        return ("improvement", "KPI moved the better way") if moved else ("regression", "KPI moved the wrong way")
    return ("improvement", "KPI moved toward its target") if moved else ("regression", "KPI moved away from its target")


def _opportunity_status(old: Any, new: Any) -> Verdict:
    if old == new:
        return NEUTRAL
    if new == "dropped":
        return "regression", "opportunity dropped"
    if old == "dropped":
        return "improvement", "opportunity taken up again"
    before, after = OPPORTUNITY_PROGRESS.get(str(old), 0), OPPORTUNITY_PROGRESS.get(str(new), 0)
    if after > before:
        return "improvement", "opportunity advanced"
    if after < before:
        return "regression", "opportunity moved back"
    return NEUTRAL


def classify_added(item: str, obj: Any) -> tuple[Impact, str | None, bool]:
    """The verdict on an item that appears, and whether to call it out."""
    if item == "pain point" and isinstance(obj, PainPoint):
        loud = obj.severity in CALLOUT_SEVERITIES
        return "regression", (f"new {obj.severity} pain point" if loud else "new pain point"), loud
    if item == "opportunity" and isinstance(obj, Opportunity) and obj.status in OPEN_STATUSES:
        return "improvement", "new opportunity", False
    return "neutral", None, False


def classify_removed(item: str, obj: Any) -> tuple[Impact, str | None, bool]:
    """The verdict on an item that disappears (the mirror of :func:`classify_added`)."""
    if item == "pain point" and isinstance(obj, PainPoint):
        return "improvement", "pain point gone", False
    if item == "opportunity" and isinstance(obj, Opportunity) and obj.status in OPEN_STATUSES:
        return "regression", "open opportunity dropped", False
    return "neutral", None, False


def classify_moment_of_truth(old: Touchpoint, new: Touchpoint) -> Verdict:
    """A moment of truth that loses (or gains) every KPI measuring it."""
    if not (old.moment_of_truth and new.moment_of_truth) or bool(old.kpis) == bool(new.kpis):
        return NEUTRAL
    if new.kpis:
        return "improvement", "moment of truth now measured by a KPI"
    return "regression", "moment of truth lost its KPI"
