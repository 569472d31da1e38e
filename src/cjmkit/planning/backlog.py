"""The workspace's backlog: every open opportunity, scored and ranked, and the serious pains nobody addresses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmkit import facts
from cjmkit.diagnostics import Diagnostic
from cjmkit.model.journey import SEVERITY_ORDER, Journey
from cjmkit.model.settings import Scoring
from cjmkit.scoring import ScoringModel, model_of, rank_key, score
from cjmkit.workspace import Workspace

if TYPE_CHECKING:
    from cjmkit.validation import CheckedJourney

#: The statuses of work still to do; ``cjm plan`` shows these unless told otherwise.
OPEN_STATUSES = ("idea", "planned", "in-progress")
STATUSES = (*OPEN_STATUSES, "done", "dropped")
#: The pain points listed below the backlog when nothing addresses them.
SERIOUS = ("high", "critical")


@dataclass
class PainRef:
    """A pain point as the plan shows it: how bad, how important its touchpoint is, where."""

    id: str
    description: str
    severity: str | None
    importance: int | None
    journey: str
    stage: str
    touchpoint: str
    owner: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "severity": self.severity,
            "customer_importance": self.importance,
            "journey": self.journey,
            "stage": self.stage,
            "touchpoint": self.touchpoint,
            "owner": self.owner,
        }


@dataclass
class KpiRef:
    id: str
    name: str
    current: float | None
    target: float | None
    unit: str | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("id", "name", "current", "target", "unit", "status")}

    def shown(self) -> str:
        unit = "" if not self.unit else ("%" if self.unit == "percent" else f" {self.unit}")
        current = "no data" if self.current is None else f"{_num(self.current)}{unit}"
        target = "no target" if self.target is None else f"{_num(self.target)}{unit}"
        return f"{self.name}: {current} (target {target})"


def _num(value: float) -> str:
    return facts.plain_number(value) if isinstance(value, float) else str(value)


@dataclass
class PlanItem:
    """One opportunity in the backlog."""

    id: str
    title: str
    journey: str
    journey_title: str
    path: str
    status: str
    priority: int | None
    score: float | None
    factors: dict[str, float]
    quadrant: str | None
    owner: str | None
    stakeholders: list[str]
    pains: list[PainRef]
    stages: list[str]
    kpis: list[KpiRef]
    rank: int = 0

    @property
    def severities(self) -> list[int]:
        return [SEVERITY_ORDER.get(p.severity or "", 0) for p in self.pains]

    @property
    def worst_severity(self) -> str | None:
        ranked = [p.severity for p in self.pains if p.severity]
        return max(ranked, key=lambda s: SEVERITY_ORDER[s]) if ranked else None

    @property
    def shown_score(self) -> str:
        """The score as people read it: two decimals at most (``1.67``, ``2.5``, ``160``); empty when unscored."""
        return "" if self.score is None else f"{self.score:.2f}".rstrip("0").rstrip(".")

    def sort_key(self) -> tuple[int, int, int, float, int, int, str, str]:
        return rank_key(self.priority, self.score, self.severities, self.id, self.journey)

    def involves(self, team: str) -> bool:
        return self.owner == team or team in self.stakeholders

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "id": self.id,
            "title": self.title,
            "journey": self.journey,
            "journey_title": self.journey_title,
            "path": self.path,
            "status": self.status,
            "priority": self.priority,
            "score": None if self.score is None else round(self.score, 4),
            "factors": self.factors,
            "quadrant": self.quadrant,
            "owner": self.owner,
            "stakeholders": self.stakeholders,
            "pain_points": [p.to_dict() for p in self.pains],
            "stages": self.stages,
            "kpis": [k.to_dict() for k in self.kpis],
        }


@dataclass
class JourneyPlan:
    """What one journey adds to the backlog (small and picklable: a worker sends it back)."""

    journey: str = ""
    teams: frozenset[str] = frozenset()
    items: list[PlanItem] = field(default_factory=list)
    unaddressed: list[PainRef] = field(default_factory=list)


def plan_journey(
    journey: Journey, path: str, model: ScoringModel | None, teams: frozenset[str] = frozenset()
) -> JourneyPlan:
    """Every opportunity of ``journey`` with its score and context, and its serious pains nobody addresses."""
    pains: dict[str, PainRef] = {}
    stage_of: dict[str, str] = {}
    for stage, tp, pp in journey.iter_pain_points():
        importance = tp.importance.customer if tp.importance else None
        owner = tp.owner or stage.owner or journey.owner
        pains[pp.id] = PainRef(pp.id, pp.description, pp.severity, importance, journey.id, stage.name, tp.name, owner)
        stage_of[pp.id] = stage.name
    kpis = {kpi.id: kpi for _, _, kpi in journey.iter_kpis()}
    out = JourneyPlan(journey.id, teams)
    for opp in journey.opportunities:
        scored = score(model, opp.scores) if model is not None else None
        addressed = [pains[p] for p in opp.addresses if p in pains]
        stages = list(dict.fromkeys(stage_of[p.id] for p in addressed))
        out.items.append(
            PlanItem(
                id=opp.id,
                title=opp.title,
                journey=journey.id,
                journey_title=journey.title,
                path=path,
                status=opp.status,
                priority=opp.priority,
                score=scored.value if scored else None,
                factors=scored.factors if scored else {k: float(v) for k, v in opp.scores.items()},
                quadrant=scored.quadrant if scored else None,
                owner=opp.owner,
                stakeholders=list(opp.stakeholders),
                pains=addressed,
                stages=stages,
                kpis=[
                    KpiRef(k.id, k.name, k.current, k.target, k.unit, facts.kpi_status(k))
                    for k in (kpis[i] for i in opp.kpis if i in kpis)
                ],
            )
        )
    out.unaddressed = [
        pains[r.pain_point.id] for r in facts.unaddressed_pains(journey, SERIOUS) if r.pain_point.id in pains
    ]
    return out


@dataclass
class Plan:
    """The ranked backlog of a set of journeys."""

    items: list[PlanItem]
    unaddressed: list[PainRef]
    model: str | None
    total: int = 0
    """How many opportunities the backlog holds before ``--team``, ``--journey`` and ``--top``."""
    files: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    workspace_broken: bool = False
    """cjm.yaml has problems: no journey was read, so the (empty) backlog says nothing."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "opportunities": [i.to_dict() for i in self.items],
            "unaddressed_pain_points": [p.to_dict() for p in self.unaddressed],
        }


def rank(items: list[PlanItem]) -> list[PlanItem]:
    """``items`` in backlog order, each with its ``rank`` (1 = first)."""
    ordered = sorted(items, key=PlanItem.sort_key)
    for i, item in enumerate(ordered, 1):
        item.rank = i
    return ordered


def journey_backlog(journey: Journey, scoring: Scoring | None) -> list[PlanItem]:
    """One journey's open opportunities, ranked as ``cjm plan`` ranks the workspace's."""
    items = plan_journey(journey, "", model_of(scoring) if scoring else None).items
    return rank([i for i in items if i.status in OPEN_STATUSES])


def _unaddressed_key(p: PainRef) -> tuple[int, int, str, str]:
    return (-SEVERITY_ORDER.get(p.severity or "", 0), -(p.importance or 0), p.journey, p.id)


def assemble(
    parts: Sequence[JourneyPlan],
    scoring: Scoring | None,
    *,
    team: str | None = None,
    journey: str | None = None,
    statuses: Sequence[str] = OPEN_STATUSES,
    top: int | None = None,
) -> Plan:
    """Rank the opportunities of ``parts`` with the given statuses, then keep those of ``team`` / ``journey``.

    The rank is the place in the whole backlog of these journeys: a team's view keeps it.
    """
    _check_filter("team", team, {t for part in parts for t in part.teams})
    _check_filter("journey", journey, {part.journey for part in parts})
    if top is not None and top < 1:
        from cjmkit.errors import UsageError

        raise UsageError(f"--top must be 1 or more (got {top})")
    for status in statuses:
        if status not in STATUSES:
            from cjmkit.errors import UsageError

            raise UsageError(f"--status must be one of: {', '.join(STATUSES)} (got '{status}')")
    wanted = set(statuses)
    items = rank([i for part in parts for i in part.items if i.status in wanted])
    total = len(items)
    unaddressed = sorted((p for part in parts for p in part.unaddressed), key=_unaddressed_key)
    if team is not None:
        items = [i for i in items if i.involves(team)]
        unaddressed = [p for p in unaddressed if p.owner == team]
    if journey is not None:
        items = [i for i in items if i.journey == journey]
        unaddressed = [p for p in unaddressed if p.journey == journey]
    if top is not None:
        items = items[:top]
    return Plan(items, unaddressed, scoring.model if scoring else None, total)


def _check_filter(kind: str, value: str | None, known: set[str]) -> None:
    if value is None or value in known or not known:
        return
    from cjmkit.errors import UsageError
    from cjmkit.suggest import did_you_mean

    hint = did_you_mean(value, known)
    raise UsageError(f"--{kind} '{value}': no such {kind} in these journeys" + (f"; {hint}" if hint else ""))


# -- from paths, on every core --------------------------------------------------


def _plan_file(path: str, display: str, ws: Workspace) -> tuple[CheckedJourney, JourneyPlan | None]:
    from cjmkit.validation import validate_file

    checked = validate_file(path, ws, display)
    part = None
    if checked.journey is not None and checked.valid:
        scoring = ws.config.scoring if ws.config else None
        model = model_of(scoring) if scoring else None
        teams = frozenset(t.id for t in checked.catalog.teams) if checked.catalog else frozenset()
        part = plan_journey(checked.journey, checked.path, model, teams)
    # Only what the parent needs crosses the process boundary (the focus is resolved there).
    checked.journey = None
    checked.document = None
    checked.catalog = None
    return checked, part


def _plan_task(item: tuple[str, str, str | None]) -> tuple[CheckedJourney, JourneyPlan | None]:
    from cjmkit.validation import workspace_for

    path, display, root = item
    return _plan_file(path, display, workspace_for(root))


def build_plan(
    paths: Sequence[str | Path] | None = None,
    *,
    team: str | None = None,
    journey: str | None = None,
    statuses: Sequence[str] = OPEN_STATUSES,
    top: int | None = None,
    jobs: int | None = None,
) -> Plan:
    """The ranked backlog of the journeys ``paths`` name (default: the workspace's).

    Files with errors (a ``focus`` on another journey included) are left out; their problems
    are in ``Plan.diagnostics``. Raises
    :class:`~cjmkit.errors.UsageError` as :func:`cjmkit.validation.select` does.
    """
    from cjmkit.parallel import MIN_FILES_FOR_POOL, map_files
    from cjmkit.validation import resolve_focus, select
    from cjmkit.workspace import display_path

    selection = select(paths, workspace=None)
    ws = selection.workspace
    diagnostics = list(ws.diagnostics)
    root = str(ws.root) if ws.config_path is not None else None
    parts: list[JourneyPlan] = []
    if not ws.diagnostics:
        files = selection.files
        results: Iterable[tuple[CheckedJourney, JourneyPlan | None]]
        if len(files) < MIN_FILES_FOR_POOL or jobs == 1:
            results = [_plan_file(str(f), display_path(f), ws) for f in files]
        else:
            results = list(map_files(_plan_task, [(str(f), display_path(f), root) for f in files], jobs))
        # A tactical map's focus on another journey is checked once every file is known, as validate does.
        resolve_focus([checked for checked, _ in results], ws, {f.resolve() for f in files})
        for checked, part in results:
            diagnostics += checked.diagnostics
            if part is not None and checked.valid:
                parts.append(part)
    scoring = ws.config.scoring if ws.config else None
    plan = assemble(parts, scoring, team=team, journey=journey, statuses=statuses, top=top)
    plan.files = len(selection.files)
    plan.diagnostics = diagnostics
    plan.workspace_broken = bool(ws.diagnostics)
    return plan
