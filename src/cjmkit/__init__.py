"""cjmkit: customer journey maps as code.

The Python API under the ``cjm`` command (the README's "From Python" shows each)::

    import cjmkit
    journey = cjmkit.load("examples/journeys/tour-booking.cjm.yaml")
    report = cjmkit.validate(["examples"])
    for d in report.diagnostics:
        print(d.path, d.line, d.message)

:func:`load`, :func:`validate`, :func:`lint`, :func:`render`, :func:`diff`,
:func:`plan` and :func:`journey_history` raise :class:`UsageError` for a path that does not exist (and when there is no
journey file to check). Heavy modules are imported on first use, so
``import cjmkit`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmkit.errors import InvalidJourney, UsageError

__version__ = "0.1.0"

if TYPE_CHECKING:  # annotations only: `import cjmkit` stays cheap
    import datetime as dt
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    from cjmkit.diffing.changes import DiffReport
    from cjmkit.history.series import History
    from cjmkit.linting.engine import LintReport
    from cjmkit.model import Journey
    from cjmkit.planning.backlog import Plan
    from cjmkit.rendering.draw import Engine, RenderFormat, View
    from cjmkit.validation import Report


def load(path: str | Path) -> Journey:
    """Load and validate one journey file; raise :class:`InvalidJourney` if it has problems."""
    from cjmkit.validation import check

    result = check([path]).results[0]
    if result.journey is None or not result.valid:
        raise InvalidJourney(result.diagnostics)
    return result.journey


def validate(paths: Sequence[str | Path] | None = None, *, jobs: int | None = None) -> Report:
    """Validate journey files or folders (default: the current workspace's journeys), as ``cjm validate`` does."""
    from cjmkit.validation import validate as _validate

    return _validate(paths, jobs=jobs)


def lint(
    paths: Sequence[str | Path] | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    jobs: int | None = None,
) -> LintReport:
    """Validate and lint journey files, as ``cjm lint`` does (``select``/``ignore``: rule names, codes, prefixes).

    Raises :class:`cjmkit.errors.LintConfigError` when ``cjm.yaml``'s ``lint:`` section
    has problems and :class:`cjmkit.errors.SelectionError` for an unknown rule.
    """
    from cjmkit.history.timeline import timelines
    from cjmkit.linting import lint as _lint

    return _lint(paths, select=select, ignore=ignore, today=today, jobs=jobs, timelines=timelines)


def render(
    path: str | Path,
    format: RenderFormat = "svg",
    *,
    view: View = "flow",
    engine: Engine = "auto",
    persona: str | None = None,
) -> str | bytes:
    """Draw one journey as ``cjm render -f FORMAT`` does: bytes for ``png`` and ``pdf``, text otherwise.

    ``persona`` draws a flow or blueprint diagram as that persona lives it (``--persona``).

    Raises :class:`InvalidJourney` when the journey has problems and
    :class:`cjmkit.errors.RenderError` when no Graphviz can draw it.
    """
    from cjmkit.rendering.draw import render_checked
    from cjmkit.validation import check

    checked = check([path])
    result = checked.results[0]
    if result.journey is None or not result.valid or checked.workspace is None:
        raise InvalidJourney(result.diagnostics)
    return render_checked(result, checked.workspace, format, view=view, engine=engine, persona=persona)


def diff(old: str | Path, new: str | Path) -> DiffReport:
    """Compare two versions of a journey, as ``cjm diff OLD NEW`` does; each is a path or ``REV:path`` in git."""
    from cjmkit.diffing import diff_files

    return diff_files(str(old), str(new))


def plan(
    paths: Sequence[str | Path] | None = None,
    *,
    team: str | None = None,
    journey: str | None = None,
    statuses: Sequence[str] = ("idea", "planned", "in-progress"),
    top: int | None = None,
) -> Plan:
    """The ranked backlog across the workspace, as ``cjm plan`` prints it.

    Open opportunities by manual priority, then score; files with problems are left out and
    their diagnostics are in ``Plan.diagnostics``. An unknown ``team`` or ``journey`` raises
    :class:`UsageError`.
    """
    from cjmkit.planning import build_plan

    return build_plan(list(paths or []), team=team, journey=journey, statuses=tuple(statuses), top=top)


def journey_history(
    paths: Sequence[str | Path] | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    journey: str | None = None,
    jobs: int | None = None,
) -> History:
    """Each journey's figures at every commit that changed it, as ``cjm history`` reports them.

    ``since`` and ``until`` are dates (YYYY-MM-DD) or git revisions. Raises :class:`UsageError`
    outside a git repository or for an unknown revision. Versions are cached as ``cjm history``
    caches them (docs/history.md); versions not cached yet are computed on ``jobs`` processes
    (None or 0: one per core).
    """
    from pathlib import Path

    from cjmkit.history.series import journey_history as walk
    from cjmkit.history.versions import FactsCache

    # (Not named ``history``: that is the package ``cjmkit.history``.)
    return walk(
        [Path(p) for p in paths or []], since=since, until=until, journey=journey, cache=FactsCache(), jobs=jobs
    )


__all__ = [
    "InvalidJourney",
    "UsageError",
    "__version__",
    "diff",
    "journey_history",
    "lint",
    "load",
    "plan",
    "render",
    "validate",
]
