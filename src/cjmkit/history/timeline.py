"""The timelines history rules lint with: each file's KPI measurements and when its pain points last changed.

``cjm lint`` passes :func:`timelines` to :func:`cjmkit.linting.lint`, which calls it
only when a rule that needs history is turned on. Outside a git repository (or
before the first commit) there is no history, and the rules say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cjmkit.linting.timeline import Measurement, Timeline

if TYPE_CHECKING:
    from cjmkit.history.series import JourneyHistory


def timelines(files: Sequence[Path], jobs: int | None = None) -> dict[Path, Timeline]:
    """The timeline of each file with a committed history, by resolved path; uncached versions on ``jobs`` processes."""
    # git is read only when a history rule runs, so plain `cjm lint` does not load it.
    from cjmkit.gitrepo import GitError
    from cjmkit.history.series import journey_history

    if not files:
        return {}
    try:
        history = journey_history(list(files), jobs=jobs)
    except GitError:
        return {}
    if history.top is None:
        return {}
    return {(history.top / j.path).resolve(): timeline_of(j) for j in history.journeys if j.path}


def timeline_of(journey: JourneyHistory) -> Timeline:
    """One journey's timeline: its KPI series and the commit date its pain points last changed."""
    kpis = {
        kid: tuple(Measurement(p.date, p.value, p.target, p.commit) for p in series.points)
        for kid, series in journey.kpis.items()
    }
    since = None
    key = None
    for point in journey.points:
        facts = point.facts
        if facts is None or not facts.valid:
            continue
        if since is None or facts.pains_key != key:
            since, key = point.date.date(), facts.pains_key
    return Timeline(kpis=kpis, pains_since=since, pains_key=key)
