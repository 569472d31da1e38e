"""Facts derived from a journey, shared by lint, render, diff and stats.

Each fact is computed here once, so every command agrees on what "stale",
"emotion gap", "off target" or "the most urgent pain point" means.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Literal

from cjmkit.model.journey import SEVERITY_ORDER, Experience, Journey, Kpi, Opportunity, PainPoint, Stage, Touchpoint

#: Review period used when a map sets no ``review_every``.
DEFAULT_REVIEW_DAYS = 180

KpiStatus = Literal["on-target", "off-target", "no-target", "no-data"]


# -- currency -----------------------------------------------------------------


def review_due(journey: Journey, default_days: int = DEFAULT_REVIEW_DAYS) -> dt.date | None:
    """The date by which the map must be reviewed again (None: never reviewed)."""
    if journey.updated is None:
        return None
    try:
        return journey.updated + dt.timedelta(days=journey.review_every or default_days)
    except OverflowError:
        # Past the calendar (the format keeps dates and periods far from it; a caller may not).
        return dt.date.max


def is_stale(journey: Journey, today: dt.date | None = None, default_days: int = DEFAULT_REVIEW_DAYS) -> bool:
    """True when the review date has passed (a never-reviewed map is not "stale": it is unreviewed)."""
    due = review_due(journey, default_days)
    return due is not None and (today or dt.date.today()) > due


def days_overdue(journey: Journey, today: dt.date | None = None, default_days: int = DEFAULT_REVIEW_DAYS) -> int:
    due = review_due(journey, default_days)
    if due is None:
        return 0
    return max(0, ((today or dt.date.today()) - due).days)


# -- emotion and perception ---------------------------------------------------


def plain_number(value: float) -> str:
    """A figure as people write it: ``98`` for 98.0, ``12345.67`` as is (never ``1.2e+04``)."""
    if float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


def touchpoint_emotion(tp: Touchpoint) -> float | None:
    """The touchpoint's emotion: its own ``emotion``, else the mean of its personas' experiences (derived,
    never written to the file). An ``int`` whenever the file sets it."""
    if tp.emotion is not None or not tp.experiences:
        return tp.emotion
    return mean(e.emotion for e in tp.experiences if e.emotion is not None)


def emotion_is_derived(tp: Touchpoint) -> bool:
    """True when the touchpoint's emotion is the mean of its experiences, not written in the file."""
    return tp.emotion is None and any(e.emotion is not None for e in tp.experiences)


def rounded_emotion(value: float) -> int:
    """A derived emotion on the -2..2 scale for what draws whole steps (colours, Mermaid scores); .5 rounds away
    from zero, so a split between -1 and -2 reads as -2, not as -1 or as Python's banker's rounding."""
    step = int(abs(value) + 0.5)
    return step if value >= 0 else -step


def emotion_gap(tp: Touchpoint) -> float | None:
    """Desired minus observed emotion (positive: the customer feels worse than wanted)."""
    emotion = touchpoint_emotion(tp)
    if emotion is None or tp.desired_emotion is None:
        return None
    return tp.desired_emotion - emotion


def experience_desired(tp: Touchpoint, exp: Experience) -> int | None:
    """The emotion wanted for one persona: its own ``desired_emotion``, else the touchpoint's."""
    return exp.desired_emotion if exp.desired_emotion is not None else tp.desired_emotion


def experience_gap(tp: Touchpoint, exp: Experience) -> int | None:
    """Desired minus observed emotion for one persona (the touchpoint's desired emotion when it sets none)."""
    desired = experience_desired(tp, exp)
    if exp.emotion is None or desired is None:
        return None
    return desired - exp.emotion


def mean(values: Iterable[float]) -> float | None:
    vals = list(values)
    return sum(vals) / len(vals) if vals else None


def touchpoint_emotions(journey: Journey) -> list[float]:
    """Every touchpoint's emotion (its own or derived), in map order; touchpoints without one are left out."""
    return [e for _, _, _, tp in journey.iter_touchpoints() if (e := touchpoint_emotion(tp)) is not None]


def average_emotion(journey: Journey) -> float | None:
    return mean(touchpoint_emotions(journey))


def average_emotion_across(journeys: Iterable[Journey]) -> float | None:
    """The average observed emotion over the touchpoints of several journeys (each touchpoint counts once)."""
    return mean(e for j in journeys for e in touchpoint_emotions(j))


def average_emotion_gap(journey: Journey) -> float | None:
    return mean(g for _, _, _, tp in journey.iter_touchpoints() if (g := emotion_gap(tp)) is not None)


@dataclass(frozen=True)
class PerceptionGap:
    measure: Literal["importance", "performance"]
    customer: int
    company: int

    @property
    def size(self) -> int:
        return abs(self.customer - self.company)


def perception_gaps(tp: Touchpoint) -> list[PerceptionGap]:
    """Where the customer's and the company's ratings of a touchpoint both exist."""
    out = []
    for measure in ("importance", "performance"):
        ratings = getattr(tp, measure)
        if ratings is not None and ratings.customer is not None and ratings.company is not None:
            out.append(PerceptionGap(measure, ratings.customer, ratings.company))  # type: ignore[arg-type]
    return out


# -- personas -----------------------------------------------------------------


def experience_of(tp: Touchpoint, persona: str) -> Experience | None:
    """The persona's experience of the touchpoint, if the map records one."""
    for exp in tp.experiences:
        if exp.persona == persona:
            return exp
    return None


def experience_personas(journey: Journey) -> list[str]:
    """Personas with at least one experience in the journey: the journey's personas first, in their order."""
    found = {e.persona for _, _, _, tp in journey.iter_touchpoints() for e in tp.experiences}
    ordered = [p for p in journey.personas if p in found]
    return ordered + sorted(found - set(ordered))


def experience_perception_gaps(tp: Touchpoint, exp: Experience) -> list[PerceptionGap]:
    """One persona's customer-side ratings against the company's ratings of the touchpoint."""
    out = []
    for measure in ("importance", "performance"):
        mine = getattr(exp, measure)
        ratings = getattr(tp, measure)
        if mine is not None and ratings is not None and ratings.company is not None:
            out.append(PerceptionGap(measure, mine, ratings.company))  # type: ignore[arg-type]
    return out


@dataclass
class PersonaFigures:
    """One persona's emotions across journeys: the sums behind its average emotion and gap."""

    emotions: list[int] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    journeys: list[str] = field(default_factory=list)

    @property
    def average_emotion(self) -> float | None:
        return mean(self.emotions)

    @property
    def average_gap(self) -> float | None:
        return mean(self.gaps)


def persona_figures(journeys: Iterable[Journey]) -> dict[str, PersonaFigures]:
    """Per persona (with experiences), its emotions and gaps over every touchpoint of the journeys given."""
    out: dict[str, PersonaFigures] = {}
    for j in journeys:
        for _, _, _, tp in j.iter_touchpoints():
            for exp in tp.experiences:
                fig = out.setdefault(exp.persona, PersonaFigures())
                if not fig.journeys or fig.journeys[-1] != j.id:
                    fig.journeys.append(j.id)
                if exp.emotion is not None:
                    fig.emotions.append(exp.emotion)
                if (gap := experience_gap(tp, exp)) is not None:
                    fig.gaps.append(gap)
    return dict(sorted(out.items()))


# -- KPIs ---------------------------------------------------------------------


def kpi_status(kpi: Kpi) -> KpiStatus:
    """Whether ``current`` is on the right side of ``target`` (``direction`` says which is better)."""
    if kpi.target is None:
        return "no-target"
    if kpi.current is None:
        return "no-data"
    on = kpi.current >= kpi.target if kpi.direction == "up" else kpi.current <= kpi.target
    return "on-target" if on else "off-target"


def kpi_attainment(kpi: Kpi) -> float | None:
    """How far ``current`` is toward ``target``, as a share (1.0 = on target; capped at 1.5)."""
    if kpi.target is None or kpi.current is None:
        return None
    try:
        if kpi.direction == "up":
            ratio = kpi.current / kpi.target if kpi.target else (1.0 if kpi.current >= 0 else 0.0)
        else:
            ratio = kpi.target / kpi.current if kpi.current else 1.5
    except OverflowError:
        # Whole numbers too large for a float: the larger side wins by far.
        bigger = abs(kpi.current) > abs(kpi.target)
        ratio = 1.5 if bigger == (kpi.direction == "up") else 0.0
        if (kpi.current < 0) != (kpi.target < 0):
            ratio = 0.0
    return max(0.0, min(1.5, ratio))


def kpi_moved_toward_target(old: Kpi, new: Kpi) -> bool | None:
    """True if ``current`` moved toward the target, False if away, None if unknown or unchanged."""
    if old.current is None or new.current is None or old.current == new.current:
        return None
    better_up = new.direction == "up"
    improved = new.current > old.current if better_up else new.current < old.current
    return improved


# -- pain points --------------------------------------------------------------


def severity_rank(pp: PainPoint) -> int:
    """0 for an unprioritised pain point, then 1 (low) .. 4 (critical)."""
    return SEVERITY_ORDER.get(pp.severity or "", 0)


@dataclass
class RankedPain:
    """A pain point with what it takes to act on it."""

    stage: Stage
    touchpoint: Touchpoint
    pain_point: PainPoint
    addressed_by: list[Opportunity] = field(default_factory=list)

    @property
    def importance(self) -> int:
        imp = self.touchpoint.importance
        return (imp.customer or imp.company or 0) if imp else 0

    @property
    def addressed(self) -> bool:
        return any(o.status != "dropped" for o in self.addressed_by)


def highest_severity(tp: Touchpoint) -> str | None:
    """The worst severity among a touchpoint's pain points (None: no prioritised pain point)."""
    ranked = [pp for pp in tp.pain_points if pp.severity]
    return max(ranked, key=severity_rank).severity if ranked else None


def ranked_pain_points(journey: Journey) -> list[RankedPain]:
    """Pain points, most urgent first: by severity, then by the customer's importance of the touchpoint,
    then moments of truth first, then map order."""
    by_pain: dict[str, list[Opportunity]] = {}
    for opp in journey.opportunities:
        for pid in opp.addresses:
            by_pain.setdefault(pid, []).append(opp)
    pains = [
        RankedPain(stage, tp, pp, sorted(by_pain.get(pp.id, []), key=lambda o: (o.priority or 10**6, o.id)))
        for stage, tp, pp in journey.iter_pain_points()
    ]
    order = {id(p): i for i, p in enumerate(pains)}
    return sorted(
        pains,
        key=lambda r: (-severity_rank(r.pain_point), -r.importance, not r.touchpoint.moment_of_truth, order[id(r)]),
    )


def unaddressed_pains(journey: Journey, severities: Iterable[str] = ("high", "critical")) -> list[RankedPain]:
    """Pain points of the given severities that no live opportunity addresses."""
    wanted = set(severities)
    return [r for r in ranked_pain_points(journey) if r.pain_point.severity in wanted and not r.addressed]


def touchpoints_being_fixed(journey: Journey) -> set[str]:
    """Ids of touchpoints with at least one pain point that a live (not dropped) opportunity addresses."""
    return {r.touchpoint.id for r in ranked_pain_points(journey) if r.addressed}


def pains_by_severity(journey: Journey) -> dict[str, int]:
    """Counts per severity, ``unprioritised`` for none; every key present, in severity order."""
    counts = Counter(pp.severity or "unprioritised" for _, _, pp in journey.iter_pain_points())
    return {k: counts.get(k, 0) for k in ("critical", "high", "medium", "low", "unprioritised")}


def pain_points_key(journey: Journey) -> str:
    """The pain points as one text (where each is, its id, severity and description): equal texts, same pain points.

    History compares it between versions to find when a team last changed what it
    knows about the customer's pains.
    """
    items = sorted(
        (tp.id, pp.id, pp.severity or "", " ".join(pp.description.split())) for _, tp, pp in journey.iter_pain_points()
    )
    return "\n".join("|".join(item) for item in items)


def kpi_shortfall(value: float, target: float | None, direction: str) -> float:
    """How far ``value`` is on the wrong side of ``target`` (0 when on target or with no target)."""
    if target is None:
        return 0.0
    return max(0.0, target - value) if direction == "up" else max(0.0, value - target)


# -- flow ---------------------------------------------------------------------


def uses_flow(journey: Journey) -> bool:
    """True when any touchpoint says where it leads with ``next``."""
    return any(tp.next for _, _, _, tp in journey.iter_touchpoints())


def flow_edges(journey: Journey) -> list[tuple[str, str]]:
    """The journey's flow: ``next`` links, or the map order when the journey has none."""
    if uses_flow(journey):
        return [(tp.id, nxt) for _, _, _, tp in journey.iter_touchpoints() for nxt in tp.next]
    ids = [tp.id for _, _, _, tp in journey.iter_touchpoints()]
    return list(itertools.pairwise(ids))


# -- ownership ----------------------------------------------------------------


@dataclass
class TeamLoad:
    """What one team owns or backs across journeys."""

    stages: list[tuple[str, str]] = field(default_factory=list)  # (journey id, stage id)
    touchpoints: list[tuple[str, str]] = field(default_factory=list)
    kpis: list[tuple[str, str]] = field(default_factory=list)
    opportunities: list[tuple[str, str]] = field(default_factory=list)
    backstage: list[tuple[str, str]] = field(default_factory=list)  # touchpoints the team works behind
    journeys: list[str] = field(default_factory=list)  # journeys the team owns

    @property
    def total(self) -> int:
        """Everything the team answers for: the sum of the other counts (journeys and backstage included)."""
        parts = (self.journeys, self.stages, self.touchpoints, self.kpis, self.opportunities, self.backstage)
        return sum(len(items) for items in parts)


def team_load(journeys: Iterable[Journey]) -> dict[str, TeamLoad]:
    """Per team: the journeys, stages, touchpoints, KPIs and opportunities it owns."""
    load: dict[str, TeamLoad] = {}

    def of(team: str) -> TeamLoad:
        return load.setdefault(team, TeamLoad())

    for j in journeys:
        if j.owner:
            of(j.owner).journeys.append(j.id)
        for stage in j.stages:
            if stage.owner:
                of(stage.owner).stages.append((j.id, stage.id))
            for tp in stage.touchpoints:
                if tp.owner:
                    of(tp.owner).touchpoints.append((j.id, tp.id))
                for k in tp.kpis:
                    if k.owner:
                        of(k.owner).kpis.append((j.id, k.id))
                for step in tp.backstage:
                    if step.team:
                        of(step.team).backstage.append((j.id, tp.id))
        for opp in j.opportunities:
            if opp.owner:
                of(opp.owner).opportunities.append((j.id, opp.id))
    return dict(sorted(load.items()))


def merge_team_loads(loads: Iterable[dict[str, TeamLoad]]) -> dict[str, TeamLoad]:
    """One load per team from loads counted separately (journey by journey), in the order given."""
    merged: dict[str, TeamLoad] = {}
    for part in loads:
        for team, load in part.items():
            into = merged.setdefault(team, TeamLoad())
            for f in fields(TeamLoad):
                getattr(into, f.name).extend(getattr(load, f.name))
    return dict(sorted(merged.items()))
