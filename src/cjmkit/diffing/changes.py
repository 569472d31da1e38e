"""What a diff is made of: one :class:`Change` per thing that changed, grouped per journey file."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from cjmkit.diagnostics import Diagnostic

if TYPE_CHECKING:
    from cjmkit.model.catalog import Catalog
    from cjmkit.model.journey import Journey

Impact = Literal["improvement", "regression", "neutral"]
ChangeKind = Literal["added", "removed", "renamed", "moved", "reordered", "changed"]
FileStatus = Literal["modified", "unchanged", "added", "deleted", "renamed", "invalid"]


@dataclass(frozen=True)
class Change:
    """One change to one item, matched by id between the old and the new side.

    ``old`` and ``new`` are plain values (text, numbers, lists): the field's
    value for ``changed``, the name for ``renamed``, the containing stage or
    touchpoint id for ``moved``, the id order for ``reordered``.
    """

    kind: ChangeKind
    item: str
    id: str
    impact: Impact = "neutral"
    field: str | None = None
    old: Any = None
    new: Any = None
    label: str = ""
    """The item's name or title (the new one when it has both), to show people."""
    where: str | None = None
    """The containing stage or touchpoint id, to help find the item."""
    why: str | None = None
    """Why the change is an improvement or a regression, in words."""
    callout: bool = False
    """A change to point out first: a new high or critical pain point."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Summary:
    """Counts of each class of change, and the journey's vital signs before and after."""

    improvements: int = 0
    regressions: int = 0
    neutral: int = 0
    emotion_before: float | None = None
    emotion_after: float | None = None
    pains_before: dict[str, int] = field(default_factory=dict)
    pains_after: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.improvements + self.regressions + self.neutral

    def count(self, changes: list[Change]) -> None:
        for c in changes:
            if c.impact == "improvement":
                self.improvements += 1
            elif c.impact == "regression":
                self.regressions += 1
            else:
                self.neutral += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "improvements": self.improvements,
            "regressions": self.regressions,
            "neutral": self.neutral,
            "average_emotion": {"before": _round(self.emotion_before), "after": _round(self.emotion_after)},
            "pain_points_by_severity": {"before": dict(self.pains_before), "after": dict(self.pains_after)},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass
class FileDiff:
    """How one journey file changed between the two sides."""

    status: FileStatus
    old_path: str | None
    new_path: str | None
    journey_id: str | None = None
    title: str | None = None
    changes: list[Change] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Problems that kept a side from being compared (bad YAML, schema errors)."""
    invalid_sides: tuple[str, ...] = ()
    """``"old"``, ``"new"`` or both: the sides that are not valid journeys (status ``invalid``)."""
    old_journey: Journey | None = field(default=None, repr=False)
    new_journey: Journey | None = field(default=None, repr=False)
    old_catalog: Catalog | None = field(default=None, repr=False)
    new_catalog: Catalog | None = field(default=None, repr=False)
    """The workspace catalogs each side was validated against (to draw the journey with names)."""

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "old_path": self.old_path,
            "new_path": self.new_path,
            "journey": self.journey_id,
            "title": self.title,
            "summary": self.summary.to_dict(),
            "changes": [c.to_dict() for c in self.changes],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


@dataclass
class DiffReport:
    """Everything ``cjm diff`` found, for every output format."""

    old_label: str
    new_label: str
    files: list[FileDiff] = field(default_factory=list)
    workspace_changes: list[Change] = field(default_factory=list)
    """Changes to the shared catalog in ``cjm.yaml``."""
    workspace_path: str | None = None
    summary: Summary = field(default_factory=Summary)

    @property
    def changes(self) -> list[Change]:
        out = list(self.workspace_changes)
        for f in self.files:
            out.extend(f.changes)
        return out

    @property
    def has_changes(self) -> bool:
        return any(f.status != "unchanged" for f in self.files) or bool(self.workspace_changes)

    @property
    def has_regressions(self) -> bool:
        return any(c.impact == "regression" for c in self.changes)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def has_invalid(self) -> bool:
        return any(f.status == "invalid" for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "tool": "cjm diff",
            "old": self.old_label,
            "new": self.new_label,
            "summary": {**self.summary.to_dict(), "files": len(self.files), "invalid": self.has_invalid},
            "workspace": {"path": self.workspace_path, "changes": [c.to_dict() for c in self.workspace_changes]},
            "journeys": [f.to_dict() for f in self.files],
        }
