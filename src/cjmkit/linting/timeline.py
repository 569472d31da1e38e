"""What history rules see of a journey's past: each KPI's measurements and when its pain points last changed.

Linting does not read git: ``cjmkit.history`` builds a :class:`Timeline` for each
file (``cjm lint`` asks for one only when a rule that needs it is turned on and the
file is in a git repository) and the engine hands it to the rules. Without one,
history rules say nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """One committed value of a KPI: when it was measured, the value, and the target at the time."""

    day: dt.date
    value: float
    target: float | None
    commit: str


@dataclass(frozen=True)
class Timeline:
    """A journey's committed past, oldest first."""

    kpis: Mapping[str, tuple[Measurement, ...]] = field(default_factory=dict)
    """Each KPI's measurements, by KPI id."""
    pains_since: dt.date | None = None
    """The date of the commit at which the pain points last changed (or first appeared)."""
    pains_key: str | None = None
    """The pain points as last committed (:func:`cjmkit.facts.pain_points_key`), to tell an uncommitted change."""


#: Given the files to lint, the timeline of each one that has a history (keyed by resolved path).
TimelineSource = Callable[[Sequence[Path]], Mapping[Path, Timeline]]
