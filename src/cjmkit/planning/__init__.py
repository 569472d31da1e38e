"""``cjm plan``: one ranked backlog across the workspace's journeys."""

from __future__ import annotations

from cjmkit.planning.backlog import (
    OPEN_STATUSES,
    STATUSES,
    JourneyPlan,
    KpiRef,
    PainRef,
    Plan,
    PlanItem,
    assemble,
    build_plan,
    journey_backlog,
    plan_journey,
    rank,
)

__all__ = [
    "OPEN_STATUSES",
    "STATUSES",
    "JourneyPlan",
    "KpiRef",
    "PainRef",
    "Plan",
    "PlanItem",
    "assemble",
    "build_plan",
    "journey_backlog",
    "plan_journey",
    "rank",
]
